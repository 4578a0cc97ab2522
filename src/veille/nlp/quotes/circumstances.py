"""Channel, place and date a frame states (« sur Twitter », « à Bruxelles », « mardi »)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from ..docdata import state
from .context import DocContext

_PLACE_PREPS = {"à", "depuis", "au", "en"}


@lru_cache(maxsize=8)
def _channel_re(patterns: tuple[tuple[str, str], ...]):
    return [(re.compile(r"(?<!\w)" + re.escape(p) + r"(?!\w)"), ch) for p, ch in patterns]


_OTHER_CLAUSES = {"advcl", "ccomp", "conj", "parataxis", "acl:relcl", "csubj"}


def clause_tokens(cue: Token | None, frame: list[Token]) -> list[Token]:
    """The frame tokens of the cue's own clause (« car cette lettre… » is another clause)."""
    if cue is None:
        return []
    root = cue
    # an incise hangs on the quoted clause: its own clause is its subtree
    drop = set()
    for c in root.children:
        if c.dep_ in _OTHER_CLAUSES:
            drop.update(t.i for t in c.subtree)
    own = {t.i for t in root.subtree} - drop
    # the subject and circumstances before a participle-headed advcl stay with the verb
    return [t for t in frame if t.i in own]


def channel(ctx: DocContext, frame_text: str) -> str | None:
    low = frame_text.lower()
    best = None
    for rx, ch in _channel_re(ctx.lex.channels):
        m = rx.search(low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), ch)
    return best[1] if best else None


def _governed_by(t: Token, cue: Token, limit: int = 4) -> bool:
    """`t` hangs on the cue through nouns and adverbs only (not through another verb)."""
    h = t
    for _ in range(limit):
        if h.head == h:
            return False
        h = h.head
        if h == cue:
            return True
        if h.pos_ == "VERB" and h.dep_ != "acl":
            return False
    return False


def place(ctx: DocContext, cue: Token | None, frame: list[Token], exclude: tuple[int, int]) -> str | None:
    if cue is None or cue.pos_ not in ("VERB", "NOUN"):
        return None
    for t in frame:
        if exclude[0] <= t.idx < exclude[1] or t.i == 0:
            continue
        if t.doc[t.i - 1].lower_ not in _PLACE_PREPS or t.pos_ != "PROPN":
            continue
        if not _governed_by(t, cue):
            continue
        for m in ctx.mentions_in(t.idx, t.idx + len(t.text)):
            if m.entity.type in ("LOC", "GPE"):
                return m.entity.name
    return None


def _date_hook():
    try:
        from ..times.governing import date_for_span  # type: ignore

        return date_for_span
    except Exception:  # the times layer may not provide it
        return None


_DATE_FOR_SPAN = _date_hook()


def date(ctx: DocContext, cue: Token | None, frame: list[Token], exclude: tuple[int, int],
         speaker: tuple[int, int] = (0, 0)) -> str | None:
    if cue is None:
        return None
    if _DATE_FOR_SPAN is not None:
        try:
            te = _DATE_FOR_SPAN(ctx.doc, cue.idx, cue.idx + len(cue.text))
            # a date inside what was said, or inside the speaker's description, is not the
            # date of saying it
            if te is not None and not (exclude[0] <= te.start < exclude[1]) and not (speaker[0] <= te.start < speaker[1]):
                return te.value
        except Exception:
            pass
    times = state(ctx.doc).get("times") or []
    for te in times:
        if not te.value or te.type not in ("DATE", "TIME") or exclude[0] <= te.start < exclude[1]:
            continue
        if speaker[0] <= te.start < speaker[1]:  # « son adversaire à la présidentielle de novembre »
            continue
        tok = ctx.token_at(te.start)
        if tok is not None and tok in frame and (_governed_by(tok, cue) or tok.head == cue):
            return te.value
    return None
