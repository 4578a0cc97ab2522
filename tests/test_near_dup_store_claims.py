"""The claims recomputed at the end of an ingest start from the groups of events
found in SQL (no longer from the keys of every stored event held in Python):
the same events as claims.components over the whole store."""

from __future__ import annotations

import duckdb
import pytest

from test_store import CORPUS, fake_run, orangesum, to_article
from veille.store import Store
from veille.store.ingest import _claim_members, ingest
from veille.stories import claims as claim_groups


def _components_members(con, seeds: set[str]) -> list[tuple[str, int]]:
    # What update_claims did before: every keyed event in Python, then its components.
    keyed = [{"article_id": a, "idx": i, "type": t, "actors": act, "recipients": rec}
             for a, i, t, act, rec in con.execute(
                 "SELECT article_id, idx, type, actors, recipients FROM events "
                 "WHERE len(actors) > 0 OR len(recipients) > 0").fetchall()]
    return sorted((e["article_id"], e["idx"]) for comp in claim_groups.components(keyed)
                  if any(e["article_id"] in seeds for e in comp) for e in comp)


def test_groups_found_in_sql_are_the_components_of_the_seeds(tmp_path):
    if not CORPUS.exists():
        pytest.skip("needs ../shared/corpora/orangesum.jsonl.gz")
    store = Store(tmp_path / "c.duckdb", timeout=20)
    ingest(store, fake_run([to_article(x) for x in orangesum(120)]))
    con = duckdb.connect(str(store.path))
    try:
        # Events in several groups, of one type or lower-case (upper() as block_keys does).
        con.execute("UPDATE events SET type = 'assault' WHERE idx = 1")
        ids = [r[0] for r in con.execute("SELECT DISTINCT article_id FROM events ORDER BY 1").fetchall()]
        sizes = set()
        for seeds in ({ids[0]}, {ids[3], ids[7]}, set(ids[10:40]), {"no-such-article"}, set(ids)):
            got = _claim_members(con, seeds)
            assert got == _components_members(con, seeds)
            sizes.add(len(got))
        assert len(sizes) >= 3 and 0 in sizes
    finally:
        con.close()
