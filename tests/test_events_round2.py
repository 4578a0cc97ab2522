"""Events round 2, on real OrangeSum sentences: an announced resignation is the resigner's act,
a date inside an argument does not make the verb's act historical, « nous » in a quotation is
the body its speaker speaks for, and a first-person future the tagger reads as a present."""

from __future__ import annotations

import pytest

from veille.models import Article

pytestmark = pytest.mark.slow


def events_of(analyzer, text: str, published: str = "2020-06-20"):
    return analyzer.analyze(Article(text=text, published=published)).events


def test_announced_resignation_is_asserted_and_the_resigners(analyzer):
    evs = events_of(analyzer, "La ministre des Affaires européennes Nathalie Loiseau a annoncé sa démission après avoir "
                              "été investie mardi en tête de la liste LREM aux Européennes.", "2019-03-27")
    res = [e for e in evs if e.type == "RETREAT" and e.mode == "resign"]
    assert len(res) == 1 and res[0].actors == ["Nathalie Loiseau"] and res[0].modality == "asserted"
    assert not [e for e in evs if e.type == "CONCEDE"]


def test_resignation_announced_by_another_is_their_claim(analyzer):
    # a third party's announcement can be denied by the resigner: it is claimed, not asserted
    evs = events_of(analyzer, "L'Elysée a annoncé la démission de Gérard Collomb.")
    res = [e for e in evs if e.mode == "resign"]
    assert len(res) == 1 and res[0].actors == ["Gérard Collomb"] and res[0].modality == "claimed"
    assert res[0].reported_by and "Collomb" not in res[0].reported_by[0]


def test_negated_announcement_stays_negated(analyzer):
    evs = events_of(analyzer, "Jean Dupont n'a pas annoncé sa démission.")
    res = [e for e in evs if e.mode == "resign"]
    assert res and all(e.modality == "negated" for e in res)


def test_date_inside_a_relative_argument_dates_the_noun_not_the_act(analyzer):
    evs = events_of(analyzer, "Outre la Chine et la Russie, Aleksandar Vucic est soutenu par l'Occident qui le considère "
                              "comme capable de résoudre le différend avec le Kosovo, l'ancienne province serbe dont "
                              "Belgrade refuse de reconnaître l'indépendance proclamée en 2008.")
    assert evs and not [e for e in evs if e.modality == "historical"]


def test_date_on_the_act_still_makes_it_historical(analyzer):
    evs = events_of(analyzer, "En 2018, le président américain Donald Trump a décidé de se retirer de l'accord international "
                              "sur le nucléaire iranien (conclu en 2015) avant de réimposer de lourdes sanctions "
                              "économiques contre Téhéran.")
    assert any(e.type == "SANCTION" and e.modality == "historical" for e in evs)


def test_nous_in_a_quote_is_the_speakers_organisation(analyzer):
    evs = events_of(analyzer, "\"Nous condamnons fermement cet acte de vandalisme homophobe\", a déclaré le président "
                              "de SOS Homophobie, Joël Deumier, contacté par France Info.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert len(acc) == 1 and acc[0].actors == ["SOS Homophobie"] and acc[0].modality == "asserted"


def test_nous_of_a_person_with_no_known_body_gives_no_actor(analyzer):
    evs = events_of(analyzer, "\"Nous avons attaqué la position ennemie\", a affirmé le colonel.")
    assert not evs


def test_first_person_plural_future_is_planned(analyzer):
    evs = events_of(analyzer, "\"Nous nous retirerons de l'accord\", a déclaré le Premier ministre israélien "
                              "Benjamin Netanyahu.")
    assert evs and all(e.modality == "planned" for e in evs)


def test_pure_future_form_check():
    from veille.nlp.events.modality import _looks_future

    class T:  # the two attributes the check reads
        def __init__(self, text, lemma):
            self.lower_, self.lemma_ = text, lemma

    assert _looks_future(T("retirerons", "retirer")) and _looks_future(T("prendrons", "prendre"))
    assert not _looks_future(T("retirons", "retirer")) and not _looks_future(T("retirez", "retirer"))


def test_members_of_a_body_resigning_are_not_the_body(analyzer):
    evs = events_of(analyzer, "Quatre adjoints de la mairie de Lyon, issus de la gauche, ont aussi présenté vendredi "
                              "leur démission, selon la mairie.")
    assert not [e for e in evs if "Lyon" in e.actors]


def test_a_compound_participle_on_a_noun_is_not_the_clause_subjects_act(analyzer):
    evs = events_of(analyzer, "Le directeur des services de santé municipaux Bruce Dart a prévenu samedi que la situation "
                              "sanitaire se détériorait dans la ville, après une cérémonie d'obsèques ayant rassemblé "
                              "beaucoup de monde.")
    assert not [e for e in evs if e.type == "PROTEST"]


def test_a_court_named_after_its_city_does_not_make_the_city_act(analyzer):
    evs = events_of(analyzer, "Un policier de 47 ans a été condamné, mardi 23 juin par le tribunal correctionnel de "
                              "Strasbourg, à 18 mois de prison avec sursis.")
    assert not [e for e in evs if "Strasbourg" in e.actors]
