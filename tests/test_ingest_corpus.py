"""Reading the real OrangeSum corpus: it streams, keeps ids and dates, composes the text."""

from __future__ import annotations

import gzip
import itertools
import json
import tracemalloc
from pathlib import Path

import pytest

from veille.errors import Rejection
from veille.ingest import read
from veille.models import Article
from veille.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "orangesum.jsonl.gz"


@pytest.fixture(scope="module")
def corpus():
    if not CORPUS.exists():
        pytest.skip("needs ../shared/corpora/orangesum.jsonl.gz")
    return str(CORPUS)


def test_first_50_orangesum_articles(corpus):
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in itertools.islice(f, 50)]
    got = list(itertools.islice(read([corpus], Settings()), 50))
    assert all(isinstance(x, Article) for x in got)
    assert [a.id for a in got] == [r["id"] for r in rows]
    assert got[0].id == "2" and got[1].id == "4"
    for line, (article, row) in enumerate(zip(got, rows), start=1):
        # Empty parts (a few rows have no heading) leave no empty paragraph behind.
        parts = [p.strip() for p in (row["title"], row["heading"], row["article"]) if p.strip()]
        assert article.text == "\n\n".join(parts)
        assert article.title == row["title"].strip()
        assert (article.published, article.published_how) == (row["date"], "metadata")
        assert article.origin == f"{corpus}:{line}"
        assert article.language == "fr" and article.warnings == []


def test_reading_the_corpus_keeps_memory_flat(corpus):
    def peak(n: int) -> int:
        tracemalloc.start()
        try:
            for _ in itertools.islice(read([corpus], Settings()), n):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(1)  # loads the language model outside the measure
    small, large = peak(50), peak(400)
    assert large < 4 * 1024 * 1024
    assert large < small * 1.5 + 512 * 1024


def test_empty_body_rows_are_kept_by_their_lede(corpus):
    found = list(itertools.islice(read([corpus], Settings()), 1994, 1995))
    [article] = found
    assert not isinstance(article, Rejection)
    assert article.origin.endswith(":1995")
    assert article.text.startswith("Sondage exclusif : 66% des Français refusent de payer le carburant plus cher\n\n"
                                   "Si 88% des sondés se disent préoccupés par l'environnement")
