"""Inferring the publication day from the text, when no metadata gives it.

Only solid evidence counts, and the year always comes from the text:
  * a full date written as today's ("ce 7 janvier 2020", "aujourd'hui mardi 7 janvier 2020");
  * a weekday with day and month written as today's ("ce mardi 7 janvier") whose
    weekday fits exactly one year within a year of the latest full date the text
    states ("January 7, 2020" in an embedded post).
Anything weaker leaves the day unknown: a made-up day is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from . import calendar as cal
from .grammar import Candidate

_WEEKDAY_NAMES = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday", 7: "Sunday"}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


@dataclass
class Inference:
    day: date
    how: str
    start: int
    end: int


def _full_dates(cands: list[Candidate], text: str) -> list[tuple[date, str]]:
    out = []
    for c in cands:
        f = c.f
        if c.kind == "date" and f.get("year") and cal.valid_day(f["year"], f["month"], f["day"]):
            out.append((date(f["year"], f["month"], f["day"]), text[c.start:c.end]))
    return out


def infer_published(cands: list[Candidate], text: str) -> Optional[Inference]:
    full = _full_dates(cands, text)
    for c in cands:
        f = c.f
        if c.kind != "date" or not (f.get("det") == "ce" or f.get("today")) or f.get("rel"):
            continue
        words = text[c.start:c.end]
        if f.get("year"):
            if not cal.valid_day(f["year"], f["month"], f["day"]):
                continue
            day = date(f["year"], f["month"], f["day"])
            if f.get("weekday") and day.isoweekday() != f["weekday"]:
                continue  # the text contradicts itself: no inference
            return Inference(day, f"inferred from the text: {words!r} states the day of writing", c.start, c.end)
        if not f.get("weekday") or not full:
            continue
        latest, latest_words = max(full)
        fits = [y for y in (latest.year - 1, latest.year, latest.year + 1)
                if cal.valid_day(y, f["month"], f["day"]) and date(y, f["month"], f["day"]).isoweekday() == f["weekday"]]
        if len(fits) != 1:
            continue
        day = date(fits[0], f["month"], f["day"])
        how = (f"inferred from the text: {words!r} (a {_WEEKDAY_NAMES[f['weekday']]} {day.day} "
               f"{_MONTH_NAMES[day.month - 1]} only in {fits[0]} within a year of {latest_words!r})")
        return Inference(day, how, c.start, c.end)
    return None
