"""veille: French news to a structured, source-attributed, cross-checked record.

    >>> import veille
    >>> record = veille.analyze("Le 5 janvier, le parlement irakien a voté ...", published="2020-01-07")
    >>> record.to_dict()["times"]

The pipeline loads once per process (6-8 s) and is reused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Union

if TYPE_CHECKING:
    from .models import Article, Record

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Article", "Record", "__version__"]


def __getattr__(name: str):
    # The models (pydantic, ~0.3 s) load on first use: `veille quotes` never needs them.
    if name in ("Article", "Record"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'veille' has no attribute {name!r}")


def _analyzer():
    from .core import shared_analyzer
    from .settings import Settings

    return shared_analyzer(Settings())


def analyze(text: str, *, published: str | None = None, title: str | None = None,
            source: str | None = None, id: str | None = None, url: str | None = None) -> Record:
    """Analyse one French article text and return its record."""
    from .models import Article

    article = Article(text=text, id=id, title=title, published=published,
                      published_how="argument" if published else None, source=source, url=url)
    return _analyzer().analyze(article)


def analyze_many(items: Iterable[Union[str, dict, Article]]) -> Iterator[Record]:
    """Stream records for texts, dicts (``text`` plus optional ``id``, ``published``, ``title``,
    ``source``, ``url``) or Articles, in input order."""
    from .models import Article

    def articles():
        for item in items:
            if isinstance(item, Article):
                yield item
            elif isinstance(item, str):
                yield Article(text=item)
            else:
                yield Article(text=item["text"], id=item.get("id"), title=item.get("title"),
                              published=item.get("published") or item.get("date"),
                              source=item.get("source"), url=item.get("url"))

    return _analyzer().analyze_many(articles())
