"""What the expressions mean: TimeML type, value and mod for each grammar candidate.

Values follow TimeML/ISO 8601 with reduced precision ("2020-01", "2020-W02",
"XXXX-SU"). Expressions that depend on the publication day (the anchor) are resolved
against it; with no anchor they keep value None and a ``relative`` offset ("-1D",
"WD2/past"). Times of day ("21 h 45", "la nuit") take their day from the text
around them (reference.py decides which).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Optional

from . import calendar as cal
from . import lexicon as lx
from .grammar import Candidate
from .reference import DayMention, Frame

TenseFn = Callable[[int, int], Optional[str]]

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass
class Normalized:
    start: int
    end: int
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchored: bool = False
    relative: Optional[str] = None


def _no_tense(start: int, end: int) -> Optional[str]:
    return None


def duration_value(n: Optional[float], unit: str) -> str:
    designator, factor, is_time = lx.UNITS[unit]
    if n is None:
        if designator == "Y" and factor in (10, 100, 1000):
            return {10: "PXDE", 100: "PXCE", 1000: "PXML"}[factor]  # "plusieurs décennies"
        return f"PTX{designator}" if is_time else f"PX{designator}"
    total = n * factor
    if is_time and designator == "H" and total != int(total):
        hours, minutes = int(total), round((total - int(total)) * 60)
        return f"PT{hours}H{minutes}M" if hours else f"PT{minutes}M"
    if designator == "Y" and total != int(total) and (total * 12) == int(total * 12):
        return f"P{int(total * 12)}M"
    number = str(int(total)) if total == int(total) else f"{total:g}"
    return f"P{'T' if is_time else ''}{number}{designator}"


def _resolve_day(f: dict, anchor: Optional[date], tense: Optional[str]) -> tuple[Optional[str], bool]:
    """Value of a day-and-month candidate, and whether the anchor was needed."""
    day, month = f["day"], f["month"]
    year = f.get("year")
    if year is None and f.get("yy") is not None:
        year = cal.two_digit_year(f["yy"], anchor)
    if year is not None:
        return (f"{year:04d}-{month:02d}-{day:02d}" if cal.valid_day(year, month, day) else None), False
    if anchor is None:
        return (f"XXXX-{month:02d}-{day:02d}" if day <= 31 else None), False
    rel = f.get("rel")
    if rel == "last":
        y = cal.day_before(anchor, month, day)
    elif rel == "next":
        y = cal.day_after(anchor, month, day)
    else:
        y = None
        wd = f.get("weekday")
        if wd:
            # "mardi 7 janvier": the weekday picks the year among those around the anchor.
            fits = [c for c in (anchor.year - 1, anchor.year, anchor.year + 1)
                    if cal.valid_day(c, month, day) and date(c, month, day).isoweekday() == wd
                    and abs((date(c, month, day) - anchor).days) <= 200]
            if len(fits) == 1:
                y = fits[0]
        if y is None:
            y = cal.year_for_day(anchor, month, day, tense)
    if y is None or not cal.valid_day(y, month, day):
        return None, True
    return f"{y:04d}-{month:02d}-{day:02d}", True


def _weekday_relative(wd: int, direction: str) -> str:
    return f"WD{wd}/{direction}"


def normalize(cands: list[Candidate], anchor: Optional[date], tense: TenseFn | None = None,
              text: str = "") -> list[Normalized]:
    tense = tense or _no_tense
    out: list[Optional[Normalized]] = [None] * len(cands)
    deferred: list[int] = []
    prev_day: Optional[tuple[int, date]] = None
    for i, c in enumerate(cands):
        n = _first_pass(c, anchor, tense)
        if n is None:
            deferred.append(i)
            continue
        if prev_day is not None and c.kind == "date" and n.anchored and n.value and text:
            n.value = _after_previous(c, n.value, prev_day, text)
        out[i] = n
        if n.value and _DAY_VALUE.match(n.value):
            prev_day = (c.end, cal.parse_iso_day(n.value))
    frame = Frame(text, anchor, [DayMention(cands[i].start, cands[i].end, cal.parse_iso_day(out[i].value),
                                            _other_day(cands[i]))
                                 for i in range(len(cands)) if out[i] is not None and _is_day(out[i].value)])
    for i in deferred:
        c = cands[i]
        if c.kind == "veille" and c.f.get("offset") and frame.apposed(c.end) is not None:
            day = frame.apposed(c.end)
            out[i] = Normalized(c.start, c.end, "TIME" if c.f.get("part") else "DATE",
                                cal.fmt_day(day) + (f"T{c.f['part']}" if c.f.get("part") else ""))
        elif c.kind == "veille" and c.f.get("of_event"):
            out[i] = _of_event(c, cands, out, i, frame, tense)
        elif c.kind == "thatperiod":
            out[i] = _that_period(c, out[:i])
        else:
            # "la veille", "le lendemain" count from the day just set, never from a later one,
            # whatever the tense ("Elle sortira de l'hôpital le lendemain": a narrative future).
            chained = c.kind == "veille" and bool(c.f.get("offset") or c.f.get("anaphoric"))
            ref = frame.day_for(c.start, c.end, None if chained else tense(c.start, c.end), not chained, chained)
            if ref is None and c.f.get("anaphoric"):
                # "ce jour-là" with no day told just before: some day the text does not give.
                out[i] = Normalized(c.start, c.end, "TIME" if c.f.get("part") else "DATE", None)
            else:
                out[i] = _second_pass(c, ref, anchor, tense)
        if out[i] is not None and _is_day(out[i].value):
            frame.add(DayMention(c.start, c.end, cal.parse_iso_day(out[i].value)))
    return [n for n in out if n is not None]



_PERIOD_PREFIX = {"Y": re.compile(r"^(\d{4})(?![\d])"), "M": re.compile(r"^(\d{4}-\d{2})(?![\d])")}


def _that_period(c: Candidate, before: list) -> Normalized:
    """'En 2003, ... . Cette année-là': the year (month, week) of the last date the text gave."""
    unit = c.f["unit"]
    for n in reversed([n for n in before if n is not None and n.type in ("DATE", "TIME") and n.value]):
        if unit == "W":
            day = cal.parse_iso_day(n.value) if _is_day(n.value) else None
            if day is not None:
                return Normalized(c.start, c.end, "DATE", cal.fmt_week(day))
            continue
        m = _PERIOD_PREFIX[unit].match(n.value)
        if m:
            return Normalized(c.start, c.end, "DATE", m.group(1))
    return Normalized(c.start, c.end, "DATE", None)


def _is_day(value: Optional[str]) -> bool:
    return bool(value and _DAY_VALUE.match(value) and cal.parse_iso_day(value))


def _other_day(c: Candidate) -> bool:
    """'samedi dernier', 'le 6 mai prochain': a day set against the narrative's, not one that frames it."""
    return c.f.get("rel") in ("last", "next")


def _of_event(c: Candidate, cands: list[Candidate], out: list, i: int, frame: Frame,
              tense: TenseFn) -> Normalized:
    """'au lendemain de la désignation': the day of the clause it dates, one day off the event's.

    When the event's own date follows ("au lendemain du putsch du 18 août"), the value is
    counted from it; a date coarser than a day leaves it unknown. An undated event leaves
    the clause on its own day: the publication day for a clause in the present ("Au
    lendemain du grand oral, le gouvernement se heurte à..."), the day the narrative has
    just set for one in the past; "le matin même du procès" is placed like a time of day.
    Otherwise the value stays unknown: "l'avant-veille du départ" is no day of the report.
    """
    f = c.f
    typ = "TIME" if f.get("part") else "DATE"
    part = f"T{f['part']}" if f.get("part") else ""
    nxt = i + 1
    if nxt < len(cands) and cands[nxt].start - c.end <= 80 \
            and not re.search(r"[,;:.!?]|\b(?:où|qui|que|qu['’]|dont|lorsque|quand)\b", frame.text[c.end:cands[nxt].start]):
        # The event's own date ("au lendemain du putsch du 18 août"), not one of a clause
        # about it ("au lendemain d'une rencontre où il a annoncé une grève le 9 janvier").
        n = out[nxt]
        day = cal.parse_iso_day(n.value) if n is not None and _is_day(n.value) else None
        if day is None:
            return Normalized(c.start, c.end, typ, None)
        d = cal.add_days(day, f["offset"])
        return Normalized(c.start, c.end, typ, cal.fmt_day(d) + part if d else None)
    t = tense(c.start, c.end)
    if f["offset"] == 0:
        ref = frame.day_for(c.start, c.end, t)
    elif t == "present":
        ref = frame.anchor
    elif t == "past":
        ref = frame.day_for(c.start, c.end, t, guess=False)
    else:
        ref = None
    if ref is None:
        return Normalized(c.start, c.end, typ, None)
    return Normalized(c.start, c.end, typ, cal.fmt_day(ref) + part)


_ENUMERATION = re.compile(r"\s*(?:,|et|ou|au|à|-|–|jusqu['’]au|puis)\s*(?:le\s+|du\s+)?$", re.IGNORECASE)


def _after_previous(c: Candidate, value: str, prev_day: tuple[int, date], text: str) -> str:
    """'entre le 15 juillet et le 15 août': a day enumerated after another does not precede it."""
    end, prev = prev_day
    if prev is None or c.start - end > 25 or not _ENUMERATION.match(text[end:c.start]):
        return value
    month, day = c.f["month"], c.f["day"]
    for y in (prev.year, prev.year + 1):
        if cal.valid_day(y, month, day) and date(y, month, day) >= prev:
            return f"{y:04d}-{month:02d}-{day:02d}"
    return value


def _first_pass(c: Candidate, anchor: Optional[date], tense: TenseFn) -> Optional[Normalized]:
    f, k = c.f, c.kind
    N = lambda t, v, mod=None, anchored=False, relative=None: Normalized(c.start, c.end, t, v, mod, anchored, relative)  # noqa: E731
    if k == "date":
        value, used = _resolve_day(f, anchor, tense(c.start, c.end))
        if f.get("part"):
            # "le 3 mars au matin": the part of that day.
            return N("TIME", value + "T" + f["part"] if value else None, f.get("mod"), anchored=used and value is not None)
        return N("DATE", value, anchored=used and value is not None)
    if k == "month":
        month, year = f["month"], f.get("year")
        if year is None and f.get("yy") is not None:
            year = cal.two_digit_year(f["yy"], anchor)
        if year is not None:
            return N("DATE", cal.fmt_month(year, month), f.get("mod"))
        if anchor is None:
            return N("DATE", f"XXXX-{month:02d}", f.get("mod"))
        if f.get("rel") == "last":
            y = cal.month_before(anchor, month)
        elif f.get("rel") == "next":
            y = cal.month_after(anchor, month)
        else:
            y = cal.year_for_month(anchor, month, tense(c.start, c.end))
        return N("DATE", cal.fmt_month(y, month), f.get("mod"), anchored=True)
    if k == "holiday":
        return _holiday(c, anchor, tense(c.start, c.end))
    if k == "year":
        return N("DATE", f"{f['year']:04d}", f.get("mod"))
    if k == "decade":
        return N("DATE", f"{f['decade']:03d}", f.get("mod"))
    if k == "century":
        return N("DATE", f"{f['century']:02d}", f.get("mod"))
    if k == "season":
        s = f["season"]
        if f.get("year"):
            return N("DATE", f"{f['year']:04d}-{s}", f.get("mod"))
        which = {"last": "last", "next": "next"}.get(f.get("rel")) or f.get("which")
        if which:
            if anchor is None:
                return N("DATE", None, f.get("mod"), True,
                         f"{ {'last': -1, 'next': 1, 'this': 0, 'since': 0}[which]:+d}{s}")
            return N("DATE", f"{cal.season_year(anchor, s, which):04d}-{s}", f.get("mod"), anchored=True)
        return N("DATE", f"XXXX-{s}", f.get("mod"))
    if k == "relday":
        offset, part = f["offset"], f.get("part")
        if anchor is None:
            return N("TIME" if part else "DATE", None, f.get("mod"), True, f"{offset:+d}D")
        d = cal.add_days(anchor, offset)
        value = cal.fmt_day(d) + (f"T{part}" if part else "")
        return N("TIME" if part else "DATE", value, f.get("mod"), anchored=True)
    if k == "weekday":
        if f.get("chain") or f.get("meme"):
            return None
        return _weekday(c, anchor, tense)
    if k == "night":
        return _night(c, anchor, tense)
    if k == "relperiod":
        if f.get("chain"):
            return None
        return _period(c, anchor, anchor, f, "future" if f.get("ahead") else tense(c.start, c.end))
    if k == "offset":
        return _offset(c, anchor, f)
    if k == "daypart":
        if f.get("det") == "ce":
            if anchor is None:
                return N("TIME", None, f.get("mod"), True, "+0D")
            return N("TIME", f"{cal.fmt_day(anchor)}T{f['part']}", f.get("mod"), anchored=True)
        return None
    if k == "duration":
        if f.get("value"):
            return N("DURATION", f["value"], f.get("mod"))
        if f.get("hm"):
            h, mi = f["hm"]
            return N("DURATION", f"PT{h}H" + (f"{mi}M" if mi else ""), f.get("mod"))
        return N("DURATION", duration_value(f.get("n"), f["unit"]), f.get("mod"))
    if k == "set":
        return N("SET", f["value"])
    if k == "ref":
        return N("TIME", f["value"])
    if k in ("clock", "veille"):
        return None
    return None


def _weekday(c: Candidate, anchor: Optional[date], tense: TenseFn, ref: Optional[date] = None) -> Normalized:
    f = c.f
    wd, part = f["weekday"], f.get("part")
    typ = "TIME" if part else "DATE"
    t = tense(c.start, c.end)
    if f.get("det") == "le" and not part and not f.get("rel") and not f.get("chain") and t != "past":
        return Normalized(c.start, c.end, "SET", f"XXXX-WXX-{wd}")
    if f.get("chain") or f.get("meme"):
        base = ref or anchor
        direction = "after" if f.get("chain") == "next" else "before" if f.get("chain") == "prev" else "near"
        anchored = ref is None
    else:
        base = anchor
        direction = {"last": "before", "next": "after"}.get(f.get("rel")) or cal.direction_for(t)
        anchored = True
    if base is None:
        return Normalized(c.start, c.end, typ, None, f.get("mod"), True, _weekday_relative(wd, direction))
    d = cal.weekday_date(base, wd, direction)
    return Normalized(c.start, c.end, typ, cal.fmt_day(d) + (f"T{part}" if part else ""), f.get("mod"), anchored)


def _holiday(c: Candidate, anchor: Optional[date], tense: Optional[str]) -> Normalized:
    f = c.f
    name = f["holiday"]
    if f.get("year"):
        d = cal.holiday_date(name, f["year"])
        return Normalized(c.start, c.end, "DATE", cal.fmt_day(d) if d else None)
    if anchor is None:
        probe = cal.holiday_date(name, 2001)  # fixed holidays keep their day even without a year
        fixed = probe is not None and name not in ("paques", "pentecote")
        return Normalized(c.start, c.end, "DATE", f"XXXX-{probe.month:02d}-{probe.day:02d}" if fixed else None,
                          anchored=not fixed, relative=None)
    options = [d for d in (cal.holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)) if d]
    rel = f.get("rel")
    if rel == "last" or (rel is None and tense == "past"):
        pool = [d for d in options if d <= anchor] or options
        d = max(pool)
    elif rel == "next" or tense == "future":
        pool = [d for d in options if d >= anchor] or options
        d = min(pool)
    else:
        d = min(options, key=lambda o: (abs((o - anchor).days), o))
    return Normalized(c.start, c.end, "DATE", cal.fmt_day(d), anchored=True)


def _night(c: Candidate, anchor: Optional[date], tense: TenseFn) -> Normalized:
    f = c.f
    if f.get("day") and f.get("month"):
        value, used = _resolve_day({"day": f["day"], "month": f["month"], "year": f.get("year"),
                                    "weekday": f.get("weekday")}, anchor, tense(c.start, c.end))
        if value and value.startswith("XXXX"):
            return Normalized(c.start, c.end, "TIME", value + "TNI")
        return Normalized(c.start, c.end, "TIME", value + "TNI" if value else None, anchored=used)
    wd = f["weekday"]
    direction = cal.direction_for(tense(c.start, c.end))
    if anchor is None:
        return Normalized(c.start, c.end, "TIME", None, None, True, _weekday_relative(wd, direction))
    return Normalized(c.start, c.end, "TIME", cal.fmt_day(cal.weekday_date(anchor, wd, direction)) + "TNI",
                      anchored=True)


def _period(c: Candidate, base: Optional[date], anchor: Optional[date], f: dict,
            tense: Optional[str] = None) -> Normalized:
    unit, offset, mod = f["unit"], f["offset"], f.get("mod")
    anchored = base is anchor
    if base is None:
        return Normalized(c.start, c.end, "DATE", None, mod, True, f"{offset:+d}{unit}")
    if unit == "WE" and offset == 0 and not f.get("chain"):
        # "ce week-end" said on a weekday: the one just past when the verb is past
        # (or early in the week), the coming one otherwise.
        wd = base.isoweekday()
        if wd <= 5 and (tense == "past" or (tense is None and wd <= 2)):
            offset = -1
        elif wd == 7 and tense == "future":
            offset = 1
    if offset == 0 and not f.get("chain"):
        offset = _period_just_turned(base, unit, mod, tense)
    if unit in ("W", "M", "Y", "WE"):
        value = cal.shift(base, offset, unit)
    elif unit == "Q":
        q = (base.month - 1) // 3 + offset
        value = f"{base.year + q // 4:04d}-Q{q % 4 + 1}"
    elif unit == "H":
        h = (base.month - 1) // 6 + offset
        value = f"{base.year + h // 2:04d}-H{h % 2 + 1}"
    elif unit == "DE":
        value = f"{base.year // 10 + offset:03d}"
    else:
        value = f"{base.year // 100 + offset:02d}"
    return Normalized(c.start, c.end, "DATE", value, mod, anchored)


def _period_just_turned(base: date, unit: str, mod: Optional[str], tense: Optional[str]) -> int:
    """'cette fin d'année' written on 9 January is the end of the year just gone; 'en début
    d'année' announced in December, the start of the coming one."""
    if unit == "Y":
        if mod == "END" and ((base.month == 1 and tense != "future") or (base.month == 2 and tense == "past")):
            return -1
        if mod == "START" and base.month == 12 and tense == "future":
            return 1
    if unit == "M":
        if mod == "END" and base.day <= 5 and tense == "past":
            return -1
        if mod == "START" and base.day >= 26 and tense == "future":
            return 1
    return 0


def _offset(c: Candidate, anchor: Optional[date], f: dict) -> Normalized:
    designator, factor, is_time = lx.UNITS[f["unit"]]
    n = f["n"]
    sign = f["dir"]
    if designator == "Y" and n != int(n):
        designator, n = "M", n * 12
    if designator == "W" and n != int(n):
        designator, n = "D", n * 7
    if designator == "M" and is_time:
        designator = "MIN"
    rel_unit = {"MIN": "MIN", "H": "H", "S": "S"}.get(designator, designator)
    relative = f"{'+' if sign > 0 else '-'}{int(n) if n == int(n) else n:g}{rel_unit}"
    if anchor is None:
        return Normalized(c.start, c.end, "DATE", None, f.get("mod"), True, relative)
    value = cal.shift(anchor, sign * int(round(n)), designator)
    return Normalized(c.start, c.end, "DATE", value, f.get("mod"), True)


def _second_pass(c: Candidate, ref: Optional[date], anchor: Optional[date], tense: TenseFn) -> Optional[Normalized]:
    f, k = c.f, c.kind
    base = ref or anchor
    if k == "clock":
        hm = f"T{f['hour']:02d}:{f['minute']:02d}"
        if base is None:
            return Normalized(c.start, c.end, "TIME", "XXXX-XX-XX" + hm, f.get("mod"))
        return Normalized(c.start, c.end, "TIME", cal.fmt_day(base) + hm, f.get("mod"), anchored=ref is None)
    if k == "daypart":
        if base is None:
            return Normalized(c.start, c.end, "TIME", None, f.get("mod"), True, f"T{f['part']}")
        return Normalized(c.start, c.end, "TIME", f"{cal.fmt_day(base)}T{f['part']}", f.get("mod"), anchored=ref is None)
    if k == "veille":
        typ = "TIME" if f.get("part") else "DATE"
        if f.get("of_event") or base is None:
            return Normalized(c.start, c.end, typ, None, None, False, f"{f['offset']:+d}D" if not f.get("of_event") else None)
        d = cal.add_days(base, f["offset"])
        return Normalized(c.start, c.end, typ, cal.fmt_day(d) + (f"T{f['part']}" if f.get("part") else ""),
                          anchored=ref is None)
    if k == "weekday":
        return _weekday(c, anchor, tense, ref)
    if k == "relperiod":
        return _period(c, base, anchor, f, tense(c.start, c.end))
    return None
