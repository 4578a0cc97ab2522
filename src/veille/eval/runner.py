"""`veille eval`: run the system over gold folders and score each layer.

A folder of *.json annotations (with its texts in ../seeds) is scored by
``gold.score_seed_gold`` under the key "seed"; a folder of TimeML *.tml files by
``timeml.score_timeml`` under "timeml". Floors are a flat JSON object of dotted
paths into these scores ("seed.quotes.f1": 0.8); CI fails when one is not met.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..errors import VeilleError
from ..models import Article


# A gold folder holding this file is a held-out test set: its scores are shown,
# its misses are not printed in the table, so that reading `make eval` output
# does not turn the test set into development data (--json still has them).
HELD_OUT_MARK = "HELD_OUT"


def evaluate(folders: list[Path], texts: Path | None = None, analyzer=None) -> dict:
    if analyzer is None:
        from ..nlp.pipeline import Analyzer

        analyzer = Analyzer()
    scores: dict = {}
    for folder in folders:
        if any(folder.glob("*.tml")):
            from .timeml import score_timeml

            scores["timeml"] = score_timeml(folder, analyzer)
        elif any(folder.glob("*.json")):
            from .gold import load_gold, score_seed_gold

            golds = load_gold(folder, texts)
            records = [analyzer.analyze(_gold_article(g)) for g in golds]
            suite = scores[_suite_name(folder, golds)] = score_seed_gold(golds, records)
            if (folder / HELD_OUT_MARK).exists():
                suite["held_out"] = True
        else:
            raise VeilleError(f"{folder}: no gold annotations (*.json) or TimeML files (*.tml) in it")
    return scores


def _gold_article(gold: dict) -> Article:
    # An article is analysed as a user would give it: the seeds come with no
    # publication date, so inferring it (or saying it is unknown) is measured too;
    # a gold whose date comes from the outlet's metadata passes it along.
    published = gold.get("published") or {}
    given = published.get("value") if str(published.get("how", "")).startswith("metadata") else None
    return Article(text=gold["text"], id=Path(gold["doc"]).stem, origin=gold["doc"], published=given,
                   title=gold.get("title"), source=gold.get("source"))


def _suite_name(folder: Path, golds: list[dict]) -> str:
    # The shared seed gold (texts kept apart in ../seeds) is "seed"; annotation
    # folders that embed their texts are named after themselves.
    return "seed" if any("text_path" in g for g in golds) else folder.name


def flatten(scores: dict, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in scores.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[path] = value
    return out


def check_floors(scores: dict, floors: dict[str, float]) -> list[str]:
    flat = flatten(scores)
    failures = []
    for path, floor in sorted(floors.items()):
        if path not in flat:
            failures.append(f"{path}: not measured (floor {floor})")
        elif flat[path] + 1e-9 < floor:
            failures.append(f"{path} = {flat[path]:.4f} < floor {floor}")
    return failures


def render_table(console: Console, scores: dict) -> None:
    for suite, layers in scores.items():
        table = Table(title=f"veille eval — {suite}")
        table.add_column("layer")
        table.add_column("metric")
        table.add_column("score", justify="right")
        for layer, metrics in layers.items():
            if isinstance(metrics, (list, tuple, bool)):
                continue  # error lists: shown below and in --json; the held-out mark
            if not isinstance(metrics, dict):
                table.add_row(layer, "", f"{metrics:.3f}" if isinstance(metrics, float) else str(metrics))
                continue
            for name, value in flatten(metrics).items():
                shown = f"{value:.3f}" if isinstance(value, float) else str(value)
                table.add_row(layer, name, shown)
        console.print(table)
        misses = [m for metrics in layers.values() if isinstance(metrics, dict) for m in metrics.get("misses", [])]
        misses += [_describe(e) for e in layers.get("errors", [])]
        if misses and layers.get("held_out"):
            console.print(f"[dim]{len(misses)} misses, not listed: {suite} is a held-out test set[/dim]")
        elif misses:
            console.print(f"[dim]{len(misses)} misses (use --json for all); first ones:[/dim]")
            for m in misses[:12]:
                console.print(f"  [dim]- {m}[/dim]", highlight=False)


def _describe(error) -> str:
    if not isinstance(error, dict):
        return str(error)
    text = error.get("text") or error.get("system_text")
    want = error.get("gold_value")
    got = error.get("value")
    return f"{error.get('doc')}: {error.get('kind')} {text!r}" + (f" = {got}, gold {want}" if want or got else "")
