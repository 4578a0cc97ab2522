"""Near-duplicate detection on real OrangeSum pairs: republished copies and light
updates of one dispatch are linked; separately written articles on one story are not."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from veille.stories import NearDuplicateIndex, signature, similarity
from veille.stories.near_dup import THRESHOLD, from_bytes, to_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "orangesum.jsonl.gz"
NEEDED = {"6", "49", "1115", "1120", "362", "1656", "838", "839", "610", "792"}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    out = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] in NEEDED:
                out[obj["id"]] = "\n\n".join((obj["title"], obj["heading"], obj["article"]))
            if len(out) == len(NEEDED):
                break
    return out


def test_republished_copy_is_linked_to_the_first(texts):
    index = NearDuplicateIndex()
    assert index.add("6", signature(texts["6"])) == ("6", [])
    cluster, matches = index.add("49", signature(texts["49"]))
    assert cluster == "6" and [(m.duplicate_of, m.similarity) for m in matches] == [("6", 1.0)]


@pytest.mark.parametrize("first,update", [("1115", "1120"), ("610", "792")])
def test_updated_dispatch_is_linked(texts, first, update):
    # The same AFP dispatch, republished with a paragraph changed (exact similarity ~0.87-0.9).
    assert 0.85 < similarity(texts[first], texts[update]) < 0.95
    index = NearDuplicateIndex()
    index.add(first, signature(texts[first]))
    cluster, matches = index.add(update, signature(texts[update]))
    assert cluster == first and matches and matches[0].similarity >= THRESHOLD


@pytest.mark.parametrize("a,b", [("362", "1656"), ("838", "839")])
def test_separately_written_articles_on_one_story_stay_apart(texts, a, b):
    # Same event (an Extinction Rebellion action at Orly; the Morandini trial request),
    # two different articles: they share names and phrases, not the text.
    assert similarity(texts[a], texts[b]) < 0.7
    index = NearDuplicateIndex()
    index.add(a, signature(texts[a]))
    assert index.add(b, signature(texts[b])) == (b, [])


def test_short_texts_are_not_fingerprinted():
    brief = "Le conseil des ministres se réunit mercredi à l'Elysée, a annoncé la présidence."
    assert signature(brief) is None
    index = NearDuplicateIndex()
    assert index.add("a", signature(brief)) == ("a", [])
    assert index.add("b", signature(brief)) == ("b", [])


def test_stored_signatures_rebuild_the_index(texts):
    stored = [("6", to_bytes(signature(texts["6"])), "6"), ("362", to_bytes(signature(texts["362"])), "362")]
    assert from_bytes(stored[0][1]).jaccard(signature(texts["6"])) == 1.0
    index = NearDuplicateIndex()
    index.load(stored)
    assert len(index) == 2
    cluster, matches = index.add("49", signature(texts["49"]))
    assert cluster == "6" and [m.duplicate_of for m in matches] == ["6"]


def test_replacing_an_article_unlinks_its_old_version(texts):
    index = NearDuplicateIndex()
    index.add("6", signature(texts["6"]))
    index.add("x", signature(texts["362"]))       # x first holds another text...
    cluster, matches = index.add("x", signature(texts["49"]))  # ...then is corrected to a copy of 6
    assert cluster == "6" and [m.duplicate_of for m in matches] == ["6"]
    assert index.add("y", signature(texts["362"])) == ("y", [])  # x's old text is gone from the index
