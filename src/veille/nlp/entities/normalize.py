"""Text keys for matching names: case, accents, apostrophes and hyphens folded."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
# Elided or full articles the press puts before names ("l'Otan", "le Pentagone").
_LEADING_DET = re.compile(r"^(?:l'|d'|les\s+|le\s+|la\s+|du\s+|des\s+|de\s+la\s+|de\s+l'|de\s+)", re.I)
_TRAILING_JUNK = re.compile(r"[\s*\"'«»“”.,;:!?()\[\]]+$")
_LEADING_JUNK = re.compile(r"^[\s*\"'«»“”.,;:!?()\[\]]+")


def clean_apostrophes(text: str) -> str:
    return text.translate(_APOS)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Matching key: lower case, no accents, hyphens and apostrophes as spaces."""
    text = strip_accents(clean_apostrophes(text)).lower()
    text = re.sub(r"[-'.]", " ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def bare(text: str) -> str:
    """The name without a leading article or surrounding punctuation ("l’Otan*" -> "Otan")."""
    text = clean_apostrophes(text).strip()
    text = _LEADING_JUNK.sub("", _TRAILING_JUNK.sub("", text))
    prev = None
    while prev != text:
        prev = text
        text = _LEADING_DET.sub("", text, count=1).strip()
    return text


def key(text: str) -> str:
    return fold(bare(text))


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in text.strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
