"""The article-level events component: fills state(doc)["events"] (list[models.Event])."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..docdata import state
from .extract import build_events
from .lexicon import load_lexicon

log = logging.getLogger(__name__)


@Language.factory("veille_events", requires=["doc._.veille"], assigns=["doc._.veille"], default_config={})
def make_events(nlp: Language, name: str):
    return EventCoder()


class EventCoder:
    """PLOVER-codes the events of one article, with modality and sources."""

    def __init__(self):
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        data = state(doc)
        if not doc.has_annotation("DEP"):
            data["events"] = []
            return doc
        data["events"] = build_events(doc, self.lexicon)
        return doc
