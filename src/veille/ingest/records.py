"""One JSON object (a JSONL line, a .json file) to an Article.

Two layouts are read with no option:
  * generic: ``id``, ``text``, optional ``published`` (or ``date``), ``title``,
    ``source``, ``url``, ``author``;
  * OrangeSum: ``id``, ``date``, ``title``, ``heading`` (the lede), ``article`` (the body).
The analysed text is the title, lede and body joined with a blank line, as
DESIGN.md asks when they come separately; a title the body already starts with
is not repeated.
"""

from __future__ import annotations

from ..models import Article
from .dates import iso_day
from .decode import normalize_newlines
from .problems import Reject

_BODY_FIELDS = ("text", "article", "body", "content")
_META_FIELDS = ("title", "source", "url", "author")


def compose(title: str | None, lede: str | None, body: str | None) -> str:
    """Title, lede and body joined with a blank line, skipping empty or repeated parts."""
    parts: list[str] = []
    for part in (title, lede, body):
        part = (part or "").strip()
        if not part:
            continue
        if parts and part.startswith(parts[-1]):
            # The body often restates the title or lede as its first line.
            parts[-1] = part
            continue
        parts.append(part)
    return "\n\n".join(parts)


def article_from_object(obj: object, origin: str) -> Article:
    if not isinstance(obj, dict):
        raise Reject(f"not a JSON object but {_json_kind(obj)}")
    warnings: list[str] = []
    body_field = next((f for f in _BODY_FIELDS if f in obj), None)
    if body_field and isinstance(obj[body_field], (list, dict, bool)):
        raise Reject(f"no text: field {body_field!r} is {_json_kind(obj[body_field])}, not a string")
    body = _string(obj, body_field, warnings) if body_field else None
    title = _string(obj, "title", warnings)
    lede = _string(obj, "heading", warnings) or _string(obj, "lede", warnings)
    # A lede with an empty body is still an article (OrangeSum has a few); a title alone is not.
    if not (body or "").strip() and not (lede or "").strip():
        if body_field:
            raise Reject(f"no text: field {body_field!r} is empty")
        raise Reject("no text: the object has no 'text' field (nor 'article')")
    text = compose(title, lede, body)

    published = None
    published_field = next((f for f in ("published", "date") if obj.get(f) not in (None, "")), None)
    if published_field:
        published = iso_day(obj[published_field])
        if published is None:
            warnings.append(f"{published_field} {obj[published_field]!r} is not a date veille understands; ignored")
    raw_id = obj.get("id")
    if isinstance(raw_id, (dict, list)):
        warnings.append("id is not a string or number; ignored")
        raw_id = None
    meta = {name: _string(obj, name, warnings) for name in _META_FIELDS}
    return Article(
        text=text,
        id=str(raw_id) if raw_id not in (None, "") else None,
        title=(meta["title"] or "").strip() or None,
        published=published,
        published_how="metadata" if published else None,
        source=meta["source"],
        url=meta["url"],
        author=meta["author"],
        origin=origin,
        warnings=warnings,
    )


def _string(obj: dict, name: str, warnings: list[str]) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        warnings.append(f"field {name!r} is {_json_kind(value)}, not a string; ignored")
        return None
    return normalize_newlines(value)


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"
