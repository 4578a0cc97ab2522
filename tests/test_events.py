"""Events layer on real sentences: seed-like sentences and OrangeSum sentences.

Each test runs the whole pipeline (entities -> times -> quotes -> events) on a short
text, so it also checks that the events layer reads the other layers correctly.
"""

from __future__ import annotations

import pytest

from veille.models import Article

pytestmark = pytest.mark.slow


def events_of(analyzer, text: str, published: str = "2020-07-02"):
    return analyzer.analyze(Article(text=text, published=published)).events


def one(events, etype):
    found = [e for e in events if e.type == etype]
    assert len(found) == 1, [(e.type, e.actors, e.modality) for e in events]
    return found[0]


def test_passive_drone_strike_codes_the_demonym_as_actor(analyzer):
    evs = events_of(analyzer, "Qassem Soleimani a été tué le 3 janvier par une frappe de drone américain "
                              "devant l'aéroport de Bagdad.", "2020-01-07")
    ev = one(evs, "ASSAULT")
    assert (ev.mode, ev.actors, ev.recipients, ev.modality) == ("drone", ["United States"], ["Qassem Soleimani"], "asserted")
    assert ev.place == "Baghdad" and ev.date == "2020-01-03"
    assert (ev.cameo, ev.quad_class) == ("19", 4)
    assert ev.trigger.text == "tué" and "frappe de drone" in ev.evidence.text


def test_announced_future_withdrawal_is_concede_planned(analyzer):
    evs = events_of(analyzer, "Un responsable de l’Otan a annoncé ce mardi 7 janvier que l’Alliance atlantique "
                              "prévoyait de retirer «temporairement» une partie de son personnel d’Irak, relate l’AFP.",
                    "2020-01-07")
    ev = one(evs, "CONCEDE")
    assert ev.actors == ["NATO"] and ev.modality == "planned" and ev.place == "Iraq"
    assert not [e for e in evs if e.modality == "asserted"]


def test_negated_intention_is_not_a_withdrawal_and_two_statements_merge(analyzer):
    text = ("La France annonce ne pas retirer ses soldats\n\nQuant à la France, sa ministre des Armées, "
            "Florence Parly, a souligné que le pays n’avait pas l’intention de rappeler ses 160 soldats déployés en Irak.")
    evs = events_of(analyzer, text, "2020-01-07")
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.actors, ev.modality) == ("RETREAT", ["France"], "negated")
    assert len(ev.more_evidence) == 1  # the headline and the body sentence are one event


def test_claim_relayed_by_a_channel_then_denied(analyzer):
    text = ("La chaîne Sky News Arabia se référant à Ali al-Ghanemi, membre de la commission du parlement irakien "
            "pour la défense et la sécurité, a annoncé que les Etats-Unis ont lancé le retrait de leurs forces de "
            "15 bases militaires.\n\nLe lieutenant-colonel Earl Brown, porte-parole du commandement central des forces "
            "armées américaines (CENTCOM) a démenti les communiqués sur le retrait de soldats américains.")
    evs = events_of(analyzer, text, "2020-02-13")
    assert len(evs) == 1  # the denial marks the claim, it is not an event of its own
    ev = evs[0]
    assert (ev.type, ev.actors, ev.modality) == ("RETREAT", ["United States"], "claimed")
    assert ev.reported_by == ["Ali al-Ghanemi", "Sky News Arabia"]
    assert ev.disputed_by == ["United States Central Command"]


def test_journalistic_conditional_is_claimed(analyzer):
    # OrangeSum: an allegation reported in the past conditional
    evs = events_of(analyzer, "Plusieurs sites et blogs obscurs alimentent depuis des années l'idée selon laquelle "
                              "M. Scarborough, alors élu républicain, aurait assassiné son assistante parlementaire.")
    ev = one(evs, "ASSAULT")
    assert ev.modality == "claimed" and ev.mode == "targeted"


def test_conditional_and_si_clause_are_hypothetical(analyzer):
    evs = events_of(analyzer, "Si la Russie envahissait l'Ukraine, les Etats-Unis imposeraient des sanctions sévères.")
    assert {(e.type, e.modality) for e in evs} == {("ASSAULT", "hypothetical"), ("SANCTION", "hypothetical")}
    # OrangeSum: modal « devrait » over an infinitive complement
    evs = events_of(analyzer, "L'UE devrait être autorisée l'an prochain à son tour par l'OMC à imposer des sanctions "
                              "douanières contre les Etats-Unis accusés d'avoir subventionné Boeing.")
    ev = one(evs, "SANCTION")
    assert ev.actors == ["European Union"] and ev.modality == "hypothetical"


@pytest.mark.parametrize(
    "text,etype,mode,actor",
    [
        # OrangeSum sentences
        ("Les autorités afghanes ont libéré lundi et mardi un millier de prisonniers talibans dans l'espoir "
         "d'aboutir à une reconduction du cessez-le-feu.", "RETREAT", "release", "Afghanistan"),
        ("Donald Trump a menacé mercredi de \"fermer\" des plateformes de réseaux sociaux après le signalement "
         "la veille par Twitter de certains de ses messages comme \"trompeurs\".", "THREATEN", None, "Donald Trump"),
        ("Le ministre britannique des Affaires étrangères, Dominic Raab, avait exhorté mardi Pékin à reculer.",
         "REQUEST", None, "Dominic Raab"),
        ("Samedi, le ministre de la Santé, Jaime Mañalich, a démissionné, après plusieurs jours de polémique sur la "
         "hausse des cas de nouveau coronavirus.", "RETREAT", "resign", "Jaime Mañalich"),
        ("Des dizaines de milliers d'Américains ont manifesté samedi dans une atmosphère apaisée contre le racisme "
         "et les brutalités policières.", "PROTEST", "demo", "United States"),
        ("Les talibans ont attaqué un check-point des forces de sécurité dans la province de Kandahar.",
         "ASSAULT", None, "Taliban"),
        # seed-like
        ("C'est alors que les Irakiens ont exigé des Américains le retrait immédiat de leurs troupes.",
         "REQUEST", "yield", "Iraq"),
        ("Au même moment, les forces de l'Otan ont clos leur mission d'entraînement.", "SANCTION", "discontinue", "NATO"),
    ],
)
def test_types_modes_and_actors(analyzer, text, etype, mode, actor):
    evs = events_of(analyzer, text)
    ev = one(evs, etype)
    assert ev.mode == mode and actor in ev.actors and ev.modality == "asserted"
    assert ev.cameo and ev.quad_class in (1, 2, 3, 4)


def test_request_absorbs_its_content(analyzer):
    evs = events_of(analyzer, "C'est alors que les Irakiens ont exigé des Américains le retrait immédiat de leurs troupes.")
    assert [e.type for e in evs] == ["REQUEST"]  # the demanded withdrawal is not a withdrawal
    assert evs[0].recipients == ["United States"]


def test_meeting_with_two_named_leaders(analyzer):
    evs = events_of(analyzer, "Le président turc Recep Tayyip Erdogan a rencontré lundi à Ankara son homologue russe "
                              "Vladimir Poutine.")
    ev = one(evs, "CONSULT")
    assert ev.actors and ev.recipients and ev.actors != ev.recipients


def test_what_is_not_an_event(analyzer):
    # OrangeSum: « manifester » with an object expresses a feeling; a reporting incise is no accusation;
    # « semblent menacés » names no one who threatens
    for text in (
        "Dans l'enclave de Gaza, des milliers de Palestiniens ont manifesté leur opposition au plan.",
        "\"L'infraction dénote une volonté illégitime et absurde d'en découdre\", a fustigé le président du tribunal, "
        "Jérôme Lizet, à la lecture du jugement.",
        "Le ministre de la Culture Franck Riester ou celui de l'Intérieur Christophe Castaner semblent aussi menacés, "
        "à divers degrés.",
    ):
        assert events_of(analyzer, text) == [], text


def test_old_events_are_historical(analyzer):
    evs = events_of(analyzer, "Les Etats-Unis ont déjà augmenté le nombre de leurs soldats en Pologne face aux "
                              "inquiétudes déclenchées par l'annexion par la Russie de la Crimée en 2014.")
    ev = one(evs, "COERCE")
    assert ev.actors == ["Russia"] and ev.modality == "historical"


def test_no_non_asserted_seed_event_comes_out_asserted(analyzer, seed_texts):
    import json

    from conftest import GOLD

    for name, text in seed_texts.items():
        gold = json.loads((GOLD / name.replace(".txt", ".json")).read_text(encoding="utf-8"))
        recs = analyzer.analyze(Article(text=text, published=(gold.get("published") or {}).get("value")))
        for ge in gold["events"]:
            if ge["modality"] == "asserted":
                continue
            types = {ge["type"], *ge.get("type_any", [])}
            for e in recs.events:
                if e.type in types and ge["evidence_contains"] in e.evidence.text and ge["actor"] in e.actors:
                    assert e.modality != "asserted", ge


def test_empty_and_eventless_texts(analyzer):
    assert events_of(analyzer, "") == []
    assert events_of(analyzer, "Il fait beau ce matin à Paris.") == []


def _has(evs, etype, actors, modality="asserted"):
    return any(e.type == etype and e.actors == actors and e.modality == modality for e in evs)


def test_unnamed_groups_act(analyzer):
    # OrangeSum (Hong Kong): police outside France stay a described group
    evs = events_of(analyzer, "Les télévisions ont montré des tirs de gaz lacrymogène par la police après minuit mais la "
                              "situation semblait globalement calme.")
    assert _has(evs, "ASSAULT", ["police"]), [(e.type, e.actors) for e in evs]
    # in a French article the police is the National Police of the knowledge base
    evs = events_of(analyzer, "A Toulouse comme à Lille, les cortèges ont été dispersés par la police, qui a fait usage "
                              "de canons à eau.")
    assert _has(evs, "COERCE", ["National Police"]), [(e.type, e.actors) for e in evs]


def test_gatherings_and_interviews_are_not_meetings(analyzer):
    # OrangeSum: a journalist's interview is no political consultation; protesters gathering protest
    evs = events_of(analyzer, "Au cours des dernières semaines, l'AFP s'est entretenue avec une dizaine de Palestiniens "
                              "éborgnés par des tirs israéliens.")
    assert not [e for e in evs if e.type == "CONSULT"]
    evs = events_of(analyzer, "Les manifestants, parmi lesquels des infirmières et aides-soignantes en blouse blanche, se "
                              "sont réunis devant l'hôpital Robert-Debré autour d'une large pancarte.")
    assert [e.type for e in evs] == ["PROTEST"]


def test_concessive_si_asserts_and_imperfect_si_supposes(analyzer):
    evs = events_of(analyzer, "Si le Premier ministre Édouard Philippe a signé un accord avec les syndicats en mai, il a "
                              "échoué à rallier la CGT.")
    assert _has(evs, "SUPPORT", ["Édouard Philippe"])
    # OrangeSum
    evs = events_of(analyzer, "Comme lorsqu'il avait déclaré, en mai, à un animateur de radio qu'il n'était \"pas noir\" "
                              "s'il songeait à voter pour Donald Trump.")
    assert not [e for e in evs if e.modality == "asserted"], [(e.type, e.modality) for e in evs]


def test_protest_without_named_protesters_is_coded_by_its_country(analyzer):
    evs = events_of(analyzer, "Une manifestation contre le gouvernement était organisée dans l'après-midi à Beyrouth.")
    assert _has(evs, "PROTEST", ["Lebanon"])


def test_pronoun_actor_is_the_previous_subject_when_it_agrees(analyzer):
    evs = events_of(analyzer, "Le Premier ministre britannique Boris Johnson a reçu mardi le président ukrainien. Il a "
                              "ensuite rencontré les dirigeants de l'Otan à Bruxelles.")
    assert all(e.actors == ["Boris Johnson"] for e in evs) and len(evs) == 2
    # « il » after a plural subject is someone else: no actor, no event (seed sentence)
    evs = events_of(analyzer, "Les communiqués contradictoires concernant le début du retrait des forces américaines "
                              "d'Irak sont directement liés à la position floue de Donald Trump. D'un côté, il avait "
                              "promis de retirer au moins une partie des forces des points chauds au Moyen-Orient.")
    assert not [e for e in evs if e.trigger.text == "retirer" and e.actors != ["Donald Trump"]]


def test_first_person_in_a_quote_is_its_speaker(analyzer):
    evs = events_of(analyzer, "\"Je demande à la Chine de libérer les journalistes\", a déclaré le ministre allemand des "
                              "Affaires étrangères Heiko Maas.")
    ev = one(evs, "REQUEST")
    assert ev.actors == ["Heiko Maas"] and ev.recipients == ["China"]
    assert [e.type for e in evs] == ["REQUEST"]  # the release asked for is not one


def test_a_motive_is_not_an_attack(analyzer):
    # OrangeSum
    evs = events_of(analyzer, "En riposte au rétablissement des sanctions américaines, Téhéran poursuit donc sa "
                              "trajectoire de production d'uranium.")
    assert not [e for e in evs if e.type == "ASSAULT"]
