"""A full-corpus-sized store without the NLP: replicate a real store K times in SQL.

    .venv/bin/veille ingest sample.jsonl --db /tmp/base.duckdb         # ~1,500 real articles
    .venv/bin/python bench/store_scale.py /tmp/base.duckdb /tmp/full.duckdb --times 25

Running the NLP over the 36,152 OrangeSum articles takes hours on a laptop; the
query costs only depend on the store's size and shape. So the rows of a store
made by `veille ingest` are copied K-1 times, each copy under fresh article ids
(`<id>-x<k>`), cluster ids, claim ids and content hashes, in the order an ingest
of the copies one after the other would have written them. Everything else is
kept: entity names and ids (so the most frequent entity stays the most frequent,
with K times its rows), speakers, dates, texts, near-duplicate links inside each
copy. What differs from a real full store: dates repeat K times rather than
spreading over more days, and no near-duplicate links cross copies.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

# Per table: the columns that hold an article id (or a claim id), rewritten in each copy.
ID_COLUMNS = {
    "articles": ["id", "cluster_id"],
    "entities": ["article_id", "cluster_id"],
    "mentions": ["article_id"],
    "quotes": ["article_id", "cluster_id", "copy_of_article"],
    "times": ["article_id"],
    "events": ["article_id", "cluster_id", "copy_of_article"],
    "article_signatures": ["article_id"],
    "article_bands": ["article_id"],
    "duplicates": ["article_id", "duplicate_of"],
    "claims": ["claim_id"],
    "claim_events": ["claim_id", "article_id"],
}
# Computed replacements beyond the id columns.
EXTRA = {
    "articles": {"content_hash": "left(md5(content_hash || '-x' || k), 16)",
                 "record": "json_merge_patch(record, json_object('id', id || '-x' || k))"},
    "claims": {"articles": "list_transform(articles, lambda a: a || '-x' || k)"},
}


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]).fetchall()]


def replicate(con: duckdb.DuckDBPyConnection, table: str, times: int) -> None:
    present = set(columns(con, table))
    repl = {c: f"{_q(c)} || '-x' || k" for c in ID_COLUMNS[table] if c in present}
    repl |= {c: expr for c, expr in EXTRA.get(table, {}).items() if c in present}
    replace = ", ".join(f"{expr} AS {_q(c)}" for c, expr in repl.items())
    # rowid order within each copy: the order the ingest wrote them (zone maps see the same layout).
    con.execute(f"""INSERT INTO {table}
        SELECT * EXCLUDE (k, rid) REPLACE ({replace}) FROM (
            SELECT t.*, t.rowid AS rid, r.k FROM {table} t, range(1, {times}) r(k))
        ORDER BY k, rid""")


def _q(column: str) -> str:
    return f'"{column}"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="a store made by `veille ingest` (left unchanged)")
    parser.add_argument("out", type=Path, help="the scaled store to write (must not exist)")
    parser.add_argument("--times", type=int, default=25, help="K: the scaled store holds K copies (default 25)")
    args = parser.parse_args()
    if args.out.exists():
        print(f"{args.out} exists: give a new file", file=sys.stderr)
        return 2
    if args.times < 1:
        print("--times must be at least 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    shutil.copyfile(args.base, args.out)
    con = duckdb.connect(str(args.out))
    if con.execute("SELECT count(*) FROM claims_pending").fetchone()[0]:
        print("the base store has claims to compute: run `veille ingest` on it once first", file=sys.stderr)
        return 2
    for table in ID_COLUMNS:
        t = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        replicate(con, table, args.times)
        con.execute("COMMIT")
        n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        print(f"{table:20s} {n:>10,} rows  ({time.perf_counter() - t:.1f} s)")
    con.execute("CHECKPOINT")
    con.close()
    size = args.out.stat().st_size / 2**20
    print(f"{args.out}: {size:.0f} MiB in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
