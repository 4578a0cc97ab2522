"""Times: French temporal expressions, normalized on the publication day.

grammar.py finds the expressions (regular grammar over plain text), normalize.py
gives their TimeML type/value/mod against an anchor day, infer.py infers the
publication day from the text when no metadata gives it, tagger.py ties these
together on plain text, tense.py adds tense hints from the spaCy parse,
component.py is the ``veille_times`` spaCy component and governing.py tells the
events layer which expression dates a clause.
"""
