"""Where the temporal expressions are: regular grammar over plain text.

Each rule is one compiled regular expression and a reader that turns a match into a
``Candidate`` (kind + the calendar fields the words give) or rejects it (a year that
is a quantity, an age, "a été"). ``find_candidates`` runs every rule and keeps the
longest non-overlapping candidates. Normalizing them against an anchor day is
normalize.py's job; nothing here knows the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from . import lexicon as lx

_AP = "['’]"
_MONTH = (r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
          r"|(?:janv|f[ée]vr|f[ée]v|avr|juil|sept|oct|nov|d[ée]c)\.)")
_DAY = r"(?:1er|1ᵉʳ|premier|[12][0-9]|3[01]|0?[1-9])(?![\d,.]\d)"
_WD = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d])"
_YY = r"(?:['’](?P<yy>\d{2})\b|(?P<yy2>\d{2})(?=[ \t]*(?:[,.;:)!?\n]|$)))"
_NUMW = "|".join(w for w in lx.NUMBER_WORDS if w != "et")
# "et" joins number words only before "un", "une", "onze" ("vingt et un"): "entre deux et trois minutes" is two numbers.
_NUM = (rf"(?:\d+(?:[.,]\d+)?|(?:{_NUMW})(?:(?:[\s\-]+|[\s\-]+et[\s\-]+(?=(?:un|une|onze)\b))(?:{_NUMW}))*)")
_UNIT = (r"(?:secondes?|minutes?|heures?|jours?|journées?|semaines?|mois|trimestres?|semestres?|ans|an|années?"
         r"|décennies?|siècles?|millénaires?|week-ends?|nuits?)")
_REL = r"(?P<rel>derni(?:er|ère)s?|prochaine?s?|passée?s?)"
# A TimeML modifier written before the expression: "début janvier", "à la mi-mars", "fin 2019".
_MOD = (r"(?P<mod>(?:(?:au|en)\s+)?(?:tout\s+)?début(?:\s+(?:du\s+mois\s+)?(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’]))?"
        r"|(?:(?:à|a)\s+)?(?:la\s+)?fin(?:\s+(?:du\s+mois\s+)?(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’]))?"
        r"|(?:(?:à|a)\s+la\s+)?mi[\s\-]"
        r"|(?:au\s+)?milieu\s+(?:du\s+mois\s+)?(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])"
        r"|courant\s+)\s*")
_LOCAL = r"(?P<local>\s*(?<=\s)(?:locales?|heure\s+(?:locale|de\s+Paris|française|de\s+France)|GMT|UTC|en\s+France|\((?:heure\s+)?(?:locale|de\s+Paris|française|GMT)\)))?"

_FLAGS = re.IGNORECASE
# After a written date only the tight forms join it ("le 3 mars au matin"); "le 9 janvier en
# début de journée" is a date and a time of day.
_DAY_PART = r"(?P<part>(?:au\s+(?:petit\s+)?)?(?:matin|soir)|après-midi|à\s+l['’]aube)(?![\w\-])"

# A part of the day written after a day: "lundi soir", "le 3 mars au matin", "mardi en fin d'après-midi".
_PART = (r"(?P<part>matin|soir|après-midi|apres-midi|midi|dans\s+la\s+(?:matinée|soirée|journée|nuit)|dans\s+l['’]après-midi"
         r"|(?:tôt\s+|tard\s+)?(?:au|dans\s+le)\s+(?:petit\s+)?(?:matin|soir)|en\s+(?:matinée|soirée)|(?:avant|dès|à)\s+l['’]aube"
         r"|en\s+(?:fin|début|milieu)\s+de\s+(?:matinée|journée|après-midi|soirée|nuit)"
         r"|en\s+(?:fin\s+d['’]|début\s+d['’]|milieu\s+d['’])après-midi)(?!\w)")

MONTH_WORDS = [*lx.MONTHS_FR]
WEEKDAY_WORDS = [*lx.WEEKDAYS, *(w + "s" for w in lx.WEEKDAYS)]
UNIT_WORDS = [*lx.UNITS, "week"]
NUMBER_ENDINGS = tuple("0123456789") + tuple(w for w in lx.NUMBER_WORDS if w != "et") + ("demi-", "d'", "d’", "de", "quart")
MOD_ENDINGS = ("début", "de", "d'", "d’", "du", "des", "la", "l'", "l’", "fin", "mi-", "mi", "milieu", "courant")


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    f: dict = field(default_factory=dict)
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Rule:
    """One expression family.

    A rule is tried only where one of its trigger ``words`` stands (or a number, for
    ``digits`` rules): the text is tokenized once and each token dispatched, which is
    much cheaper than scanning the text with every pattern. What may stand before the
    trigger ("début", "le", "tous les", a number before "ans") is the ``prefix``,
    matched backwards from the trigger; ``last`` lists the endings of that prefix, a
    cheap test that spares most backward searches. The full pattern is then matched
    from where the prefix starts.
    """

    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, str], Optional[Candidate]]
    priority: int = 0
    words: frozenset = frozenset()
    digits: bool = False
    prefix: Optional[re.Pattern] = None
    prefix_required: bool = False
    last: Optional[tuple] = None

    def match_at(self, text: str, low: str, p: int, t_end: int) -> Optional[re.Match]:
        """The full pattern's match that contains the trigger at [p, t_end), if any."""
        if self.prefix is not None:
            pm = None
            if self.last is None or low[max(0, p - 14):p].rstrip().endswith(self.last):
                pm = self.prefix.search(text, max(0, p - _PREFIX_WINDOW), p)
            if pm is not None and pm.start() < p:
                m = self.pattern.match(text, pm.start())
                if m is not None and m.end() >= t_end:
                    return m
            if self.prefix_required:
                return None
        return self.pattern.match(text, p)


_PREFIX_WINDOW = 60
RULES: list[Rule] = []
_TOKEN = re.compile(r"\w+")


def rule(name: str, pattern: str, priority: int = 0, flags: int = _FLAGS, words: Iterable[str] = (),
         digits: bool = False, prefix: str | None = None, prefix_required: bool = False,
         last: Iterable[str] | None = None):
    compiled = re.compile(pattern, flags)

    def register(fn):
        RULES.append(Rule(name, compiled, fn, priority, frozenset(words), digits,
                          re.compile(f"(?:{prefix})$", flags) if prefix else None, prefix_required,
                          tuple(last) if last is not None else None))
        return fn

    return register


_INDEX: Optional[tuple[dict, list]] = None


def _index() -> tuple[dict[str, list[int]], list[int]]:
    """Trigger word -> the rules it triggers; and the rules numbers trigger."""
    global _INDEX
    if _INDEX is None:
        index: dict[str, list[int]] = {}
        for i, r in enumerate(RULES):
            for w in r.words:
                index.setdefault(w, []).append(i)
        _INDEX = (index, [i for i, r in enumerate(RULES) if r.digits])
    return _INDEX


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("İ") grow when lowercased: keep those as they are so offsets agree.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# -- helpers -------------------------------------------------------------------
def words_before(text: str, pos: int, n: int = 3) -> list[str]:
    """The n words before pos, lowercased, nearest last ("jusqu'en" stays one word)."""
    chunk = text[max(0, pos - 60):pos]
    words = re.findall(r"[\w’'\-]+|[,;:()\[\]/«»\"–]", chunk)
    return [w.lower() for w in words[-n:]]


def word_after(text: str, pos: int) -> str:
    m = re.match(r"\s*([\w’'\-%€$]+)", text[pos:pos + 40])
    return m.group(1) if m else ""


def sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(" \t\u00a0«\"“(")
    return not before or before[-1] in ".!?\n:—–-•"


def _mod_of(text: str | None) -> Optional[str]:
    if not text:
        return None
    t = text.lower()
    if "début" in t:
        return "START"
    if "fin" in t:
        return "END"
    if "mi" in t or "milieu" in t:
        return "MID"
    return None


def _strip_lead(m: re.Match, start: int) -> int:
    """Leave prepositions out of the span ("en mars", "au début de")."""
    s = m.string[start:m.end()]
    lead = re.match(r"(?:(?:au|en|à|a)\s+)", s, re.IGNORECASE)
    return start + lead.end() if lead else start


def _rel(text: str | None) -> Optional[str]:
    if not text:
        return None
    t = text.lower()
    if t.startswith("derni") or t.startswith("pass") or t.startswith("précéd"):
        return "last"
    if t.startswith("prochain") or t.startswith("suivant"):
        return "next"
    return None


def _approx(text: str | None) -> Optional[str]:
    if not text:
        return None
    t = " ".join(text.lower().split())
    if t in ("plus de", "plus d'", "plus d’", "au-delà de"):
        return "MORE_THAN"
    if t in ("au moins", "pas moins de", "pas moins d'", "pas moins d’"):
        return "EQUAL_OR_MORE"
    if t in ("moins de", "moins d'", "moins d’", "à peine"):
        return "LESS_THAN"
    return "APPROX"


# -- absolute and partial dates ------------------------------------------------
@rule("day_month", rf"\b(?:(?P<det>le|ce)\s+)?(?:(?P<wd>{_WD})\s+)?(?P<day>{_DAY})\s+(?P<month>{_MONTH})"
      rf"(?:,?\s+(?P<year>{_YEAR})|\s+{_YY})?(?:\s+{_REL})?(?!\w)(?:\s+{_DAY_PART})?", priority=3,
      words=MONTH_WORDS, prefix=rf"\b(?:(?:le|ce)\s+)?(?:{_WD}\s+)?{_DAY}\s+", prefix_required=True,
      last=tuple("0123456789") + ("er", "premier", "ᵉʳ"))
def _day_month(m: re.Match, text: str) -> Optional[Candidate]:
    month = lx.month_number(m.group("month"))
    day_txt = m.group("day").lower()
    day = 1 if day_txt in ("1er", "1ᵉʳ", "premier") else int(day_txt)
    year = int(m.group("year")) if m.group("year") else None
    yy = m.group("yy") or m.group("yy2")
    if month is None or day > 31:
        return None
    f = {"day": day, "month": month, "year": year, "yy": int(yy) if yy else None,
         "weekday": lx.WEEKDAYS.get(m.group("wd").lower()) if m.group("wd") else None,
         "det": (m.group("det") or "").lower() or None, "rel": _rel(m.group("rel"))}
    part = _part_code(m.group("part"))
    if part:
        f["part"], f["mod"] = part
    before = words_before(text, m.start(), 2)
    if before and before[-1] in ("aujourd'hui", "aujourd’hui") or before[-2:] == ["en", "ce"]:
        f["today"] = True
    if before and before[-1] in ("d'ici", "d’ici", "ici") and f["rel"] is None:
        f["rel"] = "next"  # "d'ici le 15 octobre": a deadline ahead
    return Candidate(m.start(), m.end(), "date", f)


# "les 6 et 13 avril", "du 3 au 6 janvier": the first day takes the month of the second.
@rule("day_pair", rf"\b(?:(?P<det>les|du|entre\s+le)|(?P<wd0>{_WD}))\s+(?P<day>{_DAY})\s*(?:et|au|à|-|–)\s*(?:le\s+)?"
      rf"(?:{_WD}\s+)?(?P<day2>{_DAY})\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?(?:\s+{_REL})?", priority=1, words=["les", "du", "entre", *lx.WEEKDAYS])
def _day_pair(m: re.Match, text: str) -> Optional[Candidate]:
    month = lx.month_number(m.group("month"))
    day_txt = m.group("day").lower()
    day = 1 if day_txt in ("1er", "1ᵉʳ", "premier") else int(day_txt)
    if month is None:
        return None
    det = (m.group("det") or "").lower()
    start = m.start() if det == "les" or m.group("wd0") else m.start("day")
    f = {"day": day, "month": month, "year": int(m.group("year")) if m.group("year") else None, "yy": None,
         "weekday": lx.WEEKDAYS[m.group("wd0").lower()] if m.group("wd0") else None, "det": None,
         "rel": _rel(m.group("rel")), "pair": True}
    return Candidate(start, m.end("day"), "date", f, priority=1)


@rule("numeric_date", r"(?<![\d/.,])(?P<d>[0-3]?\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d{2}|\d{2})(?![\d/]|\.\d)",
      priority=2, digits=True)
def _numeric(m: re.Match, text: str) -> Optional[Candidate]:
    d, mo, y = int(m.group("d")), int(m.group("m")), m.group("y")
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    if len(y) == 2 and m.group("sep") == ".":
        return None  # "03.29.88": a phone number, not a date
    f = {"day": d, "month": mo, "year": int(y) if len(y) == 4 else None, "yy": int(y) if len(y) == 2 else None,
         "weekday": None, "det": None, "rel": None}
    return Candidate(m.start(), m.end(), "date", f)


@rule("iso_date", r"(?<![\d\-])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d\-])", priority=2, digits=True)
def _iso(m: re.Match, text: str) -> Optional[Candidate]:
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    f = {"day": d, "month": mo, "year": int(m.group("y")), "yy": None, "weekday": None, "det": None, "rel": None}
    return Candidate(m.start(), m.end(), "date", f)


_EN_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")


@rule("english_date", rf"\b(?:(?P<month>{_EN_MONTH})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>{_YEAR})"
      rf"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month2>{_EN_MONTH})\s+(?P<year2>{_YEAR})"
      rf"|(?P<month3>{_EN_MONTH})\s+(?P<year3>{_YEAR}))", priority=2, flags=0, words=[*lx.MONTHS_EN], prefix=r"\b[0-3]?\d(?:st|nd|rd|th)?\s+", last=tuple("0123456789") + ("st", "nd", "rd", "th"))
def _english(m: re.Match, text: str) -> Optional[Candidate]:
    if m.group("month3"):
        month = lx.english_month_number(m.group("month3"))
        return Candidate(m.start(), m.end(), "month", {"month": month, "year": int(m.group("year3"))})
    month = lx.english_month_number(m.group("month") or m.group("month2"))
    day = int(m.group("day") or m.group("day2"))
    year = int(m.group("year") or m.group("year2"))
    if not month or not 1 <= day <= 31:
        return None
    return Candidate(m.start(), m.end(), "date", {"day": day, "month": month, "year": year, "yy": None,
                                                  "weekday": None, "det": None, "rel": None, "english": True})


# -- months, years, decades, centuries, seasons -------------------------------
_MONTH_CONTEXT = {"en", "de", "d'", "d’", "depuis", "dès", "jusqu'en", "jusqu’en", "avant", "après", "pour", "fin",
                  "début", "courant", "mi", "entre", "et", "ou", "à", "au", "vers", "mois", "ici", "d'ici"}


@rule("month", rf"(?:{_MOD})?(?P<moisde>(?:le\s+)?mois\s+(?:de\s+|d['’]))?\b(?P<month>{_MONTH})"
      rf"(?:\s+(?P<year>{_YEAR})|\s+{_YY})?(?:\s+{_REL})?(?!\w)", priority=1,
      words=MONTH_WORDS, prefix=rf"(?:{_MOD})?(?:(?:le\s+)?mois\s+(?:de\s+|d['’]))?", last=MOD_ENDINGS)
def _month(m: re.Match, text: str) -> Optional[Candidate]:
    word = m.group("month")
    month = lx.month_number(word)
    if month is None:
        return None
    year = int(m.group("year")) if m.group("year") else None
    yy = m.group("yy") or m.group("yy2")
    mod = _mod_of(m.group("mod"))
    rel = _rel(m.group("rel"))
    bare = not (year or yy or mod or rel or m.group("moisde") or m.group("mod"))
    if bare:
        before = words_before(text, m.start("month"), 1)
        prev = before[-1] if before else ""
        if word[0].isupper():
            # "Mars" inside a sentence is the planet, "Juin" a surname: months are lowercase in French.
            if prev not in _MONTH_CONTEXT or word.lower() in ("mars", "mai"):
                return None
        elif prev in ("le", "la", "sur", "planète"):
            return None
    start = _strip_lead(m, m.start())
    f = {"month": month, "year": year, "yy": int(yy) if yy else None, "mod": mod, "rel": rel,
         "shared": bool(rel) and m.group("rel").lower().endswith("s")}
    return Candidate(start, m.end(), "month", f)


_YEAR_CONTEXT = {"en", "depuis", "dès", "de", "d'", "d’", "à", "avant", "après", "jusqu'en", "jusqu’en",
                 "jusqu'à", "jusqu’à", "pour", "entre", "vers", "courant", "printemps", "été", "automne", "hiver",
                 "saison", "exercice", "promotion", "millésime", "cuvée", "horizon", "ici", "d'ici", "d’ici", "(",
                 "/", "-", "–", "fin", "début", "mi", "l'an", "l’an", "année", "an", "cru", "au", "et", "ou",
                 "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                 "novembre", "décembre", "élection", "élections", "présidentielle", "législatives", "municipales",
                 "régionales", "européennes", "sénatoriales",
                 # Events and editions named by their year: "l'édition 2016", "les Jeux olympiques 2024", "l'Euro 2016".
                 "édition", "olympiques", "olympique", "jo", "mondial", "euro", "cop", "monde", "budget", "salon",
                 "festival", "championnat", "tournoi", "rentrée", "bac", "promo", "classement", "bilan", "recensement"}
# Words after a number that make it a quantity, not a year.
_FUNCTION_WORDS = {"les", "des", "ces", "mes", "tes", "ses", "nos", "vos", "leurs", "plus", "moins", "sous", "dans",
                   "sans", "après", "depuis", "alors", "puis", "jamais", "toujours", "très", "pas", "mais", "fois",
                   "aux", "vers", "chez", "selon", "lors", "dès", "tous", "toutes", "ans"}


@rule("year", rf"(?:{_MOD})?(?P<lan>(?:l['’]|cette\s+|en\s+l['’])?ann[ée]e\s+|l['’]an\s+)?(?<![\d,.])\b(?P<year>{_YEAR})"
      rf"(?![.,]\d)(?:\s+(?P<bc>av(?:ant|\.)\s+J\.?-?C\.?))?", priority=0,
      digits=True, last=MOD_ENDINGS + ("année", "annee", "an"), prefix=rf"(?:{_MOD})?(?:(?:l['’]|cette\s+|en\s+l['’])?ann[ée]e\s+|l['’]an\s+)?")
def _year(m: re.Match, text: str) -> Optional[Candidate]:
    year = int(m.group("year"))
    mod = _mod_of(m.group("mod"))
    if m.group("bc"):
        return None
    range_end = re.search(r"(?:1[0-9]{3}|20[0-9]{2})\s*[-–/]\s*$", text[max(0, m.start("year") - 8):m.start("year")])
    if re.search(r"[-–]$", text[max(0, m.start("year") - 1):m.start("year")]) and not range_end:
        return None  # "Covid-2019", a code
    if not (m.group("lan") or m.group("mod") or range_end):
        before = words_before(text, m.start("year"), 2)
        prev = before[-1] if before else ""
        if prev not in _YEAR_CONTEXT:
            prev = re.split(r"['’]", prev)[-1]  # "l'édition 2016"
            if prev not in _YEAR_CONTEXT or prev in ("an", "ici"):
                return None
        coordinated = False
        if prev in ("et", "ou", "-", "–", "/", "à", "au"):
            coordinated = bool(re.search(r"\b(?:1[0-9]{3}|20[0-9]{2})\s*(?:et|ou|-|–|/|à|au)?\s*$",
                                         text[max(0, m.start() - 15):m.start()]))
            if not coordinated and prev not in ("à",):
                return None
        if not (1900 <= year <= 2100) and prev not in ("en", "depuis", "dès", "jusqu'en", "jusqu’en", "année"):
            return None
        after = word_after(text, m.end())
        if after and after[0].isdigit():
            return None  # "2 000": thousands
        if re.match(r"\s*(?:%|€|\$|£)", text[m.end():m.end() + 3]):
            return None
        if re.match(r"[\s\u00a0\u202f]\d{3}\b", text[m.end():m.end() + 5]) or re.search(r"\d[\s\u00a0\u202f]$", text[max(0, m.start() - 2):m.start()]):
            return None
        low = after.lower()
        if low and low[0].isalpha() and low == after and low not in _FUNCTION_WORDS and len(low) > 3 and low[-1] in "sx":
            return None  # "de 2000 salariés"
        if low in ("euros", "euro", "dollars", "km", "mètres", "m", "kg", "tonnes", "habitants", "voix", "mm", "cm"):
            return None
    start = _strip_lead(m, m.start())
    return Candidate(start, m.end(), "year", {"year": year, "mod": mod})


@rule("decade", rf"(?:{_MOD})?(?P<det>(?:les|des|aux)\s+)?années\s+(?P<dec>(?:19|20)?\d0)(?![\d])(?:\s*[-–]\s*(?:19|20)?\d0(?!\d))?",
      priority=2, words=["années"], prefix=rf"(?:{_MOD})?(?:(?:les|des|aux)\s+)?", last=MOD_ENDINGS + ("les", "aux"))
def _decade(m: re.Match, text: str) -> Optional[Candidate]:
    d = m.group("dec")
    if len(d) == 2:
        decade = 190 + int(d[0]) if d != "00" else 200
        if d in ("00", "10"):
            decade = 200 + int(d[0])
    else:
        decade = int(d) // 10
    start = m.start() if not m.group("det") or m.group("det").lower().startswith("les") or m.group("mod") else m.start("det") + len(m.group("det"))
    start = _strip_lead(m, start)
    return Candidate(start, m.end(), "decade", {"decade": decade, "mod": _mod_of(m.group("mod"))})


@rule("century", rf"(?:{_MOD})?(?:(?P<det>le|au|du)\s+)?(?P<num>[XVI]{{1,6}}|\d{{1,2}})\s*(?:e|è|ème|eme|ᵉ)\s+siècle"
      rf"(?P<bc>\s+(?:av(?:ant|\.)\s+(?:J\.?-?C\.?|Jésus-Christ|notre\s+ère)))?", priority=2,
      words=["siècle"], prefix=rf"(?:{_MOD})?(?:(?:le|au|du)\s+)?(?:[XVI]{{1,6}}|\d{{1,2}})\s*(?:e|è|ème|eme|ᵉ)\s+",
      prefix_required=True)
def _century(m: re.Match, text: str) -> Optional[Candidate]:
    num = m.group("num")
    n = int(num) if num.isdigit() else lx.roman(num)
    if not n or n > 21 or m.group("bc"):
        return None
    start = m.start("det") if m.group("det") and m.group("det").lower() == "le" and not m.group("mod") else m.start("num")
    if m.group("mod"):
        start = _strip_lead(m, m.start())
    return Candidate(start, m.end(), "century", {"century": n - 1, "mod": _mod_of(m.group("mod"))})


@rule("season", rf"(?:{_MOD})?(?P<det>l['’]|cet\s+|ce\s+|cette\s+|en\s+|au\s+|les\s+mois\s+d['’]|d['’])?"
      rf"\b(?P<season>printemps|[ée]té|hiver|automne)(?!\w)(?:\s+(?P<year>{_YEAR}))?(?:\s+{_REL})?", priority=1,
      words=["printemps", "été", "eté", "hiver", "automne"],
      last=MOD_ENDINGS + ("cet", "ce", "cette", "en", "au"),
      prefix=rf"(?:{_MOD})?(?:l['’]|cet\s+|ce\s+|cette\s+|en\s+|au\s+|les\s+mois\s+d['’]|d['’])?")
def _season(m: re.Match, text: str) -> Optional[Candidate]:
    word = m.group("season")
    season = lx.SEASONS[lx.fold(word)] if lx.fold(word) in lx.SEASONS else lx.SEASONS.get(word.lower())
    det = (m.group("det") or "").lower().strip()
    year = int(m.group("year")) if m.group("year") else None
    rel = _rel(m.group("rel"))
    mod = _mod_of(m.group("mod"))
    if det in ("d'", "d’"):
        return None  # "Jeux d'hiver", "heure d'été": an adjective, not a time
    if not det and not (year or rel or mod):
        if lx.fold(word) == "ete" and not (word[0].isupper() and sentence_initial(text, m.start("season"))):
            return None  # "a été"
        if word[0].isupper() and not sentence_initial(text, m.start("season")):
            return None  # "le Printemps de Bourges"
        before = words_before(text, m.start("season"), 1)
        if before and before[-1] in ("un", "le", "du", "son", "sa", "mon", "notre", "leur", "ce"):
            return None
    after = word_after(text, m.end()).lower()
    if after in ("arabe", "républicain", "marseillais", "de", "des", "du", "cinéma"):
        if not year:
            return None
    which = "this" if det.startswith("ce") else None
    if det in ("l'", "l’") and not (year or rel):
        # "jusqu'à l'automne", "d'ici l'été": the coming one; "depuis l'été": the last one begun.
        prev = (words_before(text, m.start(), 1) or [""])[-1]
        if prev in ("jusqu'à", "jusqu’à", "d'ici", "d’ici", "avant", "dès"):
            which = "this"
        elif prev == "depuis":
            which = "since"
    start = m.start()
    if det in ("en", "au"):
        start = m.start("season")
    start = _strip_lead(m, start)
    return Candidate(start, m.end(), "season", {"season": season, "year": year, "rel": rel, "which": which, "mod": mod})


# -- holidays ------------------------------------------------------------------------
_HOLIDAY_CONTEXT = {"à", "a", "avant", "après", "depuis", "pour", "jusqu'à", "jusqu’à", "dès", "d'ici", "d’ici", "ici",
                    "vers", "entre", "et", "ce", "cette", "de", "la", "le"}


@rule("holiday", r"\b(?P<w>noël|toussaint|saint-sylvestre|saint-valentin|pâques|pentecôte|nouvel\s+an|jour\s+de\s+l['’]an)(?!\w)"
      rf"(?:\s+(?P<year>{_YEAR}))?(?:\s+{_REL})?", priority=1,
      words=["noël", "toussaint", "saint", "pâques", "pentecôte", "nouvel", "jour"])
def _holiday(m: re.Match, text: str) -> Optional[Candidate]:
    word = m.group("w")
    if not word[0].isupper() and not word.lower().startswith(("nouvel", "jour")):
        return None  # holidays are capitalized; "pâques" lowercase is rare and ambiguous
    before = words_before(text, m.start(), 2)
    prev = before[-1] if before else ""
    year = int(m.group("year")) if m.group("year") else None
    rel = _rel(m.group("rel"))
    if not (year or rel) and prev not in _HOLIDAY_CONTEXT:
        return None
    if prev == "de" and not (year or rel) and (len(before) < 2 or before[-2] not in ("veille", "lendemain", "jour")):
        return None  # "le marché de Noël", "les vacances de Pâques"
    after = word_after(text, m.end())
    if not year and after[:1].isupper() and not sentence_initial(text, m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())):
        return None  # "Noël Mamère": a first name
    if prev in ("le", "la") and after.lower() in ("de", "des", "du"):
        return None  # "le Noël des animaux"
    key = re.sub(r"\s+", " ", lx.fold(word))
    return Candidate(m.start(), m.end(), "holiday", {"holiday": key, "year": year, "rel": rel})


# -- days relative to the publication day --------------------------------------


@rule("relative_day", rf"\b(?P<w>avant-hier|après-demain|aujourd['’]hui|hier|demain)(?!\w)"
      rf"(?:,?\s+(?P<wd>{_WD})(?:\s+(?P<day>{_DAY})\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?)?)?(?:\s+{_PART})?",
      priority=2, words=["avant", "après", "hier", "demain", "aujourd"])
def _relative_day(m: re.Match, text: str) -> Optional[Candidate]:
    w = lx.fold(m.group("w")).replace("’", "'")
    offset = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2}[w]
    if _GENERIC_TIMES.search(text, max(0, m.start() - 30), min(len(text), m.end() + 30)):
        return None  # "les adversaires d'hier et de demain": no day
    if m.group("day"):
        # "aujourd'hui mardi 7 janvier": the date itself, and a statement of the day of writing.
        day_txt = m.group("day").lower()
        f = {"day": 1 if day_txt in ("1er", "premier") else int(day_txt), "month": lx.month_number(m.group("month")),
             "year": int(m.group("year")) if m.group("year") else None, "yy": None,
             "weekday": lx.WEEKDAYS[m.group("wd").lower()], "det": None, "rel": None, "today": offset == 0}
        return Candidate(m.start(), m.end(), "date", f)
    part = _part_code(m.group("part"))
    f = {"offset": offset, "part": part[0] if part else None, "mod": part[1] if part else None,
         "weekday": lx.WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None}
    return Candidate(m.start(), m.end(), "relday", f)


_GENERIC_TIMES = re.compile(r"\bd['’]hier\s+(?:et|ou|comme)\s+(?:peut[\s\-]être\s+)?(?:de\s+|d['’])?(?:demain|aujourd['’]hui)\b"
                            r"|\bd['’]aujourd['’]hui\s+(?:et|ou|comme)\s+(?:de\s+)?demain\b", re.IGNORECASE)


def _part_code(text: str | None) -> Optional[tuple[str, Optional[str]]]:
    if not text:
        return None
    t = text.lower()
    words = t.split()
    mod = "END" if "fin" in words else "START" if "début" in t else "MID" if "milieu" in words else None
    for word, code in lx.DAY_PARTS.items():
        if re.search(rf"\b{re.escape(word)}\b", t):
            return _journee(code, mod)
    return None


def _journee(code: str, mod: Optional[str]) -> tuple[str, Optional[str]]:
    """'en début de journée' is the morning, 'en fin de journée' the evening, 'en milieu de journée' midday."""
    if code == "DT" and mod in ("START", "END", "MID"):
        return {"START": "MO", "END": "EV", "MID": "MI"}[mod], None
    return code, mod


@rule("last_night", r"\b(?:la|cette)\s+(?P<part>nuit|soirée)\s+(?:dernière|passée)(?!\w)", priority=2,
      words=["nuit", "soirée"], prefix=r"\b(?:la|cette)\s+", prefix_required=True, last=("la", "cette"))
def _last_night(m: re.Match, text: str) -> Optional[Candidate]:
    return Candidate(m.start(), m.end(), "relday", {"offset": -1, "part": lx.DAY_PARTS[m.group("part").lower()],
                                                    "mod": None, "weekday": None})


@rule("veille", r"\b(?P<det>(?:(?:à|a|dès)\s+)?la|(?:dès\s+)?le|l['’]|au)\s*(?P<w>veille|lendemain|surlendemain|avant-veille)(?!\w)"
      r"(?:\s+(?:au\s+)?(?P<part>soir|matin))?", priority=1, words=["veille", "lendemain", "surlendemain", "avant"],
      last=("la", "le", "l'", "l’", "au"), prefix=r"\b(?:(?:(?:à|a|dès)\s+)?la|(?:dès\s+)?le|l['’]|au)\s*", prefix_required=True)
def _veille(m: re.Match, text: str) -> Optional[Candidate]:
    w = m.group("w").lower()
    offset = {"veille": -1, "avant-veille": -2, "lendemain": 1, "surlendemain": 2}[w]
    if m.group("det").lower() == "au" and re.search(r"\bdu\s+jour\s*$", text[max(0, m.start() - 12):m.start()],
                                                   re.IGNORECASE):
        return None  # "du jour au lendemain": overnight, no day
    after = word_after(text, m.end()).lower()
    part = _part_code(m.group("part"))
    # "au lendemain de l'attentat": relative to an event, which the text does not date.
    of_event = after in ("de", "du", "des", "d'", "d’") or after.startswith(("d'", "d’"))
    return Candidate(m.start(), m.end(), "veille", {"offset": offset, "part": part[0] if part else None,
                                                    "of_event": of_event})


# "le matin même", "le jour même", "le même soir": the day the narrative is at.
@rule("same_day", r"\b(?:(?P<det>le|la|l['’]|au|du|dès\s+le|dès\s+la)\s*(?P<part>matin|soir|jour|nuit|après-midi|soirée|matinée)\s+même"
      r"|\b(?:le|au|du|dès\s+le)\s+même\s+(?P<part2>jour|soir|matin|après-midi))(?!\w)", priority=2,
      # Triggered on "même" only: "jour" and "matin" are too frequent to be worth a look each.
      words=["même"], last=("matin", "soir", "jour", "nuit", "midi", "soirée", "matinée", "le", "au", "du"),
      prefix=r"\b(?:(?:le|la|l['’]|au|du|dès\s+le|dès\s+la)\s*(?:matin|soir|jour|nuit|après-midi|soirée|matinée)\s+"
             r"|(?:le|au|du|dès\s+le)\s+)", prefix_required=True)
def _same_day(m: re.Match, text: str) -> Optional[Candidate]:
    word = (m.group("part") or m.group("part2")).lower()
    part = None if word == "jour" else lx.DAY_PARTS[word]
    after = word_after(text, m.end()).lower()
    of_event = after in ("de", "du", "des", "d'", "d’") or after.startswith(("d'", "d’"))
    return Candidate(m.start(), m.end(), "veille", {"offset": 0, "part": part, "of_event": of_event})


# "ce jour-là", "ce soir-là", "ce même jour", "cette année-là": the day (or year) the narrative is at.
_THAT_UNITS = r"(?:jour|soir|matin|nuit|après-midi|matinée|soirée|journée|année|mois|semaine)"


@rule("that_day", rf"\b(?:ce|cet|cette)\s+(?:(?P<meme>même)\s+)?(?P<w>{_THAT_UNITS})(?P<la>-là)?(?![\w\-])", priority=2,
      words=["là", "même"], prefix=rf"\b(?:ce|cet|cette)\s+(?:même\s+)?(?:{_THAT_UNITS}-)?", prefix_required=True,
      last=("-", "ce", "cet", "cette"))
def _that_day(m: re.Match, text: str) -> Optional[Candidate]:
    if not (m.group("meme") or m.group("la")):
        return None
    w = m.group("w").lower()
    if w in ("année", "mois", "semaine"):
        if not m.group("la"):
            return None
        return Candidate(m.start(), m.end(), "thatperiod", {"unit": {"année": "Y", "mois": "M", "semaine": "W"}[w]})
    part = None if w in ("jour", "journée") else lx.DAY_PARTS[w]
    return Candidate(m.start(), m.end(), "veille", {"offset": 0, "part": part, "of_event": False, "anaphoric": True})


@rule("weekday", rf"(?:\b(?P<set>tous\s+les|chaque|les)\s+)?(?:\b(?P<det>ce|le|cette)\s+)?(?:(?P<meme>même)\s+)?"
      rf"\b(?P<wd>{_WD})(?P<pl>s)?(?!\w)(?:\s+{_PART})?(?:\s+(?P<rel2>derni(?:er)s?|prochains?|passés?|suivants?|précédents?)(?!\w))?",
      priority=1, words=WEEKDAY_WORDS, last=("les", "chaque", "ce", "le", "cette", "même"), prefix=r"(?:\b(?:tous\s+les|chaque|les)\s+)?(?:\b(?:ce|le|cette)\s+)?(?:même\s+)?")
def _weekday(m: re.Match, text: str) -> Optional[Candidate]:
    wd = lx.WEEKDAYS[m.group("wd").lower()]
    part = _part_code(m.group("part"))
    det = (m.group("det") or "").lower() or None
    s = (m.group("set") or "").lower()
    rel2 = (m.group("rel2") or "").lower()
    plural = rel2.endswith("s")
    rel2 = rel2[:-1] if plural else rel2
    after = word_after(text, m.end()).lower()
    if m.group("wd")[0].isupper() and not sentence_initial(text, m.start("wd")) and not det and not s:
        # "Mardi gras", "Vendredi saint" or a name; a capitalized weekday mid-sentence is rarely a date.
        if after in ("gras", "saint", "noir"):
            return None
    if after in ("gras", "saint", "noir") and not det:
        return None
    if words_before(text, m.start("wd"), 2) == ["journal", "du"]:
        return None  # "le Journal du dimanche": a newspaper
    if s in ("tous les", "chaque") or m.group("pl"):
        return Candidate(m.start(), m.end(), "set", {"value": f"XXXX-WXX-{wd}"})
    if s == "les":
        start = m.start("det") if det else m.start("wd")
    else:
        start = m.start()
    f = {"weekday": wd, "det": det, "meme": bool(m.group("meme")), "part": part[0] if part else None,
         "mod": part[1] if part else None,
         "rel": "last" if rel2 in ("dernier", "passé") else "next" if rel2 == "prochain" else None,
         "chain": "prev" if rel2 == "précédent" else "next" if rel2 == "suivant" else None, "shared": plural}
    return Candidate(start, m.end(), "weekday", f)


@rule("night", rf"\b(?:la\s+)?nuit\s+(?:de|du)\s+(?:(?P<wd>{_WD})(?:\s+(?P<day>{_DAY}))?|(?P<dayonly>{_DAY}))"
      rf"(?:\s+(?:au|à)\s+(?:{_WD})?(?:\s*(?P<day2>{_DAY}))?)?(?:\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?)?",
      priority=3, words=["nuit"], prefix=r"\bla\s+", last=("la",))
def _night(m: re.Match, text: str) -> Optional[Candidate]:
    day_txt = (m.group("day") or m.group("dayonly") or "").lower()
    day = (1 if day_txt in ("1er", "premier") else int(day_txt)) if day_txt else None
    if day is None and not m.group("wd"):
        return None
    f = {"weekday": lx.WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None, "day": day,
         "month": lx.month_number(m.group("month")) if m.group("month") else None,
         "year": int(m.group("year")) if m.group("year") else None}
    if f["day"] is not None and f["month"] is None:
        return None
    return Candidate(m.start(), m.end(), "night", f)


# -- periods relative to the publication day ----------------------------------
@rule("relative_period", rf"(?:{_MOD})?\b(?P<det>la|le|l['’]|cette|ce|cet|du|de\s+la|de\s+l['’])\s*"
      rf"(?P<unit>semaine|mois|année|an|week-end|weekend|trimestre|semestre|décennie|siècle)(?P<ci>-ci|-là)?(?!\w)"
      rf"(?:\s+(?P<rel>derni(?:er|ère)|prochaine?|passée?|précédente?|suivante?|en\s+cours|écoulée?))?", priority=2,
      words=["semaine", "mois", "année", "an", "week", "weekend", "trimestre", "semestre", "décennie", "siècle"],
      last=("la", "le", "l'", "l’", "cette", "ce", "cet", "du"),
      prefix=rf"(?:{_MOD})?\b(?:la|le|l['’]|cette|ce|cet|du|de\s+la|de\s+l['’])\s*", prefix_required=True)
def _relative_period(m: re.Match, text: str) -> Optional[Candidate]:
    det = m.group("det").lower()
    rel_txt = (m.group("rel") or "").lower()
    mod = _mod_of(m.group("mod"))
    if m.group("ci") and m.group("ci").lower() == "-là":
        return None
    unit = {"semaine": "W", "mois": "M", "année": "Y", "an": "Y", "week-end": "WE", "weekend": "WE",
            "trimestre": "Q", "semestre": "H", "décennie": "DE", "siècle": "CE"}[m.group("unit").lower()]
    if rel_txt.startswith(("derni", "pass", "écoul")):
        offset, chain = -1, False
    elif rel_txt.startswith("prochain"):
        offset, chain = 1, False
    elif rel_txt.startswith("précéd"):
        offset, chain = -1, True
    elif rel_txt.startswith("suivant"):
        offset, chain = 1, True
    elif det.startswith("ce") or rel_txt == "en cours" or (mod and det in ("la", "l'", "l’", "du", "de la", "de l'", "de l’")):
        offset, chain = 0, False
    else:
        return None
    if rel_txt.startswith(("écoul",)) and det.startswith("ce"):
        offset = 0
    if unit == "Y" and m.group("unit").lower() == "an" and offset == 0 and not det.startswith("ce") and not rel_txt:
        return None
    start = _strip_lead(m, m.start())
    if det.startswith("de ") and not m.group("mod"):
        start = m.start("det") + 3
    if det == "du" and not m.group("mod"):
        start = m.start("unit")
    return Candidate(start, m.end(), "relperiod", {"unit": unit, "offset": offset, "chain": chain, "mod": mod,
                                                  "ahead": _deadline(text, m.start())})


def _deadline(text: str, pos: int) -> bool:
    """'avant la fin de l'année', 'd'ici la fin du mois': a limit still ahead of the writer."""
    before = words_before(text, pos, 2)
    return bool(before) and (before[-1] in ("avant", "d'ici", "d’ici") or before[-2:] in (["d'ici", "à"], ["d’ici", "à"]))


@rule("part_of_period", r"\b(?:en\s+)?(?P<mod>fin|début|milieu)\s+(?:d['’]|de\s+)(?P<unit>année|an|mois|semaine|journée|matinée|soirée|après-midi|nuit|semestre|trimestre)(?!\w)"
      r"(?:\s+(?P<rel>prochaine?|derni(?:er|ère)|passée?|suivante?|précédente?)(?!\w))?"
      r"(?!\s+(?:de|d['’]|du|des|scolaire|universitaire))", priority=1, words=["fin", "début", "milieu"], prefix=r"\ben\s+", last=("en",))
def _part_of_period(m: re.Match, text: str) -> Optional[Candidate]:
    unit = m.group("unit").lower()
    mod = _mod_of(m.group("mod"))
    start = m.start("mod")
    rel = (m.group("rel") or "").lower()
    offset = 1 if rel.startswith(("prochain", "suivant")) else -1 if rel.startswith(("derni", "pass", "précéd")) else 0
    chain = rel.startswith(("suivant", "précéd"))
    if unit in ("année", "an", "mois", "semaine"):
        return Candidate(start, m.end(), "relperiod", {"unit": {"année": "Y", "an": "Y", "mois": "M", "semaine": "W"}[unit],
                                                      "offset": offset, "chain": chain, "mod": mod,
                                                      "ahead": _deadline(text, m.start())})
    if unit in ("semestre", "trimestre") or rel:
        return None
    part, mod = _journee(lx.DAY_PARTS[unit], mod)
    return Candidate(start, m.end(), "daypart", {"part": part, "mod": mod, "det": None})


# "il y a trois jours", "dans deux semaines"
@rule("offset", rf"\b(?P<dir>il\s+y\s+a|voici|voilà|dans|d['’]ici(?:\s+à)?)\s+(?:(?P<approx>environ|près\s+de|plus\s+de|moins\s+de|quelque|un\s+peu\s+plus\s+de|au\s+moins)\s+)?"
      rf"(?P<num>{_NUM}|quelques|plusieurs|une\s+(?:dizaine|quinzaine|vingtaine|trentaine|centaine)\s+de|une\s+(?:dizaine|quinzaine|vingtaine|trentaine|centaine)\s+d['’])\s*(?P<unit>{_UNIT})(?!\w)(?:\s+et\s+(?P<half>demie?))?",
      priority=3, words=["il", "voici", "voilà", "dans", "ici"], prefix=r"\bd['’]", last=("d'", "d’"))
def _offset(m: re.Match, text: str) -> Optional[Candidate]:
    direction = -1 if m.group("dir").lower().startswith(("il", "voi")) else 1
    num_txt = m.group("num").lower()
    unit = m.group("unit").lower()
    n: Optional[float]
    approx = _approx(m.group("approx"))
    if num_txt in ("quelques", "plusieurs"):
        n = None
    elif "aine" in num_txt:
        key = re.search(r"(dizaine|quinzaine|vingtaine|trentaine|centaine)", num_txt).group(1)
        n, approx = lx.APPROX_COUNTS[key], "APPROX"
    else:
        n = lx.number(num_txt)
        if n is None:
            return None
    if m.group("half") and n is not None:
        n += 0.5
    designator, factor, _ = lx.UNITS.get(unit, (None, 1, False))
    if designator is None:
        return None
    if n is None or m.group("dir").lower().startswith(("d'", "d’")):
        # A vague offset cannot be dated; "d'ici dix ans" states a span from now: report the duration it states ("il y a quelques mois").
        return Candidate(m.start("num"), m.end(), "duration", {"n": n,
                                                                "unit": unit, "mod": approx})
    return Candidate(m.start(), m.end(), "offset", {"n": n * factor, "unit": unit, "dir": direction, "mod": approx})


# -- times of day ---------------------------------------------------------------
_DURATION_BEFORE = {"pendant", "durant", "en", "pour", "environ", "de", "plus", "moins", "près", "bout", "dans", "les",
                    "des", "aux", "quelque", "sur", "que", "ces"}


# Verbs whose number of hours is a length: "passer 4h en garde à vue", "a duré 3h".
# ("passé 20h" is left out: "Passé 20h, les bars ferment" is a clock time.)
_SPEND = {"passer", "passe", "passent", "passait", "passera", "passerait", "durer", "dure", "durent", "durait", "duré",
          "durera", "rester", "reste", "resté", "restée", "restés", "restera", "attendre", "attendu", "attend",
          "patienter", "patienté", "consacrer", "consacré", "travailler", "travaillé", "dormir", "dormi", "perdre",
          "perdu", "mettre", "mis", "met", "mettra", "faut", "fallu", "fallait"}


@rule("clock", r"(?<![\d,.])(?P<h>[01]?\d|2[0-4])\s*(?:h(?![a-zA-Zéèàù])|heures?(?!\w))\s*(?P<m>[0-5]\d(?!\d))?(?:\s*(?:min|minutes?)(?!\w))?"
      r"(?:\s*(?P<ampm>du\s+matin|du\s+soir|de\s+l['’]après-midi|de\s+la\s+nuit)(?!\w))?" + _LOCAL,
      priority=2, digits=True)
def _clock(m: re.Match, text: str) -> Optional[Candidate]:
    h = int(m.group("h"))
    mi = int(m.group("m")) if m.group("m") else 0
    word = "heure" in m.group(0).lower()
    if re.match(r"\s*/\s*24\b", text[m.end():m.end() + 6]):
        return None  # "ouvert 24h/24": always, no time of day
    before = words_before(text, m.start(), 2)
    prev = before[-1] if before else ""
    prev2 = " ".join(before[-2:])
    approx = prev == "vers" or prev2 in ("aux alentours", "autour de")
    durational = prev in _DURATION_BEFORE or prev in _SPEND or prev2 in ("il y", "cela fait", "ça fait")
    if prev == "de" and re.match(r"\s*(?:à|a)\s+\d", text[m.end():m.end() + 6]):
        durational = False  # "de 18 h à 23 h"
    if word and not m.group("m"):
        clock_context = prev in ("à", "a", "vers", "dès", "jusqu'à", "jusqu’à", "avant", "après", "entre", "et", "ce",
                                 "depuis", "de")
        if not clock_context or (prev == "de" and not re.match(r"\s*(?:à|a)\s+\d", text[m.end():m.end() + 6])) \
                or (prev == "depuis" and h > 0):
            durational = True
        elif prev in ("à", "a", "vers", "dès", "jusqu'à", "jusqu’à", "avant", "après", "entre", "et", "ce"):
            durational = False
    if word and not m.group("m") and re.match(r"\s*(?:de|d['’])\s", text[m.end():m.end() + 4]) and prev != "de":
        durational = True  # "après 24 heures de négociations"
    if ((m.group("local") or "").strip() and prev in ("(", "soit", ",", "-", "–")) or _restates_clock(text, m.start()):
        durational = False  # "(16 heures en France)", "à 10 heures (16 heures)": the hour in another time zone
    if m.group("ampm"):
        durational = False  # "3 heures du matin" is a time of day
    elif word and not m.group("m") and prev in ("le", "du", "au"):
        return None  # "le 20 heures de France 2": the news programme
    if h > 24 or (durational and word):
        return Candidate(m.start(), m.end(), "duration", {"n": h + mi / 60, "unit": "heures", "mod": None, "hm": (h, mi)})
    if durational and prev not in ("de",):
        return Candidate(m.start(), m.end(), "duration", {"n": None, "unit": "heures", "mod": None, "hm": (h, mi)})
    ampm = (m.group("ampm") or "").lower()
    if ("soir" in ampm or "après" in ampm) and h < 12:
        h += 12  # "8 heures du soir"
    if ampm:
        durational = False
    return Candidate(m.start(), m.end(), "clock", {"hour": h, "minute": mi, "mod": "APPROX" if approx else None})


_CLOCK_THEN_PAREN = re.compile(r"\b(?:à|a|vers|dès|avant|après)\s+\d{1,2}\s*(?:h|heures?)(?:\s*\d\d)?(?:\s+\w+){0,2}\s*\(\s*$",
                               re.IGNORECASE)


def _restates_clock(text: str, pos: int) -> bool:
    """'à 10 heures (16 heures ...)': the hour in brackets restates a clock time in another zone."""
    return bool(_CLOCK_THEN_PAREN.search(text[max(0, pos - 40):pos]))


@rule("noon", r"\b(?P<pre>à|a|vers|avant|après|dès|jusqu['’]à|entre|de|et)\s+(?P<w>midi|minuit)(?!\w)(?:\s+(?:et\s+)?(?P<q>quart|demie?))?",
      priority=2, words=["midi", "minuit"], prefix=r"\b(?:à|a|vers|avant|après|dès|jusqu['’]à|entre|de|et)\s+", prefix_required=True)
def _noon(m: re.Match, text: str) -> Optional[Candidate]:
    if m.group("w")[0].isupper():
        return None
    hour = 12 if m.group("w").lower() == "midi" else 24
    minute = {"quart": 15, "demi": 30, "demie": 30}.get((m.group("q") or "").lower(), 0)
    if hour == 24 and minute:
        hour = 0
    approx = m.group("pre").lower() == "vers"
    return Candidate(m.start("w"), m.end(), "clock", {"hour": hour, "minute": minute, "mod": "APPROX" if approx else None})


@rule("daypart", r"\b(?:(?P<this>ce|cet|cette)\s+(?P<part>matin|soir|midi|après-midi|nuit|matinée|soirée)(?![\w\-])"
      r"|(?P<pre>dans|pendant|durant|au\s+cours\s+de|tard\s+dans|tôt\s+dans|tout\s+au\s+long\s+de)\s+(?P<det>la|l['’])\s*(?P<part2>nuit|soirée|matinée|journée|après-midi)(?![\w\-])"
      r"|\ben\s+(?P<part3>soirée|matinée)(?![\w\-]))",
      priority=1, words=["matin", "soir", "midi", "après", "nuit", "journée", "matinée", "soirée"],
      last=("ce", "cet", "cette", "la", "l'", "l’", "en"), prefix=r"\b(?:ce|cet|cette)\s+|\b(?:dans|pendant|durant|au\s+cours\s+de|tard\s+dans|tôt\s+dans|tout\s+au\s+long\s+de)\s+(?:la|l['’])\s*|\ben\s+", prefix_required=True)
def _daypart(m: re.Match, text: str) -> Optional[Candidate]:
    if m.group("this"):
        part = lx.DAY_PARTS[m.group("part").lower()]
        return Candidate(m.start(), m.end(), "daypart", {"part": part, "mod": None, "det": "ce"})
    if m.group("part3"):
        return Candidate(m.start("part3"), m.end(), "daypart",
                         {"part": lx.DAY_PARTS[m.group("part3").lower()], "mod": None, "det": "la"})
    after = word_after(text, m.end()).lower()
    if after in ("de", "du", "des", "d'", "d’") or after.startswith(("d'", "d’")):
        return None  # "la nuit des Césars", "la journée de mobilisation"
    part = lx.DAY_PARTS[m.group("part2").lower()]
    return Candidate(m.start("det"), m.end(), "daypart", {"part": part, "mod": None, "det": "la"})


# "dans la soirée de lundi", "la matinée du 12 mars", "l'après-midi du samedi 4 mai": the part of that day.
@rule("daypart_of", rf"\b(?P<det>la|l['’]|au|au\s+petit)\s*(?P<part>matinée|soirée|après-midi|journée|matin|soir|aube)\s+(?:de|du)\s+"
      rf"(?:(?P<wd>{_WD})(?:\s+(?P<day>{_DAY})\s+(?P<month>{_MONTH})(?:\s+(?P<year>{_YEAR}))?)?"
      rf"|(?P<day2>{_DAY})\s+(?P<month2>{_MONTH})(?:\s+(?P<year2>{_YEAR}))?)(?!\w)(?:\s+{_REL})?",
      priority=3, words=["matinée", "soirée", "après", "journée", "matin", "soir", "aube"],
      prefix=r"\b(?:la|l['’]|au|au\s+petit)\s*", prefix_required=True, last=("la", "l'", "l’", "au", "petit"))
def _daypart_of(m: re.Match, text: str) -> Optional[Candidate]:
    word = m.group("part").lower()
    det = " ".join(m.group("det").lower().split())
    elided = det in ("l'", "l’")
    if (word in ("matin", "soir")) != det.startswith("au") or (word == "aube" and not elided) \
            or (elided and word not in ("aube", "après-midi")):
        return None  # "au matin du 2 janvier", "à l'aube du 5 mai"; not "la matin", "au matinée"
    # "la journée de mardi" is that day; the other parts make it a time of day.
    part = None if word == "journée" else lx.DAY_PARTS[word]
    rel = _rel(m.group("rel"))
    day_txt = (m.group("day") or m.group("day2") or "").lower()
    if day_txt:
        month = lx.month_number(m.group("month") or m.group("month2"))
        year = m.group("year") or m.group("year2")
        if month is None:
            return None
        f = {"day": 1 if day_txt in ("1er", "1ᵉʳ", "premier") else int(day_txt), "month": month,
             "year": int(year) if year else None, "yy": None,
             "weekday": lx.WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None, "det": None, "rel": rel,
             "part": part, "mod": None}
        return Candidate(m.start(), m.end(), "date", f)
    f = {"weekday": lx.WEEKDAYS[m.group("wd").lower()], "det": None, "meme": False, "part": part, "mod": None,
         "rel": rel, "chain": None}
    return Candidate(m.start(), m.end(), "weekday", f)


# Vague times of day: "à l'aube", "au petit matin", "à la mi-journée", "en pleine nuit",
# "au milieu de la nuit", "à la tombée de la nuit". The preposition must be there: "l'aube
# d'une ère nouvelle", "le lever du rideau" are not times. Triggered on the distinctive word.
_VAGUE_PRE = (r"\b(?:(?:à|a|avant|dès|jusqu['’]à|vers|depuis)\s+l['’]"
              r"|(?:au|dès\s+le|depuis\s+le|jusqu['’]au|vers\s+le|avant\s+le|après\s+le|tôt\s+le)\s+(?:beau\s+)?"
              r"|(?:à|a|vers|dès|jusqu['’]à|avant|après)\s+la\s+|\ben\s+(?:plein\s+)?|(?:aux|dès\s+les|dans\s+les)\s+)")
_VAGUE_PARTS = (r"(?P<w>aube|aurore|petit\s+matin|mi-journée|pleine\s+(?P<pl>nuit|journée|matinée|soirée)|plein\s+après-midi"
                r"|milieu\s+de\s+(?:la\s+|l['’])(?P<mil>nuit|matinée|journée|soirée|après-midi)"
                r"|tombée\s+de\s+la\s+nuit|tombée\s+du\s+jour|lever\s+du\s+(?:jour|soleil)|coucher\s+du\s+soleil|crépuscule"
                r"|premières\s+heures\s+(?:de\s+la\s+(?:matinée|journée)|du\s+jour))(?![\w\-])")
_VAGUE_CODES = {"aube": "MO", "aurore": "MO", "petit": "MO", "mi-journée": "MI", "plein": "AF", "tombée": "EV",
                "lever": "MO", "coucher": "EV", "crépuscule": "EV", "premières": "MO"}


@rule("vague_daypart", rf"{_VAGUE_PRE}{_VAGUE_PARTS}", priority=1,
      words=["aube", "aurore", "petit", "mi", "pleine", "plein", "milieu", "tombée", "lever", "coucher", "crépuscule",
             "premières"],
      prefix=_VAGUE_PRE, prefix_required=True, last=("l'", "l’", "au", "le", "la", "en", "beau", "plein", "les"))
def _vague_daypart(m: re.Match, text: str) -> Optional[Candidate]:
    w = " ".join(m.group("w").lower().split())
    mod = None
    if m.group("pl"):
        part = lx.DAY_PARTS[m.group("pl").lower()]
    elif m.group("mil"):
        part, mod = _journee(lx.DAY_PARTS[m.group("mil").lower()], "MID")
    else:
        part = _VAGUE_CODES.get(w.split()[0]) or _VAGUE_CODES.get(w)
    if part is None:
        return None
    after = word_after(text, m.end()).lower()
    if m.group("pl") or m.group("mil"):
        if after in ("de", "du", "des", "d'", "d’") or after.startswith(("d'", "d’")):
            return None  # "en pleine journée de grève", "au milieu de la nuit du 3 au 4": left to other rules
    start = m.start("w")
    # "à l'aube", "à la mi-journée": the article belongs to the expression.
    lead = re.search(r"(?:l['’]|la\s+)$", m.group(0)[:m.start("w") - m.start()])
    if lead:
        start = m.start("w") - len(lead.group(0))
    return Candidate(start, m.end(), "daypart", {"part": part, "mod": mod, "det": "la"})


# -- durations -------------------------------------------------------------------
_HUMAN = {"homme", "femme", "fille", "fillette", "garçon", "garçonnet", "enfant", "enfants", "bébé", "nourrisson",
          "adolescent", "adolescente", "ado", "jeune", "jeunes", "mineur", "mineure", "père", "mère", "fils",
          "victime", "suspect", "conducteur", "conductrice", "chauffeur", "automobiliste", "motard", "cycliste",
          "piéton", "piétonne", "retraité", "retraitée", "étudiant", "étudiante", "lycéen", "lycéenne", "collégien",
          "collégienne", "élève", "joueur", "joueuse", "attaquant", "défenseur", "gardien", "militant", "militante",
          "policier", "policière", "gendarme", "soldat", "détenu", "détenue", "individu", "personne", "patient",
          "patiente", "passager", "passagère", "quinquagénaire", "sexagénaire", "septuagénaire", "octogénaire",
          "nonagénaire", "centenaire", "trentenaire", "quadragénaire", "salarié", "salariée", "agriculteur",
          "chef", "directeur", "directrice", "président", "présidente", "ministre", "député", "députée", "sénateur",
          "maire", "journaliste", "auteur", "chanteur", "chanteuse", "acteur", "actrice", "comédien", "comédienne",
          "écrivain", "artiste", "sportif", "sportive", "pilote", "rameur", "coureur", "nageur", "nageuse", "épouse",
          "époux", "compagne", "compagnon", "mari", "frère", "sœur", "soeur", "cousin", "cousine", "neveu", "nièce",
          "petit", "petite", "ami", "amie", "voisin", "voisine", "habitant", "habitante", "ouvrier", "ouvrière",
          "agent", "médecin", "infirmier", "infirmière", "prêtre", "terroriste", "assaillant", "tireur", "meurtrier",
          "agresseur", "animal", "chien", "chat", "cheval", "jument", "star", "ex", "candidat", "candidate",
          "internationaux", "international", "internationale", "mannequin", "patron", "patronne", "entraîneur"}
_HUMAN_STEMS = {h.rstrip("s") for h in _HUMAN} | {"personne", "gen", "adulte", "patient"}
_DUR_APPROX = r"(?P<approx>environ|près\s+de|près\s+d['’]|plus\s+de|plus\s+d['’]|moins\s+de|moins\s+d['’]|au\s+moins|pas\s+moins\s+de|quelque|presque|à\s+peine|un\s+peu\s+plus\s+de|un\s+peu\s+moins\s+de)"


@rule("duration", rf"(?:\b{_DUR_APPROX}\s*)?(?:\b(?P<num>{_NUM})\s*(?P<unit>{_UNIT})(?:\s+et\s+(?P<half>demie?))?"
      rf"|\b(?P<frac>une?\s+demi-|un\s+quart\s+d['’]|trois\s+quarts\s+d['’]|un\s+quart\s+de\s+|un\s+demi-)(?P<unit2>heure|siècle|journée|minute|heure)"
      rf"|\b(?:une?\s+)(?P<count>dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine)\s+(?:de\s+|d['’])(?P<unit3>{_UNIT}))(?!\w)",
      priority=1, words=UNIT_WORDS, last=NUMBER_ENDINGS,
      prefix=rf"(?:\b{_DUR_APPROX}\s*)?(?:\b{_NUM}\s*|\b(?:une?\s+demi-|un\s+quart\s+d['’]|trois\s+quarts\s+d['’]|un\s+quart\s+de\s+|un\s+demi-)"
             rf"|\bune?\s+(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine)\s+(?:de\s+|d['’]))",
      prefix_required=True)
def _duration(m: re.Match, text: str) -> Optional[Candidate]:
    approx = _approx(m.group("approx"))
    if m.group("unit"):
        unit = m.group("unit").lower()
        n = lx.number(m.group("num"))
        if n is None:
            return None
        if m.group("half"):
            n += 0.5
        num_start = m.start("num")
    elif m.group("unit2"):
        unit = m.group("unit2").lower()
        frac = " ".join(m.group("frac").lower().split())
        n = 0.25 if frac.startswith("un quart") else 0.75 if frac.startswith("trois") else 0.5
        num_start = m.start("frac")
    else:
        unit = m.group("unit3").lower()
        n = lx.APPROX_COUNTS[m.group("count").lower()]
        approx = approx or "APPROX"
        num_start = m.start()
    if unit not in lx.UNITS:
        return None
    # "âgées de quatre et six ans", "de 10 à 15 ans": the context is that of the first number.
    pair = _NUMBER_PAIR.search(text, max(0, num_start - 40), num_start)
    if pair is not None:
        num_start = pair.start()
    before = words_before(text, num_start, 3)
    prev = before[-1] if before else ""
    after = word_after(text, m.end()).lower()
    num_txt = (m.group("num") or "").lower()
    if num_txt in ("un", "une") and unit in ("jour", "nuit", "journée", "seconde") and prev not in (
            "pendant", "durant", "depuis", "en", "pour", "dans", "de", "d'", "d’", "a", "y") \
            and after not in ("supplémentaire", "entier", "entière", "complet", "complète", "plein", "pleine"):
        return None  # "un jour, il..."
    if lx.UNITS[unit][0] == "Y" and lx.UNITS[unit][1] == 1 and _is_age(text, m, num_start, before, after):
        return None
    if lx.UNITS[unit][0] in ("M", "W") and not lx.UNITS[unit][2] and _is_age(text, m, num_start, before, after):
        return None
    if prev in ("les", "des", "aux") and after in ("de", "du", "d'", "d’") and lx.UNITS[unit][0] == "Y":
        return None  # "les 30 ans de la Fête": an anniversary
    if prev in ("ses", "leurs", "mes", "nos", "son", "sa") and unit in ("an", "ans") \
            and after not in ("de", "d'", "d’") and not after.startswith(("d'", "d’")):
        return None  # "ses 30 ans": an age or a birthday; "ses quatre années passées au ministère" is a length
    if unit in ("heure", "heures") and prev in ("à", "vers", "dès") and m.group("num") and not approx:
        return None  # a clock time, read by the clock rule
    if unit == "heures" and prev in ("le", "du", "au") and not approx:
        return None  # "invité du 20 heures": the news programme
    return Candidate(m.start(), m.end(), "duration", {"n": n, "unit": unit, "mod": approx})


_NUMBER_PAIR = re.compile(rf"\b(?:\d+|{_NUMW})\s+(?:et|ou|à)\s+$", re.IGNORECASE)


# Nouns after which "de N ans" is a length of time, not an age.
_DURATION_HEADS = {"plus", "moins", "près", "environ", "bout", "terme", "cours", "espace", "période", "durée", "délai",
                   "peine", "peines", "mandat", "mandats", "contrat", "contrats", "retard", "absence", "prison",
                   "réclusion", "détention", "emprisonnement", "plan", "programme", "bail", "engagement", "moratoire",
                   "suspension", "interdiction", "exil", "règne", "carrière", "attente", "travail", "travaux",
                   "guerre", "crise", "vie", "histoire", "existence", "service", "présence", "collaboration",
                   "relation", "mariage", "silence", "procédure", "enquête", "sursis", "minimum", "maximum",
                   "horizon", "plus", "investissement", "investissements", "prolongation", "extension", "stage",
                   "formation", "études", "expérience", "ancienneté", "garantie", "trêve", "pause", "report",
                   "d'un", "d’un", "l'espace", "l’espace", "âge", "gel", "prêt", "emprunt", "budget", "projet"}


_AVOIR = {"a", "ai", "as", "avons", "avez", "ont", "avait", "avais", "avaient", "aura", "aurait", "auraient",
          "auront", "ayant", "avoir", "eu", "eut", "atteint", "fêté", "fête", "fêtera", "souffle"}


def unit_of(m: re.Match) -> str:
    return (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()


def _is_age(text: str, m: re.Match, num_start: int, before: list[str], after: str) -> bool:
    # "d'avoir 62 ans": the elided article does not count.
    before = [re.split(r"['’]", w)[-1] or w for w in before]
    prev = before[-1] if before else ""
    prev2 = " ".join(before[-2:])
    outer = words_before(text, m.start(), 1)
    if (outer and outer[-1] in _AVOIR) or prev in _AVOIR:
        return True  # "qui a 86 ans", "ont moins de 40 ans", "A 79 ans,"
    if prev in ("âgé", "âgée", "âgés", "âgées", "agé", "agée", "âge") or prev2 in (
            "âgé de", "âgée de", "âgés de", "âgées de", "agé de", "agée de", "âge de", "l'âge de", "l’âge de"):
        return True
    if prev in ("de", "d'", "d’") and len(before) >= 2:
        head = before[-2]
        if head in _HUMAN or head in ("une", "un"):
            return True
        if lx.UNITS[unit_of(m)][0] == "Y" and head not in _DURATION_HEADS:
            return True  # "un chauffeur de bus de 38 ans": "de N ans" after a noun is an age
        # "un Egyptien de 38 ans", "Marie, de 12 ans": a name or a demonym.
        raw = re.findall(r"[\w’'\-]+", text[max(0, num_start - 40):num_start])
        if len(raw) >= 2 and raw[-2][:1].isupper() and not sentence_initial(text, text.rfind(raw[-2], 0, num_start)):
            return True
    if prev in (",", "(") and after in (",", ")", ".", "") or prev == "(":
        tail = text[m.end():m.end() + 2].lstrip()
        if not tail or tail[0] in ",).;" or prev == "(":
            return True
    if prev == "à" and after not in ("de", "d'", "d’"):
        return True  # "mort à 90 ans"
    if prev2 in ("moins de", "plus de") and len(before) >= 3 and before[-3] in ("les", "des", "aux"):
        return True  # "les moins de 25 ans"
    if prev2 in ("moins de", "plus de"):
        w = words_before(text, num_start, 4)
        if len(w) == 4 and w[1] in ("de", "d'", "d’") and w[0].rstrip("s") in _HUMAN_STEMS:
            return True  # "les enfants de moins de 5 ans"
    if re.search(r"\d\s*[-–]\s*$", text[max(0, num_start - 4):num_start]):
        return True  # "les 18-25 ans"
    return False


@rule("vague_duration", r"\b(?P<q>quelques|plusieurs|des|de\s+nombreuses|de\s+nombreux|de\s+longues|de\s+longs|de\s+longues|nombreuses|nombreux|ces|les)\s+"
      r"(?:(?!derni|prochain)(?P<num>\d+|[a-zé\-]+)\s+)?(?P<rel>derni(?:er|ère)s\s+|prochaine?s\s+)?(?P<unit>secondes|minutes|heures|jours|journées|semaines|mois|années|ans|décennies|siècles|nuits)(?!\w)",
      priority=0, words=["secondes", "minutes", "heures", "jours", "journées", "semaines", "mois", "années", "ans", "décennies", "siècles", "nuits"],
      prefix=r"\b(?:quelques|plusieurs|des|de\s+nombreuses|de\s+nombreux|de\s+longues|de\s+longs|nombreuses|nombreux|ces|les)\s+"
             r"(?:(?!derni|prochain)(?:\d+|[a-zé\-]+)\s+)?(?:derni(?:er|ère)s\s+|prochaine?s\s+)?", prefix_required=True)
def _vague(m: re.Match, text: str) -> Optional[Candidate]:
    q = " ".join(m.group("q").lower().split())
    unit = m.group("unit").lower()
    n: Optional[float] = None
    if q in ("ces", "les"):
        if not m.group("rel"):
            return None  # "les années", "les heures": no period stated
        if m.group("num"):
            n = lx.number(m.group("num"))
            if n is None:
                return None
    elif m.group("num") or (m.group("rel") and q != "des"):
        return None
    if q == "des" and not m.group("rel"):
        before = words_before(text, m.start(), 3)
        prev = before[-1] if before else ""
        if prev not in ("depuis", "pendant", "durant", "pour", "après", "a", "fait", "voilà", "en"):
            return None
    if unit == "ans" and q not in ("quelques", "plusieurs", "ces", "les"):
        return None
    return Candidate(m.start(), m.end(), "duration", {"n": n, "unit": unit, "mod": None})


@rule("duration_noun", r"\b(?P<w>quinquennats?|septennats?)(?!\w)", priority=0, words=["quinquennat", "quinquennats", "septennat", "septennats"])
def _duration_noun(m: re.Match, text: str) -> Optional[Candidate]:
    return Candidate(m.start(), m.end(), "duration", {"value": lx.DURATION_NOUNS[m.group("w").lower()], "mod": None})


# -- sets ---------------------------------------------------------------------------
@rule("set", rf"\b(?P<q>chaque|tous\s+les|toutes\s+les)\s+(?:(?P<num>{_NUM})\s+)?(?P<unit>jours?|semaines?|mois|ans|années?|matins?|soirs?|nuits?|week-ends?|heures?|minutes?|étés?|hivers?|trimestres?|semestres?|printemps|automnes?)(?!\w)"
      r"|\b(?P<adv>quotidiennement|annuellement|mensuellement|hebdomadairement|annuel(?:le)?s?)(?!\w)"
      r"|\bpar\s+(?P<per>jour|semaine|mois|an|année|heure|minute|semestre|trimestre)(?!\w)", priority=1, words=["chaque", "tous", "toutes", "quotidiennement", "annuellement", "annuel", "annuelle", "annuels", "annuelles",
             "mensuellement", "hebdomadairement", "par"])
def _set(m: re.Match, text: str) -> Optional[Candidate]:
    if m.group("adv"):
        adv = m.group("adv").lower()
        value = "P1D" if adv.startswith("quotid") else "P1M" if adv.startswith("mensu") else "P1W" if adv.startswith("hebdo") else "P1Y"
        return Candidate(m.start(), m.end(), "set", {"value": value})
    if m.group("per"):
        before = words_before(text, m.start(), 1)
        if before and before[-1] in (m.group("per").lower(),):
            return None  # "jour par jour"
        return Candidate(m.start("per"), m.end(), "set", {"value": lx.SET_UNITS[m.group("per").lower()]})
    unit = m.group("unit").lower()
    base = lx.SET_UNITS.get(unit) or lx.SET_UNITS.get(unit.rstrip("s"))
    if base is None:
        return None
    if unit.rstrip("s") in ("matin", "soir", "nuit"):
        value = "XXXX-XX-XXT" + lx.DAY_PARTS[unit.rstrip("s")]
        return Candidate(m.start(), m.end(), "set", {"value": value})
    n = 1
    if m.group("num"):
        parsed = lx.number(m.group("num"))
        if parsed is None:
            return None
        n = parsed
    mm = re.fullmatch(r"P(T?)(\d+)(\w+)", base)
    if mm is None:
        return None
    value = f"P{mm.group(1)}{int(int(mm.group(2)) * n) if n == int(n) else n}{mm.group(3)}"
    return Candidate(m.start(), m.end(), "set", {"value": value})


# -- references to the present, past, future ------------------------------------
@rule("reference", r"\b(?P<w>désormais|dorénavant|actuellement|maintenant|[àa]\s+présent|auparavant|autrefois|jadis|naguère|récemment|dernièrement|nouvellement|précédemment|antérieurement|prochainement|bientôt)(?!\w)",
      priority=0, words=["désormais", "dorénavant", "actuellement", "maintenant", "présent", "auparavant", "autrefois", "jadis", "naguère", "récemment",
             "dernièrement", "nouvellement", "précédemment", "antérieurement", "prochainement", "bientôt"], prefix=r"\b[àa]\s+", last=("à", "a"))
def _reference(m: re.Match, text: str) -> Optional[Candidate]:
    w = m.group("w").lower()
    if w == "bientôt" and words_before(text, m.start(), 1)[-1:] in (["à"], ["a"]):
        return None  # "À bientôt !": a greeting
    if w in ("désormais", "dorénavant", "actuellement", "maintenant") or "présent" in w:
        value = "PRESENT_REF"
    elif w in ("prochainement", "bientôt"):
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    return Candidate(m.start(), m.end(), "ref", {"value": value})


# "à ce jour", "à l'heure actuelle", "pour l'instant": the present, said with a phrase.
@rule("present_phrase", r"\b(?P<pre>à|a|pour|de)\s+(?:ce\s+jour|l['’]heure\s+actuelle|l['’]instant|le\s+moment|nos\s+jours)(?![\w\-])",
      priority=1, words=["jour", "actuelle", "instant", "moment", "jours"], prefix=r"\b(?:à|a|pour|de)\s+(?:ce|l['’]heure|l['’]|le|nos)\s*",
      prefix_required=True, last=("ce", "heure", "l'", "l’", "le", "nos"))
def _present_phrase(m: re.Match, text: str) -> Optional[Candidate]:
    pre = m.group("pre").lower()
    phrase = " ".join(m.group(0).lower().split()[1:])
    if (pre == "pour") != (phrase in ("l'instant", "l’instant", "le moment")):
        return None  # "à l'instant" is a moment just past, "de ce jour" dates a noun
    if pre == "de" and phrase != "nos jours":
        return None
    if phrase in ("le moment",) and re.match(r"\s*(?:de|d['’]|où|venu)", text[m.end():m.end() + 6]):
        return None  # "pour le moment de vérité"
    return Candidate(m.start(), m.end(), "ref", {"value": "PRESENT_REF"})


# "dans les jours à venir", "les semaines à venir": ahead of now, without a stated length.
@rule("coming", r"\b(?:(?P<pre>dans|pour|durant|pendant|au\s+cours\s+des)\s+)?(?:les|des|ces)\s+(?:prochain(?:e)?s\s+)?(?:heures|jours|semaines|mois|années)\s+[àa]\s+venir(?!\w)",
      priority=3, words=["venir"], last=("à", "a"),
      prefix=r"\b(?:(?:dans|pour|durant|pendant|au\s+cours\s+des)\s+)?(?:les|des|ces)\s+(?:prochain(?:e)?s\s+)?(?:heures|jours|semaines|mois|années)\s+[àa]\s+",
      prefix_required=True)
def _coming(m: re.Match, text: str) -> Optional[Candidate]:
    return Candidate(m.start(), m.end(), "ref", {"value": "FUTURE_REF"})


# -- running the grammar -----------------------------------------------------------
def find_candidates(text: str) -> list[Candidate]:
    """Every temporal expression in text: the longest non-overlapping candidates, in text order."""
    found: list[Candidate] = []
    low = _lower_same_length(text)
    index, digit_rules = _index()
    last_end = [0] * len(RULES)
    for tok in _TOKEN.finditer(low):
        w = tok.group()
        rules = index.get(w)
        if w[0].isdigit():
            rules = digit_rules if rules is None else rules + digit_rules
        if not rules:
            continue
        p, t_end = tok.start(), tok.end()
        for ri in rules:
            if p < last_end[ri]:
                continue
            r = RULES[ri]
            m = r.match_at(text, low, p, t_end)
            if m is None or m.end() == m.start():
                continue
            last_end[ri] = m.end()
            try:
                cand = r.read(m, text)
            except (ValueError, KeyError, TypeError, AttributeError):
                # A reader that cannot make sense of odd input drops that match only.
                cand = None
            if cand is None:
                continue
            # Trailing spaces or commas never belong to the expression.
            while cand.end > cand.start and text[cand.end - 1] in " \t\n,\u00a0":
                cand.end -= 1
            if cand.end <= cand.start:
                continue
            cand.f["rule"] = r.name
            cand.priority = max(cand.priority, r.priority)
            found.append(cand)
    found.sort(key=lambda c: (-c.length, -c.priority, c.start))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    kept.sort(key=lambda c: c.start)
    _share_modifiers(kept, text)
    return kept


_COORDINATION = re.compile(r"\s*(?:,\s*(?:et|ou)?|et|ou)\s*(?:le\s+|en\s+)?", re.IGNORECASE)


def _share_modifiers(cands: list[Candidate], text: str) -> None:
    """'samedi et dimanche derniers', 'janvier et février prochains': a plural modifier
    written after the last of coordinated days or months sets the direction of them all."""
    for i in range(len(cands) - 1, 0, -1):
        c = cands[i]
        if not c.f.get("shared"):
            continue
        j = i
        while j > 0:
            prev = cands[j - 1]
            if prev.kind != c.kind or prev.f.get("rel") or prev.f.get("chain") \
                    or not _COORDINATION.fullmatch(text[prev.end:cands[j].start]):
                break
            for key in ("rel", "chain"):
                if c.f.get(key):
                    prev.f[key] = c.f[key]
            j -= 1
