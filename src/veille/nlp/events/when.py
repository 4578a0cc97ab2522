"""The date of an event: the time layer's governing date, else a time expression
attached to the trigger's clause."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..docdata import state

try:
    from ..times.governing import date_for_span as _date_for_span  # type: ignore
except Exception:  # noqa: BLE001  the times layer may land after us
    _date_for_span = None

_governing = _date_for_span
_SKIP = {"ccomp", "xcomp", "parataxis", "acl:relcl", "conj", "advcl"}


_ISO = re.compile(r"^(\d{4}|XXXX)(-W?\d{2}(-\d{2})?)?")


def _clean(value: str | None) -> str | None:
    """A calendar value for the event: « 2020-06-10TEV » → 2020-06-10; « PAST_REF » → None."""
    if not value:
        return None
    m = _ISO.match(value)
    return m.group(0) if m else None


def date_for(doc: Doc, tok: Token, mention=None) -> str | None:
    return _clean(_date_for(doc, tok))


def _date_for(doc: Doc, tok: Token) -> str | None:
    global _governing
    anchor = tok
    if tok.pos_ == "NOUN" and tok.head is not tok and tok.head.pos_ == "VERB" and tok.dep_ in ("obj", "obl:arg", "nsubj"):
        anchor = tok.head  # the light verb carries the date: « ont lancé le 3 janvier le retrait »
    if _governing is not None:
        try:
            te = _governing(doc, tok.idx, tok.idx + len(tok.text))
            if te is not None and getattr(te, "value", None):
                return te.value
        except Exception:  # noqa: BLE001
            _governing = None
    times = [t for t in state(doc).get("times") or [] if t.value and t.type in ("DATE", "TIME")]
    if not times:
        return None
    ranges = []
    for head in {anchor, tok}:
        for c in head.children:
            if c.dep_ in _SKIP:
                continue
            sub = list(c.subtree)
            ranges.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    for t in times:
        for lo, hi in ranges:
            if lo <= t.start < hi:
                return t.value
    return None
