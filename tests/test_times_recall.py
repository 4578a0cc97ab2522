"""Time expressions that unseen OrangeSum articles use and the grammar used to miss or misread:
vague times of day, parts of a written day, modifiers shared by coordinated days, relative
parts of periods, anaphoric "ce jour-là", present phrases, year contexts. Sentences are taken
from OrangeSum articles outside the dev gold (publication day = the corpus date); the last
tests need the parse (tense of the clause)."""

from __future__ import annotations

import pytest

from veille.models import Article
from veille.nlp.times.tagger import tag


def values(text, anchor, tense=None):
    return [(t.text, t.value) for t in tag(text, anchor, (lambda s, e: tense) if tense else None, infer=False).times]


# -- vague times of day ----------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Les faits se sont déroulés peu avant l'aube dans ce château du XVIIe siècle.", "2019-09-18",
     ("l'aube", "2019-09-18TMO")),
    ("Les antennes de RMC ont été perturbées dès le petit matin.", "2020-06-25", ("petit matin", "2020-06-25TMO")),
    ("La chaîne a diffusé à la mi-journée des images de la manifestation.", "2020-06-25",
     ("la mi-journée", "2020-06-25TMI")),
    ("Il se réveille souvent en pleine nuit à cause du coronavirus.", "2020-05-06", ("pleine nuit", "2020-05-06TNI")),
    ("Une fusillade a éclaté en plein après-midi dans le centre.", "2016-11-20", ("plein après-midi", "2016-11-20TAF")),
    ("Il a été interpellé au milieu de la nuit.", "2019-11-09", ("milieu de la nuit", "2019-11-09TNI")),
    ("Les gendarmes sont arrivés à la tombée de la nuit.", "2019-11-09", ("la tombée de la nuit", "2019-11-09TEV")),
])
def test_vague_times_of_day(text, anchor, expected):
    assert expected in values(text, anchor)


@pytest.mark.parametrize("text", [
    "C'est l'aube d'une ère nouvelle pour le parti.",          # no preposition: a metaphor
    "Le petit matin de la vie politique.",                      # no preposition
    "Elle a travaillé en pleine journée de grève.",             # a day of something: not a part of the day
])
def test_vague_times_of_day_need_their_preposition(text):
    assert values(text, "2019-11-09") == []


def test_vague_time_of_day_takes_the_day_just_written():
    # "avant l'aube, samedi": the day set right after it.
    assert values("La police est intervenue avant l'aube, samedi dernier.", "2019-11-13") == [
        ("l'aube", "2019-11-09TMO"), ("samedi dernier", "2019-11-09")]


# -- parts of a written day -----------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Un avion militaire belge s'est écrasé jeudi 19 septembre au matin dans le Morbihan.", "2019-09-20",
     ("jeudi 19 septembre au matin", "2019-09-19TMO")),
    ("Une vingtaine de personnes ont fait irruption dimanche 8 septembre après-midi.", "2019-09-09",
     ("dimanche 8 septembre après-midi", "2019-09-08TAF")),
    ("Deux fillettes ont été retrouvées sans vie dans la soirée de lundi 28 octobre.", "2019-10-29",
     ("la soirée de lundi 28 octobre", "2019-10-28TEV")),
    ("Près de 200 personnes se sont réunies dans la matinée de samedi.", "2020-06-07",
     ("la matinée de samedi", "2020-06-06TMO")),
    ("D'où l'importance de la journée de samedi, pour susciter la curiosité.", "2020-06-18",
     ("la journée de samedi", "2020-06-20")),
])
def test_part_of_a_written_day(text, anchor, expected):
    assert expected in values(text, anchor)


def test_long_part_of_day_after_a_date_stays_apart():
    # The dev gold marks the date and the time of day apart here.
    assert values("Il a accordé un entretien ce lundi 9 janvier en début de journée.", "2017-01-09") == [
        ("ce lundi 9 janvier", "2017-01-09"), ("début de journée", "2017-01-09TMO")]


def test_date_followed_by_a_comma_and_a_bare_part_of_day():
    assert values("Le 3 mars, matin et soir, les files s'allongent.", "2019-11-09")[0] == ("Le 3 mars", "2020-03-03")


# -- a modifier shared by coordinated days or months ---------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Les manifestations de samedi et dimanche derniers ont rassemblé 20 000 personnes.", "2019-11-09",
     [("samedi", "2019-11-02"), ("dimanche derniers", "2019-11-03")]),
    ("Ils ont défilé vendredi, samedi et dimanche derniers.", "2019-11-13",
     [("vendredi", "2019-11-08"), ("samedi", "2019-11-09"), ("dimanche derniers", "2019-11-10")]),
    ("Les soldes auront lieu en janvier et février prochains.", "2019-11-09",
     [("janvier", "2020-01"), ("février prochains", "2020-02")]),
    ("Les 18 et 19 janvier prochains, Gooding & Company va présenter aux enchères un superbe plateau.", "2018-12-12",
     [("Les 18", "2019-01-18"), ("19 janvier prochains", "2019-01-19")]),
])
def test_plural_modifier_sets_every_coordinated_day(text, anchor, expected):
    assert values(text, anchor) == expected


def test_day_after_in_a_chain_is_not_a_set():
    found = values("Le 3 mars, il est arrivé. Le mercredi suivant, il a plu.", "2019-11-09")
    assert found[1] == ("Le mercredi suivant", "2020-03-04")


# -- relative parts of periods ------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Les modalités de cette invitation seront précisées en début de semaine prochaine.", "2018-10-18",
     ("début de semaine prochaine", "2018-W43")),
    ("Chenôve a été touchée par des violences en fin de semaine dernière.", "2020-06-16",
     ("fin de semaine dernière", "2020-W24")),
    ("Le virus a été détecté en fin d'année dernière.", "2020-04-20", ("fin d'année dernière", "2019")),
    # Said in January, "avant la fin de l'année" is the year ahead, not the one just ended.
    ("Un lancement en commercialisation avant la fin de l'année serait privilégié.", "2019-01-11",
     ("la fin de l'année", "2019")),
])
def test_relative_parts_of_periods(text, anchor, expected):
    assert expected in values(text, anchor)


def test_end_of_year_in_january_is_still_the_year_gone():
    assert values("À la fin de l'année, Alep a été reprise.", "2017-01-09", "past") == [("la fin de l'année", "2016")]


# -- anaphoric days and years ----------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Le véhicule est resté dans le garage familial jusqu'en 2005.Cette année-là, ce Land Rover a été restauré.",
     "2019-10-01", ("Cette année-là", "2005")),
    ("Samedi 24 novembre, dans l'émission, Yann Moix s'en est pris à Brigitte Macron. « La marque du manteau "
     "a supplanté la marque de l'Histoire ce jour-là », a-t-il lancé.", "2018-11-26", ("ce jour-là", "2018-11-24")),
    ("Le 3 mars, il est arrivé. Ce même jour, il a plu.", "2019-11-09", ("Ce même jour", "2020-03-03")),
])
def test_anaphoric_expressions_take_the_narrative_day(text, anchor, expected):
    assert expected in values(text, anchor)


def test_anaphoric_day_with_no_day_told_stays_unknown():
    text = "Le suspect ignorait que le polémiste allait se produire ce soir-là."
    assert values(text, "2019-12-02") == [("ce soir-là", None)]


# -- the present said with a phrase --------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Onze automobiles ont à ce jour été récompensées par cette distinction.", [("à ce jour", "PRESENT_REF")]),
    ("Le continent africain est pour l'instant un des moins touchés.", [("pour l'instant", "PRESENT_REF")]),
    ("Les deux hommes sont toujours hospitalisés à l'heure actuelle.", [("à l'heure actuelle", "PRESENT_REF")]),
    ("Il avait précédemment dirigé la filiale.", [("précédemment", "PAST_REF")]),
    ("Il vient d'arriver à l'instant.", []),
    ("Ce fut pour le moment de vérité.", []),
    ("Ce qui s'est passé à ce jour-là reste flou.", [("ce jour-là", None)]),  # not "à ce jour"
])
def test_present_phrases(text, expected):
    assert values(text, "2020-06-10") == expected


# -- years, numbers and names -----------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("L'édition 2019 du Salon Époqu'Auto ouvre ses portes.", [("2019", "2019")]),
    ("La livraison est prévue pour les Jeux olympiques 2024.", [("2024", "2024")]),
    ("Le champion du monde 1998 a rejoint la chaîne.", [("1998", "1998")]),
    ("Entre 1500 et 2000 salariés sont concernés.", []),                      # quantities stay out
    ("Ça a duré entre deux et trois minutes.", [("trois minutes", "PT3M")]),   # two numbers, not five
    ("Il a été hospitalisé vingt et un jours.", [("vingt et un jours", "P21D")]),
    ("Ajouter un jour supplémentaire à la durée de vie des produits.", [("un jour", "P1D")]),
    ("Il a appelé dans le Journal du dimanche à un sursaut.", []),           # a newspaper
    ("Les adversaires d'hier et peut être de demain.", []),                   # no day
])
def test_years_numbers_and_names(text, expected):
    assert values(text, "2019-12-27") == expected


# -- the clause's tense and the day it dates (needs the parse) -----------------------------------
@pytest.mark.parametrize("text,published,expr,value", [
    # An announced event: the nearest such day, not the one eleven months back.
    ("Au lendemain d'une rencontre à Matignon où il a annoncé une nouvelle journée d'action le 9 janvier, "
     "M. Martinez a justifié la poursuite du mouvement.", "2019-12-20", "le 9 janvier", "2020-01-09"),
    ("De nombreux élus locaux ont fait part de leur opposition à la reprise des cours le 11 mai.", "2020-05-07",
     "le 11 mai", "2020-05-11"),
    # The verb's own date keeps the past.
    ("Qassem Soleimani a été tué le 3 janvier par une frappe.", "2020-01-07", "le 3 janvier", "2020-01-03"),
    ("Il a été tué le 3 janvier par une frappe.", "2019-12-30", "le 3 janvier", "2019-01-03"),
])
def test_tense_of_announced_days(analyzer, text, published, expr, value):
    rec = analyzer.analyze(Article(text=text, published=published))
    found = {t.text: t.value for t in rec.times}
    assert found.get(expr) == value, found


def test_day_after_an_event_does_not_take_a_date_of_a_relative_clause(analyzer):
    text = ("Le secrétaire général de la CGT s'est exprimé vendredi 20 décembre sur LCI. Au lendemain d'une rencontre "
            "à Matignon où il a annoncé une nouvelle journée d'action le 9 janvier, M. Martinez a justifié la poursuite "
            "du mouvement.")
    rec = analyzer.analyze(Article(text=text, published="2019-12-20"))
    found = {t.text: t.value for t in rec.times}
    assert found["Au lendemain"] != "2020-01-10" and found["Au lendemain"] != "2019-01-10"


# -- seasons after a limit, parts of a day "du" a date, vague decades --------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Une série d'actions contre le gouvernement qui s'égrèneront jusqu'à l'automne.", "2016-05-24",
     ("l'automne", "2016-FA")),
    ("Une réouverture des lycées avant l'été.", "2020-05-20", ("l'été", "2020-SU")),
    ("Depuis l'été, il a cessé de payer.", "2020-11-02", ("l'été", "2020-SU")),
    ("Depuis l'hiver, il a cessé de payer.", "2016-01-24", ("l'hiver", "2015-WI")),
    ("L'usine ferme pendant l'été.", "2019-11-09", ("l'été", "XXXX-SU")),       # generic: no year
    ("Au matin du 2 janvier 1996, il est parti.", "2016-08-20", ("Au matin du 2 janvier 1996", "1996-01-02TMO")),
    ("Un homme a été entendu dans l'après-midi du vendredi 30 août.", "2019-09-02",
     ("l'après-midi du vendredi 30 août", "2019-08-30TAF")),
    ("Une classe politique quasi inchangée depuis des décennies.", "2020-06-10", ("des décennies", "PXDE")),
    ("Faire amende honorable pour des siècles d'oppression.", "2020-06-10", ("des siècles", "PXCE")),
])
def test_seasons_parts_of_dated_days_and_vague_decades(text, anchor, expected):
    assert expected in values(text, anchor)
