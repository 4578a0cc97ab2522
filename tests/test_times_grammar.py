"""The French temporal tagger on plain text (no spaCy): one family of expressions per test,
with the anchor (publication day) varied across year boundaries, leap days and weekdays."""

from __future__ import annotations

import pytest

from veille.nlp.times.tagger import tag


def times(text, anchor=None, tense=None, infer=False):
    return tag(text, anchor, (lambda s, e: tense) if tense else None, infer=infer).times


def one(text, anchor=None, tense=None):
    found = times(text, anchor, tense)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def values(text, anchor=None, tense=None):
    return [(t.text, t.value) for t in times(text, anchor, tense)]


# -- absolute and partial dates ------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Il est né le 3 janvier 2020 à Paris.", None, ("le 3 janvier 2020", "2020-01-03")),
    ("Le texte a été signé le 3/01/2020.", "2021-06-01", ("3/01/2020", "2020-01-03")),
    ("Ils se sont mariés le 1er mai 1962.", "2003-02-16", ("le 1er mai 1962", "1962-05-01")),
    ("L'accident, qui le 10 novembre 93, avait causé la mort de 15 personnes.", "2002-01-21",
     ("le 10 novembre 93", "1993-11-10")),
    ("dès octobre 98.", "1999-05-23", ("octobre 98", "1998-10")),
    ("publié le 2020-01-07 sur le site", None, ("2020-01-07", "2020-01-07")),
])
def test_absolute_dates(text, anchor, expected):
    t = one(text, anchor)
    assert (t.text, t.value, t.type) == (*expected, "DATE")
    assert not t.anchored


@pytest.mark.parametrize("anchor,tense,expected", [
    ("2020-01-07", None, "2020-01-03"),
    ("2019-12-30", None, "2020-01-03"),      # across the year boundary, the nearest
    ("2019-12-30", "past", "2019-01-03"),    # but a past verb looks back
    ("2020-01-02", "future", "2020-01-03"),
    ("2020-01-10", "future", "2021-01-03"),
])
def test_day_without_year(anchor, tense, expected):
    t = one("Qassem Soleimani a été tué le 3 janvier par une frappe.", anchor, tense)
    assert t.text == "le 3 janvier" and t.value == expected and t.anchored


@pytest.mark.parametrize("anchor,expected", [("2021-03-01", "2020-02-29"), ("2024-02-20", "2024-02-29"),
                                             ("2020-03-10", "2020-02-29")])
def test_leap_day_without_year(anchor, expected):
    assert one("La réunion du 29 février a été annulée.", anchor).value == expected


def test_day_month_without_anchor_keeps_unknown_year():
    t = one("Le 5 janvier, le parlement irakien a voté.")
    assert (t.text, t.value, t.anchored) == ("Le 5 janvier", "XXXX-01-05", False)


def test_weekday_with_day_picks_the_year_the_weekday_fits():
    # HeidelTime gives 2024-12-31 for this one.
    assert one("Un responsable a annoncé ce mardi 7 janvier que...", "2025-01-05").value == "2025-01-07"
    assert one("Un responsable a annoncé ce mardi 7 janvier que...", "2020-01-08").value == "2020-01-07"


@pytest.mark.parametrize("text,anchor,expected", [
    ("élu le 6 mai dernier", "1999-05-27", "1999-05-06"),
    ("celle du 26 septembre dernier", "2002-02-09", "2001-09-26"),
    ("le 20 décembre dernier", "2003-02-24", "2002-12-20"),
    ("le 5 novembre prochain", "2020-06-30", "2020-11-05"),
    ("le 5 janvier prochain", "2020-06-30", "2021-01-05"),
])
def test_day_last_next(text, anchor, expected):
    assert one(text, anchor).value == expected


# -- months, modifiers, years ---------------------------------------------------------
@pytest.mark.parametrize("text,anchor,tense,expected,mod", [
    ("Ils ont quitté l'Irak début janvier.", None, None, "XXXX-01", "START"),
    ("Ils ont quitté l'Irak début janvier.", "2020-02-13", None, "2020-01", "START"),
    ("Il quittera ses fonctions début octobre.", "2002-09-14", None, "2002-10", "START"),
    ("remise mi-février après son entrée", "2020-07-02", "past", "2020-02", "MID"),
    ("L'état d'alerte a été levé fin juin.", "2020-07-02", None, "2020-06", "END"),
    ("La loi a été votée en mars.", "2020-01-07", "past", "2019-03", None),
    ("La loi sera votée en mars.", "2020-01-07", "future", "2020-03", None),
    ("La loi est examinée en mars.", "2020-01-07", None, "2020-03", None),
    ("La loi est examinée en décembre.", "2021-01-03", None, "2020-12", None),
    ("en septembre dernier", "2002-02-09", None, "2001-09", None),
    ("signé en juin prochain", "1999-05-23", None, "1999-06", None),
    ("Un décret a été publié en janvier 2021.", "2020-01-07", None, "2021-01", None),
])
def test_months(text, anchor, tense, expected, mod):
    t = one(text, anchor, tense)
    assert (t.value, t.mod, t.type) == (expected, mod, "DATE")


@pytest.mark.parametrize("text,expected,mod", [
    ("Le gouvernement avait promis fin 2019 que...", ("fin 2019", "2019"), "END"),
    ("Depuis début 2020, le nombre a doublé.", ("début 2020", "2020"), "START"),
    ("la prise d'otages à Vienne en 1975.", ("1975", "1975"), None),
    ("dès l'année 2001, la municipalité", ("l'année 2001", "2001"), None),
    ("la présidentielle de 2022 approche", ("2022", "2022"), None),
])
def test_years(text, expected, mod):
    t = one(text, "2020-07-02")
    assert (t.text, t.value, t.mod) == (*expected, mod)


@pytest.mark.parametrize("text", [
    "L'entreprise emploie 2000 salariés.",
    "Une amende de 1500 euros.",
    "Le numéro 2019 de la revue.",
    "Il a couru 2 000 mètres.",
])
def test_numbers_that_are_not_years(text):
    assert times(text, "2020-07-02") == []


def test_decades_centuries_seasons():
    assert values("dans les années 1990 un programme", "2020-07-02") == [("les années 1990", "199")]
    assert one("au début des années 2000.", "2020-07-02").value == "200"
    assert one("à la fin du XIXe siècle un record", "2020-06-30").value == "18"
    assert values("à l'été 2019", "2020-07-02") == [("l'été 2019", "2019-SU")]
    assert values("les ventes connaissent un boom en été.", "1999-08-06") == [("été", "XXXX-SU")]
    assert one("avec les partenaires sociaux dès cet été.", "2020-07-02").value == "2020-SU"
    assert one("dès cet hiver", "2020-01-15").value == "2019-WI"


@pytest.mark.parametrize("text", [
    "Le texte a été adopté.",                 # "été", the participle
    "Les Jeux olympiques d'hiver.",           # an adjective
    "Quant à la France, sa ministre des Armées a souligné", "sa résurgence sur le terrain",
    "La sonde a atteint la planète Mars.",
    "La mission vers Mars décolle.",
    "Un chauffeur de bus de 38 ans a été agressé.",
    "Une fillette de 6 ans s'est noyée.",
    "Alain Parmentier, 53 ans, employé de la société",
    "Henri Konan Bédié qui a 86 ans",
    "les moins de 25 ans",
    "une seconde enveloppe de 100 millions",
])
def test_false_positives(text):
    assert times(text, "2020-01-07") == [], [(t.text, t.value) for t in times(text, "2020-01-07")]


# -- weekdays --------------------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,tense,expected", [
    ("Il a été interrogé mercredi à Nanterre.", "2020-07-02", "past", "2020-07-01"),   # Thursday anchor
    ("Il se rendra mercredi à Nanterre.", "2020-07-02", "future", "2020-07-08"),
    ("Il a démissionné mercredi dernier.", "1999-07-28", None, "1999-07-21"),           # a Wednesday anchor
    ("Le Conseil a reconduit vendredi dernier les dispositions.", "1999-05-27", None, "1999-05-21"),
    ("Il viendra mardi prochain.", "2020-01-07", None, "2020-01-14"),
    ("Il a parlé mardi.", "2020-01-07", "past", "2020-01-07"),                          # same weekday
    ("Ce dimanche, de 18 h à 23 h", "1999-07-18", None, "1999-07-18"),
    ("réélu dimanche avec 82% des voix", "2002-05-07", "past", "2002-05-05"),
    ("Il a parlé lundi.", "2021-01-01", "past", "2020-12-28"),                          # across the year
])
def test_weekdays(text, anchor, tense, expected):
    found = [t for t in times(text, anchor, tense) if t.type == "DATE"]
    assert found and found[0].value == expected


def test_weekday_without_anchor_keeps_its_direction():
    t = one("Il a démissionné mardi dernier.")
    assert (t.value, t.relative, t.anchored) == (None, "WD2/before", True)


def test_habitual_weekday_is_a_set():
    assert values("La bibliothèque rouvrira en août, uniquement le mercredi.", "1999-07-24", "future")[-1] == \
        ("le mercredi", "XXXX-WXX-3")
    assert values("Les inscriptions ont lieu tous les jeudis.", "1999-09-05") == [("tous les jeudis", "XXXX-WXX-4")]


# -- relative expressions ---------------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Il est arrivé hier.", "2020-03-01", ("hier", "2020-02-29")),
    ("Il est arrivé hier.", "2021-01-01", ("hier", "2020-12-31")),
    ("Il est arrivé avant-hier.", "2020-01-01", ("avant-hier", "2019-12-30")),
    ("La priorité aujourd’hui est la même", "2020-01-07", ("aujourd’hui", "2020-01-07")),
    ("Il viendra demain.", "2020-12-31", ("demain", "2021-01-01")),
    ("Il est venu la semaine dernière.", "2020-01-07", ("la semaine dernière", "2020-W01")),
    ("Il est venu la semaine dernière.", "2021-01-05", ("la semaine dernière", "2020-W53")),
    ("Un journal a publié cette semaine la liste.", "1999-07-09", ("cette semaine", "1999-W27")),
    ("Il est mort il y a trois jours.", "2020-03-02", ("il y a trois jours", "2020-02-28")),
    ("Il reviendra dans deux semaines.", "2020-12-28", ("dans deux semaines", "2021-W02")),
    ("Il reviendra l'an prochain.", "2020-12-28", ("l'an prochain", "2021")),
    ("comme l'année dernière", "2002-09-01", ("l'année dernière", "2001")),
    ("un record le mois dernier", "2020-01-15", ("le mois dernier", "2019-12")),
])
def test_relative(text, anchor, expected):
    t = one(text, anchor)
    assert (t.text, t.value) == expected and t.anchored


def test_relative_without_anchor_keeps_offset():
    t = one("Il est arrivé hier.")
    assert (t.value, t.relative) == (None, "-1D")
    t = one("Il est mort il y a trois jours.")
    assert (t.value, t.relative) == (None, "-3D")
    assert one("Il viendra dans deux semaines.").relative == "+2W"


def test_end_of_last_year_and_weekend():
    t = one("La toiture a été refaite à la fin de l'année dernière.", "2003-02-23")
    assert (t.value, t.mod) == ("2002", "END")
    assert one("Plusieurs coureurs se sont rendus ce week-end à Saint-Gervais.", "2003-02-04", "past").value == \
        "2003-W05-WE"


# -- times of day ---------------------------------------------------------------------------
def test_times_of_day():
    assert values("transporté mardi vers 21 h 45. Il est décédé hier matin.", "1999-05-20", "past") == [
        ("mardi", "1999-05-18"), ("21 h 45", "1999-05-18T21:45"), ("hier matin", "1999-05-19TMO")]
    assert values("Le CICV sur Arte ce soir.", "1999-07-28") == [("ce soir", "1999-07-28TEV")]
    assert one("La réunion commencera à 20 heures.", "2020-01-07").value == "2020-01-07T20:00"
    noon = times("Hier, vers midi, une femme est tombée", "1999-05-29")[1]
    assert (noon.text, noon.value, noon.mod) == ("midi", "1999-05-28T12:00", "APPROX")
    night = [t for t in times("une explosion dans la nuit de lundi à mardi", "2020-07-02", "past")]
    assert (night[0].text, night[0].value, night[0].type) == ("la nuit de lundi à mardi", "2020-06-29TNI", "TIME")


def test_time_takes_the_day_of_a_following_date_in_the_clause():
    assert values("La fumée a attiré l'attention vers 15 h 30, hier.", "2003-02-23")[0] == ("15 h 30", "2003-02-22T15:30")


# -- durations and sets ---------------------------------------------------------------------
@pytest.mark.parametrize("text,expected,mod", [
    ("un programme de six mois", ("six mois", "P6M"), None),
    ("Il devance son coéquipier de 30,4 secondes", ("30,4 secondes", "PT30.4S"), None),
    ("la réunion de deux jours des ministres", ("deux jours", "P2D"), None),
    ("qui l'ont rencontré environ une heure plus tard", ("environ une heure", "PT1H"), "APPROX"),
    ("depuis un quart de siècle", ("un quart de siècle", "P25Y"), None),
    ("totalise dix-huit mois de présence", ("dix-huit mois", "P18M"), None),
    ("inaugurée il y a quelques mois", ("quelques mois", "PXM"), None),
    ("Ces derniers jours, il a montré des signes", ("Ces derniers jours", "PXD"), None),
    ("une peine de dix ans de prison", ("dix ans", "P10Y"), None),
    ("pendant une demi-heure", ("une demi-heure", "PT30M"), None),
])
def test_durations(text, expected, mod):
    t = one(text, "2020-01-07")
    assert (t.text, t.value, t.type, t.mod) == (*expected, "DURATION", mod)


@pytest.mark.parametrize("text,expected", [
    ("Il se promène chaque jour.", ("chaque jour", "P1D")),
    ("Quelque 9 millions de personnes visitent chaque année les parcs", ("chaque année", "P1Y")),
    ("révisée toutes les deux semaines", ("toutes les deux semaines", "P2W")),
    ("100.000 nouveaux cas par jour", ("jour", "P1D")),
    ("lors du traditionnel dîner annuel du CRIF", ("annuel", "P1Y")),
])
def test_sets(text, expected):
    t = one(text, "2020-01-07")
    assert (t.text, t.value, t.type) == (*expected, "SET")


# -- English dates inside French text ---------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("— Florence Parly (@florence_parly) January 7, 2020", ("January 7, 2020", "2020-01-07")),
    ("posted on 7 January 2020 by", ("7 January 2020", "2020-01-07")),
    ("Theresa May a parlé.", None),
])
def test_english_dates(text, expected):
    found = times(text)
    assert [(t.text, t.value) for t in found] == ([expected] if expected else [])


# -- publication day inferred from the text -------------------------------------------------------
SEED_LIKE = ("Un responsable de l’Otan a annoncé ce mardi 7 janvier que l’Alliance prévoyait de retirer "
             "une partie de son personnel.\n«La priorité aujourd’hui est la même qu’hier»\n"
             "— Florence Parly (@florence_parly) January 7, 2020\n"
             "Qassem Soleimani a été tué le 3 janvier par une frappe.")


def test_publication_inferred_from_weekday_and_embedded_post():
    result = tag(SEED_LIKE)
    assert result.inferred is not None and result.inferred.day.isoformat() == "2020-01-07"
    assert "ce mardi 7 janvier" in result.inferred.how and "January 7, 2020" in result.inferred.how
    got = {t.text: t.value for t in result.times}
    assert got["aujourd’hui"] == "2020-01-07" and got["le 3 janvier"] == "2020-01-03"
    assert got["hier"] == "2020-01-06"


@pytest.mark.parametrize("text", [
    # no full date in the text: the year cannot come from the text
    "Un responsable a annoncé ce mardi 7 janvier que l’Alliance prévoyait de retirer son personnel.",
    # 7 January was a Tuesday in none of 2009-2011
    "Un responsable a annoncé ce mardi 7 janvier le retrait. Posted January 7, 2010",
    # a weekday alone is no evidence
    "Il a annoncé mardi le retrait, confirmé le 8 janvier 2020.",
])
def test_publication_not_inferred_without_solid_evidence(text):
    result = tag(text)
    assert result.inferred is None
    assert all(t.value is None or "XXXX" in t.value or t.value.startswith("20") for t in result.times)


def test_publication_from_a_full_date_written_as_today():
    result = tag("Paris, ce 14 juillet 2020, le défilé a eu lieu. Hier, les répétitions.")
    assert result.inferred.day.isoformat() == "2020-07-14"
    assert [t.value for t in result.times if t.text == "Hier"] == ["2020-07-13"]


def test_bad_input_never_raises():
    for text in ["", " ", "le 32 janvier", "le 31 février 2021", "99/99/9999", "à 25 h 61", "années 2000-2010",
                 "il y a mille milliards d'années", "le XXXXXXe siècle", "ce 29 février 2021", "\x00\u202f"]:
        tag(text)
        tag(text, "2020-01-07")


# -- holidays, enumerations, ranges ---------------------------------------------------------
@pytest.mark.parametrize("text,anchor,expected", [
    ("Les syndicats n'appellent pas à faire la grève à Noël.", "2019-12-15", ("Noël", "2019-12-25")),
    ("Il est parti depuis Noël.", "2020-01-10", ("Noël", "2019-12-25")),
    ("Gênes aura un nouveau pont pour Noël 2019.", "2018-12-15", ("Noël 2019", "2019-12-25")),
    ("Les églises rouvriront pour Pâques.", "2020-03-01", ("Pâques", "2020-04-12")),
    ("découverte le jour de la Toussaint.", None, ("Toussaint", "XXXX-11-01")),
])
def test_holidays(text, anchor, expected):
    assert values(text, anchor) == [expected]


@pytest.mark.parametrize("text", ["Pour Noël Mamère, le fait que...", "La SPA annule le Noël des animaux.",
                                  "Le marché de Noël ouvre."])
def test_holiday_false_positives(text):
    assert times(text, "2019-12-01") == []


def test_enumerated_days_keep_their_order_and_month():
    assert values("entre le 15 juillet et le 15 août", "2003-02-12") == [
        ("le 15 juillet", "2003-07-15"), ("le 15 août", "2003-08-15")]
    assert values("samedi 10 et dimanche 11 mai, la fête", "2003-02-12") == [
        ("samedi 10", "2003-05-10"), ("dimanche 11 mai", "2003-05-11")]
    assert values("Les élections auront lieu les 6 et 13 avril prochains.", "2003-02-24") == [
        ("les 6", "2003-04-06"), ("13 avril prochains", "2003-04-13")]
    assert values("la guerre de 1914-1918", "2020-01-01") == [("1914", "1914"), ("1918", "1918")]


def test_more_times_of_day():
    assert values("vers 3 heures du matin", "2020-01-01") == [("3 heures du matin", "2020-01-01T03:00")]
    assert values("à 8 heures du soir", "2020-01-01") == [("8 heures du soir", "2020-01-01T20:00")]
    assert values("la nuit dernière, il a plu", "2020-03-01") == [("la nuit dernière", "2020-02-29TNI")]
    assert values("Il a été retrouvé mort en matinée.", "2020-05-17") == [("matinée", "2020-05-17TMO")]
    assert times("Invité du 20 heures de France 2", "2020-01-01") == []
    assert times("il devra attendre d'avoir 62 ans pour la toucher", "2020-01-01") == []
