"""The article-level times component: fills state(doc)["times"], infers the publication day."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...models import Published, Span
from ..docdata import state
from ..docdata import text as doc_text
from .tagger import tag
from .tense import tense_hints


@Language.factory("veille_times", assigns=["doc._.veille"], default_config={"infer_published": True})
def make_times(nlp: Language, name: str, infer_published: bool):
    return TimeTagger(infer_published)


class TimeTagger:
    def __init__(self, infer_published: bool = True):
        self.infer_published = infer_published

    def __call__(self, doc: Doc) -> Doc:
        data = state(doc)
        published = data.get("published")
        anchor = published.value if published is not None else None
        has_parse = doc.has_annotation("DEP")
        result = tag(doc_text(doc), anchor, tense_hints(doc) if has_parse else None,
                     infer=self.infer_published and anchor is None)
        data["times"] = result.times
        if result.inferred is not None:
            inf = result.inferred
            data["published"] = Published(value=inf.day.isoformat(), how=inf.how,
                                          evidence=Span(start=inf.start, end=inf.end, text=doc_text(doc)[inf.start:inf.end]))
        return doc
