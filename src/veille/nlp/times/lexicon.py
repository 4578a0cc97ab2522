"""French (and a little English) calendar vocabulary, and French number words.

Everything the grammar needs to turn a word into a number lives here, so that the
regular expressions in grammar.py only decide *where* an expression is.
"""

from __future__ import annotations

import re
import unicodedata

MONTHS_FR = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}

MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS = {"lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7}

SEASONS = {"printemps": "SP", "été": "SU", "ete": "SU", "automne": "FA", "hiver": "WI"}

# Parts of the day, as TimeML codes.
DAY_PARTS = {
    "matin": "MO", "matinée": "MO", "matinee": "MO", "après-midi": "AF", "apres-midi": "AF",
    "soir": "EV", "soirée": "EV", "soiree": "EV", "nuit": "NI", "journée": "DT", "journee": "DT",
    "midi": "MI", "aube": "MO", "aurore": "MO", "crépuscule": "EV",
}

# Duration units: (ISO designator, factor, is a time-of-day unit).
UNITS = {
    "seconde": ("S", 1, True), "secondes": ("S", 1, True), "s": ("S", 1, True),
    "minute": ("M", 1, True), "minutes": ("M", 1, True), "min": ("M", 1, True),
    "heure": ("H", 1, True), "heures": ("H", 1, True),
    "jour": ("D", 1, False), "jours": ("D", 1, False), "journée": ("D", 1, False), "journées": ("D", 1, False),
    "nuit": ("D", 1, False), "nuits": ("D", 1, False),
    "semaine": ("W", 1, False), "semaines": ("W", 1, False),
    "mois": ("M", 1, False),
    "trimestre": ("M", 3, False), "trimestres": ("M", 3, False),
    "semestre": ("M", 6, False), "semestres": ("M", 6, False),
    "an": ("Y", 1, False), "ans": ("Y", 1, False), "année": ("Y", 1, False), "années": ("Y", 1, False),
    "décennie": ("Y", 10, False), "décennies": ("Y", 10, False),
    "siècle": ("Y", 100, False), "siècles": ("Y", 100, False),
    "millénaire": ("Y", 1000, False), "millénaires": ("Y", 1000, False),
    "week-end": ("WE", 1, False), "week-ends": ("WE", 1, False), "weekend": ("WE", 1, False),
}
# Set expressions ("chaque jour", "tous les mois", "par an") use the singular designators.
SET_UNITS = {
    "jour": "P1D", "jours": "P1D", "journée": "P1D", "semaine": "P1W", "semaines": "P1W",
    "mois": "P1M", "an": "P1Y", "ans": "P1Y", "année": "P1Y", "années": "P1Y",
    "trimestre": "P3M", "trimestres": "P3M", "semestre": "P6M", "semestres": "P6M",
    "heure": "PT1H", "heures": "PT1H", "minute": "PT1M", "minutes": "PT1M", "nuit": "P1D", "soir": "P1D",
    "matin": "P1D", "week-end": "P1WE", "week-ends": "P1WE", "été": "P1Y", "hiver": "P1Y",
    "printemps": "P1Y", "automne": "P1Y", "décennie": "P10Y", "siècle": "P100Y",
}

# Nouns that are durations by themselves.
DURATION_NOUNS = {"quinquennat": "P5Y", "quinquennats": "P5Y", "septennat": "P7Y", "septennats": "P7Y"}

# "une dizaine de jours": an approximate count.
APPROX_COUNTS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}

_UNITS_1 = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16,
}
_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
NUMBER_WORDS = sorted([*_UNITS_1, *_TENS, "cent", "cents", "mille", "et"], key=len, reverse=True)


def french_number(text: str) -> int | None:
    """'dix-huit' -> 18, 'vingt et un' -> 21, 'quatre-vingt-dix' -> 90, 'deux cents' -> 200."""
    t = re.sub(r"quatre[\s\-]+vingts?", "quatrevingt", text.lower())
    words = [w for w in re.split(r"[\s\-]+", t) if w and w != "et"]
    if not words:
        return None
    total, current = 0, 0
    for w in words:
        if w in _UNITS_1:
            current += _UNITS_1[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "quatrevingt":
            current += 80
        elif w in ("cent", "cents"):
            current = max(current, 1) * 100
        elif w == "mille":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def number(text: str) -> float | None:
    """A count written with digits ('30,4', '10') or words ('dix-huit')."""
    t = text.strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    return french_number(t)


def fold(text: str) -> str:
    """Lowercase without accents: the key under which the lexicons are looked up."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS_FR.get(w) or MONTHS_FR.get(fold(w))


def english_month_number(word: str) -> int | None:
    return MONTHS_EN.get(word.lower().rstrip("."))


def roman(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        v = values.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None
