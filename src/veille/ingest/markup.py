"""HTML fragments (feed summaries, feed content) to plain text with paragraph breaks."""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template"))
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment; block elements become line breaks, blank lines are dropped."""
    if "<" not in fragment:
        return _tidy(html.unescape(fragment))
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    parts: list[str] = []
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                skipping += 1
            elif not skipping:
                if tag in _BLOCK:
                    parts.append("\n")
                if el.text and isinstance(el.tag, str):
                    parts.append(el.text)
        else:
            if tag in _SKIP:
                skipping -= 1
            elif not skipping and tag in _BLOCK:
                parts.append("\n")
            if el.tail and not skipping and el is not root:
                parts.append(el.tail)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
