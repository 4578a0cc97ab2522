"""`read()`: paths to a stream of Articles and Rejections, one input at a time."""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import Rejection
from ..models import Article
from ..settings import Settings
from . import feeds, htmlpage, jsonl, language
from .decode import encoding_warning, to_text
from .kinds import EXTENSIONS, KNOWN, is_blank, kind_of, sniff
from .problems import Reject
from .sizes import megabytes

STDIN = "-"
STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 4096

Item = Article | Rejection


def read(paths: Iterable[str], settings: Settings | None = None, stdin=None,
         check_language: bool = True) -> Iterator[Item]:
    """Stream Articles and Rejections for `paths` (files, directories, "-" for `stdin`).

    Never raises for bad input: each problem is one Rejection naming the input
    (and the line, for JSONL) and the reason, and the other inputs go on.
    With ``check_language=False`` the caller screens languages itself with
    ``screen_language`` (the store does it after skipping articles it already
    holds: detection costs ~4 ms an article, the skip a dictionary look-up).
    """
    settings = settings or Settings()
    if isinstance(paths, (str, os.PathLike)):  # one path, not its characters
        paths = [paths]
    for path in paths:
        try:
            path = os.fspath(path)
        except TypeError:
            yield Rejection(repr(path), "not a file path")
            continue
        if path == STDIN:
            items = _guard(STDIN_NAME, lambda: _read_stdin(stdin, settings))
        else:
            items = _read_path(path, settings)
        for item in items:
            yield screen_language(item, settings) if check_language and isinstance(item, Article) else item


# -- paths ---------------------------------------------------------------------
def _read_path(path: str, settings: Settings) -> Iterator[Item]:
    try:
        is_dir = os.path.isdir(path)
        exists = is_dir or os.path.exists(path)
    except (OSError, ValueError) as exc:  # e.g. a NUL byte in the name
        yield Rejection(path, f"cannot read: {exc}")
        return
    if not exists:
        yield Rejection(path, "no such file or directory")
        return
    if not is_dir:
        yield from _guard(path, lambda: _read_file(path, settings, explicit=True))
        return
    found = False
    for entry in _walk(path):
        if isinstance(entry, Rejection):
            yield entry
            continue
        found = True
        yield from _guard(entry, lambda entry=entry: _read_file(entry, settings, explicit=False))
    if not found:
        yield Rejection(path, f"directory has no file veille can read ({KNOWN})")


def _walk(directory: str) -> Iterator[str | Rejection]:
    """Files of known kinds under `directory`, recursively, sorted by name; hidden
    files and folders are skipped, and a folder reached twice (a link loop) is read once."""
    seen: set[str] = set()

    def visit(folder: str) -> Iterator[str | Rejection]:
        real = os.path.realpath(folder)
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Rejection(folder, f"cannot read directory: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    yield from visit(entry.path)
                elif entry.is_file() and kind_of(entry.name):
                    yield entry.path
            except OSError as exc:
                yield Rejection(entry.path, f"cannot read: {exc.strerror or exc}")

    yield from visit(directory)


def _read_file(path: str, settings: Settings, explicit: bool) -> Iterator[Item]:
    kind = kind_of(path)
    if kind is None:
        suffix = Path(path).suffix
        if suffix and explicit:
            raise Reject(f"unsupported file type {suffix!r} (veille reads {KNOWN})")
    stem = _stem(path)
    if kind == "jsonl.gz":
        with gzip.open(path, "rb") as stream:
            yield from jsonl.read_jsonl(stream, path, settings.max_bytes, compressed=True)
        return
    if kind != "jsonl":
        _check_size(path, settings.max_bytes)
    with open(path, "rb") as stream:
        if kind is None:
            yield from _read_sniffed(stream, path, stem, settings)
        else:
            yield from _read_kind(kind, stream, path, stem, settings)


def _stem(path: str) -> str:
    name = os.path.basename(path)
    kind_suffix = next((s for s in EXTENSIONS if name.lower().endswith(s)), "")
    return name[: len(name) - len(kind_suffix)] if kind_suffix else name


def _check_size(path: str, max_bytes: int) -> None:
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # open() will say what is wrong
    if size > max_bytes:
        raise Reject(f"file is {megabytes(size)}, over the {megabytes(max_bytes)} limit (max_bytes)")


# -- one input by kind -----------------------------------------------------------
def _read_kind(kind: str, stream: BinaryIO, name: str, stem: str | None, settings: Settings) -> Iterator[Item]:
    if kind == "jsonl":
        yield from jsonl.read_jsonl(stream, name, settings.max_bytes)
        return
    data = _read_all(stream, settings.max_bytes)
    if kind == "json":
        yield from jsonl.read_json(data, name, settings.max_bytes)
    elif kind in ("feed", "xml"):
        if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise Reject("binary file (contains NUL bytes), not a feed")
        if kind == "xml":
            root = feeds.root_name(data[:_SNIFF_BYTES])
            if root not in feeds.FEED_ROOTS:
                shown = f"<{root}>" if root else "none found"
                raise Reject(f"XML file is not an RSS/Atom feed (root element: {shown})")
        yield from feeds.read_feed(data, name)
    else:
        text, encoding = to_text(data)
        if not text.strip():
            raise Reject("empty file")
        if kind == "html":
            article = htmlpage.extract(text, name, id=stem)
        else:
            article = Article(text=text, id=stem, origin=name)
        if encoding:
            article.warnings.append(encoding_warning(encoding))
        yield article


def _read_all(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Reject(f"input is over the {megabytes(max_bytes)} limit (max_bytes)")
    if is_blank(data):
        raise Reject("empty file")
    return data


def _read_sniffed(stream: BinaryIO, name: str, stem: str | None, settings: Settings) -> Iterator[Item]:
    head, stream = _peek(stream)
    if is_blank(head):
        raise Reject("empty file" if name != STDIN_NAME else "empty input")
    kind = sniff(head)
    if kind == "gzip":
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            try:
                head, inner_stream = _peek(inner)
            except (EOFError, zlib.error, OSError) as exc:
                raise Reject(f"not a readable gzip stream ({exc})") from None
            kind = sniff(head)
            if kind == "jsonl":
                yield from jsonl.read_jsonl(inner_stream, name, settings.max_bytes, compressed=True)
            elif kind != "gzip":
                try:
                    items = list(_read_kind(kind, inner_stream, name, stem, settings))
                except (EOFError, zlib.error) as exc:
                    raise Reject(f"gzip stream corrupt or truncated ({exc})") from None
                yield from items  # one whole document: bounded by max_bytes
            else:
                raise Reject("gzip inside gzip: not read")
        return
    yield from _read_kind(kind, stream, name, stem, settings)


# -- standard input ----------------------------------------------------------------
def _read_stdin(stdin, settings: Settings) -> Iterator[Item]:
    stream = _binary(stdin if stdin is not None else sys.stdin)
    yield from _read_sniffed(stream, STDIN_NAME, None, settings)


def _binary(stream) -> BinaryIO:
    if stream is None:
        raise Reject("no standard input")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream.read(0), str):
        return io.BufferedReader(_Pull(lambda n: stream.read(n).encode("utf-8")))
    return stream


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of `stream` (past any leading blank, at least `_SNIFF_BYTES`
    when there are that many) and a stream that still starts at the beginning."""
    read = getattr(stream, "read1", None) or stream.read
    head = b""
    while True:
        try:
            chunk = read(_SNIFF_BYTES)
        except Exception:
            # A stream that breaks after its first bytes (a truncated gzip) is left
            # to the reader, which says at which line it broke.
            if is_blank(head):
                raise
            break
        if not chunk:
            break
        head += chunk
        if len(head) >= _SNIFF_BYTES and not is_blank(head):
            break
        if len(head) > (1 << 20):  # a megabyte of white space is not worth sniffing on
            break
    rest = _Pull(read, prefix=head)
    return head, io.BufferedReader(rest, buffer_size=1 << 16)


class _Pull(io.RawIOBase):
    """A raw byte stream fed by `pull(n)`, served after `prefix`."""

    def __init__(self, pull: Callable[[int], bytes], prefix: bytes = b""):
        self._pull = pull
        self._pending = prefix

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            self._pending = self._pull(len(buffer)) or b""
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


# -- shared checks ---------------------------------------------------------------------
def _guard(origin: str, make: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader; whatever goes wrong becomes a Rejection naming it,
    and articles already read from it are kept."""
    try:
        yield from make()
    except Reject as exc:
        yield Rejection(exc.origin or origin, exc.reason)
    except OSError as exc:
        yield Rejection(origin, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a bug in a reader must not stop the other inputs
        yield Rejection(origin, f"could not be read ({type(exc).__name__}: {exc})")


def screen_language(article: Article, settings: Settings) -> Item:
    """The article, with its language set, or a Rejection when it is not French and
    ``settings.other_languages == "skip"``."""
    try:
        verdict = language.detect(article.text)
    except Exception as exc:  # noqa: BLE001 - a broken language model must not lose the article
        article.warnings.append(f"language not checked ({type(exc).__name__}: {exc})")
        return article
    if verdict.language is None:
        return article
    article.language = verdict.language
    if verdict.french:
        return article
    described = f"{language.language_name(verdict.language)} ({verdict.language}, p={verdict.probability:.2f})"
    if settings.other_languages == "skip":
        return Rejection(article.origin, f"not French: language detected {described}; skipped")
    article.warnings.append(f"not French: language detected {described}; analysed with the French pipeline")
    return article
