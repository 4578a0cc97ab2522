"""Corpus benchmark: ingest OrangeSum into a fresh store, re-ingest it, time two queries.

    .venv/bin/python bench/corpus.py                 # the whole corpus (36,152 articles), 2 workers
    .venv/bin/python bench/corpus.py --n 300 --workers 1

Prints total time, articles/s, words/s, peak memory per worker, store size,
re-ingest time, and the latency of the timeline of the most frequent entity and
of the quotes of the most quoted speaker; with --n, also a linear extrapolation
to the whole corpus.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from veille.core import Veille
from veille.store import Store
from veille.store.ingest import Ingestor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
CORPUS_ARTICLES = 36_152


class MemorySampler(threading.Thread):
    """Peak RSS of this process and of each worker process, sampled every 0.2 s."""

    def __init__(self):
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.peaks: dict[int, int] = {}
        self.main_peak = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                self.main_peak = max(self.main_peak, self.me.memory_info().rss)
                for child in self.me.children(recursive=True):
                    try:
                        self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), child.memory_info().rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            self.stop.wait(0.2)


def subset(n: int | None, folder: Path) -> Path:
    if n is None:
        return CORPUS
    out = folder / f"orangesum-{n}.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line, _ in zip(src, range(n)):
            dst.write(line)
    return out


def ingest(store: Store, path: Path, workers: int):
    ingestor = Ingestor(store)
    started = time.perf_counter()
    stats = ingestor.consume(Veille().run([str(path)], workers=workers, skip=ingestor.skip))
    return stats, time.perf_counter() - started


def latency(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="first N articles of OrangeSum (default: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary one, deleted)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = subset(args.n, tmp)
        db = args.db or tmp / "bench.duckdb"
        if db.exists():
            print(f"{db} exists: give a new file", file=sys.stderr)
            return 2
        store = Store(db)
        sampler = MemorySampler()
        sampler.start()
        stats, total = ingest(store, path, args.workers)
        sampler.stop.set()
        sampler.join()
        size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
        re_stats, re_total = ingest(store, path, args.workers)

        top_entity = store.sql("SELECT name, count(DISTINCT article_id) AS n FROM entities "
                               "GROUP BY name ORDER BY n DESC, name LIMIT 1")
        top_speaker = store.sql("SELECT speaker_name AS name, count(*) AS n FROM quotes "
                                "WHERE speaker_entity IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1")
        counts = store.stats()

        n = stats.stored + stats.rejected
        mib = 1024 * 1024
        print(f"articles            {stats.stored} stored, {stats.rejected} rejected, "
              f"{stats.duplicates} near-duplicates ({args.workers} worker(s))")
        print(f"rows                {counts}")
        print(f"total time          {total:.1f} s (model load included; {stats.write_seconds:.2f} s in the store: "
          f"{stats.write_seconds / max(stats.stored, 1) * 1000:.1f} ms/article, {stats.batches} batches)")
        print(f"claims              {stats.claims} computed at the end of the ingest in {stats.claims_seconds:.2f} s")
        print(f"articles/s          {stats.stored / total:.2f}")
        print(f"words/s             {stats.words / total:.0f}")
        if sampler.peaks:
            worker_peaks = sorted(sampler.peaks.values(), reverse=True)[:args.workers]
            print(f"peak RSS / worker   {', '.join(f'{p / mib:.0f} MiB' for p in worker_peaks)}"
                  f" (main process {sampler.main_peak / mib:.0f} MiB)")
        else:
            print(f"peak RSS            {sampler.main_peak / mib:.0f} MiB (one process: the worker is the main)")
        print(f"store size          {size / mib:.1f} MiB ({size / max(stats.stored, 1) / 1024:.1f} KiB/article)")
        print(f"re-ingest           {re_total:.2f} s ({re_stats.skipped} skipped, {re_stats.stored} stored); "
              f"{total / max(re_total, 1e-9):.0f}x faster than the first pass")
        if top_entity:
            name = top_entity[0]["name"]
            rows = store.timeline(name)
            t = latency(lambda: store.timeline(name))
            print(f"timeline            {name!r} ({top_entity[0]['n']} articles, {len(rows)} rows): {t * 1000:.0f} ms")
        if top_speaker:
            name = top_speaker[0]["name"]
            rows = store.quotes(name)
            t = latency(lambda: store.quotes(name))
            print(f"quotes              {name!r} ({len(rows)} rows): {t * 1000:.0f} ms")
        if args.n:
            per_article = total / max(n, 1)
            print(f"extrapolated        {CORPUS_ARTICLES} articles at this rate: "
                  f"{per_article * CORPUS_ARTICLES / 60:.0f} min with {args.workers} worker(s); "
                  f"store ~{size / max(stats.stored, 1) * CORPUS_ARTICLES / mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
