"""Which reader an input needs: by file name, or by sniffing its first bytes."""

from __future__ import annotations

from .feeds import FEED_ROOTS, root_name

# Longest suffix first, so that "x.jsonl.gz" is not taken for a ".gz".
EXTENSIONS = {
    ".jsonl.gz": "jsonl.gz",
    ".jsonl": "jsonl",
    ".json": "json",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}
KNOWN = ", ".join(EXTENSIONS)
GZIP_MAGIC = b"\x1f\x8b"
_BLANK = b" \t\r\n\x0b\x0c"


def kind_of(name: str) -> str | None:
    lower = name.lower()
    for suffix, kind in EXTENSIONS.items():
        if lower.endswith(suffix):
            return kind
    return None


def sniff(head: bytes) -> str:
    """Kind of an input without a telling name (standard input, a file with no
    extension): JSON Lines if it opens with "{", HTML (or a feed) if with "<",
    plain text otherwise."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    stripped = head.lstrip(_BLANK)
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"<"):
        return "feed" if root_name(stripped) in FEED_ROOTS else "html"
    return "text"


def is_blank(head: bytes) -> bool:
    return not head.lstrip(_BLANK)
