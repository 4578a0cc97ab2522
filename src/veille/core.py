"""The one core object: wires ingest -> nlp (-> store, in the corpus commands).

The CLI, the Python API and the batch runners are thin doors onto ``Veille``.
``Veille.run`` streams results: memory stays flat whatever the input size, and
with ``workers > 1`` articles are analysed in worker processes (each loads the
spaCy pipeline once), at most a few batches in flight at a time.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Union

from .errors import Rejection, VeilleError
from .models import Article, Record
from .settings import Settings

log = logging.getLogger(__name__)

Result = Union[Record, Rejection]

# Articles sent to a worker at a time: large enough to amortise pickling and let
# nlp.pipe batch, small enough that a slow article does not stall the others.
# A task is also one spaCy batch, whose activations dominate a worker's peak
# memory: 64 docs a batch cost within ~1-3% of the CPU time per word of 16
# (measured on OrangeSum), for a peak of ~1.2 GB instead of ~0.8 GB.
_TASK_SIZE = 16
# Tasks in flight per worker: one running, one queued behind it so that a worker
# never waits for the main process, and one more to cover the main process's
# pauses (a store transaction every 256 records).
_TASKS_PER_WORKER = 3


class Veille:
    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()
        self._analyzer = None

    @property
    def analyzer(self):
        if self._analyzer is None:
            self._analyzer = shared_analyzer(self.settings)
        return self._analyzer

    # -- inputs ------------------------------------------------------------------
    def read(self, paths: Iterable[str], stdin=None, check_language: bool = True) -> Iterator[Union[Article, Rejection]]:
        from .ingest import read

        return read(list(paths), self.settings, stdin=stdin, check_language=check_language)

    # -- the main job ------------------------------------------------------------
    def run(
        self,
        paths: Iterable[str],
        *,
        workers: int = 1,
        skip: Optional[Callable[[Article], bool]] = None,
        stdin=None,
        override: Optional[Callable[[Article], None]] = None,
    ) -> Iterator[Result]:
        """Analyse every article found under ``paths``.

        Yields a Record per analysed article and a Rejection per input (or line)
        that could not be read, as soon as each is known. ``skip(article)`` is
        asked before the NLP stage (the store uses it to pass over articles it
        already holds); ``override(article)`` may set fields such as the
        publication date given on the command line.
        """
        # Languages are screened after `skip`, so that re-reading a stored corpus
        # costs a hash look-up per article, not a language detection.
        items = self.read(paths, stdin=stdin, check_language=False)
        return self.run_articles(items, workers=workers, skip=skip, override=override, check_language=True)

    def run_articles(
        self,
        items: Iterable[Union[Article, Rejection]],
        *,
        workers: int = 1,
        skip: Optional[Callable[[Article], bool]] = None,
        override: Optional[Callable[[Article], None]] = None,
        check_language: bool = False,
    ) -> Iterator[Result]:
        """Analyse Articles (Rejections pass through). ``check_language`` screens
        languages here, for items read with ``check_language=False``."""
        articles = self._filtered(items, skip, override, self.settings if check_language else None)
        if workers <= 1:
            yield from self._run_local(articles)
        else:
            yield from self._run_pool(articles, workers)

    @staticmethod
    def _filtered(items, skip, override, language_settings) -> Iterator[Union[Article, Rejection]]:
        from .ingest import screen_language

        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            if override:
                override(item)
            item.ensure_id()
            if skip is not None and skip(item):
                continue
            yield screen_language(item, language_settings) if language_settings else item

    def _run_local(self, items: Iterator[Union[Article, Rejection]]) -> Iterator[Result]:
        batch: list[Article] = []
        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from _analyze_batch(self.analyzer, batch)
                batch = []
        if batch:
            yield from _analyze_batch(self.analyzer, batch)

    def _run_pool(self, items: Iterator[Union[Article, Rejection]], workers: int) -> Iterator[Result]:
        # fork shares the imported modules; the model itself is loaded in each
        # worker by the initializer, never in the parent.
        ctx = mp.get_context("fork")
        pending: deque = deque()
        task_size = max(1, min(_TASK_SIZE, self.settings.batch_size))
        # A worker retires after its task that reaches worker_max_articles: that
        # task's results are sent first, and the pool starts a fresh worker for
        # the tasks still queued, so no article is lost.
        limit = self.settings.worker_max_articles
        max_tasks = max(1, limit // task_size) if limit and limit > 0 else None
        with ctx.Pool(workers, initializer=_worker_init, initargs=(self.settings,),
                      maxtasksperchild=max_tasks) as pool:
            batch: list[Article] = []

            def drain(limit: int):
                while len(pending) > limit:
                    try:
                        yield from pending.popleft().get()
                    except _WorkerFailed as exc:
                        raise VeilleError(f"the NLP pipeline could not be loaded in a worker: {exc}") from None

            for item in items:
                if isinstance(item, Rejection):
                    yield item
                    continue
                batch.append(item)
                if len(batch) >= task_size:
                    pending.append(pool.apply_async(_worker_run, (batch,)))
                    batch = []
                    # Bounded in-flight work keeps memory flat on huge corpora.
                    yield from drain(workers * _TASKS_PER_WORKER)
            if batch:
                pending.append(pool.apply_async(_worker_run, (batch,)))
            yield from drain(0)


def _analyze_batch(analyzer, batch: list[Article]) -> list[Result]:
    try:
        return list(analyzer.analyze_many(batch))
    except Exception:
        # A batch-level failure (spaCy itself) must not lose the other articles:
        # retry one by one and reject only the ones that fail.
        out: list[Result] = []
        for article in batch:
            try:
                out.append(analyzer.analyze(article))
            except Exception as exc:  # noqa: BLE001 - reported to the user, not hidden
                log.exception("analysis failed on %s", article.origin)
                out.append(Rejection(article.origin, f"analysis failed: {type(exc).__name__}: {exc}"))
        return out


_ANALYZERS: dict = {}


def shared_analyzer(settings: Settings):
    """One Analyzer per process and NLP configuration: loading the model costs 6-8 s."""
    from .nlp.pipeline import Analyzer

    key = (settings.model, tuple(settings.components), str(settings.user_kb), settings.max_chunk_chars,
           settings.whole_doc_chars, settings.batch_size, settings.gemm)
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(settings)
    return _ANALYZERS[key]


_WORKER_ANALYZER = None


_WORKER_ERROR: Optional[str] = None


def _worker_init(settings: Settings) -> None:
    # An initializer that raises makes multiprocessing.Pool start a new worker,
    # forever: keep the error and report it with the first task instead.
    global _WORKER_ANALYZER, _WORKER_ERROR
    try:
        from .nlp.pipeline import Analyzer

        _WORKER_ANALYZER = Analyzer(settings)
    except Exception as exc:  # noqa: BLE001 - re-raised in the parent as a VeilleError
        _WORKER_ERROR = f"{type(exc).__name__}: {exc}"


def _worker_run(batch: list[Article]) -> list[Result]:
    if _WORKER_ERROR is not None:
        raise _WorkerFailed(_WORKER_ERROR)
    return _analyze_batch(_WORKER_ANALYZER, batch)


class _WorkerFailed(Exception):
    """The pipeline could not be built in a worker process."""
