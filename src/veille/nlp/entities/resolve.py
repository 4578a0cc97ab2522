"""Resolve a noun phrase to an entity, for the quote and event layers.

``resolve_np(doc, span)`` answers "who is this?" for a speaker or an actor once
``veille_entities`` has run:

  1. a mention of an entity inside the span: the one whose mention is longest
     ("le secrétaire général de l'Otan Jens Stoltenberg" -> Jens Stoltenberg;
     people win over the organisations named in their title);
     (a place inside a title is its complement: "le maire de Grand-Failly" is a
     person, resolved as in 3);
  2. the span's syntactic head or one of its flat/compound name tokens lies in a
     mention ("Stoltenberg", "Washington" -> United States when used as actor);
  3. a role noun phrase ("la ministre", "le député irakien", "le président
     américain") -> the person of this article who holds that title, nearest
     preceding first, matching the head noun of the title ("député" also matches
     a "membre ... du parlement", see ``roles.same_function``);
  4. otherwise None: unnamed officials ("un responsable de l'Otan", an indefinite
     role noun phrase) stay unresolved, unless a person is named inside the span.

Returns a ``models.Entity`` from ``state(doc)["entities"]`` (never a copy), so
``entity.id`` and ``entity.name`` can be written into quotes and events.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from ...models import Entity
from ..docdata import state
from . import roles as R


def resolve_np(doc: Doc, span: Span) -> Optional[Entity]:
    if span is None or len(span) == 0:
        return None
    entities: list[Entity] = state(doc).get("entities") or []
    if span[0].lower_ in _INDEFINITE and any(R.head_word(t) for t in span[1:3]):
        # "un responsable de l'Otan" is someone of NATO, not NATO; and not anyone named
        return _named_in(entities, span, people_only=True)
    start, end = span.start_char, span.end_char
    best, best_key = None, None
    for ent in entities:
        for m in ent.mentions:
            if m.start >= start and m.end <= end:
                k = (ent.type == "PER", m.end - m.start)
                if best_key is None or k > best_key:
                    best, best_key = ent, k
    if best is not None and best.type == "LOC" and _titled(span):
        # "le président de la région Hauts-de-France", "le maire de Grand-Failly": a
        # person known by a title, not the place the title names
        return _by_role(doc, span, entities)
    if best is not None:
        return best
    head = span.root
    for tok in [head, *[t for t in head.children if t.dep_ in ("flat:name", "flat", "compound")]]:
        ent = _entity_at(entities, tok.idx, tok.idx + len(tok.text))
        if ent is not None:
            return ent
    return _by_role(doc, span, entities)


_INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois", "quelques"}


def _titled(span: Span) -> bool:
    """The span opens with a role noun ("le président de ...", "l'ancien maire de ...")."""
    k = 1 if span[0].lower_ in R.ROLE_NP_DETS else 0
    if k < len(span) and span[k].lower_ in R._PRE_HEAD:
        k += 1
    return k < len(span) and R.head_word(span[k]) is not None and R.head_word(span[k]) not in R._WEAK_HEADS


def _named_in(entities: list[Entity], span: Span, people_only: bool) -> Optional[Entity]:
    for ent in entities:
        if people_only and ent.type != "PER":
            continue
        for m in ent.mentions:
            if m.start >= span.start_char and m.end <= span.end_char and m.label != "role":
                return ent
    return None


def _entity_at(entities: list[Entity], start: int, end: int) -> Optional[Entity]:
    for ent in entities:
        for m in ent.mentions:
            if m.start <= start and end <= m.end:
                return ent
    return None


def _by_role(doc: Doc, span: Span, entities: list[Entity]) -> Optional[Entity]:
    head = None
    for tok in span:
        head = R.head_word(tok)
        if head:
            break
    if not head or span[0].lower_ in ("un", "une", "des", "les", "plusieurs"):
        return None
    best, best_pos = None, -1
    for ent in entities:
        if ent.type != "PER":
            continue
        if not any(R.same_function(_role_head(r.title), head) for r in ent.roles):
            continue
        pos = max((m.start for m in ent.mentions if m.start < span.start_char), default=-1)
        if pos > best_pos:
            best, best_pos = ent, pos
    return best


def _role_head(title: str) -> str:
    words = title.split()
    return words[0] if words else ""
