"""Calendar arithmetic on an anchor day, and ISO/TimeML value formatting."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta
from typing import Optional

from ...models import iso_day

Tense = Optional[str]  # "past", "present", "future" or None

# The data model owns ISO-day parsing; the store uses it too.
parse_iso_day = iso_day


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _cal.monthrange(year, month)[1]


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def add_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def shift(anchor: date, n: int, unit: str) -> str | None:
    """The value of the period n units away from the anchor, at the unit's granularity."""
    if unit == "D":
        d = add_days(anchor, n)
        return fmt_day(d) if d else None
    if unit == "W":
        d = add_days(anchor, 7 * n)
        return fmt_week(d) if d else None
    if unit == "WE":
        d = add_days(anchor, 7 * n)
        return fmt_week(d) + "-WE" if d else None
    if unit == "M":
        y, m = add_months(anchor.year, anchor.month, n)
        return fmt_month(y, m)
    if unit == "Y":
        return f"{anchor.year + n:04d}"
    if unit in ("H", "MIN", "S"):
        return fmt_day(anchor)
    return None


def weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """The day of the given ISO weekday (1 = Monday) relative to the anchor.

    direction: "past" (on or before the anchor), "future" (on or after), "before"
    (strictly before: "mardi dernier"), "after" (strictly after: "mardi prochain"),
    "near" (the nearest, looking ahead up to three days).
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    if direction == "after":
        return anchor + timedelta(days=ahead or 7)
    return anchor + timedelta(days=ahead) if ahead <= 3 else anchor - timedelta(days=back)


def direction_for(tense: Tense) -> str:
    if tense == "past":
        return "past"
    if tense == "future":
        return "future"
    return "near"


def year_for_day(anchor: date, month: int, day: int, tense: Tense) -> int | None:
    """The year of a day written without one ('le 3 janvier'), seen from the anchor.

    The tense of the governing verb decides when it can (past: on or before the
    anchor; future: on or after); otherwise the nearest such day.
    """
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if valid_day(y, month, day):
            candidates.append(date(y, month, day))
    if not candidates:
        return None
    if tense == "past":
        # A few days of slack: a text written the evening before its publication.
        past = [c for c in candidates if c <= anchor + timedelta(days=1)]
        if past:
            return max(past).year
    elif tense == "future":
        future = [c for c in candidates if c >= anchor - timedelta(days=1)]
        if future:
            return min(future).year
    return min(candidates, key=lambda c: abs((c - anchor).days)).year


def year_for_month(anchor: date, month: int, tense: Tense) -> int:
    """The year of a month written without one ('en mars'), seen from the anchor."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(y, (y * 12 + month - 1) - here) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if tense == "past":
        past = [y for y, diff in options if diff <= 0]
        return max(past)
    if tense == "future":
        future = [y for y, diff in options if diff >= 0]
        return min(future)
    # News reports the past more than it announces: a tie goes to the past.
    return min(options, key=lambda o: (abs(o[1]), o[0]))[0]


def month_before(anchor: date, month: int, strict: bool = True) -> int:
    """Year of the last such month before the anchor ('septembre dernier')."""
    y = anchor.year if (month < anchor.month or (not strict and month == anchor.month)) else anchor.year - 1
    return y


def month_after(anchor: date, month: int, strict: bool = True) -> int:
    """Year of the next such month after the anchor ('juin prochain')."""
    return anchor.year if (month > anchor.month or (not strict and month == anchor.month)) else anchor.year + 1


def day_before(anchor: date, month: int, day: int) -> int | None:
    """Year of 'le 6 mai dernier': the last such day on or before the anchor."""
    for y in (anchor.year, anchor.year - 1, anchor.year - 2):
        if valid_day(y, month, day) and date(y, month, day) <= anchor:
            return y
    return None


def day_after(anchor: date, month: int, day: int) -> int | None:
    for y in (anchor.year, anchor.year + 1, anchor.year + 2):
        if valid_day(y, month, day) and date(y, month, day) >= anchor:
            return y
    return None


SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}


def season_year(anchor: date, season: str, which: str) -> int:
    """Year of 'cet été' ("this"), 'l'été dernier' ("last"), 'l'été prochain' ("next").

    TimeML counts a winter in the year it starts (2019-WI runs into 2020).
    """
    m = anchor.month
    current = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}.get(m, "WI")
    current_year = anchor.year - 1 if (current == "WI" and m <= 2) else anchor.year
    cur = current_year * 4 + SEASON_ORDER[current]
    if which == "since":
        which = "this" if current == season else "last"
    if which == "this":
        # "cet hiver" in January is the winter under way; "cet été" in January is the coming one.
        options = [y * 4 + SEASON_ORDER[season] for y in (current_year - 1, current_year, current_year + 1)]
        best = min((o for o in options if o >= cur), default=cur)
        return (best - SEASON_ORDER[season]) // 4
    if which == "last":
        options = [y * 4 + SEASON_ORDER[season] for y in (current_year - 1, current_year)]
        best = max(o for o in options if o < cur) if any(o < cur for o in options) else options[0]
        return (best - SEASON_ORDER[season]) // 4
    options = [y * 4 + SEASON_ORDER[season] for y in (current_year, current_year + 1)]
    best = min(o for o in options if o > cur) if any(o > cur for o in options) else options[-1]
    return (best - SEASON_ORDER[season]) // 4


def two_digit_year(yy: int, anchor: date | None) -> int:
    """'octobre 98' -> 1998; 'mars 21' -> 2021 when written around 2020."""
    if anchor is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    # The nearest such year no more than ten years after the anchor.
    options = [c * 100 + yy for c in (anchor.year // 100 - 1, anchor.year // 100, anchor.year // 100 + 1)]
    options = [o for o in options if o <= anchor.year + 10]
    return max(options)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


_FIXED_HOLIDAYS = {"noel": (12, 25), "toussaint": (11, 1), "saint-sylvestre": (12, 31), "saint-valentin": (2, 14),
                   "nouvel an": (1, 1), "jour de l'an": (1, 1), "jour de l’an": (1, 1)}


def holiday_date(name: str, year: int) -> date | None:
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    if name == "paques":
        return easter(year)
    if name == "pentecote":
        return easter(year) + timedelta(days=49)
    return None
