"""RSS and Atom feeds through feedparser: one Article per entry.

The entry text is its title and its content (or summary), stripped of HTML and
joined with a blank line; the feed's title is the source.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ..errors import Rejection
from ..models import Article
from .dates import iso_day
from .markup import fragment_to_text
from .problems import Reject
from .records import compose

# Root elements of RSS 0.9x/2.0, Atom and RSS 1.0 (rdf:RDF).
FEED_ROOTS = frozenset(("rss", "feed", "rdf"))
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def root_name(head: bytes) -> str | None:
    """Local name of the first element of an XML document, lower-cased."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    m = _ROOT.match(head, _PROLOG.match(head).end())
    return m.group(2).decode("ascii").lower() if m else None


def read_feed(data: bytes, name: str) -> Iterator[Article | Rejection]:
    import feedparser  # ~0.1 s to import; only feeds need it

    # Bytes, never a str: feedparser takes a str for a URL or a file name.
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            raise Reject(f"not a valid RSS/Atom feed ({_bozo_message(parsed)})")
        raise Reject("feed has no entries")
    source = fragment_to_text(parsed.feed.get("title", "")) or None
    items = [_entry(entry, f"{name}:entry {n}", source) for n, entry in enumerate(parsed.entries, start=1)]
    if parsed.get("bozo"):
        if not any(isinstance(item, Article) for item in items):
            raise Reject(f"not a valid RSS/Atom feed ({_bozo_message(parsed)})")
        for item in items:
            if isinstance(item, Article):
                item.warnings.append(f"malformed feed ({_bozo_message(parsed)}); this entry is what feedparser recovered")
    yield from items


def _entry(entry, origin: str, source: str | None) -> Article | Rejection:
    title = fragment_to_text(entry.get("title", "")) or None
    body = fragment_to_text(_body(entry))
    text = compose(title, None, body)
    if not text:
        return Rejection(origin, "feed entry has no title and no text")
    warnings = []
    raw_date = entry.get("published") or entry.get("updated") or entry.get("created")
    published = iso_day(raw_date) or _struct_day(entry)
    if raw_date and not published:
        warnings.append(f"date {raw_date!r} is not a date veille understands; ignored")
    return Article(
        text=text,
        id=entry.get("id") or entry.get("link") or None,
        title=title,
        published=published,
        published_how="metadata" if published else None,
        source=source,
        url=entry.get("link") or None,
        author=(entry.get("author_detail") or {}).get("name") or entry.get("author") or None,
        origin=origin,
        warnings=warnings,
    )


def _body(entry) -> str:
    summary = entry.get("summary", "") or ""
    content = "\n".join(part.get("value", "") for part in entry.get("content", []) or [])
    # Many feeds put a teaser in the summary and the article in content:encoded.
    return content if len(content) > len(summary) else summary


def _struct_day(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except ValueError:
        return None


def _bozo_message(parsed) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "malformed XML"
    message = str(exc.getMessage() if hasattr(exc, "getMessage") else exc).strip() or type(exc).__name__
    if hasattr(exc, "getLineNumber"):
        message += f" at line {exc.getLineNumber()}"
    return message
