"""Which day a time of day belongs to, and the expressions added with it (no spaCy):
anchors varied across weekdays and year boundaries; sentences from OrangeSum and
FR-TimeBank-like local news."""

from __future__ import annotations

import pytest

from veille.nlp.times.reference import sentence_starts
from veille.nlp.times.tagger import tag


def values(text, anchor=None, tense=None):
    fn = tense if callable(tense) else ((lambda s, e: tense) if tense else None)
    return [(t.text, t.value) for t in tag(text, anchor, fn, infer=False).times]


def value_of(text, expr, anchor, tense=None):
    found = [v for t, v in values(text, anchor, tense) if t == expr]
    assert found, values(text, anchor, tense)
    return found[0]


def by_sentence(text, tenses):
    """A tense callback giving each sentence its own tense (the parse does this in the pipeline)."""
    starts = sentence_starts(text)

    def tense(start, end):
        i = max(k for k, s in enumerate(starts) if s <= start)
        return tenses[i] if i < len(tenses) else None
    return tense


def test_sentence_starts_split_glued_sentences_but_not_initials():
    text = "Le mouvement a débuté mi-novembre.A Paris, M. Dupont parle. M.Keïta aussi! Fin"
    assert [text[i:i + 8] for i in sentence_starts(text)] == ["Le mouve", "A Paris,", "M.Keïta ", "Fin"]


# -- a report of the day: a bare time of day is on the report's day ---------------------------------
REPORT = ("Les manifestations ont rassemblé 31.000 personnes samedi, selon le ministère. En effet, samedi "
          "dernier 22.300 manifestants avaient été recensés dans tout le pays.A Paris, la préfecture a "
          "décompté 27 interpellations à 18h30. A 18 heures, le calme était revenu.")


@pytest.mark.parametrize("anchor,report,last", [
    ("2019-04-13", "2019-04-13", "2019-04-06"),   # published on the Saturday
    ("2021-01-02", "2021-01-02", "2020-12-26"),   # "samedi dernier" in the year before
    ("2020-02-29", "2020-02-29", "2020-02-22"),   # a leap day
])
def test_time_of_day_skips_a_day_marked_as_another(anchor, report, last):
    got = dict(values(REPORT, anchor, "past"))
    assert got["samedi dernier"] == last
    assert got["18h30"] == f"{report}T18:30" and got["18 heures"] == f"{report}T18:00"


def test_background_date_far_back_does_not_date_a_later_time_of_day():
    text = ("Le chef de la junte a enjoint mardi la Cédéao de lever ses sanctions. La Cédéao a imposé des "
            "sanctions deux jours après le putsch du 18 août. Le comité a désigné un vice-président. La Cédéao "
            "a suspendu le Mali. Cet embargo est une préoccupation. Une manifestation était organisée dans "
            "l'après-midi à Bamako.")
    assert value_of(text, "l'après-midi", "2020-09-22", "past") == "2020-09-22TAF"
    assert value_of(text, "l'après-midi", "2021-01-05", "past") == "2021-01-05TAF"


def test_a_narrative_of_an_older_day_goes_on_for_the_next_sentences():
    # OrangeSum, 6 January 2020 (Carlos Ghosn's flight).
    text = ("De nouveaux éléments ont émergé lundi 6 janvier. Il a embarqué à bord d'un jet privé le 29 décembre "
            "en fin de soirée à destination d'Istanbul. Arrivé à l'aéroport Atatürk le lendemain matin, il a "
            "pris de là un autre appareil privé pour rallier Beyrouth.")
    got = dict(values(text, "2020-01-06", "past"))
    assert got["fin de soirée"] == "2019-12-29TEV"
    assert got["le lendemain matin"] == "2019-12-30TMO"


def test_a_narrative_of_another_day_keeps_its_day():
    # Local news about Sunday, published on Tuesday: the later clock times are Sunday's.
    text = ("Trois rames de TGV ont essuyé des coups de feu dimanche après-midi. Les premiers tirs ont eu lieu "
            "vers 18 h 55 alors que le train se trouvait au nord d'Angers. Les tirs provenaient d'une carabine. "
            "A 20 h, deux nouvelles rames ont été visées.")
    got = dict(values(text, "2002-04-02", "past"))
    assert got["dimanche après-midi"] == "2002-03-31TAF"
    assert got["18 h 55"] == "2002-03-31T18:55" and got["20 h"] == "2002-03-31T20:00"


def test_a_past_clause_does_not_take_a_day_still_ahead():
    text = ("M. Ndaw doit prêter serment vendredi. Une manifestation était organisée dans l'après-midi à Bamako.")
    tense = by_sentence(text, ["future", "past"])
    got = dict(values(text, "2020-09-22", tense))
    assert got["vendredi"] == "2020-09-25"
    assert got["l'après-midi"] == "2020-09-22TAF"


@pytest.mark.parametrize("anchor,expected", [("2018-04-18", "2018-04-17TMO"), ("2020-01-01", "2019-12-31TMO")])
def test_same_morning_takes_the_day_later_in_its_sentence(anchor, expected):
    text = ("Depuis le nord de la France, sa mère, qui a reçu un appel du Quai d'Orsay le matin même du procès, "
            "ce mardi, embraye.")
    assert value_of(text, "le matin même", anchor, "past") == expected


def test_same_day_expressions():
    assert values("Sarkozy était hier à Strasbourg où le matin même une opération a eu lieu.", "2002-05-23",
                  "past") == [("hier", "2002-05-22"), ("le matin même", "2002-05-22TMO")]
    assert value_of("Il a été arrêté mardi. Il a été libéré le jour même.", "le jour même", "2021-01-01",
                    "past") == "2020-12-29"
    assert values("Elle est la même personne.", "2020-01-01") == []


# -- "au lendemain de X" ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Au lendemain du putsch du 18 août, la Cédéao a réagi.", "2020-09-22", "2020-08-19"),
    ("A la veille du scrutin du 1er janvier 2021, les bureaux ont ouvert.", "2021-01-05", "2020-12-31"),
    ("Au lendemain du réveillon du 31 décembre, la police a dressé le bilan.", "2021-01-02", "2021-01-01"),
    ("Le chef a parlé mardi. Il s'exprimait au lendemain de la désignation du président.", "2020-09-22",
     "2020-09-22"),
    ("Le chef a parlé mardi. Il s'exprimait au lendemain de la désignation du président.", "2020-01-01",
     "2019-12-31"),
])
def test_day_after_an_event(text, anchor, expected):
    first = [v for t, v in values(text, anchor, "past") if t.lower() in ("au lendemain", "a la veille")]
    assert first == [expected]


def test_day_after_an_undated_event_follows_the_clause_tense():
    # OrangeSum, 12 December 2019: a present clause is on the publication day.
    text = ("Au lendemain du grand oral d'Edouard Philippe sur la réforme des retraites, le gouvernement se heurte "
            "à la CFDT, vent debout contre le principe d'âge pivot présenté ce mercredi 11 décembre.")
    assert values(text, "2019-12-12", "present")[0] == ("Au lendemain", "2019-12-12")
    assert values(text, "2020-01-01", "present")[0] == ("Au lendemain", "2020-01-01")
    # OrangeSum, 21 May 2016: a past clause with no day set before it stays unknown.
    text = ("Pascal Hess avait perdu son passeport. Pourtant, l'avant-veille du départ, un voisin avait retrouvé "
            "son passeport dans la rue. Elle est aujourd'hui inconsolable.")
    assert values(text, "2016-05-21", "past")[0] == ("l'avant-veille", None)


def test_day_after_an_event_in_an_anecdote_far_from_the_last_day_stays_unknown():
    # OrangeSum, 4 March 2019: a story told in a quote, many sentences after the day of the interview.
    text = ("La journaliste a vu Bernard Tapie quitter le plateau lundi 4 mars. Il a tourné les talons. Il a précisé "
            "qu'il était là pour parler du procès. Marc Fratani raconte avoir participé à un achat d'arbitre. "
            "\"C'était pour un match à Paris. Le lendemain de la rencontre, je suis allé lui remettre ce qui était "
            "convenu\", a expliqué l'ancien chauffeur.")
    assert value_of(text, "Le lendemain", "2019-03-04", "past") is None


@pytest.mark.parametrize("anchor,expected", [("2019-03-04", "2019-03-03"), ("2020-03-04", "2020-03-03")])
def test_eve_restated_by_the_day_after_it(anchor, expected):
    # "La veille, dimanche 3 mars": the eve is that Sunday, not the day before it.
    assert values("La veille, dimanche 3 mars, il avait parlé.", anchor, "past")[0] == ("La veille", expected)


@pytest.mark.parametrize("text", ["Elle se retrouve du jour au lendemain leur alliée potentielle.",
                                  "Le casino est ouvert 24h/24."])
def test_idioms_that_are_no_time(text):
    assert values(text, "2020-06-30") == []


def test_a_date_inside_a_noun_phrase_does_not_date_the_clause():
    text = "Dans la journée, les organisateurs de la manifestation du 9 juin 2019 ont appelé à manifester."
    assert values(text, "2020-06-09", "past")[0] == ("la journée", "2020-06-09TDT")


def test_day_after_an_event_dated_only_by_a_year_stays_unknown():
    assert values("au lendemain de la guerre de 1945, le pays a été reconstruit", "2020-01-07", "past")[0] == \
        ("au lendemain", None)


# -- clock times in another time zone, lengths in hours ------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Les auditions démarreront à 10 heures (16 heures en France) avec deux diplomates.", "2019-11-13",
     [("10 heures", "2019-11-13T10:00"), ("16 heures en France", "2019-11-13T16:00")]),
    ("à 9 heures locales, soit 15 heures en France", "2020-12-31",
     [("9 heures locales", "2020-12-31T09:00"), ("15 heures en France", "2020-12-31T15:00")]),
    ("Il a passé 16 heures en France.", "2019-11-13", [("16 heures en France", "PT16H")]),
    ("S'il faut passer 4h en garde à vue, je les aurais.", "2019-01-04", [("4h", "PT4H")]),
    ("Il est arrivé à 4h.", "2019-01-04", [("4h", "2019-01-04T04:00")]),
    ("Passé 20h, les bars ferment.", "2020-10-17", [("20h", "2020-10-17T20:00")]),
])
def test_clock_or_length(text, anchor, expected):
    assert values(text, anchor) == expected


# -- parts of the year and the day ---------------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,tense,expected", [
    ("La reprise d'Alep a marqué un symbole fort en cette fin d'année.", "2017-01-09", "past", "2016"),
    ("La reprise d'Alep marque un symbole fort en cette fin d'année.", "2017-01-09", None, "2016"),
    ("Le texte sera voté en fin d'année.", "2017-01-09", "future", "2017"),
    ("Le texte a été voté en fin d'année.", "2016-06-15", "past", "2016"),
    ("Le chantier débutera en début d'année.", "2020-12-15", "future", "2021"),
    ("Le chantier a débuté en début d'année.", "2020-12-15", "past", "2020"),
    ("Les ventes ont chuté en fin de mois.", "2016-03-02", "past", "2016-02"),
])
def test_end_of_a_period_just_turned(text, anchor, tense, expected):
    found = tag(text, anchor, (lambda s, e: tense) if tense else None, infer=False).times
    assert [t.value for t in found] == [expected]


@pytest.mark.parametrize("text,anchor,expected", [
    ("un entretien diffusé ce lundi 9 janvier en début de journée.", "2017-01-09", "2017-01-09TMO"),
    ("Il est arrivé hier en fin de journée.", "2021-01-01", "2020-12-31TEV"),
    ("un communiqué publié en milieu de journée", "2020-02-29", "2020-02-29TMI"),
])
def test_start_and_end_of_the_day(text, anchor, expected):
    assert values(text, anchor)[-1][1] == expected


# -- references to the present and the future; lengths after a possessive -----------------------------
@pytest.mark.parametrize("text,expected", [
    ("Je pense que dans les jours à venir la Cédéao doit enlever ces sanctions.",
     [("dans les jours à venir", "FUTURE_REF")]),
    ("les mois à venir seront durs", [("les mois à venir", "FUTURE_REF")]),
    ("savoir si elle pourra bientôt revenir en France", [("bientôt", "FUTURE_REF")]),
    ("Je vous engage à ne pas expliquer maintenant ce qui serait une bonne réforme",
     [("maintenant", "PRESENT_REF")]),
    ("en pensant à l'avenir, selon un sondage", []),
    ("Laurent Fabius se confie sur ses quatre années passées au ministère", [("quatre années", "P4Y")]),
    ("après ses 20 ans de carrière", [("20 ans", "P20Y")]),
    ("Il a fêté ses 30 ans en famille", []),
])
def test_more_expressions(text, expected):
    assert values(text, "2020-09-22") == expected


@pytest.mark.parametrize("anchor,expected", [("2020-09-22", "2020-09-22TAF"), ("2021-01-01", "2020-12-29TAF")])
def test_a_day_that_only_dates_a_noun_sets_no_narrative_day(anchor, expected):
    text = ("Le président a réuni mardi son gouvernement. Les sanctions avaient été imposées après le putsch du "
            "18 août. Une manifestation était organisée dans l'après-midi à Bamako.")
    assert value_of(text, "l'après-midi", anchor, "past") == expected


def test_a_part_of_a_dated_day_does_set_the_narrative_day():
    text = "Les heurts ont éclaté dans la soirée du 5 mai. Vers 22 h, le calme était revenu."
    assert value_of(text, "22 h", "2020-05-07", "past") == "2020-05-05T22:00"


@pytest.mark.parametrize("text,anchor,expected", [
    ("les plus représentés restent les enfants de moins de 5 ans (25%)", "2020-03-04", []),
    ("les personnes de plus de 65 ans", "2020-03-04", []),
    ("une peine de plus de 10 ans de prison", "2020-03-04", [("plus de 10 ans", "P10Y")]),
    ("Comme le dit ta maman, elles peuvent changer le monde. À bientôt !", "2018-06-06", []),
    # "d'ici le 15 octobre": a deadline ahead, even in a past clause
    ("Il a demandé de rencontrer d'ici le 15 octobre les représentants.", "2019-09-16",
     [("le 15 octobre", "2019-10-15")]),
    ("Il a demandé de rencontrer d'ici le 15 octobre les représentants.", "2019-10-20",
     [("le 15 octobre", "2020-10-15")]),
])
def test_ages_greetings_and_deadlines(text, anchor, expected):
    assert values(text, anchor, "past") == expected


def test_next_day_in_a_narrative_future_follows_the_narrative():
    text = "Le 28 juillet, la fillette a été hospitalisée. Elle sortira sans séquelle de l'hôpital, le lendemain."
    tense = by_sentence(text, ["past", "future"])
    assert values(text, "2019-08-05", tense)[-1] == ("le lendemain", "2019-07-29")
