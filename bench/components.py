"""Where the time goes: CPU seconds per stage of the pipeline on OrangeSum articles.

Times the paragraph-level spaCy pass (with veille's paragraph components), the
join into one Doc per article, and each article-level component, so that a layer
that makes veille fall below 0.8x raw spaCy is found at once. CPU time (not wall
time) so that figures taken on a busy machine still compare.

    python bench/components.py [--n 200]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import DEFAULT_CORPUS, load_texts  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = ap.parse_args()

    from spacy.tokens import Doc

    from veille.models import Article
    from veille.nlp.docdata import state
    from veille.nlp.pipeline import Analyzer, _given_published
    from veille.nlp.record import to_record
    from veille.nlp.segment import chunks

    rows = load_texts(Path(args.corpus), args.n)
    words = sum(len(r["text"].split()) for r in rows)
    analyzer = Analyzer()
    spent: dict[str, float] = defaultdict(float)

    # Per paragraph-level pipe, timed over the whole batch as spaCy runs it.
    pieces, owners = [], []
    for i, r in enumerate(rows):
        # As the pipeline does: one doc per article unless the text is very long.
        whole = len(r["text"]) <= analyzer.settings.whole_doc_chars
        for piece in [r["text"]] if whole else chunks(r["text"], analyzer.settings.max_chunk_chars):
            pieces.append(piece)
            owners.append(i)
    start = time.process_time()
    docs = [analyzer.nlp.make_doc(p) for p in pieces]
    spent["spacy:tokenizer"] += time.process_time() - start
    for name, proc in analyzer.nlp.pipeline:
        start = time.process_time()
        docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        spent[f"spacy:{name}"] += time.process_time() - start

    per_article = defaultdict(list)
    for owner, doc in zip(owners, docs):
        per_article[owner].append(doc)
    for i, r in enumerate(rows):
        start = time.process_time()
        parts = per_article[i]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        article = Article(text=r["text"], id=r["id"], published=r["published"])
        state(doc)["article"] = article
        state(doc)["published"] = _given_published(article)
        spent["join"] += time.process_time() - start
        for name, proc in analyzer.article_nlp.pipeline:
            start = time.process_time()
            doc = proc(doc)
            spent[f"article:{name}"] += time.process_time() - start
        start = time.process_time()
        to_record(doc, article)
        spent["record"] += time.process_time() - start

    total = sum(spent.values())
    spacy_total = sum(v for k, v in spent.items() if k.startswith("spacy:"))
    print(f"{len(rows)} articles, {words:,} words, {total:.1f} CPU-s in all ({1000 * total / words:.3f} per 1000 words)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {seconds:7.2f} s  {100 * seconds / total:5.1f}%  {1000 * seconds / words:6.3f} s/1000 words")
    own = total - spacy_total + sum(v for k, v in spent.items() if k.startswith("spacy:") and "veille" in k)
    print(f"veille's own components: {own:.1f} s = {100 * own / total:.0f}% of the time "
          f"(ratio to raw spaCy bounded by {spacy_total / max(total, 1e-9):.2f})")


if __name__ == "__main__":
    main()
