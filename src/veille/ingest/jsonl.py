"""JSON Lines corpora (plain or gzipped) and .json files, one article per object.

JSONL streams: one line is in memory at a time, and `Settings.max_bytes` bounds a
line (an article), not the file. A gzip stream that breaks off keeps the articles
read before the break and rejects the rest once, naming the line it broke at.
"""

from __future__ import annotations

import io
import json
import zlib
from typing import BinaryIO, Iterator

from ..errors import Rejection
from ..models import Article
from .decode import encoding_warning, to_text
from .problems import Reject
from .records import article_from_object
from .sizes import megabytes

_GZIP_ERRORS = (EOFError, zlib.error, OSError)


def read_jsonl(stream: BinaryIO, name: str, max_bytes: int, compressed: bool = False) -> Iterator[Article | Rejection]:
    # Only a gzip stream breaks off mid-file for a reason worth a line number; a
    # disk error on a plain file is reported like any other read error.
    broken = _GZIP_ERRORS if compressed else ()
    lineno = 0
    nonblank = 0
    encoding = None
    while True:
        try:
            raw = stream.readline(max_bytes + 1)
        except broken as exc:
            yield _broken(name, lineno, exc)
            return
        if not raw:
            break
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            nonblank += 1
            try:
                size = len(raw) + _skip_rest_of_line(stream)
            except broken as exc:
                yield _broken(name, lineno - 1, exc)
                return
            yield Rejection(origin, f"line is {megabytes(size)}, over the {megabytes(max_bytes)} limit (max_bytes)")
            continue
        if not raw.strip():
            continue
        nonblank += 1
        if nonblank == 1 and b"\x00" in raw:
            raise Reject("binary file (contains NUL bytes), not JSON Lines")
        try:
            article, encoding = parse_line(raw, origin, encoding)
            yield article
        except Reject as exc:
            yield Rejection(origin, exc.reason)
    if not nonblank:
        raise Reject("empty file")


def parse_line(raw: bytes, origin: str, prefer: str | None = None) -> tuple[Article, str | None]:
    """The Article of one JSONL line, and the encoding it was in (None for UTF-8)."""
    text, encoding = to_text(raw.rstrip(b"\r\n"), prefer)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Reject(f"not JSON ({_json_message(exc)} at column {exc.colno})") from None
    except RecursionError:
        raise Reject("not JSON veille can read (nested too deeply)") from None
    article = article_from_object(obj, origin)
    if encoding:
        article.warnings.append(encoding_warning(encoding))
    return article, encoding or prefer


def read_json(data: bytes, name: str, max_bytes: int) -> Iterator[Article | Rejection]:
    """A .json file: one object, or a list of objects."""
    text, encoding = to_text(data)
    if not text.strip():
        raise Reject("empty file")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            # Several objects one after another: JSON Lines under a .json name.
            yield from read_jsonl(io.BytesIO(data), name, max_bytes)
            return
        raise Reject(f"not JSON ({_json_message(exc)} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise Reject("not JSON veille can read (nested too deeply)") from None
    if isinstance(doc, list):
        if not doc:
            raise Reject("empty file (an empty JSON list)")
        items = ((f"{name}:item {i}", obj) for i, obj in enumerate(doc, start=1))
    else:
        items = iter([(name, doc)])
    for origin, obj in items:
        try:
            article = article_from_object(obj, origin)
        except Reject as exc:
            yield Rejection(origin, exc.reason)
            continue
        if encoding:
            article.warnings.append(encoding_warning(encoding))
        yield article


def _json_message(exc: json.JSONDecodeError) -> str:
    # Some messages end with "at" because json puts the position after them.
    return exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _broken(name: str, lines_read: int, exc: BaseException) -> Rejection:
    detail = str(exc) or type(exc).__name__
    if lines_read == 0:
        return Rejection(f"{name}:1", f"not a readable gzip stream ({detail}); nothing read")
    return Rejection(
        f"{name}:{lines_read + 1}",
        f"gzip stream corrupt or truncated after line {lines_read} ({detail}); the rest of the file is skipped",
    )
