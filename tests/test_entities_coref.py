"""Within-article coreference (entities/coref.py): acronyms and their long forms,
the press named once then called "le quotidien", descriptions of the article's
protagonist, and the guards that keep wrong links out. Sentences are from
OrangeSum articles outside the dev gold."""

from __future__ import annotations

from veille.models import Article


def _entities(analyzer, text: str, published: str = "2020-04-10"):
    return analyzer.analyze(Article(text=text, published=published)).entities


def _owner(entities, surface):
    return [e.name for e in entities for m in e.mentions if m.text == surface]


def test_acronym_joins_its_long_form_and_recurs(analyzer):
    text = ("La branche locale de l'Institut des médias d'Afrique australe (Misa) accuse ainsi l'armée "
            "d'avoir interpellé le journaliste. Faute de réponses publiques des autorités, le Misa a été reçu "
            "à sa demande par des collaborateurs du président.")
    ents = _entities(analyzer, text)
    owners = _owner(ents, "Misa")
    assert len(owners) == 2 and set(owners) == set(_owner(ents, "Institut des médias d'Afrique australe")), \
        [(e.name, [m.text for m in e.mentions]) for e in ents]


def test_untagged_rest_of_a_long_form_joins_the_known_acronym(analyzer):
    text = ("La Turquie y soutient militairement le Gouvernement d'union (GNA) de Fayez al-Sarraj, "
            "reconnu par l'ONU, face au pouvoir incarné par Khalifa Haftar.")
    ents = _entities(analyzer, text)
    gna = [e for e in ents if any(m.text == "GNA" for m in e.mentions)][0]
    assert any(m.text.startswith("Gouvernement d'union") for m in gna.mentions)


def test_person_and_party_acronym_stay_apart(analyzer):
    text = "Le député Eric Ciotti (LR) a dénoncé mardi une décision « incompréhensible »."
    ents = _entities(analyzer, text)
    ciotti = [e for e in ents if e.type == "PER"]
    assert ciotti and not any(m.text == "LR" for e in ciotti for m in e.mentions)


def test_le_quotidien_is_the_newspaper_named_before(analyzer):
    text = ("Un cambrioleur a été interpellé dans un magasin Monoprix du douzième arrondissement, rapporte "
            "Le Parisien. Le cambrioleur a été découvert par la brigade anticriminalité alors qu'il était "
            "caché dans le faux plafond du magasin, précise le quotidien.")
    ents = _entities(analyzer, text)
    assert _owner(ents, "le quotidien") == _owner(ents, "Le Parisien")[:1] != []


def test_a_description_of_another_gender_is_not_the_accused(analyzer):
    # "la fillette" is Emilie, not the accused Jean-Marc Deperrois named before
    text = ("Jean-Marc Deperrois a toujours clamé son innocence. Jean-Marc Deperrois a été condamné en 1997. "
            "Une enseignante dit douter de la culpabilité de l'accusé. Ce soir de juin 1994, la petite Emilie "
            "passe son week-end chez des amis. Souffrant d'une bronchite, la fillette se soigne avec de la "
            "Josacine.")
    ents = _entities(analyzer, text)
    assert "Jean-Marc Deperrois" not in _owner(ents, "la fillette")
