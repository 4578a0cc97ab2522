"""How much of what the NER finds does the knowledge base link?

Runs the analyzer on N OrangeSum world/politics articles (chosen by keywords in
title or heading) and prints the share of entity mentions linked to a KB entity,
the same share for name mentions only (NER/ruler spans, not demonyms or role
nouns), and the most frequent names left document-local, to judge by hand.

    .venv/bin/python bench/linking.py [--n 100] [--top 40] [--throughput]
    .venv/bin/python bench/linking.py --n 2000 --every 18 --dump /tmp/ents.jsonl

--every N takes one article in N of the whole corpus (any topic) instead of the
world/politics selection: the KB's gaps by frequency; --dump writes every entity
with its mentions, to judge precision by hand.

--throughput also times raw spaCy (fr_core_news_md alone) against the veille
pipeline with the entity layer only (or every layer with --all-layers), on the
same articles, in one process.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
KEYWORDS = re.compile(
    r"\b(Irak|Syrie|Otan|Mali|Iran|Libye|Afghanistan|Israël|Turquie|Russie|Chine|Ukraine|Trump|Poutine|"
    r"Erdogan|élection|président|ministre|diplomat\w*|guerre|armée|militaire|sanctions|ONU|Onu|UE|Bruxelles)\b"
)


def pick(n: int, skip: int = 0, every: int = 0) -> list[dict]:
    """World/politics articles by keyword; with `every`, one article in `every` of any
    kind (a spread sample of the whole corpus, to count what the KB misses)."""
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if every and (k % every):
                continue
            d = json.loads(line)
            if every or KEYWORDS.search(f"{d.get('title', '')} {d.get('heading', '')}"):
                if skip:
                    skip -= 1
                    continue
                out.append(d)
                if len(out) >= n:
                    break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--skip", type=int, default=0, help="skip this many matching articles first")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--every", type=int, default=0, help="one article in EVERY of the whole corpus, any topic")
    ap.add_argument("--dump", help="write every entity (name, id, linked, mentions) as JSONL here, to judge by hand")
    ap.add_argument("--throughput", action="store_true")
    ap.add_argument("--all-layers", action="store_true", help="run every layer, not only veille_entities")
    args = ap.parse_args()

    from veille.models import Article
    from veille.nlp.pipeline import Analyzer

    docs = pick(args.n, args.skip, args.every)
    articles = [Article(text="\n\n".join(x for x in (d["title"], d["heading"], d["article"]) if x), id=d["id"],
                        published=d["date"]) for d in docs]
    words = sum(len(a.text.split()) for a in articles)
    from veille.settings import Settings

    an = Analyzer() if args.all_layers else Analyzer(Settings(components=["veille_entities"]))
    t0 = time.perf_counter()
    records = list(an.analyze_many(articles))
    t_veille = time.perf_counter() - t0

    total = linked = names = names_linked = 0
    by_label = collections.Counter()
    unlinked = collections.Counter()
    unlinked_type = {}
    for rec in records:
        for ent in rec.entities:
            for m in ent.mentions:
                total += 1
                linked += ent.linked
                by_label[m.label] += 1
                if m.label in ("ner", "kb", "surname", "metonymy", "handle"):
                    names += 1
                    names_linked += ent.linked
            if not ent.linked:
                unlinked[ent.name] += len(ent.mentions)
                unlinked_type[ent.name] = ent.type
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for rec in records:
                for ent in rec.entities:
                    out.write(json.dumps({"article": rec.id, "id": ent.id, "name": ent.name, "type": ent.type,
                                          "linked": ent.linked, "mentions": [[m.text, m.label] for m in ent.mentions]},
                                         ensure_ascii=False) + "\n")
    print(f"{len(records)} articles, {words} words")
    print(f"mentions linked to a KB entity: {linked}/{total} = {linked / max(total, 1):.1%}")
    print(f"name mentions (ner/kb/surname/metonymy/handle) linked: {names_linked}/{names} = {names_linked / max(names, 1):.1%}")
    print("mentions by label:", dict(by_label.most_common()))
    print(f"\n{args.top} most frequent unlinked names (mentions, type):")
    for name, count in unlinked.most_common(args.top):
        print(f"  {count:4d}  {unlinked_type[name]:4s}  {name}")
    print(f"\nveille pipeline: {t_veille:.1f} s, {words / t_veille:.0f} words/s")
    if args.throughput:
        import spacy

        from veille.nlp.segment import chunks

        nlp = spacy.load(an.settings.model)
        pieces = [p for a in articles for p in chunks(a.text, an.settings.max_chunk_chars)]
        t0 = time.perf_counter()
        for _ in nlp.pipe(pieces, batch_size=256):
            pass
        t_raw = time.perf_counter() - t0
        print(f"raw spaCy: {t_raw:.1f} s, {words / t_raw:.0f} words/s; ratio veille/raw = {t_raw / t_veille:.2f}")


if __name__ == "__main__":
    main()
