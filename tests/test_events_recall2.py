"""Events recall round 3, on real OrangeSum sentences: verbal attacks, praise, lawsuits and inquiries,
laws struck down, natural disasters that « strike », unnamed groups as actors, releases."""

from __future__ import annotations

import pytest

from veille.models import Article
from veille.nlp.events.groups import load_group_nouns
from veille.nlp.events.lexicon import load_lexicon
from veille.nlp.events.plover import cameo_for


def test_new_triggers_carry_their_plover_type():
    lex = load_lexicon()
    def types(lemma, pos="VERB"):
        return {t.type for t in lex.triggers(lemma, pos)}
    assert types("tirer") >= {"ASSAULT", "MOBILIZE"}
    assert types("hommage", "NOUN") == {"SUPPORT"}
    assert types("excuser") == {"SUPPORT"}
    assert "RETREAT" in types("rendre") and "CONSULT" in types("rendre")
    assert types("censurer") == {"REJECT", "COERCE"}
    assert cameo_for("RETREAT", "surrender")[0] == "0874"
    assert cameo_for("SUPPORT", "apologize")[0] == "055"


def test_group_nouns_are_human_and_mostly_counted_in_the_plural():
    nouns = load_group_nouns()
    assert {"militant", "assaillant", "internaute", "manifestant"} <= set(nouns)
    assert nouns["foule"] and not nouns["militant"]
    assert not {"virus", "ouragan", "police"} & set(nouns)  # police is a body (groups.tsv), not a description


def events_of(analyzer, text: str, published: str = "2019-06-20"):
    return analyzer.analyze(Article(text=text, published=published)).events


@pytest.mark.slow
def test_a_named_politician_attacking_another_attacks_in_words(analyzer):
    evs = events_of(analyzer, "La veille Donald Trump a frontalement attaqué Emmanuel Macron dans un tweet alors qu'il "
                              "venait d'atterrir sur le sol Français.", "2018-11-10")
    assert [(e.type, e.actors, e.recipients) for e in evs] == [("ACCUSE", ["Donald Trump"], ["Emmanuel Macron"])]


@pytest.mark.slow
def test_a_court_striking_down_a_law_rejects_it(analyzer):
    evs = events_of(analyzer, "Le Conseil constitutionnel a censuré vendredi l'essentiel de la loi prévoyant des "
                              "\"mesures de sûreté\" pour les détenus terroristes sortant de prison.", "2020-08-07")
    assert evs and {e.type for e in evs} == {"REJECT"}


@pytest.mark.slow
def test_praise_is_support(analyzer):
    evs = events_of(analyzer, "Sur Twitter, le ministre de l'Intérieur Christophe Castaner a félicité la police "
                              "judiciaire pour cette saisie.", "2019-05-13")
    assert any(e.type == "SUPPORT" and e.actors == ["Christophe Castaner"] for e in evs)


@pytest.mark.slow
def test_a_hurricane_that_strikes_attacks_no_one(analyzer):
    evs = events_of(analyzer, "Le shérif du comté de Pasco, en Floride, a demandé à la population de ne pas tirer avec "
                              "une arme à feu sur l'ouragan Irma, qui a frappé les États-Unis dimanche 10 septembre.",
                    "2017-09-10")
    assert not [e for e in evs if e.type == "ASSAULT"]


@pytest.mark.slow
def test_an_unnamed_group_acts_under_its_description_and_keeps_the_negation(analyzer):
    evs = events_of(analyzer, "Pour l'heure, l'enfant n'est pas retourné au centre de loisirs, mais les parents n'ont "
                              "pas porté plainte.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert len(acc) == 1 and acc[0].actors == ["parents"] and acc[0].modality == "negated"


@pytest.mark.slow
def test_the_released_are_not_the_releasers(analyzer):
    evs = events_of(analyzer, "Josep Borrell a salué la libération d'un nombre important de prisonniers politiques.")
    assert not [e for e in evs if e.type == "RETREAT" and "prisonniers politiques" in e.actors]


@pytest.mark.slow
def test_a_departure_city_is_no_withdrawal(analyzer):
    evs = events_of(analyzer, "L'allocution n'aura pas lieu à Lunel (Hérault), ville de départ de nombreux jihadistes "
                              "vers la Syrie.", "2020-09-21")
    assert not [e for e in evs if e.type in ("RETREAT", "CONCEDE")]


@pytest.mark.slow
def test_maintained_advice_is_no_meeting(analyzer):
    evs = events_of(analyzer, "Il faut consulter les conseils aux voyageurs, qui sont mis en place et entretenus "
                              "régulièrement par le Quai d'Orsay.", "2019-05-11")
    assert not [e for e in evs if e.type == "CONSULT"]
