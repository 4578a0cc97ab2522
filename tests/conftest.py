"""Shared fixtures. The spaCy pipeline loads once per test session (6-8 s)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpora" / "orangesum.jsonl.gz"


@pytest.fixture(scope="session")
def analyzer():
    # The same instance the CLI and the Python API use in this process.
    from veille.core import shared_analyzer
    from veille.settings import Settings

    return shared_analyzer(Settings())


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def quotes_of(analyzer, text: str, published: str | None = None):
    """The quotes veille finds in one text (for the quote tests), optionally published on a date."""
    from veille.models import Article

    return analyzer.analyze(Article(text=text, published=published)).quotes


def events_of(analyzer, text: str, published: str = "2020-06-22"):
    """The events veille finds in one text, its date given as the caller's argument."""
    from veille.models import Article

    return analyzer.analyze(Article(text=text, published=published, published_how="argument")).events


def quote_with(quotes, piece: str):
    """The first quote whose content holds piece; fails listing what was found."""
    hits = [q for q in quotes if piece in q.content.text]
    assert hits, [q.content.text for q in quotes]
    return hits[0]
