"""The time layer on plain text: find, infer the publication day if asked, normalize.

Works without spaCy (``tense`` is an optional callback giving "past", "present" or
"future" for a character range); the spaCy component only adds the tense hints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ...models import TimeExpr
from . import calendar as cal
from .grammar import find_candidates
from .infer import Inference, infer_published
from .normalize import TenseFn, normalize


@dataclass
class TagResult:
    times: list[TimeExpr] = field(default_factory=list)
    inferred: Optional[Inference] = None
    anchor: Optional[date] = None


def tag(text: str, anchor: date | str | None = None, tense: TenseFn | None = None,
        infer: bool = True) -> TagResult:
    """Temporal expressions of text, normalized on anchor (the publication day).

    When anchor is None and infer is true, the publication day is inferred from the
    text where the evidence is solid (see infer.py) and used as the anchor.
    """
    if isinstance(anchor, str):
        anchor = cal.parse_iso_day(anchor)
    if not text:
        return TagResult(anchor=anchor)
    cands = find_candidates(text)
    inferred = None
    if anchor is None and infer:
        inferred = infer_published(cands, text)
        if inferred is not None:
            anchor = inferred.day
    times = []
    for n in normalize(cands, anchor, tense, text):
        times.append(TimeExpr(start=n.start, end=n.end, text=text[n.start:n.end], type=n.type, value=n.value,
                              mod=n.mod, anchored=n.anchored, relative=n.relative))
    return TagResult(times=times, inferred=inferred, anchor=anchor)
