"""Cut an article text into chunks for spaCy, keeping exact offsets.

spaCy's French parser ignores line breaks when it splits sentences, and its cost
grows with document length, so each paragraph is parsed as its own doc and the
docs are joined back with ``Doc.from_docs``. Each chunk keeps its trailing line
breaks so that the joined doc's text is the article text, character for character.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"[^\n]*\n*")
# A cut point inside an over-long paragraph: after a sentence end and its spaces.
_SENTENCE_END = re.compile(r"[.!?»\"]\s+(?=[A-ZÀ-ÖØ-Þ«\"])")


def chunks(text: str, max_chars: int = 5000) -> list[str]:
    out = []
    for m in _PARAGRAPH.finditer(text):
        para = m.group(0)
        if not para:
            continue
        while len(para) > max_chars:
            cut = _cut_point(para, max_chars)
            out.append(para[:cut])
            para = para[cut:]
        if para:
            out.append(para)
    return out


def _cut_point(para: str, max_chars: int) -> int:
    best = None
    for m in _SENTENCE_END.finditer(para, 0, max_chars):
        best = m.end()
    if best is None or best < max_chars // 4:
        # No sentence end in reach: cut at the last space rather than inside a word.
        space = para.rfind(" ", 0, max_chars)
        best = space + 1 if space > 0 else max_chars
    return best
