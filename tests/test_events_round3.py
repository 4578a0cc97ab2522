"""Events on unseen text, round 3: speech acts the golds code as events (« s'en prendre à »,
« déplorer » in an incise, « mettre en doute », « plaider l'acquittement », « faire appel »),
a thing announced as done is not planned, a conviction without agent is the court's. Real
OrangeSum sentences, none from the development golds."""

from __future__ import annotations

from conftest import events_of as _events
from veille.nlp.events.lexicon import load_lexicon, parse_lexicon


def test_clitic_and_copula_conditions_parse():
    lex = parse_lexicon(["ACCUSE\tdisapprove\tVERB\tprendre\trefl clitic=en obl:à=*",
                         "PROTEST\tstrike\tNOUN\tgrève\tcop"])
    (prendre,) = lex.triggers("prendre", "VERB")
    assert [a.kind for g in prendre.conditions for a in g] == ["refl", "clitic", "obl"]
    (greve,) = lex.triggers("grève", "NOUN")
    assert greve.conditions[0][0].kind == "cop"
    shipped = load_lexicon()
    assert "ACCUSE" in {t.type for t in shipped.triggers("déplorer", "VERB")}


def test_s_en_prendre_a_is_a_verbal_attack_by_the_subject(analyzer):
    evs = [e for e in _events(analyzer, "Laurent Ruquier s'en est pris à Stéphane Bern et son Loto du patrimoine.")
           if e.trigger.text == "pris"]
    assert len(evs) == 1 and evs[0].type == "ACCUSE" and evs[0].actors == ["Laurent Ruquier"]
    assert "Stéphane Bern" in evs[0].recipients


def test_taking_part_is_not_an_attack(analyzer):
    text = "Le président a pris part à la réunion des ministres des Affaires étrangères à Bruxelles."
    assert not any(e.type == "ACCUSE" for e in _events(analyzer, text))


def test_a_criticizing_incise_is_the_speakers_criticism(analyzer):
    text = ("\"Depuis plus de deux siècles, les habitants de Washington se sont vu nier le droit de participer "
            "pleinement à la démocratie\", a déploré Mme Pelosi lors d'une conférence de presse.")
    evs = [e for e in _events(analyzer, text) if e.type == "ACCUSE"]
    assert len(evs) == 1 and evs[0].trigger.text == "déploré"
    assert evs[0].actors and "Pelosi" in evs[0].actors[0]


def test_an_asking_incise_stays_a_cue(analyzer):
    text = "\"Pourquoi ne montrent-ils pas le match ?\", demande le commentateur."
    assert not any(e.type == "REQUEST" for e in _events(analyzer, text))


def test_plea_for_acquittal_is_a_request(analyzer):
    text = "Le procès de Jean Dupont s'est ouvert à Paris. Lundi, son avocat, Me Eric Dupond-Moretti, a plaidé l'acquittement pour son client."
    evs = [e for e in _events(analyzer, text) if e.type == "REQUEST"]
    assert evs and evs[0].trigger.text == "plaidé"


def test_casting_doubt_is_criticism(analyzer):
    text = "Le ministre Gérald Darmanin a mis en doute la crédibilité du rapport de l'ONG Amnesty International."
    evs = [e for e in _events(analyzer, text) if e.type == "ACCUSE"]
    assert evs and evs[0].actors == ["Gérald Darmanin"]


def test_hesitating_not_is_doing(analyzer):
    text = "La présidente du Front national Marine Le Pen n'a pas hésité à s'en prendre à Laurent Wauquiez."
    evs = [e for e in _events(analyzer, text) if e.type == "ACCUSE"]
    assert evs and evs[0].modality == "asserted" and evs[0].actors == ["Marine Le Pen"]


def test_unnamed_people_who_s_en_prennent_a_something_may_have_struck_it(analyzer):
    text = ("De source policière, le conducteur, qui était avec sa femme et leur bébé, s'est retrouvé au coeur de la "
            "manifestation lorsque des individus s'en sont pris au véhicule.")
    assert not [e for e in _events(analyzer, text, "2019-02-16") if e.type == "ACCUSE"]


def test_announced_as_done_is_not_planned(analyzer):
    text = ("Le gouvernement français a annoncé mercredi avoir invité les ministres allemand et italien "
            "à venir à Paris pour discuter de la crise.")
    evs = [e for e in _events(analyzer, text) if e.trigger.text == "invité"]
    assert evs and evs[0].modality != "planned"


def test_agentless_conviction_is_the_courts_named_in_the_sentence(analyzer):
    text = ("Le maire de Montauban a été condamné vendredi à deux ans de prison dans une affaire de corruption "
            "jugée devant le tribunal correctionnel de Toulouse.")
    evs = [e for e in _events(analyzer, text) if e.type == "SANCTION"]
    assert evs and evs[0].actors == ["tribunal correctionnel de Toulouse"]
    assert not [e for e in _events(analyzer, "Le maire de Montauban a été condamné vendredi à deux ans de prison.")
                if e.type == "SANCTION"]


def test_support_received_is_given_by_the_others(analyzer):
    text = "Le maire Jean-François Damien peut compter sur le soutien de l'Association des maires de France."
    evs = [e for e in _events(analyzer, text) if e.type == "SUPPORT"]
    assert evs and "Jean-François Damien" not in evs[0].actors


def test_strikers_are_the_copulas_subject(analyzer):
    text = ("\"C'est la première fois depuis 1995 que la SNCF et la RATP sont en grève en même temps\", "
            "a souligné Valérie Pécresse sur RTL.")
    evs = [e for e in _events(analyzer, text, "2019-12-19") if e.type == "PROTEST"]
    assert evs and evs[0].mode == "strike" and "SNCF" in " ".join(evs[0].actors)


def test_a_report_to_the_authorities_accuses_but_no_actor_is_invented(analyzer):
    assert "ACCUSE" in {t.type for t in load_lexicon().triggers("signalement", "NOUN")}
    # « la famille » names no entity and is no group noun: no event rather than a guessed actor
    text = "La famille de la pensionnaire avait effectué un signalement auprès de l'Agence régionale de santé (ARS)."
    assert not [e for e in _events(analyzer, text, "2019-02-16") if e.type == "ACCUSE"]


def test_an_offensive_launched_by_someone_is_theirs_and_historical_after_a_year(analyzer):
    text = ("Le maréchal Khalifa Haftar contrôle l'est de la Libye. Ces succès ont signé l'échec de l'offensive lancée en "
            "avril 2019 par le maréchal Haftar pour s'emparer de Tripoli.")
    evs = [e for e in _events(analyzer, text, "2020-06-22") if e.type == "ASSAULT"]
    assert evs and evs[0].actors == ["Khalifa Haftar"] and evs[0].modality == "historical"


def test_over_a_year_is_counted_in_months_when_the_dates_give_them():
    from veille.nlp.events.extract import _over_a_year_before

    assert _over_a_year_before("2019-04-04", "2020-07-01")
    assert not _over_a_year_before("2019-08", "2020-07-01")
    assert not _over_a_year_before("2019", "2020-07-01") and _over_a_year_before("2018", "2020-01-01")


def test_the_prosecution_acts_under_its_description(analyzer):
    text = "Le tribunal a condamné Paul Martin à six mois de prison avec sursis, une peine inférieure aux dix mois réclamés par le parquet."
    evs = [e for e in _events(analyzer, text, "2019-02-16") if e.type == "REQUEST"]
    assert evs and evs[0].actors == ["parquet"]


def test_a_second_participle_shares_the_first_ones_auxiliary(analyzer):
    text = ("Son maire, Sergueï Sobianine, a souligné que \"la menace continu(ait) de croître\" et appelé les "
            "habitants à respecter le confinement.")
    evs = [e for e in _events(analyzer, text, "2020-05-04") if e.trigger.text == "appelé"]
    assert evs and evs[0].type == "REQUEST" and evs[0].actors == ["Sergey Sobyanin"]


def test_a_passive_participle_in_coordination_stays_passive(analyzer):
    from veille.nlp.events.conditions import is_passive

    doc = analyzer.nlp("Trois suspects ont été arrêtés et placés en garde à vue par les gendarmes de Rennes.")
    placed = next(t for t in doc if t.text == "placés")
    assert is_passive(placed)
    doc = analyzer.nlp("Son maire, Sergueï Sobianine, a souligné que \"la menace continu(ait) de croître\" et appelé les "
                       "habitants à respecter le confinement.")
    assert not is_passive(next(t for t in doc if t.text == "appelé"))
