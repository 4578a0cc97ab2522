"""Bytes to text: UTF-8 first, then the encoding charset-normalizer finds.

When the text was not UTF-8, the caller adds a warning naming the encoding used
(`encoding_warning`), so that a user can check the accents of an old cp1252 export.
"""

from __future__ import annotations

import codecs
import unicodedata

from .problems import Reject

# French text in a legacy encoding is nearly always one of these. charset-normalizer
# often ranks cp1250 or mac_latin2 first on short French text (they agree with cp1252
# on the common accents), so a western candidate that fits as well is preferred.
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
# Share of control characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.02


def to_text(data: bytes, prefer: str | None = None) -> tuple[str, str | None]:
    """Decode `data`; return the text and the encoding used when it was not UTF-8.

    `prefer` is tried first after UTF-8: a corpus in cp1252 is in cp1252 on every
    line, and asking charset-normalizer once per line would cost ~10 ms each.
    Raise Reject when the bytes are not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise Reject("binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    if prefer:
        try:
            return _check_text(data.decode(prefer)), prefer
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = _guess_encoding(data)
    if encoding is None:
        raise Reject("not text: invalid UTF-8 and no other text encoding fits")
    return _check_text(data.decode(encoding, errors="replace")), encoding


def encoding_warning(encoding: str) -> str:
    return f"decoded as {encoding} (not valid UTF-8)"


def _guess_encoding(data: bytes) -> str | None:
    import charset_normalizer  # imported late: it is only needed for non-UTF-8 input

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.percent_chaos > best.percent_chaos + 1 or match.percent_coherence < best.percent_coherence - 5:
            continue
        for name in match.could_be_from_charset:
            if name in _WESTERN:
                return name
    return best.encoding


def normalize_newlines(text: str) -> str:
    """Windows and old Mac line ends become \\n: paragraph cuts look for \\n only."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _check_text(text: str) -> str:
    text = normalize_newlines(text)
    sample = text[:8192]
    if sample:
        control = sum(1 for c in sample if c not in "\t\n\r\f\v" and unicodedata.category(c) == "Cc")
        if control / len(sample) > _MAX_CONTROL_SHARE:
            raise Reject("binary file (control characters), not text")
    return text
