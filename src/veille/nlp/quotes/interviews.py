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
_TRIGGERS = {"entretien", "interview", "plateau", "micro", "antenne", "invité", "invitée", "interrogé", "interrogée"}
# within this many sentences a quote with no known interviewee still belongs to the interview
_NEAR = 2


@dataclass
class Interview:
    rank: int  # sentence rank where the interview is stated
    start: int  # offset of the trigger word
    person: str | None  # entity id of the interviewee when the sentence names one
    media: list[str]


def _media_names(ctx: DocContext, sent, after: int) -> list[str]:
    out: list[str] = []
    for t in sent:
        if t.idx < after or ctx.in_quote(t):
            continue
        names = [m.entity.name for m in ctx.mentions_in(t.idx, t.idx + len(t.text)) if m.start == t.idx]
        surface = [t.text]
        if t.i + 1 < len(t.doc):
            surface.append(t.text + " " + t.doc[t.i + 1].text)  # « Le Parisien », « BFM TV »
        if any(ctx.lex.is_media_name(n) for n in surface + names):
            name = names[0] if names else t.text
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
        out.append(Interview(ctx.sent_rank(trig.idx), trig.idx, person, media))
    return out


def relays(ctx: DocContext, interviews: list[Interview], speaker_entity: str | None, at: int) -> list[str]:
    """Media of the interviews that frame a quote stated at offset `at` by `speaker_entity`."""
    out: list[str] = []
    rank = ctx.sent_rank(at)
    for iv in interviews:
        if iv.start > at and iv.rank != rank:
            continue
        if iv.person is not None:
            ok = speaker_entity == iv.person
        else:
            ok = 0 <= rank - iv.rank <= _NEAR
        if ok:
            out.extend(m for m in iv.media if m not in out)
    return out
