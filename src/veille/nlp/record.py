"""Convert a processed Doc into the shared data model (the edge of the NLP stage)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Published, Record, Sentence
from .docdata import state


def to_record(doc: Doc, article: Article) -> Record:
    data = state(doc)
    sentences = []
    for sent in doc.sents if doc.has_annotation("SENT_START") else []:
        text = sent.text
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        if stripped.strip():
            sentences.append(Sentence(start=sent.start_char + lead, end=sent.start_char + len(stripped)))
    return Record(
        id=article.ensure_id(),
        published=data.get("published") or Published(),
        source=article.source,
        title=article.title,
        url=article.url,
        language=article.language or "fr",
        text=doc.text,
        sentences=sentences,
        entities=sorted(data["entities"], key=lambda e: e.mentions[0].start if e.mentions else 0),
        quotes=sorted(data["quotes"], key=lambda q: q.content.start),
        times=sorted(data["times"], key=lambda t: t.start),
        events=sorted(data["events"], key=lambda e: e.evidence.start),
        warnings=list(data["warnings"]),
    )
