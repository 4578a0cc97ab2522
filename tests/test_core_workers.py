"""Worker processes and the spaCy-level speed-ups keep every result.

* The rule lemmatizer's word index is held as sets (a list scan per cache miss
  was ~20% of the pipeline's CPU time): every lemma must be the one the shipped
  lists give.
* With workers, several tasks are in flight and workers are replaced after
  `worker_max_articles`: every article must come back once, in input order,
  with the record one process gives.
"""

from __future__ import annotations

import gzip
import itertools
import json

from conftest import CORPUS

from veille.errors import Rejection
from veille.models import Article, Record


def _orangesum(n: int) -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, n)]
    return [{"id": r["id"], "text": "\n\n".join(p for p in (r.get("title"), r.get("heading"), r.get("article")) if p),
             "published": r.get("date")} for r in rows]


def test_the_lemma_index_is_held_as_sets(analyzer):
    table = analyzer.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert len(table) >= 4
    assert all(isinstance(words, frozenset) and len(words) > 1000 for words in table.values())


def test_lemmas_from_the_set_index_are_those_of_the_shipped_lists(analyzer, seed_texts):
    lemmatizer = analyzer.nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    text = "\n".join(seed_texts.values()) + "\n" + "\n".join(r["text"] for r in _orangesum(3))
    doc = analyzer.nlp(text)
    sets = dict(table.items())
    saved_cache = lemmatizer.cache
    try:
        lemmatizer.cache = {}
        fast = [lemmatizer.lemmatize(t) for t in doc]
        for key, words in sets.items():
            table[key] = sorted(words)  # a list, as fr_core_news_md ships it
        lemmatizer.cache = {}
        shipped = [lemmatizer.lemmatize(t) for t in doc]
    finally:
        for key, words in sets.items():
            table[key] = words
        lemmatizer.cache = saved_cache
    assert len(doc) > 2000
    assert fast == shipped
    # The set index is what the rule path consults: real forms of each open class hit it.
    assert {t.lemma_ for t in doc if t.text in ("annoncé", "ministres", "mardi")} >= {"annoncer", "ministre"}


def test_two_recycled_workers_return_every_article_in_order_with_the_single_process_record(analyzer):
    from veille.core import Veille
    from veille.settings import Settings

    rows = _orangesum(7)

    def articles():
        return [Article(text=r["text"], id=r["id"], published=r["published"], origin=f"orangesum:{i + 1}")
                for i, r in enumerate(rows)]

    expected = [analyzer.analyze(a).to_dict() for a in articles()]
    items: list = articles()
    items.insert(2, Rejection("corpus.jsonl:3", "not valid JSON"))
    # Two articles a task (four tasks, several in flight), and each worker retired
    # after its first task: the last two tasks run in replacement workers.
    out = list(Veille(Settings(batch_size=2, worker_max_articles=2)).run_articles(items, workers=2))

    rejections = [r for r in out if isinstance(r, Rejection)]
    records = [r for r in out if isinstance(r, Record)]
    assert [(r.origin, r.reason) for r in rejections] == [("corpus.jsonl:3", "not valid JSON")]
    assert len(out) == len(items)
    assert [r.id for r in records] == [r["id"] for r in rows]
    assert [r.to_dict() for r in records] == expected


def test_the_openblas_gemm_computes_thincs_products(analyzer):
    import numpy
    from thinc.api import NumpyOps

    from veille.nlp.kernels import BlasOps, blas_ops

    ops = blas_ops()
    assert ops is not None  # numpy ships OpenBLAS and it can be held to one thread
    assert isinstance(analyzer.nlp.get_pipe("tok2vec").model.ops, BlasOps)
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((300, 288), dtype="float32")
    w = rng.standard_normal((96, 288), dtype="float32")
    reference = NumpyOps().gemm(x, w, trans2=True)
    assert numpy.allclose(ops.gemm(x, w, trans2=True), reference, atol=1e-4)
    out = numpy.empty((288, 96), dtype="float32")
    assert ops.gemm(x, x[:, :96], trans1=True, out=out) is out
    assert numpy.allclose(out, NumpyOps().gemm(x, x[:, :96], trans1=True), atol=1e-3)
