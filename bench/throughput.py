"""Throughput of `veille analyze` against raw fr_core_news_md on the same OrangeSum texts.

Each pass runs in its own child process so that peak RSS is measured per pass.
Prints words/s, articles/s, CPU-seconds per 1000 words, peak RSS, and the ratio
veille/raw (issue 2: keep it >= 0.8).

    python bench/throughput.py [--n 2000] [--workers 1] [--batch-size 64] [--corpus PATH]
    python bench/throughput.py --n 1200 --rss-every 100      # RSS of one veille process as it goes

CPU time (user + system, of the pass and its worker processes) is the figure to
compare variants on a shared machine: wall-clock time there measures the other
users as much as veille. With workers, "steady" figures start at the first
result, so that the model load in each worker (~8 s, once per run) is left out,
as it is from raw spaCy, which forks its processes after loading.
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


def cpu_seconds() -> float:
    """User + system time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def run_raw(rows: list[dict], workers: int, batch_size: int) -> dict:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    cpu, start = cpu_seconds(), time.perf_counter()
    first = None
    for i, doc in enumerate(nlp.pipe((r["text"] for r in rows), batch_size=batch_size, n_process=workers)):
        if first is None:
            first = (time.perf_counter(), i)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, **_steady(rows, first)}


def run_veille(rows: list[dict], workers: int, batch_size: int, rss_every: int = 0) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from veille.core import Veille
    from veille.models import Article
    from veille.settings import Settings

    core = Veille(Settings(batch_size=batch_size))
    if workers <= 1:
        _ = core.analyzer  # load the model outside the timed part, as for raw spaCy
    articles = (Article(text=r["text"], id=r["id"], published=r["published"]) for r in rows)
    cpu, start = cpu_seconds(), time.perf_counter()
    counts = {"entities": 0, "quotes": 0, "times": 0, "events": 0, "records": 0}
    first = None
    for i, rec in enumerate(core.run_articles(articles, workers=workers)):
        if first is None:
            first = (time.perf_counter(), i)
        if hasattr(rec, "entities"):
            counts["records"] += 1
            for k in ("entities", "quotes", "times", "events"):
                counts[k] += len(getattr(rec, k))
        if rss_every and (i + 1) % rss_every == 0:
            words = sum(len(r["text"].split()) for r in rows[:i + 1])
            print(json.dumps({"articles": i + 1, "rss_mb": round(rss_mb(), 1),
                              "cpu_per_kw": round(1000 * (cpu_seconds() - cpu) / words, 4)}),
                  file=sys.stderr, flush=True)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, **_steady(rows, first), **counts}


def _steady(rows: list[dict], first) -> dict:
    """Time and words from the first result on (the rest of the run after start-up)."""
    if first is None:
        return {"steady_seconds": 0.0, "steady_words": 0}
    at, index = first
    return {"steady_start": at, "steady_words": sum(len(r["text"].split()) for r in rows[index + 1:])}


def child(args) -> None:
    rows = load_texts(Path(args.corpus), args.n)
    if args.child == "raw":
        result = run_raw(rows, args.workers, args.batch_size)
    else:
        result = run_veille(rows, args.workers, args.batch_size, args.rss_every)
    end = time.perf_counter()
    result["steady_seconds"] = end - result.pop("steady_start", end)
    # ru_maxrss is in KiB on Linux; with workers, children's peak is the per-worker figure.
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64, help="docs per nlp.pipe batch, raw and veille (default 64)")
    ap.add_argument("--rss-every", type=int, default=0,
                    help="veille only: print RSS and CPU per 1000 words every N articles (one process)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--child", choices=["raw", "veille"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)

    rows = load_texts(Path(args.corpus), args.n)
    words = sum(len(r["text"].split()) for r in rows)
    passes = ("veille",) if args.rss_every else ("raw", "veille")
    results = {}
    for which in passes:
        cmd = [sys.executable, __file__, "--child", which, "--n", str(args.n), "--workers", str(args.workers),
               "--batch-size", str(args.batch_size), "--rss-every", str(args.rss_every), "--corpus", args.corpus]
        if args.rss_every:
            cmd[cmd.index("--workers") + 1] = "1"
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        results[which] = json.loads(out.strip().splitlines()[-1])
    print(f"{len(rows)} OrangeSum articles, {words:,} words, workers={args.workers}, batch size {args.batch_size}")
    for which, r in results.items():
        per_worker = which == "veille" and args.workers > 1
        rss = r["peak_rss_children_mb"] if per_worker else r["peak_rss_mb"]
        steady = r["steady_words"] / r["steady_seconds"] if r["steady_seconds"] > 0 else float("nan")
        print(f"{which:7s} {words / r['seconds']:9,.0f} words/s ({steady:,.0f} steady)  "
              f"{len(rows) / r['seconds']:7.2f} articles/s  {r['seconds']:7.1f} s  "
              f"{1000 * r['cpu'] / words:.3f} CPU-s/1000 words  peak RSS {rss:,.0f} MB{' per worker' if per_worker else ''}")
    if "raw" in results:
        ratio = results["raw"]["seconds"] / results["veille"]["seconds"]
        cpu_ratio = results["raw"]["cpu"] / results["veille"]["cpu"]
        print(f"ratio veille/raw (words/s): {ratio:.2f}  (target >= 0.8); by CPU time: {cpu_ratio:.2f}"
              f"{' (veille includes the model load in each worker)' if args.workers > 1 else ''}")
    v = results["veille"]
    print(f"per article: {v['entities'] / len(rows):.1f} entities, {v['quotes'] / len(rows):.2f} quotes, "
          f"{v['times'] / len(rows):.2f} times, {v['events'] / len(rows):.2f} events")


if __name__ == "__main__":
    main()
