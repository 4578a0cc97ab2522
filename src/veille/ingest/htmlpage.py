"""HTML pages through trafilatura: main text plus title, date, author, site, url.

The options are tuned on 300 OrangeSum pages against their parsed reference text
(bench/html_extraction.py); see EXTRACTION_OPTIONS.
"""

from __future__ import annotations

import logging

from ..models import Article
from .dates import iso_day
from .problems import Reject
from .records import compose

# trafilatura logs every page it finds empty at WARNING; ingest reports those as
# rejections already, so its log would only say the same thing twice.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

# Bylines and datelines sit inside the article container on most news sites
# ("Orange avec AFP, publié le jeudi 02 juillet 2020 à 19h09"): they are metadata,
# which trafilatura reads from the page head anyway, not article text. Pruning
# them takes the median token F1 on the OrangeSum pages from 0.984 to 1.0.
_BYLINE_CLASSES = ("byline", "dateline", "date", "author", "published", "timestamp")
BYLINE_XPATH = [f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in _BYLINE_CLASSES]

EXTRACTION_OPTIONS = dict(
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    # Precision keeps a page of menus from passing for an article (trafilatura's
    # fallbacks otherwise return the menu items as text); on OrangeSum it costs
    # nothing (mean token F1 0.9875 -> 0.9882).
    favor_precision=True,
    favor_recall=False,
    prune_xpath=BYLINE_XPATH,
    # The date must come from the page's metadata (published_how="metadata"), not
    # from a guess on any date printed in the text or the URL.
    date_extraction_params={"extensive_search": False, "original_date": True},
)


def extract(page: str, origin: str, id: str | None = None, options: dict | None = None) -> Article:
    from trafilatura import bare_extraction

    doc = bare_extraction(page, with_metadata=True, **(options if options is not None else EXTRACTION_OPTIONS))
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise Reject("HTML page has no main text (trafilatura found none)")
    title = (doc.title or "").strip() or None
    published = iso_day(doc.date)
    return Article(
        text=compose(title, None, body),
        id=id,
        title=title,
        published=published,
        published_how="metadata" if published else None,
        source=(doc.sitename or doc.hostname or None),
        url=doc.url or None,
        author=doc.author or None,
        origin=origin,
    )
