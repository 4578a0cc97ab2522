"""Interviews stated once, relaying every later quote of the interviewee.

« Bachar al-Assad, qui a accordé un entretien à plusieurs médias français dont Franceinfo
et RTL », « Dans un entretien au Parisien, le ministre… », « Invité sur le plateau de
BFMTV, X… »: what X says afterwards in the article was said to those media, so they
are the quote's `via` even when its own frame names no medium.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import DocContext

# words that set an interview (or a studio appearance) with a medium
_TRIGGERS = {"entretien", "interview", "plateau", "micro", "antenne", "invité", "invitée", "interrogé", "interrogée",
             "interviewé", "interviewée", "contacté", "contactée", "joint", "jointe", "sollicité", "sollicitée",
             "colonnes", "confié", "confiée"}
# within this many sentences a quote with no known interviewee still belongs to the interview
_NEAR = 2


@dataclass
class Interview:
    rank: int  # sentence rank where the interview is stated
    start: int  # offset of the trigger word
    person: str | None  # entity id of the interviewee when the sentence names one
    media: list[str]
    named: tuple[str, ...] = ()  # every person the sentence names


def _media_names(ctx: DocContext, sent, after: int) -> list[str]:
    out: list[str] = []
    for t in sent:
        if t.idx < after or ctx.in_quote(t):
            continue
        names = [m.entity.name for m in ctx.mentions_in(t.idx, t.idx + len(t.text)) if m.start == t.idx]
        surface = [t.text]
        if t.i > 0 and t.doc[t.i - 1].lower_ in {"au", "du", "le"}:
            surface.append("Le " + t.text)  # « un entretien au Parisien »: the article is in the name
        if t.i + 1 < len(t.doc):
            surface.append(t.text + " " + t.doc[t.i + 1].text)  # « Le Parisien », « BFM TV »
        hits = [ctx.medium(n) for n in names + surface if ctx.medium(n)]
        if hits:
            name = hits[0]
            if name not in out:
                out.append(name)
    return out


def find(ctx: DocContext) -> list[Interview]:
    out: list[Interview] = []
    for sent in ctx.sents:
        trig = next((t for t in sent if t.lower_ in _TRIGGERS and not ctx.in_quote(t)), None)
        if trig is None:
            continue
        media = _media_names(ctx, sent, trig.idx)
        if not media:
            continue
        persons = [m for m in ctx.mentions_in(sent.start_char, sent.end_char)
                   if m.entity.type == "PER" and ctx.region_of(m.start) is None]
        person = persons[0].entity.id if len(persons) == 1 else None
        out.append(Interview(ctx.sent_rank(trig.idx), trig.idx, person, media,
                             tuple(m.entity.id for m in persons)))
    return out


def relays(ctx: DocContext, interviews: list[Interview], speaker_entity: str | None, at: int,
           own_via: bool = False, person: bool = False) -> list[str]:
    """Media of the interviews that frame a quote stated at offset `at` by `speaker_entity`.

    An interview with a named interviewee also relays that person's quotes stated before
    it (« "…" Telle est la teneur du message de X, qui a accordé un entretien à … »),
    unless the quote names its own relay."""
    out: list[str] = []
    rank = ctx.sent_rank(at)
    for iv in interviews:
        if iv.start > at and iv.rank != rank:
            if iv.person is None or own_via or speaker_entity != iv.person:
                continue
        if iv.person is None and rank == iv.rank and speaker_entity and person:
            # who speaks in the sentence stating the interview is the interviewee: the
            # medium relays no one else's later quotes
            iv.person = speaker_entity
            ok = True
        elif iv.person is not None:
            ok = speaker_entity == iv.person
        else:
            # a sentence naming several people relays only their quotes, not a third person's
            ok = 0 <= rank - iv.rank <= _NEAR and (not iv.named or speaker_entity in iv.named)
        if ok:
            out.extend(m for m in iv.media if m not in out)
    return out
