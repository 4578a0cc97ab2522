"""Demands made in the speaker's own words, without a verb of asking.

Inside a direct quote, « La Cédéao doit enlever ces sanctions » (another party *must* act)
and « Libérez les otages ! » (an imperative of an act the lexicon codes) are REQUESTs by
the speaker. Outside quotes the same words are the outlet's description, not a demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import Entity
from .arguments import resolve_token
from .lexicon import Lexicon, Trigger
from .sources import quote_at, source_from_quote

DEMAND = Trigger(type="REQUEST", mode=None, pos="VERB", lemma="@demand", absorb=True)


def _direct_quote(tok: Token):
    q = quote_at(tok.doc, tok.idx)
    return q if q is not None and str(getattr(q.kind, "value", q.kind)) == "direct" else None


def _must_subject(tok: Token) -> Token | None:
    """« X doit + infinitive » in the indicative: X is told what to do."""
    if tok.lemma_ != "devoir" or "Ind" not in tok.morph.get("Mood") or "Pres" not in tok.morph.get("Tense"):
        return None
    if not any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm") for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None  # « nous devons », « il faut que »: the speaker's own duty or no addressee
    return subj


def is_demand(tok: Token, lex: Lexicon) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    imperative = "Imp" in tok.morph.get("Mood") and lex.is_trigger_lemma(tok.lemma_)
    subj = None if imperative else _must_subject(tok)
    if not imperative and subj is None:
        return False
    q = _direct_quote(tok)
    if q is None:
        return False
    if subj is not None:
        ent = resolve_token(subj)
        speaker = source_from_quote(tok.doc, q).speaker_entity
        if ent is None or ent.type not in ("PER", "ORG", "GPE", "LOC") or (speaker is not None and ent.name == speaker.name):
            return False
    return True


def demand_args(tok: Token) -> tuple[list[Entity | None], list[Entity | None]]:
    """The speaker asks; the one who must act (« la Cédéao doit… ») receives the demand."""
    q = _direct_quote(tok)
    speaker = source_from_quote(tok.doc, q).speaker_entity if q is not None else None
    subj = _must_subject(tok)
    return [speaker], [resolve_token(subj)] if subj is not None else []
