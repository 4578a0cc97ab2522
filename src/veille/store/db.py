"""The DuckDB store: opening it (with retries around the single-writer lock) and its migrations.

DuckDB lets one process write a database file, and while it holds the file no
other process can open it, not even read-only. So the ingest never keeps the
file open: it opens a short-lived read-write connection per batch (a fraction
of a second), and readers open read-only connections, retrying for a while
when the file is locked. A query run during an ingest therefore waits at most
for one batch to be written.

A long-lived process (the API server, a Python session) would pay the opening
of the file (tens of ms on a full store, plus a cold cache) on every query; so
`Store` keeps its read-only connection open between queries, for `keep_open`
seconds after the last one. An open reader would block an ingest's writer, so
it is not kept while an ingest runs (its lock file is held), and it is closed
after `keep_open` idle seconds: an ingest starting meanwhile waits that long.
"""

from __future__ import annotations

import atexit
import fcntl
import importlib
import re
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional, Union

import duckdb

from ..errors import VeilleError
from ..settings import default_db_path

# How long a connection waits for another process's write to finish.
DEFAULT_TIMEOUT = 60.0
_RETRY_SLEEP = 0.05
# How long `Store` keeps its read-only connection open after a query (seconds).
DEFAULT_KEEP_OPEN = 2.0


class StoreError(VeilleError):
    """A store that cannot be opened or queried; the message says why."""


@lru_cache(maxsize=1)
def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped in the package, in order."""
    out = []
    folder = resources.files("veille.store") / "migrations"
    for entry in folder.iterdir():
        m = re.match(r"(\d+)_(.+)\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    return migrations()[-1][0]


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "already open" in text


def ingest_lock_path(path: Union[str, Path]) -> Path:
    """The lock file a running `veille ingest` holds beside the store (veille.store.ingest)."""
    path = Path(path)
    return path.with_name(path.name + ".ingest.lock")


def ingest_running(path: Union[str, Path]) -> Optional[str]:
    """Who holds the store's ingest lock ("pid 123"), or None when no ingest runs."""
    try:
        fh = open(ingest_lock_path(path), "r")
    except OSError:
        return None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return fh.read().strip() or "another process"
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None


def connect(path: Union[str, Path], *, read_only: bool,
            timeout: float = DEFAULT_TIMEOUT) -> duckdb.DuckDBPyConnection:
    """Open the store file, waiting up to `timeout` s while another process writes it."""
    path = Path(path)
    if not read_only:
        _pool.release(path)
    if read_only and not path.exists():
        raise StoreError(f"no store at {path}: run `veille ingest PATH --db {path}` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                time.sleep(_RETRY_SLEEP)
                continue
            if _is_lock_error(exc):
                holder = ingest_running(path)
                if holder:
                    raise StoreError(f"{path} is being written by `veille ingest` ({holder}) and stayed locked "
                                     f"for {timeout:.0f} s (a batch or the claims at its end); "
                                     f"try again, or give a longer wait") from None
                raise StoreError(f"{path} is locked by another process (waited {timeout:.0f} s)") from None
            raise StoreError(f"cannot open {path}: {_first_line(exc)}") from None
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {path} as a DuckDB store: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def applied_version(con: duckdb.DuckDBPyConnection) -> int:
    # fetchall, not fetchone: DuckDB 2 refuses the next statement (con.sql) while a
    # result is unfinished.
    exists = con.execute(
        # duckdb_tables() rather than information_schema: ~1 ms instead of ~80.
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this store lacks, each in its own transaction; return their versions."""
    current = applied_version(con)
    done = []
    for version, name, sql in migrations():
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER, name VARCHAR, applied_at TIMESTAMP)"
            )
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(version)
    return done


class _Entry:
    def __init__(self, con: duckdb.DuckDBPyConnection, keep_open: float):
        self.con = con
        self.keep_open = keep_open
        self.active = 0
        self.last = time.monotonic()
        self.timer: Optional[threading.Timer] = None


class _Pool:
    """Read-only connections kept open between queries, one per store file in this process.

    Each query gets its own cursor (DuckDB cursors of one database may run in
    parallel threads, as the API's do); the connection is closed `keep_open`
    seconds after its last query ends, or at once when this process writes the
    file (DuckDB refuses a read-write connection beside a read-only one)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._open: dict[str, _Entry] = {}
        # Closed, and the timers cancelled, before the interpreter joins its threads and
        # tears DuckDB's bindings down (else they report leaks; a daemon timer killed
        # inside DuckDB's close would abort the process).
        register = getattr(threading, "_register_atexit", None)
        if register is not None:
            register(self.close_all)
        else:  # pragma: no cover - Python < 3.9
            atexit.register(self.close_all)

    def close_all(self) -> None:
        for key in list(self._open):
            self.release(Path(key), wait=1.0)

    @staticmethod
    def _key(path: Path) -> str:
        return str(Path(path).absolute())

    @contextmanager
    def cursor(self, path: Path, keep_open: float, opener) -> Iterator[duckdb.DuckDBPyConnection]:
        key = self._key(path)
        with self._cond:
            entry = self._open.get(key)
            if entry is None:
                entry = self._open[key] = _Entry(opener(), keep_open)
            entry.active += 1
            entry.keep_open = keep_open
        try:
            cur = entry.con.cursor()
        except BaseException:
            self._done(key, entry)
            raise
        try:
            yield cur
        finally:
            cur.close()
            self._done(key, entry)

    def _done(self, key: str, entry: _Entry) -> None:
        with self._cond:
            entry.active -= 1
            entry.last = time.monotonic()
            self._cond.notify_all()
            if entry.timer is None and self._open.get(key) is entry:
                self._arm(key, entry, entry.keep_open)

    def _arm(self, key: str, entry: _Entry, delay: float) -> None:
        entry.timer = threading.Timer(max(delay, 0.01), self._expire, (key, entry))
        entry.timer.start()

    def _expire(self, key: str, entry: _Entry) -> None:
        with self._cond:
            entry.timer = None
            if self._open.get(key) is not entry:
                return
            idle = time.monotonic() - entry.last
            if entry.active or idle < entry.keep_open:
                self._arm(key, entry, entry.keep_open - idle if not entry.active else entry.keep_open)
                return
            del self._open[key]
        entry.con.close()

    def release(self, path: Path, wait: float = DEFAULT_TIMEOUT) -> None:
        """Close the kept connection to `path`, once the queries running on it end."""
        key = self._key(path)
        with self._cond:
            entry = self._open.pop(key, None)
            if entry is None:
                return
            if entry.timer is not None:
                entry.timer.cancel()
                entry.timer = None
            self._cond.wait_for(lambda: entry.active == 0, timeout=wait)
        entry.con.close()


_pool = _Pool()


class Store:
    """A veille store file. Cheap to create; the read-only connection is opened on
    the first query and kept open for `keep_open` seconds after the last one
    (0: a connection per query, as the command line does).

        >>> store = Store("corpus.duckdb")
        >>> store.quotes(speaker="Florence Parly")        # list of dicts
        >>> store.timeline(entity="NATO", start="2020-01-01")
    """

    def __init__(self, path: Union[str, Path, None] = None, *, timeout: float = DEFAULT_TIMEOUT,
                 keep_open: float = DEFAULT_KEEP_OPEN):
        self.path = Path(path) if path else default_db_path()
        self.timeout = timeout
        self.keep_open = keep_open

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def _open_reader(self) -> duckdb.DuckDBPyConnection:
        con = connect(self.path, read_only=True, timeout=self.timeout)
        try:
            version = applied_version(con)
            if version == 0:
                raise StoreError(f"{self.path} is not a veille store (no schema_migrations table)")
            if version < latest_version():
                raise StoreError(f"{self.path} has schema version {version}, this veille needs "
                                 f"{latest_version()}: run `veille ingest` on it once to upgrade")
        except BaseException:
            con.close()
            raise
        return con

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.keep_open > 0 and not ingest_running(self.path):
            # A long-lived reader: rows reach Python faster through Arrow (queries._query).
            importlib.import_module("pyarrow")

            with _pool.cursor(self.path, self.keep_open, self._open_reader) as cur:
                yield cur
            return
        # An ingest is running (or keeping is off): hold the file only for this query.
        _pool.release(self.path)
        con = self._open_reader()
        try:
            yield con
        finally:
            con.close()

    def close(self) -> None:
        """Close the kept read-only connection now (it also closes by itself when idle)."""
        _pool.release(self.path)

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.path, read_only=False, timeout=self.timeout)
        try:
            migrate(con)
            yield con
        finally:
            con.close()

    def create(self) -> None:
        """Create the file and its schema (idempotent)."""
        with self.writer():
            pass

    # -- queries (veille.store.queries) -------------------------------------------
    def quotes(self, speaker: str, **kw) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.quotes(con, speaker, **kw)

    def timeline(self, entity: str, **kw) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.timeline(con, entity, **kw)

    def events(self, **kw) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.events(con, **kw)

    def actors(self, **kw) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.actors(con, **kw)

    def claims(self, **kw) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.claims(con, **kw)

    def claim_events(self, claim_id: str) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.claim_events(con, claim_id)

    def sql(self, query: str, params: Optional[list] = None) -> list[dict]:
        from . import queries

        with self.reader() as con:
            return queries.sql(con, query, params)

    def stats(self) -> dict:
        from . import queries

        with self.reader() as con:
            return queries.stats(con)

    def export(self, fmt: str, out: Union[str, Path]) -> dict:
        from . import export

        with self.reader() as con:
            return export.export(con, fmt, Path(out))
