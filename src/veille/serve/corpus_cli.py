"""Corpus commands of `veille`: ingest into the store, query it, export it.

`register(app)` adds them to the main Typer app (veille.serve.cli). Exit codes:
0 success; 1 some input was rejected (ingest), or the store cannot be read or
the query failed (one line on stderr, no traceback); 2 invalid options.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import shutil
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console

from ..errors import Rejection, UsageError, VeilleError
from ..settings import default_db_path

err = Console(stderr=True)

DB_HELP = ("DuckDB store file (default: $VEILLE_DB, else {default}).")


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"
    plover = "plover"
    gdelt = "gdelt"


def _db_option():
    return typer.Option(None, "--db", envvar="VEILLE_DB", show_envvar=False,
                        help=DB_HELP.format(default=default_db_path()))


def _format_option():
    return typer.Option(OutFormat.table, "--format", "-f",
                        help="Output: table (terminal), json (a JSON array of objects), csv (with a header).")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]veille: {message}[/red]", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        _fail(f"{option} expects a date as YYYY-MM-DD, got {value!r}", 2)


MODALITIES = ("asserted", "planned", "negated", "hypothetical", "claimed", "denied", "historical")


def _modality(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.strip().lower() not in MODALITIES:
        _fail(f"--modality expects one of {', '.join(MODALITIES)}, got {value!r}", 2)
    return value.strip().lower()


def _store(db: Optional[Path]):
    from ..store import Store

    return Store(db, keep_open=0)  # one query per process: nothing to keep


def _run_query(fn: Callable[[], list[dict]], fmt: OutFormat) -> None:
    try:
        rows = fn()
    except VeilleError as exc:
        _fail(str(exc))
    emit(rows, fmt)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def emit(rows: list[dict], fmt: OutFormat, stream=None) -> None:
    stream = stream or sys.stdout
    if fmt == OutFormat.json:
        stream.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == OutFormat.csv:
        if rows:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(v) for k, v in row.items()})
        return
    if not rows:
        err.print("no rows", highlight=False)
        return
    tty = stream.isatty()
    width = shutil.get_terminal_size((200, 24)).columns if tty else 200
    write_table(rows, stream, width, bold=tty)


GAP = "  "


def column_widths(natural: list[int], width: int) -> list[int]:
    """Each column its natural width when all fit; else the narrow ones keep theirs
    and the wide ones share what is left equally (at least 6 characters each)."""
    room = max(width - len(GAP) * (len(natural) - 1), 6 * len(natural))
    if sum(natural) <= room:
        return natural
    out = list(natural)
    left = len(natural)
    for i in sorted(range(len(natural)), key=natural.__getitem__):
        out[i] = max(6, min(natural[i], room // left))
        room -= out[i]
        left -= 1
    return out


def write_table(rows: list[dict], stream, width: int, bold: bool = False) -> None:
    """A plain text table: long cells are folded onto the next lines of their
    column. (A Rich table takes seconds for a few hundred rows: a timeline of a
    frequent entity has tens of thousands.)"""
    header = list(rows[0])
    cells = [[" ".join(_cell(v).split()) for v in row.values()] for row in rows]
    natural = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    widths = column_widths(natural, width)
    head = GAP.join(h[:w].ljust(w) for h, w in zip(header, widths)).rstrip()
    out = [f"\x1b[1m{head}\x1b[0m" if bold else head, GAP.join("─" * w for w in widths)]
    for row in cells:
        if all(len(c) <= w for c, w in zip(row, widths)):
            out.append(GAP.join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
            continue
        parts = [[c[i:i + w] for i in range(0, len(c), w)] or [""] for c, w in zip(row, widths)]
        for line in range(max(len(p) for p in parts)):
            out.append(GAP.join((p[line] if line < len(p) else "").ljust(w)
                                for p, w in zip(parts, widths)).rstrip())
        if len(out) > 4096:
            stream.write("\n".join(out) + "\n")
            out = []
    stream.write("\n".join(out) + "\n")


class _Progress:
    """A one-line Rich status with stored/skipped counts and articles/s, or nothing."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __enter__(self):
        if self.enabled:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.started = time.perf_counter()
            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err)
            self.bar.start()
            self.task = self.bar.add_task("reading the store and the inputs")
        return self

    def update(self, stats) -> None:
        if self.enabled:
            elapsed = max(time.perf_counter() - self.started, 1e-6)
            self.bar.update(self.task, description=(
                f"{stats.stored} stored · {stats.skipped} unchanged · {stats.rejected} rejected · "
                f"{stats.stored / elapsed:.1f} articles/s · {stats.words / elapsed:.0f} words/s"))

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
        return False


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the `veille` Typer app."""

    @app.command()
    def ingest(
        paths: List[str] = typer.Argument(..., help="Files (.txt .html .jsonl .jsonl.gz, RSS/Atom), directories, or - for stdin."),
        db: Optional[Path] = _db_option(),
        workers: int = typer.Option(1, min=1, help="Worker processes for the NLP stage (each loads the model, ~1.4 GB); 2 uses both cores of a laptop."),
        batch_size: int = typer.Option(256, min=1, help="Articles written per transaction (or what is ready every 10 s): a killed run loses at most the batch in flight."),
        progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Live counts with articles/s (default: when stderr is a terminal)."),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details of internal failures."),
    ) -> None:
        """Analyse articles into the store (incremental and resumable).

        An article already stored with the same content is skipped; a changed one
        replaces its rows; an interrupted run, started again, resumes where it stopped.
        """
        from ..core import Veille
        from ..store.ingest import Ingestor

        logging.basicConfig(level=logging.INFO if verbose else logging.CRITICAL)
        store = _store(db)
        show = progress if progress is not None else err.is_terminal
        try:
            with _Progress(show) as bar:
                ingestor = Ingestor(store, batch_size=batch_size, on_batch=bar.update)
                results = Veille().run(paths, workers=workers, skip=ingestor.skip, stdin=sys.stdin)
                stats = ingestor.consume(_reporting(results))
        except VeilleError as exc:
            _fail(str(exc), 2 if isinstance(exc, UsageError) else 1)
        except KeyboardInterrupt:
            _fail("interrupted: the batches written so far are kept; run the same command again to resume", 130)
        err.print(
            f"{stats.stored} article(s) stored ({stats.replaced} replaced, {stats.duplicates} near-duplicate), "
            f"{stats.skipped} unchanged, {stats.rejected} input(s) rejected in {stats.seconds:.1f} s; "
            f"store: {store.path}", highlight=False, soft_wrap=True)
        if stats.rejected:
            raise typer.Exit(1)

    @app.command()
    def quotes(
        speaker: str = typer.Option(..., "--speaker", "-s", help="Speaker: canonical name (Florence Parly), French label, Wikidata id, mention text, or words of an unnamed speaker's description."),
        date_from: Optional[str] = typer.Option(None, "--from", help="Only quotes whose date (their own, else the article's) is on or after this day, YYYY-MM-DD; a month or year overlapping it counts."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Only quotes whose date is on or before this day, YYYY-MM-DD."),
        all_copies: bool = typer.Option(False, "--all-copies", help="Also list the copies found in near-duplicate articles (default: once per cluster)."),
        limit: Optional[int] = typer.Option(None, min=1, help="At most this many rows."),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """Quotes of a speaker, in date order, with cue, relaying sources and article."""
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        _run_query(lambda: _store(db).quotes(speaker, start=start, end=end, all_copies=all_copies,
                                             limit=limit), format)

    @app.command()
    def timeline(
        entity: str = typer.Option(..., "--entity", "-e", help="Entity: canonical name (NATO), French label (Otan), Wikidata id (Q7184) or mention text."),
        date_from: Optional[str] = typer.Option(None, "--from", help="Only items whose date (the event's or quote's, else the article's) is on or after this day, YYYY-MM-DD; a month or year overlapping it counts."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Only items whose date is on or before this day, YYYY-MM-DD."),
        limit: Optional[int] = typer.Option(None, min=1, help="At most this many rows."),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """An entity's timeline: articles naming it, its events and quotes, in date order.

        Near-duplicate articles are shown once (n_articles counts the copies).
        """
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        _run_query(lambda: _store(db).timeline(entity, start=start, end=end, limit=limit), format)

    @app.command()
    def events(
        type: Optional[str] = typer.Option(None, "--type", "-t", help="PLOVER event type, e.g. ASSAULT, CONSULT, RETREAT."),
        place: Optional[str] = typer.Option(None, "--place", "-p", help="Place of the event (canonical name, French label or id), e.g. Iraq."),
        modality: Optional[str] = typer.Option(None, "--modality", "-m", help="asserted, planned, negated, hypothetical, claimed, denied or historical."),
        actor: Optional[str] = typer.Option(None, "--actor", "-a", help="An entity taking part, as actor or recipient."),
        date_from: Optional[str] = typer.Option(None, "--from", help="Only events whose date (their own, else the article's) is on or after this day, YYYY-MM-DD; a month or year overlapping it counts."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Only events whose date is on or before this day, YYYY-MM-DD."),
        all_copies: bool = typer.Option(False, "--all-copies", help="Also list the copies found in near-duplicate articles (default: once per cluster)."),
        limit: Optional[int] = typer.Option(None, min=1, help="At most this many rows."),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """Events filtered by type, place, modality, actor and date (the event's date, else the article's)."""
        start, end = _date(date_from, "--from"), _date(date_to, "--to")
        modality = _modality(modality)
        _run_query(lambda: _store(db).events(type=type, place=place, modality=modality, actor=actor, start=start,
                                             end=end, all_copies=all_copies, limit=limit), format)

    @app.command()
    def actors(
        type: Optional[str] = typer.Option(None, "--type", "-t", help="Only events of this PLOVER type."),
        modality: Optional[str] = typer.Option(None, "--modality", "-m", help="Only events of this modality (default: all; the asserted column counts asserted ones)."),
        actor: Optional[str] = typer.Option(None, "--actor", "-a", help="Only this actor."),
        limit: int = typer.Option(50, min=0, help="At most this many rows (0: all)."),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """Who acts on whom: events per (actor, recipient, type), a republished copy counted once."""
        modality = _modality(modality)
        _run_query(lambda: _store(db).actors(type=type, modality=modality, actor=actor, limit=limit or None), format)

    @app.command()
    def claims(
        entity: Optional[str] = typer.Option(None, "--entity", "-e", help="Only claims in which this entity takes part (actor, recipient or place)."),
        type: Optional[str] = typer.Option(None, "--type", "-t", help="Only claims of this PLOVER event type, e.g. ASSAULT."),
        contested: bool = typer.Option(False, "--contested", help="Only contested claims: stated in one place and denied or disputed in another."),
        min_articles: int = typer.Option(1, "--min-articles", min=1, help="Only claims seen in at least N articles (a near-duplicate cluster counts once)."),
        limit: Optional[int] = typer.Option(None, min=1, help="At most this many rows."),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """Claims across articles: one event seen in several articles or sources, who supports it, who disputes it."""
        _run_query(lambda: _store(db).claims(entity=entity, type=type, contested=contested,
                                             min_articles=min_articles, limit=limit), format)

    @app.command()
    def sql(
        query: str = typer.Argument(..., help='SQL on the store, read-only, e.g. "SELECT type, count(*) FROM events GROUP BY type". Tables: articles, entities, mentions, quotes, times, events, claims, claim_events, duplicates, rejections; views: events_dedup, quotes_dedup.'),
        db: Optional[Path] = _db_option(),
        format: OutFormat = _format_option(),
    ) -> None:
        """Run a read-only SQL query on the store."""
        _run_query(lambda: _store(db).sql(query), format)

    @app.command()
    def export(
        format: ExportFormat = typer.Option(..., "--format", "-f", help="jsonl: one record per line; parquet: one file per table in the --out folder; plover: PLOVER JSON lines, one per event; gdelt: GDELT-2.0-like events TSV (columns in docs/store.md)."),
        out: Path = typer.Option(..., "--out", "-o", help="Output file (a folder for parquet)."),
        db: Optional[Path] = _db_option(),
    ) -> None:
        """Export the store: records, tables or events in interchange formats."""
        try:
            result = _store(db).export(format.value, out)
        except VeilleError as exc:
            _fail(str(exc))
        count = f"{result['lines']} line(s)" if "lines" in result else f"{len(result['files'])} table(s)"
        err.print(f"exported {count} as {format.value} to {result['path']}", highlight=False)


def _reporting(results):
    for result in results:
        if isinstance(result, Rejection):
            err.print(f"[yellow]{result.origin}[/yellow]: {result.reason}", highlight=False, soft_wrap=True)
        yield result
