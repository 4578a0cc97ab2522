"""The NLP stage on real articles: offsets, sentences, streaming, failure isolation."""

import gzip
import itertools
import json

import pytest
from spacy.language import Language

from veille.models import Article

from conftest import CORPUS

pytestmark = pytest.mark.slow


def _check_offsets(record):
    text = record.text
    for ent in record.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text
    for q in record.quotes:
        assert text[q.content.start:q.content.end] == q.content.text
    for t in record.times:
        assert text[t.start:t.end] == t.text
    for e in record.events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text


def test_seed_text_kept_exactly_with_real_sentences(analyzer, seed_texts):
    text = seed_texts["000_35c4cf714ecaba77.txt"]
    record = analyzer.analyze(Article(text=text, id="000"))
    assert record.text == text and record.id == "000"
    # Paragraph-wise parsing gives real boundaries (one doc gives 7 sentences, one of 152 words).
    assert len(record.sentences) >= 18
    assert max(len(text[s.start:s.end].split()) for s in record.sentences) < 80
    assert all(not text[s.start:s.end].startswith((" ", "\n")) for s in record.sentences)
    _check_offsets(record)
    assert record.entities, "no entity found in a seed article"


def test_analyze_many_streams_in_input_order(analyzer):
    if not CORPUS.exists():
        pytest.skip("corpus absent")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 12)]
    articles = [Article(id=r["id"], text=f"{r['title']}\n\n{r['heading']}\n\n{r['article']}", published=r["date"]) for r in rows]
    records = list(analyzer.analyze_many(articles))
    assert [r.id for r in records] == [r["id"] for r in rows]
    for record, row in zip(records, rows):
        assert record.published.value == row["date"][:10] and record.published.how == "metadata"
        _check_offsets(record)


def test_a_failing_component_becomes_a_warning_not_a_lost_article(analyzer):
    @Language.factory("test_boom")
    def make_boom(nlp, name):
        def boom(doc):
            raise RuntimeError("kaboom")
        return boom

    analyzer.article_nlp.add_pipe("test_boom", first=True)
    try:
        record = analyzer.analyze(Article(text="Le parlement irakien a voté mardi."))
    finally:
        analyzer.article_nlp.remove_pipe("test_boom")
    assert any("test_boom failed: RuntimeError: kaboom" in w for w in record.warnings)
    assert record.text == "Le parlement irakien a voté mardi."


def test_empty_and_whitespace_text(analyzer):
    record = analyzer.analyze(Article(text="   \n\n  "))
    assert record.sentences == [] and record.entities == []


def test_workers_that_cannot_load_the_pipeline_stop_the_run_with_a_message(tmp_path):
    from veille.core import Veille
    from veille.errors import VeilleError
    from veille.settings import Settings

    src = tmp_path / "a.txt"
    src.write_text("Le conseil de l'Otan s'est réuni à Bruxelles.", encoding="utf-8")
    core = Veille(Settings(model="fr_core_news_absent"))
    with pytest.raises(VeilleError, match="fr_core_news_absent"):
        list(core.run([str(src)], workers=2))


def test_very_long_texts_are_cut_into_paragraphs_with_the_same_offsets(analyzer, seed_texts):
    text = seed_texts["000_35c4cf714ecaba77.txt"]
    whole = analyzer.analyze(Article(text=text, id="w"))
    saved = analyzer.settings.whole_doc_chars
    analyzer.settings.whole_doc_chars = 500  # forces the paragraph path on a seed
    try:
        cut = analyzer.analyze(Article(text=text, id="c"))
    finally:
        analyzer.settings.whole_doc_chars = saved
    assert cut.text == whole.text
    _check_offsets(cut)
    assert {(t.text, t.value) for t in cut.times} == {(t.text, t.value) for t in whole.times}
    assert len(cut.sentences) >= 18
