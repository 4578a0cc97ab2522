"""`veille analyze` end to end on real files: formats, exit codes, one line per rejected input."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from veille.serve.cli import app

from conftest import SEEDS

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _model_loaded(analyzer):
    # The CLI reuses the process-wide analyzer, so the model loads once for the module.
    return analyzer


def test_json_array_of_the_seed_directory():
    result = runner.invoke(app, ["analyze", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert sorted(r["id"] for r in records) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for r in records:
        assert r["text"] and r["published"]["how"]


def test_missing_path_is_one_line_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Le parlement irakien a voté dimanche en faveur du retrait des troupes étrangères du pays.",
                    encoding="utf-8")
    missing = tmp_path / "absent.txt"
    result = runner.invoke(app, ["analyze", str(missing), str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [r["id"] for r in lines] == ["a"]
    rejected = [x for x in result.stderr.splitlines() if "absent.txt" in x]
    assert len(rejected) == 1 and "Traceback" not in result.stderr


def test_published_option_anchors_and_is_recorded(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text("Hier, le conseil de l'Otan s'est réuni à Bruxelles.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(f), "--format", "json", "--published", "2020-02-13"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)[0]
    assert record["published"] == {"value": "2020-02-13", "how": "given with --published", "evidence": None}


@pytest.mark.parametrize("args", [["--published", "13/02/2020"], ["--lang", "en"], ["--format", "xml"]])
def test_usage_errors_exit_2(tmp_path, args):
    f = tmp_path / "c.txt"
    f.write_text("Le conseil de l'Otan s'est réuni à Bruxelles.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(f), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_html_view_highlights_spans(tmp_path):
    out = tmp_path / "view.html"
    src = tmp_path / "seed.txt"
    shutil.copy(next(SEEDS.glob("000_*.txt")), src)
    result = runner.invoke(app, ["analyze", str(src), "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and 'class="' in page and "Jens Stoltenberg" in page


def test_stdin(tmp_path):
    result = runner.invoke(app, ["analyze", "-", "--format", "jsonl"],
                           input="Le conseil de l'Otan s'est réuni à Bruxelles pour parler de l'Irak.")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert "Bruxelles" in record["text"]


def test_schema_command_prints_the_record_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Record"




def test_other_language_rejected_or_warned():
    from pathlib import Path

    english = Path(__file__).parent / "data" / "ingest" / "english.txt"
    skipped = runner.invoke(app, ["analyze", str(english), "--format", "jsonl"])
    assert skipped.exit_code == 1 and skipped.stdout.strip() == ""
    assert "english.txt" in skipped.stderr and "not French" in skipped.stderr
    warned = runner.invoke(app, ["analyze", str(english), "--format", "jsonl", "--other-languages", "warn"])
    assert warned.exit_code == 0
    record = json.loads(warned.stdout.splitlines()[0])
    assert record["language"] == "en" and any("not French" in w for w in record["warnings"])
