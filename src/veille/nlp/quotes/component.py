"""The article-level quotes component: who said what, according to whom.

Extraction rules (direct.py, indirect.py, posts.py) propose candidates with the
head of their speaker phrase; attribution then runs in text order so that
pronouns, role nouns, floating quotes and « la même source » can lean on the
speakers already found (speakers.Resolver).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ...models import Quote, Span, Speaker
from ..docdata import state
from . import direct, indirect, interviews, posts
from .frames import conditional
from .candidate import Candidate
from .circumstances import channel, clause_tokens, date, place
from .context import DocContext
from .lexicon import Lexicon, load
from .speakers import Resolver, np_tokens, relay_source

_WORDS = re.compile(r"\w+")


@Language.factory("veille_quotes", requires=["doc.sents"], assigns=["doc._.veille"], default_config={})
def make_quotes(nlp: Language, name: str):
    return QuoteExtractor(load())


class QuoteExtractor:
    def __init__(self, lex: Lexicon):
        self.lex = lex

    def __call__(self, doc: Doc) -> Doc:
        state(doc)["quotes"] = extract(doc, self.lex)
        return doc


def extract(doc: Doc, lex: Lexicon | None = None) -> list[Quote]:
    ctx = DocContext.build(doc, lex or load())
    post = posts.candidates(ctx)
    cands = _dedupe(post + direct.candidates(ctx) + indirect.candidates(ctx))
    quotes = _attribute(ctx, cands)
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    _link_same(quotes)
    return quotes


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One statement, one candidate: earlier rules (posts, direct) win over later ones."""
    kept: list[Candidate] = []
    for c in cands:
        if c.end <= c.start:
            continue
        clash = False
        for k in kept:
            inter = min(c.end, k.end) - max(c.start, k.start)
            if inter > 0 and inter >= 0.5 * min(c.end - c.start, k.end - k.start):
                if k.post_author is None or c.post_author is not None:
                    clash = True
                    break
        if not clash:
            kept.append(c)
    return kept


def _span(ctx: DocContext, s: int, e: int) -> Span:
    return Span(start=s, end=e, text=ctx.text[s:e])


def _attribute(ctx: DocContext, cands: list[Candidate]) -> list[Quote]:
    res = Resolver(ctx)
    ivs = interviews.find(ctx)
    out: list[Quote] = []
    for c in cands:
        if c.kind != "direct":
            # a content never runs over a glued sentence end (« …l'AFP.Le Premier ministre »)
            c.start, c.end = ctx.clip(c.start, c.end, c.start)
            while c.end > c.start and ctx.text[c.end - 1] in " .,;:":
                c.end -= 1
    for c in cands:
        while c.start < c.end and ctx.text[c.start] in " \u00a0\t\n,;:-–—":
            c.start += 1
    cands = [c for c in cands if c.end - c.start >= 3]
    for c in sorted(cands, key=lambda c: c.anchor):
        # only words in quotation marks are the speaker's own (an indirect content holds its subject)
        res.content = (c.start, c.end) if c.kind == "direct" else (0, 0)
        incise = _incise_of(c, cands)
        got = (_speaker(ctx, res, incise) if incise is not None else None) or _speaker(ctx, res, c)
        if got is None:
            continue
        speaker, etype, gender, plural, inherited_via = got
        via = _via(ctx, res, c, speaker, inherited_via)
        _reported(ctx, res, c, speaker, via)
        interview = False
        for medium in interviews.relays(ctx, ivs, speaker.entity, c.anchor, own_via=bool(via),
                                        person=etype == "PER"):
            interview = True
            if medium not in via and medium != speaker.name:
                via.append(medium)
        frame_toks = [t for t in ctx.tokens_in(*c.frame) if not (c.start <= t.idx < c.end)]
        frame_text = " ".join(t.text for t in clause_tokens(c.cue_tok, frame_toks))
        q = Quote(
            kind=c.kind,
            content=_span(ctx, c.start, c.end),
            cue=c.cue,
            cue_span=_span(ctx, *c.cue_span) if c.cue_span else None,
            speaker=speaker,
            via=via,
            channel=c.channel or channel(ctx, frame_text) or ("interview" if interview else None),
            place=place(ctx, c.cue_tok, frame_toks, (c.start, c.end)),
            date=date(ctx, c.cue_tok, frame_toks, (c.start, c.end),
                      (speaker.mention.start, speaker.mention.end) if speaker.mention else (0, 0)),
            stance=c.stance,
        )
        if c.post_author is not None:
            q.date = _post_date(ctx, c)
        out.append(q)
        pos = speaker.mention.start if speaker.mention else c.anchor
        res.remember(speaker, pos, etype, gender, plural, via)
    return out


def _incise_of(c: Candidate, cands: list[Candidate]) -> Candidate | None:
    """« …, ont annoncé leurs avocats, déplorant une décision "sévère" »: a participle right
    after an incise continues the incise's speaker, not the subject of the main clause."""
    v = c.cue_tok
    if v is None or c.speaker is None or not v.lower_.endswith("ant") or "Part" not in v.morph.get("VerbForm"):
        return None
    best = None
    for k in cands:
        tok = k.cue_tok
        if k is c or tok is None or k.speaker is None or not (0 < v.i - tok.i <= 8) or tok.sent != v.sent:
            continue
        if k.speaker.i < tok.i:
            continue  # only an inverted incise subject (« ont annoncé leurs avocats »)
        between = v.doc[k.speaker.i + 1 : v.i]
        if any(t.pos_ in ("VERB", "AUX") for t in between) or not any(t.text == "," for t in between):
            continue
        if best is None or tok.i > best.cue_tok.i:
            best = k
    return best


def _reported(ctx: DocContext, res: Resolver, c: Candidate, speaker: Speaker, via: list[str]) -> None:
    """« Selon les indiscrétions de BFMTV, X aurait… Il aurait ajouté que… »: the sentences
    that follow in the conditional continue the medium's report, so it relays them."""
    rank = ctx.sent_rank(c.anchor)
    medium = next((v for v in reversed(via) if ctx.lex.is_media_name(v)), None)
    if c.cue in ("selon", "d'après") and ctx.lex.is_media_name(speaker.name):
        medium = speaker.name
    if medium is not None:
        res.report = (rank, medium)
        return
    if res.report is None or via or not conditional(c.cue_tok) or not 0 < rank - res.report[0] <= 2:
        return
    if speaker.name != res.report[1]:
        via.append(res.report[1])
        res.report = (rank, res.report[1])  # the report runs on from sentence to sentence


def _post_date(ctx: DocContext, c: Candidate) -> str | None:
    """The date printed under an embedded post (« January 7, 2020 »)."""
    for te in state(ctx.doc).get("times") or []:
        if c.frame[0] <= te.start < c.frame[1] and te.value:
            return te.value
    return None


def _speaker(ctx: DocContext, res: Resolver, c: Candidate):
    if c.post_author is not None:
        name = c.post_author.strip()
        start = ctx.text.find(name, c.frame[0])
        mention = _span(ctx, start, start + len(name))
        found = [m for m in ctx.mentions_in(mention.start, mention.end) if m.entity.type == "PER"]
        if found:
            ent = found[0].entity
            return Speaker(entity=ent.id, name=ent.name, mention=mention), "PER", res.entity_gender(ent), False, []
        return Speaker(entity=None, name=name, mention=mention), "PER", None, False, []
    if c.speaker is not None:
        got = res.resolve(c.speaker, stop_at_comma=c.cue in ("selon", "d'après", "pour"))
        if got is None:
            return None
        speaker, etype, gender, plural, anaphoric = got
        inherited: list[str] = []
        if anaphoric:
            for said in reversed(res.history):
                if said.speaker.name == speaker.name and ctx.sent_rank(c.anchor) - said.sent <= 3:
                    inherited = said.via
                    break
        return speaker, etype, gender, plural, inherited
    if c.fallback in ("previous", "same_source"):
        # a floating quote continues the speaker of the sentence just before, no further
        said = res.last(c.start, max_sents=1 if c.fallback == "previous" else 4)
        if said is None:
            return None
        s = said.speaker
        return Speaker(entity=s.entity, name=s.name, mention=s.mention, description=s.description), said.etype, said.gender, said.plural, said.via
    return None


def _via(ctx: DocContext, res: Resolver, c: Candidate, speaker: Speaker, inherited: list[str]) -> list[str]:
    via: list[str] = []
    lo, hi = ctx.glued_bounds(c.cue_tok.idx) if c.cue_tok is not None else (0, len(ctx.text))
    for tok in c.relays:
        if not relay_source(tok) or not lo <= tok.idx < hi:
            continue  # a poll, an addressee, or a relay of the next (glued) sentence
        got = res.resolve(tok)
        name = got[0].name if got else None
        if name is None:
            toks = np_tokens(tok)
            name = ctx.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else tok.text
            if not any(t.pos_ == "PROPN" for t in toks) and not ctx.lex.is_media_name(name):
                continue  # « selon les premières constatations », « selon l'ordre du jour »: no source
        if name and name != speaker.name and name not in via:
            via.append(name)
    if c.same_source_relay:
        prev = res.last(c.anchor, max_sents=4)
        if prev is not None:
            source = prev.via[-1] if prev.via else prev.speaker.name
            if source not in via and source != speaker.name:
                via.append(source)
    for name in inherited:
        if name not in via and name != speaker.name:
            via.append(name)
    return via


def _link_same(quotes: list[Quote]) -> None:
    """An embedded post repeating a quote of the text is one statement: link the two."""
    bags = [set(w.lower() for w in _WORDS.findall(q.content.text)) for q in quotes]
    for i, q in enumerate(quotes):
        if q.cue != "publier" or q.channel != "Twitter" or q.same_as is not None:
            continue
        for j, other in enumerate(quotes):
            if i == j or not bags[i] or not bags[j]:
                continue
            overlap = len(bags[i] & bags[j]) / min(len(bags[i]), len(bags[j]))
            if overlap >= 0.8 and min(len(bags[i]), len(bags[j])) >= 5 and other.same_as is None:
                # only the post points at the quote in the text: one statement, counted once
                q.same_as = j
                break
