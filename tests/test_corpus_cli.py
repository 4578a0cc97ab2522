"""The corpus commands end to end: `veille ingest` with the real pipeline on OrangeSum
articles, then every query and export command, their formats, help and errors."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
import typer.main
from typer.testing import CliRunner

from veille.models import Record
from veille.serve.cli import app
from veille.store import Store
from veille.store.export import GDELT_COLUMNS, VEILLE_COLUMNS

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
COMMANDS = ("ingest", "quotes", "timeline", "events", "actors", "claims", "sql", "export")
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """Eight OrangeSum articles, then line 34 (id 49: a republished copy of id 6), then a broken line."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        lines = [line for line, _ in zip(fh, range(34))]
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("".join(lines[:8]) + lines[33] + '{"id": "broken", "article": \n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ingested(corpus_file, tmp_path_factory, analyzer):
    """The store after `veille ingest` with the real pipeline (the session's analyzer is
    the one the CLI uses in this process), then after a second, identical run."""
    calls = []
    real = analyzer.analyze_many

    def counting(articles):
        articles = list(articles)
        calls.extend(a.id for a in articles)
        return real(articles)

    mp = pytest.MonkeyPatch()
    mp.setattr(analyzer, "analyze_many", counting)
    try:
        db = tmp_path_factory.mktemp("store") / "corpus.duckdb"
        first = invoke("ingest", corpus_file, "--db", db, "--no-progress")
        first_calls = list(calls)
        calls.clear()
        second = invoke("ingest", corpus_file, "--db", db, "--no-progress")
    finally:
        mp.undo()
    return {"db": db, "first": first, "second": second, "first_calls": first_calls, "second_calls": list(calls)}


@pytest.mark.slow
def test_ingest_real_pipeline_then_reingest_skips(ingested, analyzer):
    first, second = ingested["first"], ingested["second"]
    # One broken line: reported in one line, exit code 1, the other articles stored.
    assert first.exit_code == 1, first.output
    assert "news.jsonl:10" in first.stderr and "Traceback" not in first.output
    assert "9 article(s) stored (0 replaced, 1 near-duplicate), 0 unchanged, 1 input(s) rejected" in first.stderr
    assert len(ingested["first_calls"]) == 9
    # Second run: nothing analysed again.
    assert ingested["second_calls"] == []
    assert "0 article(s) stored (0 replaced, 0 near-duplicate), 9 unchanged" in second.stderr
    store = Store(ingested["db"])
    rows = store.sql("SELECT id, cluster_id, record FROM articles ORDER BY id")
    assert len(rows) == 9 and {r["id"] for r in rows} >= {"6", "49"}
    assert {r["cluster_id"] for r in rows if r["id"] in ("6", "49")} == {"6"}
    # Every layer's rows match the records the pipeline produced.
    for row in rows:
        record = Record.model_validate_json(row["record"])
        n = store.sql("SELECT (SELECT count(*) FROM entities WHERE article_id = $id) AS e,"
                      " (SELECT count(*) FROM mentions WHERE article_id = $id) AS m,"
                      " (SELECT count(*) FROM quotes WHERE article_id = $id) AS q,"
                      " (SELECT count(*) FROM times WHERE article_id = $id) AS t,"
                      " (SELECT count(*) FROM events WHERE article_id = $id) AS ev", {"id": row["id"]})[0]
        assert n == {"e": len(record.entities), "m": sum(len(e.mentions) for e in record.entities),
                     "q": len(record.quotes), "t": len(record.times), "ev": len(record.events)}
        for m in store.sql("SELECT start, \"end\", text FROM mentions WHERE article_id = ?", [row["id"]]):
            assert record.text[m["start"]:m["end"]] == m["text"]
    assert store.sql("SELECT count(*) AS n FROM entities")[0]["n"] > 50
    rejected = store.sql("SELECT origin, reason FROM rejections")
    assert len(rejected) == 1 and rejected[0]["origin"].endswith("news.jsonl:10") and "JSON" in rejected[0]["reason"]


@pytest.mark.slow
def test_query_commands_in_three_formats(ingested):
    db = ingested["db"]
    top = Store(db).sql("SELECT name, count(DISTINCT article_id) AS n FROM entities GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")[0]
    result = invoke("timeline", "--entity", top["name"].lower(), "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and sum(r["kind"] == "article" for r in rows) >= min(top["n"], 2)
    # The republished copy appears once, with its copies counted.
    assert all(r["article_id"] != "49" for r in rows if r["kind"] == "article")

    result = invoke("sql", "SELECT id, title FROM articles ORDER BY id LIMIT 3", "--db", db, "-f", "csv")
    assert result.exit_code == 0
    parsed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in parsed] == sorted(r["id"] for r in Store(db).sql("SELECT id FROM articles"))[:3]

    result = invoke("actors", "--db", db)
    assert result.exit_code == 0
    assert "actor" in result.stdout or "no rows" in result.stderr

    speaker = Store(db).sql("SELECT speaker_name AS s FROM quotes ORDER BY article_id, idx LIMIT 1")
    if speaker:
        result = invoke("quotes", "--speaker", speaker[0]["s"], "--db", db, "-f", "json")
        assert result.exit_code == 0 and json.loads(result.stdout)
    result = invoke("events", "--modality", "asserted", "--db", db, "-f", "json")
    assert result.exit_code == 0
    assert all(r["modality"] == "asserted" for r in json.loads(result.stdout))


@pytest.mark.slow
def test_export_commands(ingested, tmp_path):
    db = ingested["db"]
    result = invoke("export", "--format", "parquet", "--out", tmp_path / "tables", "--db", db)
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "tables" / "articles.parquet").num_rows == 9
    result = invoke("export", "--format", "jsonl", "--out", tmp_path / "records.jsonl", "--db", db)
    assert result.exit_code == 0 and "exported 9 line(s)" in result.stderr
    result = invoke("export", "--format", "gdelt", "--out", tmp_path / "events.tsv", "--db", db)
    assert result.exit_code == 0
    header = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header == GDELT_COLUMNS + VEILLE_COLUMNS
    result = invoke("export", "--format", "plover", "--out", tmp_path / "events.plover.jsonl", "--db", db)
    assert result.exit_code == 0


def test_bad_input_is_one_line_with_exit_code(tmp_path):
    missing = tmp_path / "none.duckdb"
    for args in (("quotes", "--speaker", "X"), ("timeline", "--entity", "X"), ("events",), ("actors",), ("claims",),
                 ("sql", "SELECT 1"), ("export", "--format", "jsonl", "--out", tmp_path / "x.jsonl")):
        result = invoke(*args, "--db", missing)
        assert result.exit_code == 1, args
        assert result.stderr.strip().count("\n") == 0 and "no store at" in result.stderr
        assert "Traceback" not in result.output
    assert not missing.exists()
    db = tmp_path / "s.duckdb"
    Store(db).create()
    result = invoke("sql", "SELEC nothing", "--db", db)
    assert result.exit_code == 1 and result.stderr.startswith("veille: SQL error")
    assert result.stderr.strip().count("\n") == 0
    result = invoke("timeline", "--entity", "NATO", "--from", "7 janvier", "--db", db)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
    result = invoke("events", "--modality", "sure", "--db", db)
    assert result.exit_code == 2 and "asserted, planned" in result.stderr
    result = invoke("sql", "SELECT 1 AS one", "--db", db, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"one": 1}]


@pytest.mark.parametrize("name", COMMANDS)
def test_help_lists_every_option(name):
    command = typer.main.get_command(app).commands[name]
    result = invoke(name, "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in text, f"{opt} missing from `veille {name} --help`"
        if isinstance(param, click.Option):
            assert param.help and len(param.help) > 10, f"{param.name} of `veille {name}` has no help"
    assert command.help and command.help.strip()
