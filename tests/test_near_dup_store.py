"""The store's near-duplicate lookup (band keys in `article_bands`, one batch in
memory) finds exactly what the in-memory LSH index finds, on real OrangeSum
articles with their wire copies, across runs and with replaced articles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest
from datasketch import MinHashLSH

from veille.models import Published, Record
from veille.store import Store
from veille.store.db import migrations
from veille.store.ingest import Ingestor
from veille.stories import NearDuplicateIndex, signature
from veille.stories.near_dup import BANDS, LSH_THRESHOLD, NUM_PERM, ROWS, band_keys

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "orangesum.jsonl.gz"
BATCH = 64


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    if not CORPUS.exists():
        pytest.skip("needs ../shared/corpora/orangesum.jsonl.gz")
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line, _ in zip(fh, range(400)):
            obj = json.loads(line)
            out.append((obj["id"], "\n\n".join(p for p in (obj["title"], obj["heading"], obj["article"]) if p)))
    return out


def _record(article_id: str, text: str) -> Record:
    # Only the text matters here: no NLP, so the test stays fast.
    return Record(id=article_id, published=Published(value="2020-01-07", how="metadata"), text=text)


def _ingest(store: Store, items: list[tuple[str, str]]) -> None:
    ingestor = Ingestor(store, batch_size=BATCH, flush_seconds=1e9)
    ingestor.consume(_record(a, t) for a, t in items)


def _reference(runs: list[list[tuple[str, str]]]) -> tuple[dict[str, str], set[tuple]]:
    """What the in-memory index gives, batch by batch, with the store's rule for the
    links of replaced articles (dropped, then recomputed)."""
    index = NearDuplicateIndex()
    clusters: dict[str, str] = {}
    links: set[tuple] = set()
    known: set[str] = set()
    for run in runs:
        for start in range(0, len(run), BATCH):
            chunk = run[start:start + BATCH]
            old = {a for a, _ in chunk if a in known}
            links = {x for x in links if x[0] not in old and x[1] not in old}
            for article_id, text in chunk:
                clusters[article_id], matches = index.add(article_id, signature(text))
                links |= {(m.article_id, m.duplicate_of, m.similarity) for m in matches}
            known |= {a for a, _ in chunk}
    return clusters, links


def _stored(store: Store) -> tuple[dict[str, str], set[tuple]]:
    clusters = {r["id"]: r["cluster_id"] for r in store.sql("SELECT id, cluster_id FROM articles")}
    links = {(r["article_id"], r["duplicate_of"], r["similarity"])
             for r in store.sql("SELECT article_id, duplicate_of, similarity FROM duplicates")}
    return clusters, links


def test_banding_is_the_in_memory_index_s():
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)
    assert lsh.hashranges == [(b * ROWS, (b + 1) * ROWS) for b in range(BANDS)]


def test_same_pairs_and_clusters_as_the_in_memory_index(tmp_path, texts):
    by_id = dict(texts)
    first, second = texts[:250], texts[250:]
    # Run 2 also replaces stored articles: "2" (the first of a wire copy pair,
    # "49" copies it) gets another text; "x-old" (new) copies the old text of "6",
    # which is replaced later in the same batch by an update of "8", so "x-old"
    # meets the stored version of "6" and "6" then joins the cluster of "8".
    update = by_id["8"] + "\n\nMis à jour à 18 h : la préfecture a confirmé le bilan."
    second = [("x-old", by_id["6"])] + second[:40] + [("6", update), ("2", by_id["362"])] + second[40:]
    store = Store(tmp_path / "s.duckdb", timeout=20)
    _ingest(store, first)
    _ingest(store, second)
    clusters, links = _reference([first, second])
    assert _stored(store) == (clusters, links)
    # Real wire copies among them, and the constructed ones.
    assert len(links) >= 10 and ("49", "2", 1.0) not in links
    assert clusters["x-old"] != "x-old" and ("x-old", "6", 1.0) in links
    assert clusters["6"] == clusters["8"] != "6"
    assert store.sql("SELECT count(*) AS n FROM article_bands")[0]["n"] == BANDS * len(
        store.sql("SELECT article_id FROM article_signatures"))


def test_upgrade_computes_the_same_band_keys_in_sql(tmp_path, texts):
    store = Store(tmp_path / "s.duckdb", timeout=20)
    _ingest(store, texts[:20])
    sql = next(s for v, _, s in migrations() if v == 5)
    insert = sql[sql.index("INSERT INTO article_bands"):]
    con = duckdb.connect(str(store.path))
    try:
        written = sorted(con.execute("SELECT article_id, band, band_key FROM article_bands").fetchall())
        con.execute("DELETE FROM article_bands")
        con.execute(insert)
        recomputed = sorted(con.execute("SELECT article_id, band, band_key FROM article_bands").fetchall())
    finally:
        con.close()
    assert written == recomputed and len(written) >= 18 * 15
    aid, text = next((a, t) for a, t in texts[:20] if signature(t) is not None)
    assert [k for a, _, k in written if a == aid] == band_keys(signature(text))
