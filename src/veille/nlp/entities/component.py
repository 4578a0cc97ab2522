"""The article-level entity component: groups NER mentions into entities."""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...models import Entity, Mention
from ...settings import Settings
from ..docdata import state

_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", "MISC": "MISC"}


def add_paragraph_components(nlp: Language, settings: Settings) -> None:
    """Components that must run inside the paragraph pipeline (none yet)."""


@Language.factory("veille_entities", requires=["doc.ents"], assigns=["doc._.veille"], default_config={"user_kb": None})
def make_entities(nlp: Language, name: str, user_kb: Optional[str]):
    return EntityGrouper()


class EntityGrouper:
    def __call__(self, doc: Doc) -> Doc:
        by_key: dict[tuple[str, str], Entity] = {}
        for ent in doc.ents:
            text = ent.text.strip()
            if not text:
                continue
            etype = _TYPES.get(ent.label_, "MISC")
            key = (text.lower(), etype)
            entity = by_key.get(key)
            if entity is None:
                entity = Entity(id=f"L{len(by_key) + 1}", name=text, type=etype)
                by_key[key] = entity
            entity.mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label="ner"))
        state(doc)["entities"] = list(by_key.values())
        return doc
