"""Query speed without losing the single-writer guarantees: the read-only connection
kept open between queries (the API, a Python session), reads beside a running
ingest, the message when an ingest holds the file too long, what `veille quotes`
imports, and the plain table that replaces Rich's for long results.

On real OrangeSum articles through the stand-in NLP of test_store.py (no model)."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time

import pytest
from fastapi.testclient import TestClient
from test_store import HERE, fake_run, orangesum, to_article

from veille.serve.api import create_app
from veille.serve.corpus_cli import column_widths, write_table
from veille.store import Store, StoreError, queries, rows
from veille.store import db as store_db
from veille.store.ingest import ingest

_INGEST = """
import sys
sys.path.insert(0, {tests!r})
from test_store import fake_run, orangesum, to_article
from veille.store import Store
from veille.store.ingest import ingest
ingest(Store({db!r}, timeout=60), fake_run([to_article(x) for x in orangesum({n})]), batch_size=5)
"""

# Holds the ingest lock and DuckDB's write lock, as an ingest does while it writes a batch.
_HOLD = """
import sys, time, duckdb
from veille.store import Store
from veille.store.ingest import _ingest_lock
lock = _ingest_lock(Store(sys.argv[1]))
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


def _kept(path) -> bool:
    return str(path.absolute()) in store_db._pool._open


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "corpus.duckdb"
    ingest(Store(path), fake_run([to_article(x) for x in orangesum(10)]), batch_size=5)
    yield path
    Store(path).close()


def test_name_keys_fold_case_accents_and_spaces():
    from veille.store.keys import name_key

    assert name_key("  Élisabeth   BORNE ") == "elisabeth borne"
    assert name_key("ﬁnance") == "finance" and name_key(None) is None
    assert queries._norm is rows.name_key and queries.SEP == rows.SEP  # one definition for writer and queries


def test_kept_reader_is_reused_closed_when_idle_and_lets_an_ingest_write(small):
    reader = Store(small, keep_open=0.5, timeout=20)
    assert reader.stats()["articles"] == 10
    con = store_db._pool._open[str(small.absolute())].con
    reader.quotes("Macron")
    assert store_db._pool._open[str(small.absolute())].con is con  # the same connection
    # Another process ingests: its writer waits at most keep_open for the kept connection.
    started = time.monotonic()
    child = subprocess.run([sys.executable, "-c", _INGEST.format(tests=str(HERE), db=str(small), n=20)],
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    assert time.monotonic() - started < 60
    assert reader.stats()["articles"] == 20  # a new connection, which sees the new rows
    time.sleep(1.0)
    assert not _kept(small)


def test_writer_in_the_same_process_closes_the_kept_reader(small):
    reader = Store(small, keep_open=30)
    assert reader.stats()["articles"] == 10 and _kept(small)
    ingest(Store(small), fake_run([to_article(x) for x in orangesum(15)]), batch_size=5)
    assert reader.stats()["articles"] == 15


def test_parallel_queries_share_the_kept_connection(small):
    reader = Store(small, keep_open=5)
    expected = reader.timeline("France")
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(reader.timeline("France"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20 and all(r == expected for r in results)


def test_a_reader_blocked_by_an_ingest_says_so(small):
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(small)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError, match=r"being written by `veille ingest` \(pid \d+\)"):
            Store(small, timeout=0.3).stats()
        assert not _kept(small)
    finally:
        holder.kill()
        holder.wait()
    assert Store(small, keep_open=0).stats()["articles"] == 10


def test_api_keeps_one_connection_and_sees_a_later_ingest(small):
    client = TestClient(create_app(db=small))
    first = client.get("/api/timeline", params={"entity": "France"}).json()
    assert first and _kept(small)
    assert client.get("/api/timeline", params={"entity": "France"}).json() == first
    ingest(Store(small), fake_run([to_article(x) for x in orangesum(30)]), batch_size=5)
    assert client.get("/api/stats").json()["articles"] == 30


def test_query_commands_do_not_load_the_models(small):
    code = ("import sys\nfrom veille.serve.cli import app\n"
            "try:\n    app(['timeline', '--entity', 'France', '--db', sys.argv[1], '-f', 'json'])\n"
            "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
            "print(sorted(m for m in ('veille.models', 'spacy', 'pyarrow', 'veille.store.rows') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(small)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "leaked" not in out.stderr


def test_table_folds_long_cells_and_keeps_every_character():
    lines = orangesum(12)
    data = [{"date": x["date"], "title": x["title"], "what": " ".join(x["article"].split())[:500]} for x in lines]
    out = io.StringIO()
    write_table(data, out, 100)
    printed = out.getvalue().splitlines()
    assert max(len(line) for line in printed) <= 100
    widths = column_widths([max(len(k), *(len(r[k]) for r in data)) for k in data[0]], 100)
    assert sum(widths) + 2 * (len(widths) - 1) <= 100 and widths[0] == 10  # dates are never cut
    start = widths[0] + 2 + widths[1] + 2
    folded = "".join(line.ljust(100)[start:start + widths[2]] for line in printed[2:])
    assert " ".join(folded.split()) == " ".join(" ".join(r["what"] for r in data).split())


def test_narrow_columns_keep_their_width():
    assert column_widths([10, 7, 300, 40], 120) == [10, 7, 57, 40]  # 120 - 3 gaps of 2 - 57
    assert column_widths([4, 5], 80) == [4, 5]
