"""Embedded social-media posts: « text \\n— Name (@handle) January 7, 2020 »."""

from __future__ import annotations

import re

from .candidate import Candidate
from .context import DocContext

_SIGNATURE = re.compile(
    r"^[ \t]*[—–-][ \t]*(?P<name>[^\n()@]{2,80}?)[ \t]*\((?P<handle>@\w{1,30})\)[ \t]*(?P<date>[^\n]{0,40})$",
    re.M,
)
_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


def candidates(ctx: DocContext) -> list[Candidate]:
    text = ctx.text
    out = []
    for m in _SIGNATURE.finditer(text):
        # the post is the paragraph just above the signature line
        end = m.start()
        while end > 0 and text[end - 1] in "\n \t":
            end -= 1
        start = text.rfind("\n", 0, end) + 1
        body = text[start:end]
        link = _LINK.search(body)
        if link:
            end = start + link.start()
        while start < end and text[start] in " \t":
            start += 1
        if end - start < 10:
            continue
        name_start = m.start("name")
        c = Candidate(kind="direct", start=start, end=end, cue="publier", stance="assert",
                      frame=(m.start(), m.end()), channel="Twitter",
                      post_author=text[name_start : m.end("name")])
        out.append(c)
    return out


def post_regions(ctx: DocContext) -> list[tuple[int, int]]:
    return [(c.start, c.frame[1]) for c in candidates(ctx)]
