"""The entity layer's spaCy components.

Paragraph level (inside the statistical pipeline, see ``ruler.py``): the
knowledge-base alias ruler before ``ner`` and the NER fixes after it.
Article level: ``veille_entities`` links every mention to a canonical entity
(``linker.py``) and writes ``state(doc)["entities"]``.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...settings import Settings
from ..docdata import state
from . import ruler
from .kb import load_kb
from .linker import Linker


def add_paragraph_components(nlp: Language, settings: Settings) -> None:
    """Insert the alias ruler ahead of the NER and the span fixes after it."""
    ruler.add_to(nlp, str(settings.user_kb) if settings.user_kb else None)


@Language.factory("veille_entities", requires=["doc.ents"], assigns=["doc._.veille"], default_config={"user_kb": None})
def make_entities(nlp: Language, name: str, user_kb: Optional[str]):
    return EntityLinker(user_kb)


class EntityLinker:
    def __init__(self, user_kb: Optional[str] = None):
        self.kb = load_kb(user_kb)

    def __call__(self, doc: Doc) -> Doc:
        data = state(doc)
        published = data.get("published")
        data["entities"] = Linker(self.kb)(doc, getattr(published, "value", None))
        return doc
