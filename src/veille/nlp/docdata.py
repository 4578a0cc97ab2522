"""Per-document state shared by veille's spaCy components.

Everything lives under one extension, ``doc._.veille``, a dict with these keys:
  article    the ingest Article
  published  models.Published (set before the article-level components run,
             refined by the time component)
  entities   list[models.Entity]
  times      list[models.TimeExpr]
  quotes     list[models.Quote]
  events     list[models.Event]
  warnings   list[str]
  text       the Doc's text, read once (see ``text``)
The extension never leaves the NLP stage: ``record.to_record`` converts it.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Entity

if not Doc.has_extension("veille"):
    Doc.set_extension("veille", default=None)


def state(doc: Doc) -> dict:
    data = doc._.veille
    if data is None:
        data = {"entities": [], "times": [], "quotes": [], "events": [], "warnings": []}
        doc._.veille = data
    return data


def text(doc: Doc) -> str:
    """``doc.text``, built once per article.

    spaCy rebuilds ``doc.text`` from every token on each access (a Token object
    per token); layers that need the text, or slices of it, many times per
    article should read it here.
    """
    data = state(doc)
    value = data.get("text")
    if value is None:  # retokenizing never changes the text, so this stays true
        value = data["text"] = doc.text
    return value


def entity_index(doc: Doc) -> dict[tuple[int, int], Entity]:
    """Map (start_char, end_char) of every mention to its entity."""
    index = {}
    for ent in state(doc)["entities"]:
        for m in ent.mentions:
            index[(m.start, m.end)] = ent
    return index


def entity_for_span(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity whose mention best covers the character range [start, end)."""
    best, best_len = None, 0
    for ent in state(doc)["entities"]:
        for m in ent.mentions:
            if m.start >= start and m.end <= end and m.end - m.start > best_len:
                best, best_len = ent, m.end - m.start
    return best
