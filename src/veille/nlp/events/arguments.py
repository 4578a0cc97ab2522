"""Noun phrases -> canonical entities, for the actors, recipients and places of events.

The entities layer owns linking (`veille.nlp.entities.resolve.resolve_np`); when it
is not there (or fails) we fall back on the entity mentions inside the phrase
(`docdata.entity_for_span`). Pronouns, relative pronouns and possessives are
followed to their antecedent with a few parse rules, because an event's actor is
very often « il », « qui » or « leurs forces ».
"""

from __future__ import annotations

import re

from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ..docdata import entity_for_span, state
from .groups import group_entity

try:  # the entities layer may land after us: work without it
    from ..entities.resolve import resolve_np as _resolve_np  # type: ignore
except Exception:  # noqa: BLE001  (ImportError, or a half-written module)
    _resolve_np = None

_resolver: Optional[Callable] = _resolve_np

# Dependents that leave the noun phrase proper: a relative or participial clause
# (« ses soldats déployés en Irak » is about the soldiers, not about Iraq).
_CUT_DEPS = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "punct", "cc", "conj", "obl:mod"}
_PERSONAL = {"il", "ils", "elle", "elles", "lui", "eux"}
_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
_POSSESSIVE = {"son", "sa", "ses", "leur", "leurs"}


def np_span(tok: Token) -> Span:
    """The noun phrase headed by tok, without its clauses and coordinated phrases."""
    doc = tok.doc
    idx = [tok.i]
    stack = [c for c in tok.children if c.dep_ not in _CUT_DEPS]
    while stack:
        t = stack.pop()
        idx.append(t.i)
        stack.extend(c for c in t.children if c.dep_ not in _CUT_DEPS)
    lo, hi = min(idx), max(idx)
    # a phrase must be contiguous for the resolver; cut at the first hole
    members = set(idx)
    end = tok.i
    while end + 1 <= hi and end + 1 in members:
        end += 1
    start = tok.i
    while start - 1 >= lo and start - 1 in members:
        start -= 1
    return doc[start : end + 1]


def resolve_span(doc: Doc, span: Span) -> Entity | None:
    global _resolver
    if _resolver is not None:
        try:
            ent = _resolver(doc, span)
            if ent is not None:
                return ent
        except Exception:  # noqa: BLE001  a resolver bug must not cost the event
            _resolver = None
    return entity_for_span(doc, span.start_char, span.end_char)


def antecedent_token(tok: Token) -> Token:
    """For a relative or personal pronoun, the noun it stands for (else tok itself)."""
    low = tok.lower_
    if tok.pos_ == "PRON":
        if low in _RELATIVE and tok.head.dep_ in ("acl:relcl", "acl"):
            return tok.head.head
        if low in _PERSONAL and tok.head.dep_ == "conj":
            subj = subject_of(tok.head.head)
            if subj is not None and subj.i != tok.i:
                return subj
    return tok


def resolve_token(tok: Token, depth: int = 0) -> Entity | None:
    """The entity a nominal argument (head token) stands for, following anaphora."""
    if tok is None or depth > 3:
        return None
    low = tok.lower_
    if tok.pos_ == "PRON":
        if low in _RELATIVE and tok.head.dep_ in ("acl:relcl", "acl"):
            return resolve_token(_relative_antecedent(tok), depth + 1)
        if low in _PERSONAL:
            return _antecedent(tok, depth)
        if low in _FIRST_PERSON:
            return _speaker_of(tok)
        if low == "nous" and tok.dep_ in ("nsubj", "nsubj:pass"):
            return _speaker_body(tok)
        return None
    if low == "dernier" and any(c.lower_ == "ce" for c in tok.children):
        return _last_entity_before(tok, {"PER"})
    # the head's own name first (« les militaires américains », « Chef …, Qassem
    # Soleimani » → the person in apposition), then the whole phrase
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        for c in tok.children:
            # « Jens Stoltenberg » or « le colonel Assimi Goïta » in apposition names the person
            # (an apposition without « et » is often parsed as a coordination)
            if not (c.dep_ == "appos" or (c.dep_ == "conj" and not any(k.dep_ == "cc" for k in c.children))):
                continue
            for n in [c] + [k for k in c.children if k.dep_ == "appos" and k.pos_ == "PROPN"]:
                if n.pos_ != "PROPN" and not any(k.dep_ == "flat:name" for k in n.children):
                    continue
                ent = resolve_span(tok.doc, name_span(n))
                if ent is not None and (ent.type == "PER" or (c.dep_ == "appos" and n is c)):
                    return ent
        ent = resolve_span(tok.doc, name_span(tok))
        if ent is not None:
            return ent
    span = np_span(tok)
    ent = resolve_span(tok.doc, span)
    if ent is not None:
        if ent.type == "PER" and tok.pos_ == "NOUN" and not names_head(ent, tok):
            # « la famille de George Floyd », « l'avocat de X », « le bras droit d'Obama »:
            # someone close to the person named, not that person
            return None
        return ent
    # « leurs forces », « sa mission »: the possessor is the subject of the clause
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in _POSSESSIVE:
            ent = possessor(tok, depth)
            if ent is not None:
                return ent
            break  # « ses ravisseurs »: no named possessor, the group itself may still act
    if low == "pays" and any(c.lower_ in ("le", "ce") for c in tok.children):
        return _last_entity_before(tok, {"GPE", "LOC"})
    return group_entity(tok)


_FIRST_PERSON = {"je", "j'", "j’", "moi"}


def _relative_antecedent(rel: Token) -> Token:
    """The noun a relative pronoun stands for. The parser often hangs the relative clause
    on the main verb (« des barrages des forces de l'ordre, qui ont avancé »): then the
    noun just before the pronoun is the antecedent."""
    head = rel.head.head
    if head.pos_ not in ("VERB", "AUX"):
        return head
    k = rel.i - 1
    while k >= rel.sent.start and rel.doc[k].pos_ == "PUNCT":
        k -= 1
    prev = rel.doc[k] if k >= rel.sent.start else head
    return prev if prev.pos_ in ("NOUN", "PROPN") else head


def _speaker_of(pron: Token) -> Entity | None:
    """« je » inside a quotation is its speaker."""
    best = None
    for q in state(pron.doc).get("quotes") or []:
        try:
            if q.content.start <= pron.idx < q.content.end and (
                best is None or q.content.end - q.content.start < best.content.end - best.content.start
            ):
                best = q
        except AttributeError:
            continue
    if best is None or best.speaker is None:
        return None
    for ent in state(pron.doc)["entities"]:
        if (best.speaker.entity and ent.id == best.speaker.entity) or ent.name == best.speaker.name:
            return ent
    return None


_LOCATED = re.compile(r"\b(?:au|aux|en|à)\s+[A-ZÉÈÎ]")


def _speaker_body(pron: Token) -> Entity | None:
    """« nous nous retirerons » inside a quotation: the body its speaker speaks for (a state or
    an organization, or the role's organization of a person). A person with no known role
    gives nothing: « nous » may be a family, a team, a crowd."""
    speaker = _speaker_of(pron)
    if speaker is None:
        return None
    if speaker.type in ("ORG", "GPE"):
        return speaker
    # « chef de la junte au Mali »: a title placed « au/en X » says where the body is, not that
    # its holder speaks for X; no body then
    orgs = [r.organization for r in speaker.roles or [] if r.organization and not _LOCATED.search(r.title or "")]
    if not orgs:
        return None
    for ent in state(pron.doc)["entities"]:
        if ent.name == orgs[0] and ent.type in ("ORG", "GPE", "LOC"):
            return ent
    return None


def names_head(ent: Entity, tok: Token) -> bool:
    """A mention of ent covers tok, or an apposition / flat name of tok."""
    toks = [tok] + [c for c in tok.children if c.dep_ in ("appos", "flat:name", "flat")]
    for m in ent.mentions:
        for t in toks:
            if m.start <= t.idx < m.end:
                return True
    return False


def possessor(tok: Token, depth: int = 0) -> Entity | None:
    """Antecedent of a possessive determiner on tok: the subject of the nearest clause."""
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in ("VERB", "AUX") or anc.dep_ == "ROOT":
            subj = subject_of(anc)
            if subj is not None and subj.i != tok.i and tok not in list(subj.subtree):
                return resolve_token(subj, depth + 1)
            if anc.dep_ in ("conj", "xcomp", "advcl", "acl") and anc.head is not anc:
                continue
            return None
    return None


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of verb, looking through control and coordination."""
    seen = 0
    v = verb
    while v is not None and seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ == "nsubj":
                return c
        for c in v.children:
            if c.dep_ == "obl:agent":  # passive: the agent acts
                return c
        if v.dep_ == "advcl" and _finite(v):
            # a finite adverbial clause has its own subject; without one the parse went wrong
            # (« le président qui, évoquant…, a semblé menacer » hung on the main verb)
            return None
        if v.dep_ == "acl" and v.head.pos_ == "NOUN" and v.head.dep_ in ("obl", "obl:mod", "obl:arg", "obj", "nmod") and any(
            c.dep_.startswith("aux") and c.lower_ in ("ayant", "étant") for c in v.children
        ):
            # « après une cérémonie ayant rassemblé beaucoup de monde »: the noun a compound
            # participle qualifies is its subject, not the subject of the clause around it
            return v.head
        if v.dep_ in ("xcomp", "conj", "advcl", "acl") and v.head is not v:
            participle = v.dep_ == "acl" and "Part" in v.morph.get("VerbForm") and "Pres" in v.morph.get("Tense")
            v = v.head
            if participle and v.pos_ in ("NOUN", "PROPN"):
                # « a appelé à l'union sacrée, exhortant… »: the participle is the clause's, not the noun's
                while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
                    v = v.head
                continue
            if v.pos_ == "NOUN":  # « la décision d'éliminer » → subject of the decision's verb
                if v.dep_ in ("nsubj:pass",):
                    for c in v.head.children:
                        if c.dep_ == "obl:agent":
                            return c
                v = v.head
            continue
        return None
    return None


def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in verb.children
    )


def _antecedent(pron: Token, depth: int) -> Entity | None:
    """Personal pronoun subject: the subject of the clause it is coordinated with, else the
    salient subject of the sentences before (the main clause's subject, then the speaker of
    a quotation there), the nearest one that agrees in number and gender."""
    verb = pron.head
    if verb.dep_ in ("conj", "ccomp"):
        # « X contribuaient…, mais ils ont quitté » / « Macron l'avait prévenu qu'il
        # démissionnerait »: the subject of the clause it is joined to or reported by
        subj = subject_of(verb.head)
        if subj is not None and subj.i != pron.i:
            return resolve_token(subj, depth + 1)
    doc = pron.doc
    plural = pron.lower_ in ("ils", "elles", "eux")
    gender = "Fem" if pron.lower_ in ("elle", "elles") else "Masc" if pron.lower_ in ("il", "ils", "lui", "eux") else None
    sent = pron.sent
    for _ in range(3):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        for cand in _salient_subjects(sent):
            if cand.pos_ == "PRON":
                if cand.lower_ not in _PERSONAL or (cand.lower_ in ("ils", "elles", "eux")) != plural:
                    continue
                ent = _antecedent(cand, depth + 1) if depth < 3 else None
                if ent is not None:
                    return ent
                continue
            if not _agrees(cand, plural, gender):
                if cand.head.i == sent.root.i:
                    return None  # the topic changed: the main subject is someone else
                continue
            ent = resolve_token(cand, depth + 1)
            if ent is not None:
                return ent
        for ent in _speakers_in(sent):
            return ent
    return None


def _salient_subjects(sent: Span) -> list[Token]:
    """Subjects of a sentence, the main clause's first."""
    root = sent.root
    out = []
    s = subject_of(root)
    if s is not None and s.dep_ == "nsubj":
        out.append(s)
    out += [t for t in sent if t.dep_ == "nsubj" and t not in out and t.head.pos_ in ("VERB", "AUX", "ADJ")]
    return out


def _agrees(tok: Token, plural: bool, gender: str | None) -> bool:
    coordinated = any(c.dep_ == "conj" for c in tok.children)
    number = tok.morph.get("Number")
    is_plural = coordinated or ("Plur" in number and tok.pos_ != "PROPN")
    if is_plural != plural:
        return False
    if gender and tok.pos_ == "NOUN" and not coordinated:
        g = tok.morph.get("Gender")
        if g and gender not in g:
            return False
    return True


def _speakers_in(sent: Span) -> list[Entity]:
    out = []
    ents = state(sent.doc)["entities"]
    for q in state(sent.doc).get("quotes") or []:
        cue = getattr(q, "cue_span", None)
        if cue is None or not (sent.start_char <= cue.start < sent.end_char) or q.speaker is None:
            continue
        for ent in ents:
            if (q.speaker.entity and ent.id == q.speaker.entity) or ent.name == q.speaker.name:
                out.append(ent)
                break
    return out


def _last_entity_before(tok: Token, types: set[str]) -> Entity | None:
    best, best_end = None, -1
    limit = tok.idx
    for ent in state(tok.doc)["entities"]:
        if ent.type not in types:
            continue
        for m in ent.mentions:
            if m.end <= limit and m.end > best_end:
                best, best_end = ent, m.end
    return best


def place_of(tok: Token, depth: int = 1) -> Entity | None:
    """A place entity in an oblique of tok (« à Bagdad », « en Irak », « devant l'aéroport de Bagdad »);
    for an event noun also one level down (« les manifestations des gilets jaunes en France »)."""
    for c in tok.children:
        if c.dep_.startswith("obl") or c.dep_ == "nmod":
            if not any(k.dep_ == "case" and k.lower_ in _PLACE_PREPS for k in c.children):
                if depth > 0 and tok.pos_ == "NOUN" and c.dep_ == "nmod":
                    ent = place_of(c, depth - 1)
                    if ent is not None:
                        return ent
                continue
            ent = _place_in(c)
            if ent is not None:
                return ent
    return None


_PLACE_PREPS = {"à", "en", "dans", "au", "aux", "devant", "près", "vers", "depuis", "sur"}


def name_span(tok: Token) -> Span:
    """tok with its flat-name parts and determiner: « l'aéroport », « Qassem Soleimani »."""
    idx = [tok.i] + [c.i for c in tok.children if c.dep_ in ("flat:name", "flat", "det", "amod", "fixed")]
    return tok.doc[min(idx) : max(idx) + 1]


def _place_in(tok: Token) -> Entity | None:
    """The place an oblique names: its head (« à Bagdad »), else the place its head
    belongs to (« devant l'aéroport de Bagdad »)."""
    ent = resolve_span(tok.doc, name_span(tok))
    if ent is not None and ent.type in ("GPE", "LOC"):
        return ent
    for c in tok.children:
        if c.dep_ == "nmod" and c.pos_ == "PROPN":
            ent = resolve_span(tok.doc, name_span(c))
            if ent is not None and ent.type in ("GPE", "LOC"):
                return ent
    return None
