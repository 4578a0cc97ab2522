"""The time layer on OrangeSum articles outside the dev gold, for review by hand.

Runs a fixed random sample of articles (publication day = the corpus `date`),
prints counts per type, then a fixed random sample of expressions with their
context, to judge precision and values by eye; --out writes every expression as
JSON lines.

    .venv/bin/python bench/times_orangesum.py --n 200 --show 60 [--out /tmp/times.jsonl]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
GOLD = ROOT / "quality" / "gold-orangesum"


def sample_articles(n: int, seed: int) -> list[dict]:
    held = {p.stem for p in GOLD.glob("*.json")}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if str(r.get("id")) not in held and r.get("article")]
    return random.Random(seed).sample(rows, min(n, len(rows)))


def text_of(row: dict) -> str:
    # As the dev gold builds it: title, heading and body joined by a blank line.
    return "\n\n".join(p for p in (row.get("title"), row.get("heading"), row.get("article")) if p)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--show", type=int, default=60)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--out")
    args = ap.parse_args()

    from veille.models import Article
    from veille.nlp.pipeline import Analyzer

    rows = sample_articles(args.n, args.seed)
    analyzer = Analyzer()
    articles = [Article(text=text_of(r), id=str(r["id"]), published=r.get("date")) for r in rows]
    found = []
    start = time.perf_counter()
    for row, article, rec in zip(rows, articles, analyzer.analyze_many(articles)):
        for w in rec.warnings:
            if "veille_times" in w:
                print("WARNING", row["id"], w)
        for t in rec.times:
            ctx = article.text[max(0, t.start - 70):t.start] + "[" + t.text + "]" + article.text[t.end:t.end + 50]
            found.append({"id": str(row["id"]), "date": row.get("date"), "text": t.text, "type": t.type,
                          "value": t.value, "mod": t.mod, "context": " ".join(ctx.split())})
    elapsed = time.perf_counter() - start
    print(f"{len(rows)} articles, {len(found)} expressions, {elapsed:.1f} s")
    print("per type:", dict(Counter(f["type"] for f in found)))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for f in found:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    for i, f in enumerate(random.Random(args.seed).sample(found, min(args.show, len(found)))):
        print(f"{i:2d} {f['date']} {f['type']:8s} {str(f['value']):22s} {f['mod'] or '':9s} {f['context']}")


if __name__ == "__main__":
    main()
