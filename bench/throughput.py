"""Throughput of `veille analyze` against raw fr_core_news_md on the same OrangeSum texts.

Each pass runs in its own child process so that peak RSS is measured per pass.
Prints words/s, articles/s, peak RSS, and the ratio veille/raw (issue 2: keep it >= 0.8).

    python bench/throughput.py [--n 2000] [--workers 1] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum.jsonl.gz"


def load_texts(corpus: Path, n: int) -> list[dict]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, n):
            row = json.loads(line)
            text = "\n\n".join(p for p in (row.get("title"), row.get("heading"), row.get("article")) if p)
            out.append({"id": row["id"], "text": text, "published": row.get("date")})
    return out


def run_raw(rows: list[dict], workers: int) -> dict:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    start = time.perf_counter()
    for _ in nlp.pipe((r["text"] for r in rows), batch_size=64, n_process=workers):
        pass
    return {"seconds": time.perf_counter() - start}


def run_veille(rows: list[dict], workers: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from veille.core import Veille
    from veille.models import Article

    core = Veille()
    if workers <= 1:
        _ = core.analyzer  # load the model outside the timed part, as for raw spaCy
    articles = (Article(text=r["text"], id=r["id"], published=r["published"]) for r in rows)
    start = time.perf_counter()
    counts = {"entities": 0, "quotes": 0, "times": 0, "events": 0, "records": 0}
    for rec in core.run_articles(articles, workers=workers):
        if hasattr(rec, "entities"):
            counts["records"] += 1
            for k in ("entities", "quotes", "times", "events"):
                counts[k] += len(getattr(rec, k))
    return {"seconds": time.perf_counter() - start, **counts}


def child(args) -> None:
    rows = load_texts(Path(args.corpus), args.n)
    result = run_raw(rows, args.workers) if args.child == "raw" else run_veille(rows, args.workers)
    # ru_maxrss is in KiB on Linux; with workers, children's peak is the per-worker figure.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--child", choices=["raw", "veille"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    rows = load_texts(Path(args.corpus), args.n)
    words = sum(len(r["text"].split()) for r in rows)
    results = {}
    for which in ("raw", "veille"):
        cmd = [sys.executable, __file__, "--child", which, "--n", str(args.n), "--workers", str(args.workers),
               "--corpus", args.corpus]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results[which] = json.loads(out.strip().splitlines()[-1])
    print(f"{len(rows)} OrangeSum articles, {words:,} words, veille workers={args.workers}")
    for which, r in results.items():
        rss = r["peak_rss_mb"] if which == "raw" or args.workers <= 1 else r["peak_rss_children_mb"]
        print(f"{which:7s} {words / r['seconds']:9,.0f} words/s  {len(rows) / r['seconds']:7.2f} articles/s  "
              f"{r['seconds']:7.1f} s  peak RSS {rss:,.0f} MB{' per worker' if which == 'veille' and args.workers > 1 else ''}")
    ratio = results["raw"]["seconds"] / results["veille"]["seconds"]
    v = results["veille"]
    print(f"ratio veille/raw (words/s): {ratio:.2f}  (target >= 0.8)")
    print(f"per article: {v['entities'] / len(rows):.1f} entities, {v['quotes'] / len(rows):.2f} quotes, "
          f"{v['times'] / len(rows):.2f} times, {v['events'] / len(rows):.2f} events")


if __name__ == "__main__":
    main()
