"""bench/store_scale.py: a store replicated K times keeps its shape under fresh ids
(the full-scale stand-in the query benchmarks run on, docs/store.md "Benchmark")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_store import TABLES, fake_run, orangesum, to_article

from veille.store import Store
from veille.store.ingest import ingest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "store_scale.py"


def test_replicated_store_keeps_counts_and_top_entity(tmp_path):
    base, out = tmp_path / "base.duckdb", tmp_path / "x3.duckdb"
    ingest(Store(base), fake_run([to_article(x) for x in orangesum(12)]), batch_size=6)
    done = subprocess.run([sys.executable, str(SCRIPT), str(base), str(out), "--times", "3"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    small, big = Store(base, keep_open=0), Store(out, keep_open=0)
    for table in (*TABLES, "duplicates", "claims", "claim_events", "article_signatures"):
        n = small.sql(f"SELECT count(*) AS n FROM {table}")[0]["n"]
        assert big.sql(f"SELECT count(*) AS n FROM {table}")[0]["n"] == 3 * n, table
    ids = big.sql("SELECT count(DISTINCT id) AS ids, count(DISTINCT content_hash) AS hashes, "
                  "count(*) FILTER (WHERE record->>'id' <> id) AS stale FROM articles")[0]
    assert ids == {"ids": 36, "hashes": 36, "stale": 0}
    top = "SELECT name FROM entities GROUP BY name ORDER BY count(DISTINCT article_id) DESC, name LIMIT 1"
    name = small.sql(top)[0]["name"]
    assert big.sql(top)[0]["name"] == name
    # Near-duplicate copies stay inside their copy: each item is counted once per copy.
    assert len(big.timeline(name)) == 3 * len(small.timeline(name))
    again = subprocess.run([sys.executable, str(SCRIPT), str(base), str(out)], capture_output=True, text=True)
    assert again.returncode == 2 and "exists" in again.stderr
