"""The `veille` command line: a thin door onto veille.core.Veille.

Exit codes: 0 all inputs analysed; 1 some input was rejected (each rejection is
one line on stderr naming the input and the reason); 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from rich.console import Console

from ..errors import Rejection, VeilleError
from ..settings import Settings

if TYPE_CHECKING:  # the models (pydantic) load only for the commands that use them
    from ..models import Article

app = typer.Typer(
    name="veille",
    help="French news to a structured, source-attributed record: entities, quotes, times, events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


class Format(str, Enum):
    pretty = "pretty"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class OtherLanguages(str, Enum):
    skip = "skip"
    warn = "warn"


def _fail_usage(message: str) -> None:
    err.print(f"[red]veille: {message}[/red]", highlight=False)
    raise typer.Exit(2)


def _check_date(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        _fail_usage(f"{option} expects a date as YYYY-MM-DD, got {value!r}")


def report_rejection(rejection: Rejection) -> None:
    # One plain line per rejected input: easy to grep, never a traceback.
    err.print(f"[yellow]{rejection.origin}[/yellow]: {rejection.reason}", highlight=False, soft_wrap=True)


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files (.txt .html .jsonl .jsonl.gz, RSS/Atom), directories, or - for stdin."),
    format: Format = typer.Option(Format.pretty, "--format", "-f", help="Output: pretty (terminal summary), json (array), jsonl, html (highlighted page)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the output to this file instead of stdout."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs that do not give one."),
    source: Optional[str] = typer.Option(None, help="Source/outlet name for inputs that do not give one."),
    lang: str = typer.Option("fr", help="Language of the articles; only French (fr) is supported."),
    other_languages: OtherLanguages = typer.Option(OtherLanguages.skip, help="Articles detected as not French: skip them (rejected with a message) or warn (processed, with a warning)."),
    workers: int = typer.Option(1, min=1, help="Worker processes (each loads the model, ~1 GB); 2 uses both cores of a laptop."),
    max_mb: float = typer.Option(20.0, help="Reject an input (a file, or one article of a JSONL corpus) larger than this many megabytes."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar with articles/s (default: when stderr is a terminal)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details of internal failures."),
) -> None:
    """Analyse French articles into records (entities, quotes, times, events)."""
    from ..core import Veille
    from .output import WRITERS

    logging.basicConfig(level=logging.INFO if verbose else logging.CRITICAL)
    if lang != "fr":
        _fail_usage(f"--lang {lang}: only French (fr) is supported")
    published = _check_date(published, "--published")
    settings = Settings(other_languages=other_languages.value, max_bytes=int(max_mb * 1024 * 1024))

    def override(article: Article) -> None:
        if published and not article.published:
            article.published, article.published_how = published, "given with --published"
        if source and not article.source:
            article.source = source

    try:
        stream = open(out, "w", encoding="utf-8") if out else sys.stdout
    except OSError as exc:
        _fail_usage(f"cannot write {out}: {exc.strerror}")
    writer = WRITERS[format.value](stream)
    show_progress = progress if progress is not None else err.is_terminal
    rejected = analysed = 0
    try:
        core = Veille(settings)
        results = core.run(paths, workers=workers, override=override, stdin=sys.stdin)
        with _Progress(show_progress) as bar:
            for result in results:
                if isinstance(result, Rejection):
                    rejected += 1
                    report_rejection(result)
                else:
                    analysed += 1
                    writer.write(result)
                    bar.advance(len(result.text.split()))
    except VeilleError as exc:
        err.print(f"[red]veille: {exc}[/red]", highlight=False)
        raise typer.Exit(2)
    finally:
        writer.close()
        if out:
            stream.close()
    if out or rejected:
        err.print(f"{analysed} article(s) analysed, {rejected} input(s) rejected" + (f"; output in {out}" if out else ""),
                  highlight=False)
    if rejected:
        raise typer.Exit(1)


class _Progress:
    """A Rich progress bar with articles/s and words/s, or nothing."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.count = self.words = 0

    def __enter__(self):
        if self.enabled:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.started = time.perf_counter()
            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err)
            self.bar.start()
            self.task = self.bar.add_task("starting (model load ~8 s)")
        return self

    def advance(self, words: int) -> None:
        self.count += 1
        self.words += words
        if self.enabled:
            elapsed = max(time.perf_counter() - self.started, 1e-6)
            self.bar.update(self.task, description=(f"{self.count} articles · {self.count / elapsed:.1f} articles/s"
                                                    f" · {self.words / elapsed:.0f} words/s"))

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
        return False


@app.command("eval")
def eval_(
    gold: List[Path] = typer.Option(..., "--gold", help="A gold folder: seed annotations (*.json, with the texts in ../seeds) or TimeML files (*.tml). Repeatable."),
    json_out: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    floors: Optional[Path] = typer.Option(None, help="A JSON file of minimum scores; exit 1 when a score falls below its floor."),
    texts: Optional[Path] = typer.Option(None, help="Folder of the gold articles' texts (default: ../seeds beside the gold folder)."),
) -> None:
    """Score the system against gold annotations, per layer."""
    from ..eval.runner import check_floors, evaluate, render_table

    for g in gold:
        if not g.is_dir():
            _fail_usage(f"--gold {g}: not a folder")
    try:
        scores = evaluate(gold, texts=texts)
    except VeilleError as exc:
        _fail_usage(str(exc))
    if json_out:
        typer.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    else:
        render_table(Console(), scores)
    if floors:
        failures = check_floors(scores, json.loads(floors.read_text(encoding="utf-8")))
        for f in failures:
            err.print(f"[red]below floor[/red]: {f}", highlight=False)
        if failures:
            raise typer.Exit(1)


@app.command()
def serve(
    db: Optional[Path] = typer.Option(None, "--db", help="A store made by `veille ingest`: enables the corpus endpoints."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8765, help="Port to listen on."),
) -> None:
    """Serve the REST API and the web UI (paste an article, see it highlighted)."""
    try:
        import uvicorn

        from .api import create_app
    except ModuleNotFoundError as exc:
        _fail_usage(f"the API needs the 'api' extra: pip install 'veille[api]' ({exc.name} is missing)")
    if db is not None and not db.is_file():
        _fail_usage(f"--db {db}: no such store (create it with `veille ingest`)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from ..models import record_json_schema

    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))


def _register_optional_commands() -> None:
    import importlib

    try:
        corpus_cli = importlib.import_module(f"{__package__}.corpus_cli")
    except ModuleNotFoundError as exc:  # the corpus commands are an optional module
        if exc.name != f"{__package__}.corpus_cli":
            raise
        return
    corpus_cli.register(app)


_register_optional_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
