"""Which day a time of day belongs to ("à 18h30", "dans l'après-midi", "le matin même").

A bare time of day names no day: the text has set one earlier, or it means the day
of the report. The rules, checked on FR-TimeBank (local narratives: "Hier, ... . A
20 h, ...") and on OrangeSum reports of the day ("samedi dernier, 22.300
manifestants ... . A 18 heures, le calme était revenu"):

1. a day written right after it in the clause ("vers 15 h 30, hier");
2. a day in its own sentence, before it, else after it when the tenses agree
   ("a reçu un appel le matin même du procès, ce mardi");
3. else the day the narrative last set, skipping days the text marks as other
   days ("samedi dernier", "mardi prochain"), days that only date a noun ("le
   putsch du 18 août") and days the clause's tense rules out (a past clause does
   not happen on a day still ahead);
4. in a report of the day (its first dated expression is the publication day or
   the day before), a day found by 3 that lies more than a few days from the
   publication day frames only the next sentences of a narrative ("le 29 décembre
   en fin de soirée. Arrivé le lendemain matin"); further on it is background ("le
   putsch du 18 août", six sentences back) and the time of day belongs to the
   report's own day.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Optional

# Sentence ends, including the glued ones of scraped text ("mi-novembre.A Paris"):
# a period right before a capital counts unless it closes an initial ("M.Keïta").
_SENT_END = re.compile(r"[.!?…]+[»\"”)\]]*(?:\s+|(?=[A-ZÀ-ÖØ-Þ«\"“]))|\n+")
_INITIAL = re.compile(r"(?:^|[\s(\-'’])[A-ZÀ-ÖØ-Þ]$")
# A day more than this far from the publication day frames a report of the day's times
# of day only within this many sentences after it.
_SCENE_DAYS = 3
_NARRATIVE_SENTENCES = 3
# "l'énorme manifestation du 9 juin", "le putsch du 18 août": a day inside a noun phrase dates
# the noun, not the clause, and sets no day for the narrative ("la soirée du 5 mai" does).
_NOUN_DATE = re.compile(r"(?P<noun>[\w’'\-]+)\s+(?:du|de|des|d['’])\s*$", re.IGNORECASE)
_FRAMING_NOUNS = {"soirée", "nuit", "matinée", "journée", "après-midi", "matin", "soir", "partir", "lors", "cours",
                  "jour", "week-end", "veille", "lendemain"}


@dataclass
class DayMention:
    start: int
    end: int
    day: date
    other: bool = False  # marked as another day than the narrative's: "samedi dernier", "le 6 mai prochain"


def sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of text start (0 first)."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        if m.group().startswith(".") and _INITIAL.search(text[max(0, m.start() - 3):m.start()]):
            continue
        if m.end() < len(text):
            starts.append(m.end())
    return starts


def _noun_date(text: str, start: int) -> bool:
    m = _NOUN_DATE.search(text[max(0, start - 30):start])
    return m is not None and m.group("noun").lower() not in _FRAMING_NOUNS


def _agrees(day: date, anchor: Optional[date], tense: Optional[str]) -> bool:
    """A past clause does not happen on a day still ahead, nor a future one on a day gone."""
    if anchor is None:
        return True
    if tense == "past":
        return day <= anchor
    if tense == "future":
        return day >= anchor
    return True


class Frame:
    """The days a text has dated so far, to place its times of day."""

    def __init__(self, text: str, anchor: Optional[date], days: list[DayMention]):
        self.text = text
        self.anchor = anchor
        self.days = sorted(days, key=lambda d: d.start)
        self._starts: Optional[list[int]] = None
        lead = self.days[0].day if self.days else None
        # A report of the day: its first dated expression is the publication day (or the
        # day before, for a text published the morning after).
        self.report_day = lead if (anchor is not None and lead is not None
                                   and 0 <= (anchor - lead).days <= 1) else None

    def add(self, mention: DayMention) -> None:
        """A time of day just placed dates the next ones ("ce même lundi après-midi ... 13 h 30")."""
        self.days.append(mention)
        self.days.sort(key=lambda d: d.start)

    @property
    def starts(self) -> list[int]:
        # Only texts with a time of day to place need their sentences.
        if self._starts is None:
            self._starts = sentence_starts(self.text) if self.text else [0]
        return self._starts

    def _index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.starts, pos) - 1
        start = self.starts[max(i, 0)]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def apposed(self, end: int) -> Optional[date]:
        """'La veille, dimanche 3 mars': a day set right after the expression restates it."""
        for d in self.days:
            if d.start >= end:
                gap = self.text[end:d.start]
                return d.day if len(gap) <= 3 and re.fullmatch(r"[\s,(–-]*", gap) else None
        return None

    def day_for(self, start: int, end: int, tense: Optional[str], guess: bool = True,
                chain: bool = False) -> Optional[date]:
        """The day of the time of day at [start, end), or None (then: the publication day).

        guess=False keeps to days the text has just set, before the expression (or right
        after it): no day later in the sentence, none more than a few sentences back, no
        fallback on the report's day. chain=True is for "le lendemain", "la veille": they count
        from the last day told, even one set apart ("Jeudi dernier, ... . Le lendemain matin"),
        a little further back.
        """
        after = [d for d in self.days if d.start >= end and d.start - end <= 12]
        if after and self.text and not re.search(r"[.!?\n;]", self.text[end:after[0].start]):
            return after[0].day
        s_start, s_end = self._sentence(start)
        before = [d for d in self.days if s_start <= d.start and d.end <= start]
        if before:
            return before[-1].day
        later = [d for d in self.days if d.start >= end and d.end <= s_end and _agrees(d.day, self.anchor, tense)
                 and not _noun_date(self.text, d.start)]
        if later and guess:
            return later[0].day
        for d in reversed([d for d in self.days if d.end <= start]):
            if (d.other and not chain) or not _agrees(d.day, self.anchor, tense) or _noun_date(self.text, d.start):
                continue
            far_back = self._index(start) - self._index(d.start) > _NARRATIVE_SENTENCES + (2 if chain else 0)
            if not guess and far_back:
                return None
            if self.report_day is not None and abs((d.day - self.anchor).days) > _SCENE_DAYS and far_back:
                return self.report_day
            return d.day
        return self.report_day if guess else None
