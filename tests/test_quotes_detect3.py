"""Quote detection, round 3 (issue #5): incise verbs the lemmatizer leaves as their form in
-re (« soupire », « murmure »), « Pour M. X, … » opinions. Real OrangeSum sentences."""

from __future__ import annotations

from conftest import quote_with as _one, quotes_of as _quotes
from veille.nlp.quotes.lexicon import load


def test_forms_in_re_find_their_verb():
    # spaCy sometimes returns the form itself as lemma; a form in -re is not always an infinitive
    lex = load()
    assert lex.verb("soupire").lemma == "soupirer"
    assert lex.verb("murmure").lemma == "murmurer"
    assert lex.verb("dire").lemma == "dire"
    assert lex.verb("faire") is None  # no « fairer »: a real infinitive in -re is not rewritten


def test_soupire_incise_is_the_cue(analyzer):
    # OrangeSum corpus
    text = "\"Je me demande quand est-ce que ça va s'arrêter\", soupire Ophélie, une habitante du quartier."
    q = _one(_quotes(analyzer, text), "Je me demande")
    assert q.cue == "soupirer" and "Ophélie" in q.speaker.name


def test_pour_title_name_opinion(analyzer):
    # OrangeSum corpus: the title « Mme » is not the speaker's head, the name after it is
    text = ("La ministre taïwanaise du Numérique, Audrey Tang, a répondu aux questions de l'AFP. "
            "Pour Mme Tang, le système démocratique taïwanais est sorti encore plus fort de la pandémie "
            "par rapport au modèle chinois \"plus contraignant\".")
    q = _one(_quotes(analyzer, text), "le système démocratique")
    assert q.cue == "pour" and "Tang" in q.speaker.name


def test_pour_opinion_holding_a_quotation_is_mixed(analyzer):
    # OrangeSum corpus: the quoted words sit inside the opinion clause, with no verb framing them
    text = ("L'opposant Alexeï Navalny appelle à voter contre la réforme. Pour M. Navalny, le seul but "
            "du vote est de \"donner droit à une présidence à vie\" à M. Poutine.")
    q = _one(_quotes(analyzer, text), "présidence à vie")
    assert q.kind == "mixed" and q.cue == "pour" and "Navalny" in q.speaker.name


def test_prosecution_requisition_is_a_demand(analyzer):
    # OrangeSum 5647: what the prosecution « requiert » is its demand to the court
    text = ("L'avocat général avait requis une peine de 10 à 12 ans de réclusion criminelle à "
            "l'encontre de l'ex-prêtre aujourd'hui âgé de 50 ans.")
    q = _one(_quotes(analyzer, text), "une peine de 10 à 12 ans")
    assert q.cue == "requérir" and q.stance == "demand" and "avocat" in q.speaker.name.lower()


def test_participle_of_demand_with_agent(analyzer):
    # OrangeSum 6053 (the end of the sentence): what the prosecution « a requis » is its demand,
    # also when a past participle with an agent gives it (« le non-lieu requis par le parquet »)
    text = ("Les juges d'instruction doivent se prononcer sur le renvoi, mais aussi sur le non-lieu "
            "requis par le parquet de Paris en 2018.")
    q = _one(_quotes(analyzer, text), "non-lieu")
    assert q.content.text == "le non-lieu" and q.cue == "requérir" and "parquet" in q.speaker.name.lower()


def test_participle_of_dispute_is_no_quote(analyzer):
    # OrangeSum: « un décompte contesté par les manifestants » names what they dispute, not their words
    text = ("Les manifestations ont rassemblé 31.000 personnes, selon un décompte du ministère de "
            "l'Intérieur régulièrement contesté par les manifestants.")
    assert not any(q.speaker.name and "manifestants" in q.speaker.name for q in _quotes(analyzer, text))
