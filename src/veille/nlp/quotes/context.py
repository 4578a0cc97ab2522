"""What every quote rule needs to know about one article Doc, computed once."""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ...settings import DATA_DIR
from ..docdata import state
from ..docdata import text as doc_text
from .lexicon import Lexicon
from .marks import Region, find_regions


# OrangeSum glues sentences ("…unis.Selon …", "l'AFP.Le Premier ministre"); spaCy does
# not always split them. A period between a word and a capitalised word is a boundary.
_GLUED = re.compile(r"(?<=[\w)»\"”%])[.!?](?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]|[«\"“]|\s?[-–—]\s?[\"«A-ZÀ-ÖØ-Þ])")


_WORDY = re.compile(r"\w{2,}")


def _fold_name(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


@lru_cache(maxsize=1)
def media_names() -> dict[str, str]:
    """Lower-cased names and aliases of the media the knowledge base knows -> canonical name.

    The entity layer links « l'AFP » to Agence France-Presse; a relay is named the same way
    whether or not the NER found the mention."""
    out: dict[str, str] = {}
    try:
        with open(DATA_DIR / "kb" / "entities.jsonl", encoding="utf-8") as f:
            for line in f:
                if '"media"' not in line:
                    continue
                rec = json.loads(line)
                if rec.get("kind") != "media" or not rec.get("name"):
                    continue
                for form in [rec["name"], rec.get("label_fr") or ""] + list(rec.get("aliases") or []):
                    if form:
                        out.setdefault(_fold_name(form), rec["name"])
    except (OSError, ValueError):
        pass  # no knowledge base: the quote lexicon's media list still applies
    return out


@dataclass
class EntityMention:
    start: int
    end: int
    entity: Entity


@dataclass
class DocContext:
    doc: Doc
    lex: Lexicon
    text: str = ""  # doc.text rebuilds the string on every access: read it once
    regions: list[Region] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _tok_starts: list[int] = field(default_factory=list)
    _region_starts: list[int] = field(default_factory=list)
    _ranks: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon) -> "DocContext":
        ctx = cls(doc=doc, lex=lex, text=doc_text(doc))
        ctx.regions = find_regions(ctx.text)
        ctx._region_starts = [r.start for r in ctx.regions]
        text = ctx.text
        ctx.sents = [s for s in doc.sents if text[s.start_char : s.end_char].strip()] if doc.has_annotation("SENT_START") else []
        ctx._sent_starts = [s.start_char for s in ctx.sents]
        # distances between sentences count real sentences only: the parser leaves stray
        # marks (« . », « " ») of glued OrangeSum text as sentences of their own
        rank, ctx._ranks = -1, []
        for s in ctx.sents:
            # nor do the sentences of a quotation: the frame around it is one sentence
            if rank < 0 or (_WORDY.search(text, s.start_char, s.end_char) and ctx.region_of(s.start_char + 1) is None):
                rank += 1
            ctx._ranks.append(rank)
        ctx._tok_starts = doc.to_array([IDX]).tolist() if len(doc) else []
        for ent in state(doc).get("entities") or []:
            for m in ent.mentions:
                ctx.mentions.append(EntityMention(m.start, m.end, ent))
        ctx.mentions.sort(key=lambda m: (m.start, -m.end))
        return ctx

    # -- positions ----------------------------------------------------------------
    def sent_index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def sent_rank(self, char: int) -> int:
        """Index of the sentence holding `char` among real sentences (for distances)."""
        return self._ranks[self.sent_index(char)] if self._ranks else 0

    def glued_bounds(self, char: int) -> tuple[int, int]:
        """The sentence holding `char`, split further at glued sentence ends."""
        if not self.sents:
            return 0, len(self.text)
        sent = self.sents[self.sent_index(char)]
        start, end = sent.start_char, sent.end_char
        for m in _GLUED.finditer(self.text, start, end):
            if self.region_of(m.start()) is not None:
                continue
            if m.end() <= char:
                start = m.end()
            else:
                end = m.end()
                break
        return start, end

    def clip(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        lo, hi = self.glued_bounds(anchor)
        return max(start, lo), min(end, hi)

    def token_at(self, char: int) -> Token | None:
        if not len(self.doc):
            return None
        i = max(0, bisect.bisect_right(self._tok_starts, char) - 1)
        return self.doc[i]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        # Both ends by bisection: each doc[i] builds a Token object, the hot cost here.
        i = bisect.bisect_left(self._tok_starts, start)
        j = bisect.bisect_left(self._tok_starts, end)
        return list(self.doc[i:j]) if j > i else []

    def region_of(self, char: int) -> Region | None:
        """The quote region whose content holds this offset."""
        i = bisect.bisect_right(self._region_starts, char) - 1
        if i >= 0:
            r = self.regions[i]
            if r.start <= char < r.end:
                return r
        return None

    def in_quote(self, token: Token) -> bool:
        return self.region_of(token.idx) is not None

    # -- entities -----------------------------------------------------------------
    def medium(self, name: str | None) -> str | None:
        """The canonical name of a medium (« BFMTV » -> « BFM TV »), or None when `name` is none."""
        if not name:
            return None
        low = _fold_name(name)
        known = media_names()
        for form in (low, low[2:] if low.startswith("l'") else None,
                     low.split(" ", 1)[1] if low.startswith(("le ", "la ", "les ")) else None):
            if form and form in known:
                return known[form]
        return name if self.lex.is_media_name(name) else None

    def mentions_in(self, start: int, end: int) -> list[EntityMention]:
        return [m for m in self.mentions if m.start < end and m.end > start]
