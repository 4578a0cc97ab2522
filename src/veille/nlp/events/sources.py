"""Who reports an event: the quote layer first, the parse as a fallback.

An event inside the content of a quote is reported by the quote's speaker and its
`via` chain. It is *claimed* (unconfirmed) unless the speaker speaks for the actor
(the actor itself, or someone whose role belongs to the actor's organization):
NATO announcing NATO's plans is NATO's own statement, not a third-party claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...models import Entity, Quote
from ..docdata import state
from .arguments import resolve_token, subject_of

DENY_STANCES = {"deny", "denial", "reject", "refute", "dispute"}
CONFIRM_STANCES = {"confirm", "confirmation"}


@dataclass
class Source:
    names: list[str]  # speaker first, then the relays
    speaker_entity: Entity | None
    stance: str | None = None
    quote: Quote | None = None


def quote_at(doc: Doc, char: int) -> Quote | None:
    """The innermost quote whose content holds the character offset."""
    best = None
    for q in state(doc).get("quotes") or []:
        try:
            if q.content.start <= char < q.content.end:
                if best is None or q.content.end - q.content.start < best.content.end - best.content.start:
                    best = q
        except AttributeError:
            continue
    return best


def entity_by_id(doc: Doc, eid: str | None) -> Entity | None:
    if not eid:
        return None
    for ent in state(doc)["entities"]:
        if ent.id == eid:
            return ent
    return None


def entity_by_name(doc: Doc, name: str | None) -> Entity | None:
    if not name:
        return None
    for ent in state(doc)["entities"]:
        if ent.name == name:
            return ent
    return None


def source_from_quote(doc: Doc, q: Quote) -> Source:
    ent = entity_by_id(doc, q.speaker.entity) or entity_by_name(doc, q.speaker.name)
    names = [q.speaker.name] if q.speaker and q.speaker.name else []
    for v in q.via or []:
        if v and v not in names:
            names.append(v)
    return Source(names=names, speaker_entity=ent, stance=(q.stance or None), quote=q)


def source_from_parse(reporter: Token | None, selon: Token | None) -> Source | None:
    """Fallback when no quote covers the event: « X a annoncé que … », « selon X, … »."""
    if selon is not None and selon.pos_ != "PRON":  # « l'idée selon laquelle »: not a source
        ent = resolve_token(selon)
        return Source(names=[ent.name] if ent else [_np_text(selon)], speaker_entity=ent)
    if reporter is not None:
        subj = subject_of(reporter)
        if subj is None:
            return None
        ent = resolve_token(subj)
        if ent is None and subj.pos_ == "PRON":
            return None  # « ce qui indique que… »: an inference, not a source
        names = [ent.name] if ent else [_np_text(subj)]
        # « …, relate l'AFP » / « cité par l'AFP »: a relay of the reporter
        for c in reporter.children:
            if c.dep_ in ("advcl", "parataxis") and c.lemma_ in ("relater", "rapporter", "informer", "citer"):
                for k in c.children:
                    if k.dep_ in ("obj", "nsubj", "obl:agent"):
                        r = resolve_token(k)
                        if r is not None and r.name not in names:
                            names.append(r.name)
        return Source(names=names, speaker_entity=ent)
    return None


def _np_text(tok: Token) -> str:
    toks = [t for t in tok.subtree if not (t.dep_ == "case" and t.head.i == tok.i)]
    left = min(t.i for t in toks)
    right = max(t.i for t in toks)
    return tok.doc[left : right + 1].text.strip(" ,")[:80]


def speaks_for(speaker: Entity | None, speaker_name: str | None, actors: list[str]) -> bool:
    """True when the speaker is an actor or holds a role in an actor's organization."""
    if not actors:
        return False
    if speaker_name and speaker_name in actors:
        return True
    if speaker is None:
        return False
    if speaker.name in actors:
        return True
    for role in speaker.roles or []:
        if role.organization and role.organization in actors:
            return True
    return False


def organization_of(speaker: Entity | None, fallback: str | None) -> str | None:
    """The body a speaker speaks for (CENTCOM for its spokesman), else the speaker."""
    if speaker is not None:
        for role in speaker.roles or []:
            if role.organization:
                return role.organization
        return speaker.name
    return fallback
