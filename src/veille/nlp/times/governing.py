"""Which time expression dates a clause: used by the events (and quotes) layers.

``date_for_span(doc, start, end)`` looks in the sentence holding [start, end) for the
dated expressions (DATE, or TIME with a day) the times component found; it prefers
the one attached to the same verb as the span in the parse ("Le parlement a voté
le 5 janvier": "voté" governs both), else the nearest one in the sentence.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ...models import TimeExpr
from ..docdata import state
from .tense import governing_verb

_USABLE = ("DATE", "TIME")


def _sentence(doc: Doc, start: int, end: int) -> Optional[Span]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return span[0].sent
    return doc[:]


def _verb_of(doc: Doc, start: int, end: int) -> Optional[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP"):
        return None
    root = span.root
    if root.pos_ in ("VERB", "AUX"):
        # An auxiliary's clause is its head's ("a été tué": "tué").
        return root.head if root.dep_.startswith("aux") else root
    return governing_verb(root)


def _dated(t: TimeExpr) -> bool:
    if t.type not in _USABLE:
        return False
    if t.value is None:
        return t.relative is not None
    return not t.value.endswith("_REF")


def date_for_span(doc: Doc, start: int, end: int) -> Optional[TimeExpr]:
    """The dated expression governing the clause of [start, end), or None."""
    sent = _sentence(doc, start, end)
    if sent is None:
        return None
    times = [t for t in state(doc).get("times", []) if _dated(t)
             and t.start >= sent.start_char and t.end <= sent.end_char]
    if not times:
        return None
    verb = _verb_of(doc, start, end)
    if verb is not None:
        same = [t for t in times if _verb_of(doc, t.start, t.end) == verb]
        if same:
            return min(same, key=lambda t: _distance(t, start, end))
    return min(times, key=lambda t: (_distance(t, start, end), t.type != "DATE"))


def _distance(t: TimeExpr, start: int, end: int) -> int:
    if t.end <= start:
        return start - t.end
    if t.start >= end:
        return t.start - end
    return 0
