"""Corpus benchmark: ingest OrangeSum into a fresh store, re-ingest it, time two queries.

    .venv/bin/python bench/corpus.py                 # the whole corpus (36,152 articles), 2 workers
    .venv/bin/python bench/corpus.py --n 300 --workers 1
    .venv/bin/python bench/corpus.py --store /tmp/full.duckdb --runs 20   # queries only, on a store

Prints total time, articles/s, words/s, peak memory per worker, the main
process's RSS every --rss-every articles (now and peak so far: it must stay flat
as the store grows), store size,
re-ingest time, and the latency of the timeline of the most frequent entity and
of the quotes of the most quoted speaker; with --n, also a linear extrapolation
to the whole corpus. With --store, no ingest: the two queries are timed on that
store (a full-scale one can be made by bench/store_scale.py), p50/p95 over --runs,
warm (one Store kept open, as the API and a Python session) and cold (a new
process per run, as `veille timeline` / `veille quotes`: its wall time, split into
Python start and imports / opening the store / query / rendering the table),
and so are the other queries and the exports.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
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


def ingest(store: Store, path: Path, workers: int, on_batch=None):
    ingestor = Ingestor(store, on_batch=on_batch)
    started = time.perf_counter()
    stats = ingestor.consume(Veille().run([str(path)], workers=workers, skip=ingestor.skip))
    return stats, time.perf_counter() - started


def latency(fn, runs: int = 5) -> float:
    return percentiles(timed(fn, runs))[0]


def timed(fn, runs: int, cpu: list | None = None) -> list[float]:
    """Wall times of `runs` calls; their CPU times (every thread of this process) go to `cpu`."""
    times = []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        if cpu is not None:
            cpu.append(time.process_time() - c)
    return times


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 (nearest rank)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1)]


def ms(times: list[float]) -> str:
    p50, p95 = percentiles(times)
    return f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


# One cold query as the command line runs it, timed by phase (printed as JSON).
COLD = r"""
import os, sys, time, json
t0 = time.perf_counter()
import veille.serve.cli
from veille.serve.corpus_cli import OutFormat, emit
from veille.store import Store, queries
t1 = time.perf_counter()
store = Store(sys.argv[1], keep_open=0)
con = store._open_reader()
t2 = time.perf_counter()
rows = getattr(queries, sys.argv[2])(con, sys.argv[3])
t3 = time.perf_counter()
with open(os.devnull, "w") as out:
    emit(rows, OutFormat.table, out)
t4 = time.perf_counter()
con.close()
print(json.dumps({"imports": t1 - t0, "connect": t2 - t1, "query": t3 - t2, "render": t4 - t3, "rows": len(rows)}))
"""


def cold(db: Path, query: str, name: str, runs: int) -> dict[str, list[float]]:
    """`runs` new processes; 'wall' is what the user waits, 'start' the interpreter's own start."""
    phases: dict[str, list[float]] = {k: [] for k in ("wall", "cpu", "start", "imports", "connect", "query", "render")}
    for _ in range(runs):
        t, cpu_before = time.perf_counter(), _children_cpu()
        out = subprocess.run([sys.executable, "-c", COLD, str(db), query, name], capture_output=True,
                             text=True, check=True)
        wall = time.perf_counter() - t
        split = json.loads(out.stdout)
        phases["wall"].append(wall)
        phases["cpu"].append(_children_cpu() - cpu_before)
        phases["start"].append(wall - sum(split[k] for k in ("imports", "connect", "query", "render")))
        for k in ("imports", "connect", "query", "render"):
            phases[k].append(split[k])
    return phases


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_wall(db: Path, args: list[str], runs: int) -> list[float]:
    """The real `veille ...` command, output to /dev/null."""
    exe = Path(sys.executable).with_name("veille")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(exe), *args, "--db", str(db)], stdout=subprocess.DEVNULL, check=True,
                       env=os.environ | {"COLUMNS": "200"})
        times.append(time.perf_counter() - t)
    return times


def query_bench(db: Path, runs: int, exports: bool = True) -> int:
    store = Store(db, keep_open=60)
    counts = store.stats()
    print(f"load average        {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall > CPU time when it exceeds them)")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.suffix != ".lock")
    print(f"store               {db}: {size / 2**20:.0f} MiB")
    print(f"rows                {counts}")
    entity = store.sql("SELECT name, count(DISTINCT article_id) AS n FROM entities "
                       "GROUP BY name ORDER BY n DESC, name LIMIT 1")[0]
    speaker = store.sql("SELECT speaker_name AS name, count(*) AS n FROM quotes "
                        "WHERE speaker_entity IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1")[0]
    for query, item, option in (("timeline", entity, "--entity"), ("quotes", speaker, "--speaker")):
        fn = getattr(store, query)
        rows = fn(item["name"])
        print(f"{query:<19} {item['name']!r} ({item['n']} articles or quotes, {len(rows)} rows)")
        for label, kw in (("warm (kept open)", {}), ("warm, limit 100", {"limit": 100})):
            cpu: list[float] = []
            wall = timed(lambda: fn(item["name"], **kw), runs, cpu)
            print(f"  {label:<17} {ms(wall)}; CPU {ms(cpu)}")
        phases = cold(db, query, item["name"], runs)
        print(f"  cold (new proc.)  {ms(phases['wall'])}; CPU {ms(phases['cpu'])}; wall split: " + ", ".join(
            f"{k} {statistics.median(v) * 1000:.0f}" for k, v in phases.items() if k not in ("wall", "cpu"))
            + " ms (p50)")
        print(f"  `veille {query}`  {ms(cli_wall(db, [query, option, item['name']], runs))} (table), "
              f"{ms(cli_wall(db, [query, option, item['name'], '--limit', '100'], runs))} (--limit 100)")
    others = {
        "events (all)": lambda: store.events(),
        f"events --actor {entity['name']}": lambda: store.events(actor=entity["name"]),
        "events --type ASSAULT": lambda: store.events(type="ASSAULT"),
        "actors": lambda: store.actors(),
        f"actors --actor {entity['name']}": lambda: store.actors(actor=entity["name"]),
        "claims": lambda: store.claims(limit=100),
        f"claims --entity {entity['name']}": lambda: store.claims(entity=entity["name"]),
        "stats": lambda: store.stats(),
    }
    for label, fn in others.items():
        print(f"{label:<35} {ms(timed(fn, max(3, runs // 4)))} (warm)")
    with tempfile.TemporaryDirectory() as tmp:
        formats = (("jsonl", "r.jsonl"), ("parquet", "tables"), ("plover", "p.jsonl"), ("gdelt", "g.tsv"))
        for fmt, target in formats if exports else ():
            t = time.perf_counter()
            result = store.export(fmt, Path(tmp) / target)
            print(f"export {fmt:<28} {time.perf_counter() - t:.1f} s ({result.get('lines', '')})")
    store.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=None, help="first N articles of OrangeSum (default: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary one, deleted)")
    parser.add_argument("--store", type=Path, default=None,
                        help="time the queries on this existing store (no ingest): warm and cold, p50/p95")
    parser.add_argument("--runs", type=int, default=20, help="runs per query with --store (default 20)")
    parser.add_argument("--no-exports", action="store_true", help="with --store: do not time the exports")
    parser.add_argument("--rss-every", type=int, default=1000,
                        help="print the main process's RSS each time this many more articles are stored")
    args = parser.parse_args()
    if args.store:
        return query_bench(args.store, max(1, args.runs), exports=not args.no_exports)

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
        marks: list[tuple[int, int, int]] = []

        def on_batch(st):
            # Between batches: what the main process keeps (now) and its transient peaks so far.
            if st.stored >= (len(marks) + 1) * max(1, args.rss_every):
                marks.append((st.stored, sampler.me.memory_info().rss, sampler.main_peak))

        stats, total = ingest(store, path, args.workers, on_batch)
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
        for stored, now, peak in marks:
            print(f"main RSS at {stored:>6}  {now / mib:.0f} MiB (peak so far {peak / mib:.0f} MiB)")
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
