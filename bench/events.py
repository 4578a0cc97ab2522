"""Events layer bench.

  python bench/events.py seed                 score the seed gold (/work/shared/gold): type+actor+modality
                                              P/R/F1, modality accuracy, and every system event listed
  python bench/events.py orangesum [-n 100] [--article-seed S]   run on OrangeSum world/politics articles: events per article,
                                              type / modality / source distributions, time per article,
                                              and a dump of 40 events with their evidence for hand review

Seed matching follows gold/README.md (veille.eval.gold.score_events): a system event matches a gold
event when type (or one of type_any), actor and modality agree and its evidence sentence contains
``evidence_contains``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from veille.models import Article  # noqa: E402

# World/politics articles: several of these words in title + body.
_WORLD = re.compile(
    r"\b(ministre|président|gouvernement|Otan|ONU|Kremlin|Maison Blanche|Élysée|Elysée|diplomat\w*|armée|"
    r"militaires?|soldats?|troupes?|frappes?|attaques?|attentat|sanctions?|sommet|manifestants?|"
    r"Trump|Macron|Poutine|Biden|Erdogan|Iran|Irak|Syrie|Russie|Chine|Israël|Ukraine|Liban|Turquie|"
    r"Libye|Mali|Afghanistan|Union européenne|Washington|Moscou|Pékin)\b",
    re.I,
)


def _dev_gold_ids() -> set[str]:
    """Articles of the dev gold: a fresh review must not judge what the gold already measures."""
    return {p.stem for p in (ROOT / "quality" / "gold-orangesum").glob("*.json")}


def orangesum_articles(n: int, seed: int = 13) -> list[dict]:
    picked = []
    skip = _dev_gold_ids()
    with gzip.open(SHARED / "corpora" / "orangesum.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 5 != 2:  # a spread sample, and not the same articles as the quotes bench
                continue
            row = json.loads(line)
            if str(row.get("id")) in skip:
                continue
            body = row.get("article") or ""
            if len(body) < 500:
                continue
            if len(_WORLD.findall((row.get("title") or "") + " " + body)) >= 5:
                picked.append(row)
            if len(picked) >= n * 3:
                break
    random.Random(seed).shuffle(picked)
    return picked[:n]


def _article(row: dict) -> Article:
    text = "\n\n".join(p for p in (row.get("title"), row.get("heading"), row.get("article")) if p)
    return Article(text=text, id=str(row["id"]), published=row.get("date"))


def run_seed(analyzer) -> None:
    from veille.eval.gold import load_gold, score_events

    golds = load_gold(SHARED / "gold")
    recs = [analyzer.analyze(Article(text=g["text"], id=g["doc"], published=(g.get("published") or {}).get("value")))
            for g in golds]
    scores = score_events(zip(golds, recs))
    for k in ("precision", "recall", "f1", "modality_accuracy", "non_asserted_given_as_asserted", "gold", "predicted"):
        print(f"{k:32} {scores.get(k)}")
    for m in scores["misses"]:
        print("  miss:", m)
    for rec in recs:
        print(f"== {rec.id}")
        for e in rec.events:
            print(f"  {e.type}/{e.mode} {e.actors} -> {e.recipients} place={e.place} date={e.date} "
                  f"{e.modality} by={e.reported_by} disputed={e.disputed_by} confirmed={e.confirmed_by} "
                  f"cameo={e.cameo} q={e.quad_class} conf={e.confidence} +{len(e.more_evidence)} | {e.evidence.text[:90]}")


def run_orangesum(analyzer, n: int, dump: Path, review: int, article_seed: int = 13, review_seed: int = 5) -> None:
    rows = orangesum_articles(n, article_seed)
    arts = [_article(r) for r in rows]
    t0 = time.time()
    recs = list(analyzer.analyze_many(arts))
    dt = time.time() - t0
    events = [(rec, e) for rec in recs for e in rec.events]
    words = sum(len(a.text.split()) for a in arts)
    print(f"{len(recs)} articles, {words} words, {dt:.1f} s ({words / max(dt, 1e-9):.0f} words/s, whole pipeline)")
    print(f"events: {len(events)} ({len(events) / max(1, len(recs)):.2f} per article); "
          f"articles with at least one: {sum(1 for r in recs if r.events)}")
    print("types:", Counter(e.type for _, e in events).most_common())
    print("modes:", Counter(f"{e.type}/{e.mode}" for _, e in events if e.mode).most_common(15))
    print("modality:", Counter(e.modality for _, e in events).most_common())
    print(f"with recipient: {sum(1 for _, e in events if e.recipients)}; with place: "
          f"{sum(1 for _, e in events if e.place)}; with date: {sum(1 for _, e in events if e.date)}; "
          f"reported_by: {sum(1 for _, e in events if e.reported_by)}; merged (more_evidence): "
          f"{sum(1 for _, e in events if e.more_evidence)}; disputed: {sum(1 for _, e in events if e.disputed_by)}")
    print("quad classes:", Counter(e.quad_class for _, e in events).most_common())
    sample = random.Random(review_seed).sample(events, min(review, len(events)))
    with dump.open("w", encoding="utf-8") as fh:
        for k, (rec, e) in enumerate(sample):
            fh.write(f"## {k} article {rec.id} {e.type}/{e.mode} modality={e.modality} conf={e.confidence}\n")
            fh.write(f"actors={e.actors} recipients={e.recipients} place={e.place} date={e.date} "
                     f"reported_by={e.reported_by} disputed_by={e.disputed_by} cameo={e.cameo}/{e.quad_class}\n")
            fh.write(f"trigger: {e.trigger.text if e.trigger else None!r}\n")
            fh.write(f"evidence: {e.evidence.text}\n\n")
    print(f"dumped {len(sample)} events to {dump}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["seed", "orangesum"])
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--review", type=int, default=40)
    ap.add_argument("--dump", type=Path, default=Path("/tmp/veille_events_review.txt"))
    ap.add_argument("--article-seed", type=int, default=13, help="another value draws other articles (fresh review)")
    ap.add_argument("--review-seed", type=int, default=5)
    args = ap.parse_args(argv)
    from veille.nlp.pipeline import Analyzer

    analyzer = Analyzer()
    if args.what == "seed":
        run_seed(analyzer)
    else:
        run_orangesum(analyzer, args.n, args.dump, args.review, args.article_seed, args.review_seed)


if __name__ == "__main__":
    main()
