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
* Near-duplicates are found as records are written (veille.stories).
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

_ARROW_TYPES = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()), "BLOB": pa.binary(),
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
        self._index: Optional[near_dup.NearDuplicateIndex] = None

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
        index = self._near_dup_index() if records else None
        now = datetime.now()
        rows: dict[str, list[dict]] = {t: [] for t in (*TABLES, "article_signatures", "duplicates")}
        replaced = sum(1 for r in records if r.id in self.known)
        for record in records:
            sig = near_dup.signature(record.text)
            cluster, matches = index.add(record.id, sig)
            for table, table_rows in record_rows(record, hashes[record.id], cluster, now).items():
                rows[table].extend(table_rows)
            if sig is not None:
                rows["article_signatures"].append({"article_id": record.id, "minhash": near_dup.to_bytes(sig)})
            for m in matches:
                rows["duplicates"].append(
                    {"article_id": m.article_id, "duplicate_of": m.duplicate_of, "similarity": m.similarity})
        rejections = [{"origin": r.origin, "reason": r.reason, "rejected_at": now} for r in self._rejections]
        # Only ids read from the store at start or written since can have rows: a
        # batch of new articles deletes nothing (each DELETE scans its table).
        old_ids = [r.id for r in records if r.id in self.known]
        with self.store.writer() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                # Clusters whose counts (n_articles, n_sources) this batch changes.
                recount = {r["cluster_id"] for r in rows["articles"] if r["cluster_id"] != r["id"]}
                if old_ids:
                    con.register("batch_ids", pa.table({"id": pa.array(old_ids, pa.string())}))
                    recount |= {c for (c,) in con.execute(
                        "SELECT DISTINCT cluster_id FROM articles WHERE id IN (SELECT id FROM batch_ids)").fetchall()}
                    for table in (*TABLES, "article_signatures"):
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

    def _near_dup_index(self) -> near_dup.NearDuplicateIndex:
        # Built on the first batch that has something to write, so a re-ingest of
        # an unchanged corpus never pays for it.
        if self._index is None:
            self._index = near_dup.NearDuplicateIndex()
            with self.store.reader() as con:
                rows = con.execute(
                    "SELECT s.article_id, s.minhash, a.cluster_id FROM article_signatures s "
                    "JOIN articles a ON a.id = s.article_id ORDER BY a.ingested_at, a.id").fetchall()
            self._index.load(rows)
        return self._index


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
    (veille.stories.claims.components). The keys of every stored event are read
    (narrow columns, one scan), the groups holding a pending article's events or
    an event of a claim a pending article belonged to are recomputed from scratch,
    and their old claims replaced: the result is the one a computation over the
    whole store would give. Returns the claims written.
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
    keyed = [{"article_id": a, "idx": i, "type": t, "actors": act, "recipients": rec}
             for a, i, t, act, rec in con.execute(
                 "SELECT article_id, idx, type, actors, recipients FROM events "
                 "WHERE len(actors) > 0 OR len(recipients) > 0").fetchall()]
    members = [(e["article_id"], e["idx"]) for comp in claim_groups.components(keyed)
               if any(e["article_id"] in seeds for e in comp) for e in comp]
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


def _pairs(pairs) -> pa.Table:
    return pa.table({"article_id": pa.array([p[0] for p in pairs], pa.string()),
                     "idx": pa.array([p[1] for p in pairs], pa.int32())})
