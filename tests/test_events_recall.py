"""Events that carry no trigger-and-subject pair of their own, on real OrangeSum sentences:
agentless police acts, announced visits, what an accusation alleges, orders, demands
in the speaker's own words, negated contacts, and the cases that must stay silent."""

from __future__ import annotations

import pytest

from veille.models import Article

pytestmark = pytest.mark.slow


def events_of(analyzer, text: str, published: str = "2020-06-20"):
    return analyzer.analyze(Article(text=text, published=published)).events


def typed(events, etype):
    return [e for e in events if e.type == etype]


POLICE = {"National Police", "police", "forces de l'ordre"}


def test_agentless_arrest_takes_the_police_the_text_names(analyzer):
    evs = events_of(analyzer, "Ces six personnes ont été interpellées mardi dans plusieurs départements du sud, "
                              "centre et est de la France, a précisé une source policière.")
    arrests = [e for e in typed(evs, "COERCE") if e.mode == "arrest"]
    assert len(arrests) == 1 and set(arrests[0].actors) <= POLICE and arrests[0].modality == "asserted"


def test_agentless_arrest_without_police_named_invents_no_actor(analyzer):
    evs = events_of(analyzer, "Ces six personnes ont été interpellées mardi dans plusieurs départements du sud.")
    assert typed(evs, "COERCE") == []


def test_arrest_practice_is_not_an_arrest(analyzer):
    evs = events_of(analyzer, "Plusieurs centaines de policiers se sont de nouveau rassemblés mardi à Bobigny, une "
                              "semaine après des annonces du ministre de l'Intérieur sur l'abandon prochain d'une "
                              "technique d'interpellation controversée.")
    assert [e for e in typed(evs, "COERCE") if e.mode == "arrest"] == []


def test_expected_visit_is_a_planned_consult(analyzer):
    evs = events_of(analyzer, "Après cet arrêt dans la capitale vietnamienne, le président américain est attendu "
                              "dimanche à Manille.", "2017-11-11")
    visits = typed(evs, "CONSULT")
    assert len(visits) == 1 and visits[0].modality == "planned" and visits[0].mode == "visit"
    assert visits[0].place == "Manila"


def test_accusation_content_is_claimed_by_the_accused(analyzer):
    evs = events_of(analyzer, "Elles accusent les forces de l'ordre d'avoir frappé le plus âgé d'entre eux, Noam, "
                              "selon les déclarations de ce dernier, rapporte Le Parisien.")
    hits = typed(evs, "ASSAULT")
    assert len(hits) == 1 and set(hits[0].actors) <= POLICE and hits[0].modality == "claimed"


def test_ordered_release_is_not_planned(analyzer):
    evs = events_of(analyzer, "Ce jeudi 16 janvier, la chambre de l'instruction de la cour d'appel de Nîmes a décidé "
                              "de suivre l'avis de l'avocat général et a ordonné la libération de Ramon Cortes.",
                    "2020-01-17")
    hits = [e for e in evs if e.type in ("RETREAT", "CONCEDE")]
    assert hits and all(e.modality == "asserted" and e.type == "RETREAT" for e in hits)


def test_must_in_a_quote_is_the_speakers_demand(analyzer):
    evs = events_of(analyzer, 'Ce système "beaucoup plus souple" doit permettre d\'accueillir "tous les élèves", selon '
                              'Jean-Michel Blanquer. "Le ministre doit dire très clairement que même avec les nouvelles '
                              'mesures, on ne pourra pas accueillir tout le monde", a réagi Régis Metzger.')
    hits = typed(evs, "REQUEST")
    assert len(hits) == 1 and hits[0].actors == ["Régis Metzger"] and hits[0].modality == "asserted"
    assert hits[0].recipients == ["Jean-Michel Blanquer"]


def test_own_duty_in_a_quote_is_no_demand(analyzer):
    evs = events_of(analyzer, "\"Nous devons agir vite pour protéger les soignants\", a déclaré Olivier Véran.")
    assert typed(evs, "REQUEST") == []


def test_no_contact_is_a_negated_consult(analyzer):
    # an OrangeSum sentence cut to its relative clause (the full one parses « Marine » as a noun)
    evs = events_of(analyzer, "Marine Le Pen n'avait plus de contact avec lui depuis deux ans.")
    hits = typed(evs, "CONSULT")
    assert [(e.actors, e.modality) for e in hits] == [(["Marine Le Pen"], "negated")]


def test_calling_an_official_to_account_is_not_an_arrest(analyzer):
    evs = events_of(analyzer, "Deux anciennes ministres de l'Écologie, la centriste Corinne Lepage et l'ex-socialiste "
                              "Delphine Batho, interpellent la ministre de la Santé Agnès Buzyn sur l'attitude des "
                              "autorités sanitaires.")
    assert typed(evs, "COERCE") == []
    assert [e.actors[0] for e in typed(evs, "ACCUSE")] == ["Corinne Lepage"]
