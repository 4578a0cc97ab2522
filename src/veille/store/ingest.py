"""Incremental, idempotent, resumable ingest of analysed records into the store.

    ingestor = Ingestor(Store(path))
    results = Veille().run(paths, workers=2, skip=ingestor.skip)
    stats = ingestor.consume(results)

* `skip(article)` is asked before the NLP stage: an article whose id is stored
  with the same content hash is skipped (a dictionary lookup; the id -> hash
  map is read once at start). Otherwise its hash is kept until its record comes back.
* Records are written in batches; each batch is one transaction on a short-lived
  connection: an article's old rows are deleted and its new rows inserted
  together, so a changed article replaces its records, a killed run loses at
  most the batch in flight, and the next run resumes (what was committed is
  skipped by its hash, what was not is analysed again). Nothing is duplicated.
* Near-duplicates are found as records are written (veille.stories), in the
  store's LSH table: besides the id -> hash map, the process holds one batch,
  whatever the size of the store (docs/store.md, "Memory of the main process").
"""

from __future__ import annotations

import fcntl
import os
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, Optional, Union

import duckdb
import pyarrow as pa

from ..errors import Rejection
from ..models import Article, Record
from ..stories import claims as claim_groups
from ..stories import near_dup
from .db import Store, StoreError
from .rows import TABLES, record_rows

Result = Union[Record, Rejection]

# Records per transaction, and the longest a finished record waits to be written.
# Each transaction ends with DuckDB's checkpoint on close (~0.1-0.3 s here), so
# batches are large; a killed run loses at most ~10 s of analysis.
BATCH_SIZE = 256
FLUSH_SECONDS = 10.0
# DuckDB's memory for a batch's transaction. Each batch scans whole columns (the
# LSH band keys, the signatures of its candidates, the clusters' events) and
# DuckDB keeps the blocks it read cached up to its limit (80% of the RAM by
# default): without this cap, what a batch holds grows with the store.
# Operators that need more spill to disk.
BATCH_MEMORY_LIMIT = "64MB"

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()), "BLOB": pa.binary(), "UTINYINT": pa.uint8(), "UBIGINT": pa.uint64(),
}


@dataclass
class IngestStats:
    stored: int = 0          # articles written (new or replaced)
    replaced: int = 0        # of which had an older version in the store
    skipped: int = 0         # already stored with the same content hash
    rejected: int = 0
    duplicates: int = 0      # stored articles found to be near-duplicates of earlier ones
    claims: int = 0          # claims (re)computed at the end of the run
    claims_seconds: float = 0.0
    batches: int = 0
    words: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0   # of which spent in the store (fingerprints, rows, transactions)
    rejections: list[Rejection] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "rejections"}


def content_hash_of(record: Record) -> str:
    """The hash of an article rebuilt from its record, for records that did not go through skip()."""
    return Article(text=record.text, title=record.title, published=record.published.value,
                   source=record.source).content_hash()


class Ingestor:
    def __init__(self, store: Store, *, batch_size: int = BATCH_SIZE, flush_seconds: float = FLUSH_SECONDS,
                 on_batch: Optional[Callable[[IngestStats], None]] = None):
        self.store = store
        self.batch_size = max(1, batch_size)
        self.flush_seconds = flush_seconds
        self.on_batch = on_batch
        self.stats = IngestStats()
        self._lock = _ingest_lock(store)
        try:
            with store.writer() as con:
                self.known: dict[str, str] = dict(con.execute("SELECT id, content_hash FROM articles").fetchall())
                self._schemas = _arrow_schemas(con)
        except BaseException:
            self.close()
            raise
        self._pending: dict[str, deque] = defaultdict(deque)
        self._buffer: list[Record] = []
        self._rejections: list[Rejection] = []
        self._last_flush = time.monotonic()

    # -- before the NLP stage ----------------------------------------------------------
    def skip(self, article: Article) -> bool:
        article_id = article.ensure_id()
        digest = article.content_hash()
        if self.known.get(article_id) == digest:
            self.stats.skipped += 1
            return True
        self._pending[article_id].append(digest)
        return False

    # -- after it ----------------------------------------------------------------------
    def consume(self, results: Iterable[Result]) -> IngestStats:
        start = time.monotonic()
        try:
            try:
                for item in results:
                    self.add(item)
            finally:
                # Interrupted or not, what is finished gets committed (its claims
                # stay pending until a run reaches its end).
                self.flush()
            self.update_claims()
        finally:
            self.stats.seconds += time.monotonic() - start
            self.close()
        return self.stats

    def update_claims(self) -> None:
        """Recompute the claims of the articles written since they were last computed
        (this run's, and those of a run killed before its end)."""
        started = time.monotonic()
        with self.store.writer() as con:
            con.execute(f"SET memory_limit = '{BATCH_MEMORY_LIMIT}'")
            con.execute("BEGIN TRANSACTION")
            try:
                self.stats.claims += update_claims(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        self.stats.claims_seconds += time.monotonic() - started

    def close(self) -> None:
        """Let another ingest write to this store (the OS also does it when the process ends)."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def add(self, item: Result) -> None:
        if isinstance(item, Rejection):
            self._rejections.append(item)
            self.stats.rejected += 1
            self.stats.rejections.append(item)
        else:
            self._buffer.append(item)
        if len(self._buffer) >= self.batch_size or (
                self._buffer and time.monotonic() - self._last_flush >= self.flush_seconds):
            self.flush()

    def flush(self) -> None:
        self._last_flush = started = time.monotonic()
        if not self._buffer and not self._rejections:
            return
        # The same id twice in one batch: the later version wins, as it would across batches.
        latest: dict[str, Record] = {}
        hashes: dict[str, str] = {}
        for record in self._buffer:
            pending = self._pending.get(record.id)
            hashes[record.id] = pending.popleft() if pending else content_hash_of(record)
            if pending is not None and not pending:
                del self._pending[record.id]
            latest.pop(record.id, None)
            latest[record.id] = record
        records = list(latest.values())
        now = datetime.now()
        rows: dict[str, list[dict]] = {t: [] for t in (*TABLES, "article_signatures", "article_bands", "duplicates")}
        replaced = sum(1 for r in records if r.id in self.known)
        signatures = [near_dup.signature(record.text) for record in records]
        for record, sig in zip(records, signatures):
            # Written as its own cluster; _near_duplicates sets the cluster once known.
            for table, table_rows in record_rows(record, hashes[record.id], None, now).items():
                rows[table].extend(table_rows)
            if sig is not None:
                rows["article_signatures"].append({"article_id": record.id, "minhash": near_dup.to_bytes(sig)})
                rows["article_bands"].extend({"article_id": record.id, "band": band, "band_key": key}
                                             for band, key in enumerate(near_dup.band_keys(sig)))
        rejections = [{"origin": r.origin, "reason": r.reason, "rejected_at": now} for r in self._rejections]
        # Only ids read from the store at start or written since can have rows: a
        # batch of new articles deletes nothing (each DELETE scans its table).
        old_ids = [r.id for r in records if r.id in self.known]
        with self.store.writer() as con:
            con.execute(f"SET memory_limit = '{BATCH_MEMORY_LIMIT}'")
            con.execute("BEGIN TRANSACTION")
            try:
                # Before the old versions are deleted: an article of the batch sees
                # the stored version of a later one (near_dup.match_batch).
                _near_duplicates(con, [(r.id, sig) for r, sig in zip(records, signatures)], rows)
                # Clusters whose counts (n_articles, n_sources) this batch changes.
                recount = {r["cluster_id"] for r in rows["articles"] if r["cluster_id"] != r["id"]}
                if old_ids:
                    con.register("batch_ids", pa.table({"id": pa.array(old_ids, pa.string())}))
                    recount |= {c for (c,) in con.execute(
                        "SELECT DISTINCT cluster_id FROM articles WHERE id IN (SELECT id FROM batch_ids)").fetchall()}
                    for table in (*TABLES, "article_signatures", "article_bands"):
                        key = "id" if table == "articles" else "article_id"
                        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM batch_ids)")
                    con.execute("DELETE FROM duplicates WHERE article_id IN (SELECT id FROM batch_ids) "
                                "OR duplicate_of IN (SELECT id FROM batch_ids)")
                    # Copies of a replaced article's events now stand on their own.
                    for table in ("events", "quotes"):
                        con.execute(f"UPDATE {table} SET copy_of_article = NULL, copy_of_idx = NULL "
                                    f"WHERE copy_of_article IN (SELECT id FROM batch_ids)")
                _link_copies(con, rows)
                for table, table_rows in rows.items():
                    self._insert(con, table, table_rows)
                _recount_copies(con, sorted(c for c in recount if c))
                if rejections:
                    # One row per rejected input: a re-run that rejects it again replaces it.
                    con.execute("DELETE FROM rejections WHERE list_contains(?, origin)",
                                [[r["origin"] for r in rejections]])
                self._insert(con, "rejections", rejections)
                self._insert(con, "claims_pending", [{"article_id": r.id} for r in records])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        for record in records:
            self.known[record.id] = hashes[record.id]
        self.stats.stored += len(records)
        self.stats.replaced += replaced
        self.stats.duplicates += sum(1 for r in rows["articles"] if r["cluster_id"] != r["id"])
        self.stats.words += sum(r["n_words"] for r in rows["articles"])
        self.stats.batches += 1
        self.stats.write_seconds += time.monotonic() - started
        self._buffer = []
        self._rejections = []
        if self.on_batch:
            self.on_batch(self.stats)

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        schema = self._schemas[table]
        data = pa.Table.from_pylist(rows, schema=pa.schema([f for f in schema if f.name in rows[0]]))
        name = f"batch_{table}"
        con.register(name, data)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
        finally:
            con.unregister(name)


def _ingest_lock(store: Store):
    """One ingest per store at a time: each keeps the stored id -> hash map in
    memory, so two would both insert an article new to both. Readers are not
    affected (this is a separate lock file, not DuckDB's)."""
    path = store.path.with_name(store.path.name + ".ingest.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.seek(0)
        holder = fh.read().strip() or "another process"
        fh.close()
        raise StoreError(f"another `veille ingest` ({holder}) is writing to {store.path}; "
                         f"wait for it to finish") from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"pid {os.getpid()}")
    fh.flush()
    return fh


def _near_duplicates(con: duckdb.DuckDBPyConnection, items: list[tuple[str, Optional[near_dup.Signature]]],
                     rows: dict[str, list[dict]]) -> None:
    """Find the batch's near-duplicates in the store's LSH table (article_bands), set
    the clusters in the batch's rows and add its `duplicates` rows. Only the batch's
    keys and the stored articles sharing one are read into memory."""
    stored: list[tuple] = []
    signatures: dict[str, near_dup.Signature] = {}
    clusters: dict[str, str] = {}
    bands = rows["article_bands"]
    if bands:
        con.register("batch_bands", pa.table({"band": pa.array([b["band"] for b in bands], pa.uint8()),
                                              "band_key": pa.array([b["band_key"] for b in bands], pa.uint64())}))
        try:
            stored = con.execute(
                # No DISTINCT: a semi join yields each stored row once, and an
                # aggregate would size its hash table for the whole table.
                "SELECT s.article_id, s.band, s.band_key FROM article_bands s "
                "SEMI JOIN batch_bands q ON q.band = s.band AND q.band_key = s.band_key").fetchall()
        finally:
            con.unregister("batch_bands")
    if stored:
        con.register("candidate_ids", pa.table({"id": pa.array(sorted({r[0] for r in stored}), pa.string())}))
        try:
            for article_id, data, cluster in con.execute(
                    "SELECT s.article_id, s.minhash, a.cluster_id FROM article_signatures s "
                    "JOIN articles a ON a.id = s.article_id "
                    "WHERE s.article_id IN (SELECT id FROM candidate_ids)").fetchall():
                signatures[article_id] = near_dup.from_bytes(data)
                clusters[article_id] = cluster or article_id
        finally:
            con.unregister("candidate_ids")
        stored = [r for r in stored if r[0] in signatures]
    found = near_dup.match_batch(items, stored, signatures, clusters)
    cluster_of = {article_id: cluster for (article_id, _), (cluster, _) in zip(items, found)}
    if any(cluster != article_id for article_id, cluster in cluster_of.items()):
        for table in ("articles", "entities", "quotes", "events"):
            key = "id" if table == "articles" else "article_id"
            for row in rows[table]:
                row["cluster_id"] = cluster_of[row[key]]
    rows["duplicates"].extend({"article_id": m.article_id, "duplicate_of": m.duplicate_of, "similarity": m.similarity}
                              for _, matches in found for m in matches)


def _link_copies(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict]]) -> None:
    """Mark the events and quotes of republished copies (docs/store.md, counting rule).

    An item of an article of cluster C whose (key, occurrence) an earlier article
    of C already holds points to that first holder (copy_of_*) and is not counted
    again. Earlier = stored before, or earlier in this batch.
    """
    clusters = {r["id"]: r["cluster_id"] for r in rows["articles"]}
    joined = sorted({c for a, c in clusters.items() if c != a})
    originals: dict[tuple, tuple[str, int]] = {}
    for table, keycol in (("events", "ekey"), ("quotes", "qkey")):
        if joined:
            for aid, idx, cluster, key, occ in con.execute(
                    f"SELECT t.article_id, t.idx, a.cluster_id, t.{keycol}, t.occurrence FROM {table} t "
                    f"JOIN articles a ON a.id = t.article_id "
                    f"WHERE t.copy_of_article IS NULL AND list_contains(?, a.cluster_id) "
                    f"ORDER BY (a.id = a.cluster_id) DESC, t.article_id, t.idx", [joined]).fetchall():
                originals.setdefault((table, cluster, key, occ), (aid, idx))
        for row in rows[table]:
            slot = (table, clusters[row["article_id"]], row[keycol], row["occurrence"])
            first = originals.get(slot)
            if first is None or first[0] == row["article_id"]:
                originals.setdefault(slot, (row["article_id"], row["idx"]))
                row["copy_of_article"], row["copy_of_idx"] = None, None
            else:
                row["copy_of_article"], row["copy_of_idx"] = first


def _recount_copies(con: duckdb.DuckDBPyConnection, clusters: list[str]) -> None:
    """Set n_articles (the item and its copies) and n_sources on the counted events
    and quotes of these clusters, after copies were linked or unlinked."""
    if not clusters:
        return
    con.execute(
        """UPDATE events SET n_articles = 1 + coalesce(c.n, 0),
                  n_sources = len(list_distinct(list_filter(list_concat([events.source], coalesce(c.sources, [])),
                                                            lambda x: x IS NOT NULL)))
           FROM (SELECT o.article_id, o.idx, count(ce.article_id) AS n, list(ce.source) AS sources
                 FROM events o LEFT JOIN events ce ON ce.copy_of_article = o.article_id AND ce.copy_of_idx = o.idx
                 WHERE list_contains($clusters, o.cluster_id) GROUP BY o.article_id, o.idx) c
           WHERE c.article_id = events.article_id AND c.idx = events.idx""", {"clusters": clusters})
    con.execute(
        """UPDATE quotes SET n_articles = 1 + coalesce(c.n, 0)
           FROM (SELECT o.article_id, o.idx, count(ce.article_id) AS n
                 FROM quotes o LEFT JOIN quotes ce ON ce.copy_of_article = o.article_id AND ce.copy_of_idx = o.idx
                 WHERE list_contains($clusters, o.cluster_id) GROUP BY o.article_id, o.idx) c
           WHERE c.article_id = quotes.article_id AND c.idx = quotes.idx""", {"clusters": clusters})


def _arrow_schemas(con: duckdb.DuckDBPyConnection) -> dict[str, pa.Schema]:
    fields: dict[str, list] = defaultdict(list)
    for table, column, dtype in con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
        fields[table].append(pa.field(column, _ARROW_TYPES.get(dtype, pa.string())))
    return {t: pa.schema(f) for t, f in fields.items()}


def ingest(store: Store, run: Callable[[Callable[[Article], bool]], Iterable[Result]], **kw) -> IngestStats:
    """Run `run(skip)` (e.g. ``lambda skip: Veille().run(paths, skip=skip)``) into the store."""
    ingestor = Ingestor(store, **kw)
    return ingestor.consume(run(ingestor.skip))


# -- claims ----------------------------------------------------------------------------------

def update_claims(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute, in the open transaction, the claims of the pending articles.

    Claims never cross groups of events that share no (type, role, name) key
    (veille.stories.claims.components). The groups holding a pending article's
    events or an event of a claim a pending article belonged to are found in SQL
    (_claim_members), recomputed from scratch, and their old claims replaced: the
    result is the one a computation over the whole store would give. Returns the
    claims written.
    """
    pending = {r[0] for r in con.execute("SELECT DISTINCT article_id FROM claims_pending").fetchall()}
    if not pending:
        return 0
    con.register("pending_ids", pa.table({"id": pa.array(sorted(pending), pa.string())}))
    # Claims the pending articles belonged to (their old events may be gone).
    stale: set[str] = {r[0] for r in con.execute(
        "SELECT DISTINCT claim_id FROM claim_events WHERE article_id IN (SELECT id FROM pending_ids)").fetchall()}
    con.unregister("pending_ids")
    seeds = set(pending)
    if stale:
        seeds |= {r[0] for r in con.execute(
            "SELECT DISTINCT article_id FROM claim_events WHERE list_contains(?, claim_id)", [sorted(stale)]).fetchall()}
    members = _claim_members(con, seeds)
    events: list[dict] = []
    if members:
        con.register("claim_members", _pairs(members))
        cur = con.execute(
            "SELECT e.article_id, e.idx, e.type, e.mode, e.actors, e.recipients, e.place, e.date, e.modality, "
            "e.reported_by, e.disputed_by, e.evidence, e.source, e.cluster_id, CAST(e.published_date AS VARCHAR) "
            "AS published FROM events e SEMI JOIN claim_members m ON m.article_id = e.article_id AND m.idx = e.idx")
        columns = [d[0] for d in cur.description]
        events = [dict(zip(columns, row)) for row in cur.fetchall()]
        # Every claim holding one of these events is recomputed with them.
        stale |= {r[0] for r in con.execute(
            "SELECT DISTINCT claim_id FROM claim_events c SEMI JOIN claim_members m "
            "ON m.article_id = c.article_id AND m.idx = c.idx").fetchall()}
        con.unregister("claim_members")
    rows = claim_groups.claims_of(events)
    if stale:
        con.register("stale_claims", pa.table({"id": pa.array(sorted(stale), pa.string())}))
        con.execute("DELETE FROM claims WHERE claim_id IN (SELECT id FROM stale_claims)")
        con.execute("DELETE FROM claim_events WHERE claim_id IN (SELECT id FROM stale_claims)")
        con.unregister("stale_claims")
    now = datetime.now()
    claim_rows = [{k: v for k, v in r.items() if k != "members"} | {"updated_at": now} for r in rows]
    member_rows = [{"claim_id": r["claim_id"], "article_id": a, "idx": i, "modality": m, "stance": st}
                   for r in rows for a, i, m, st in r["members"]]
    for table, data in (("claims", claim_rows), ("claim_events", member_rows)):
        if data:
            con.register(f"new_{table}", pa.Table.from_pylist(data))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_{table}")
            con.unregister(f"new_{table}")
    con.execute("DELETE FROM claims_pending")
    return len(rows)


# Every (type, role, name) key of every stored event, as claims.block_keys makes them.
_EVENT_KEYS = """
    SELECT * FROM (
        SELECT article_id, idx, upper(coalesce(type, '')) AS type, 'actors' AS role, unnest(actors) AS name
        FROM events WHERE len(actors) > 0
        UNION ALL
        SELECT article_id, idx, upper(coalesce(type, '')), 'recipients', unnest(recipients)
        FROM events WHERE len(recipients) > 0)
    WHERE name IS NOT NULL AND name <> ''"""


def _claim_members(con: duckdb.DuckDBPyConnection, seeds: set[str]) -> list[tuple[str, int]]:
    """The (article_id, idx) of the events of every group of claims.components that
    holds an event of a seed article: the keys are walked from the seeds' events, in
    SQL, so that only these groups reach Python, not the keys of every stored event
    (which grow with the store)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE claim_keys AS {_EVENT_KEYS}")
    try:
        con.register("seed_ids", pa.table({"id": pa.array(sorted(seeds), pa.string())}))
        frontier = set(con.execute("SELECT DISTINCT type, role, name FROM claim_keys "
                                   "WHERE article_id IN (SELECT id FROM seed_ids)").fetchall())
        con.unregister("seed_ids")
        seen = set(frontier)
        members: set[tuple[str, int]] = set()
        while frontier:
            keys = sorted(frontier)
            con.register("frontier_keys", pa.table({"type": pa.array([k[0] for k in keys], pa.string()),
                                                    "role": pa.array([k[1] for k in keys], pa.string()),
                                                    "name": pa.array([k[2] for k in keys], pa.string())}))
            reached = {(a, i) for a, i in con.execute(
                "SELECT DISTINCT article_id, idx FROM claim_keys k SEMI JOIN frontier_keys f "
                "ON f.type = k.type AND f.role = k.role AND f.name = k.name").fetchall()} - members
            con.unregister("frontier_keys")
            members |= reached
            if not reached:
                break
            con.register("reached_events", _pairs(sorted(reached)))
            frontier = set(con.execute(
                "SELECT DISTINCT type, role, name FROM claim_keys k SEMI JOIN reached_events r "
                "ON r.article_id = k.article_id AND r.idx = k.idx").fetchall()) - seen
            con.unregister("reached_events")
            seen |= frontier
    finally:
        con.execute("DROP TABLE IF EXISTS claim_keys")
    return sorted(members)


def _pairs(pairs) -> pa.Table:
    return pa.table({"article_id": pa.array([p[0] for p in pairs], pa.string()),
                     "idx": pa.array([p[1] for p in pairs], pa.int32())})
