"""Direct and mixed quotes: quotation-mark regions and the frame that attributes them.

The frame may follow the quote (« …», a-t-il ajouté), precede it (a déclaré : «…»),
sit between two parts of it, or be missing (a floating quote whose speaker was
named just before). A short fragment inside a sentence with no frame is a title
or a scare quote («temporairement»), not a quote; a longer one inside a clause
that some frame reports makes that clause a mixed quote.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .candidate import Candidate
from .context import DocContext
from .frames import addressee_media, cited_by, prep_phrases, same_source, subject, referred_source
from .marks import Region

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_CODE = re.compile(r"[{};=<>]|\bwindow\.|\bfunction\b")  # script text left in a page
MIN_FRAGMENT_WORDS = 3  # below this a quoted fragment is a scare quote or a name
MIN_SHORT_FRAGMENT_WORDS = 2  # ... unless a reporting verb governs it
_DASH_BEFORE = re.compile(r"(?:^|[\s.!?])[-–—][\s\u00a0]*$")
_DASH_AFTER = re.compile(r"[\s\u00a0]*[-–—](?:[\s\u00a0]|[A-ZÀ-ÖØ-Þ«\"“]|$)")
_TAIL_START = re.compile(r"^[\s\u00a0]*[,–—-]")
_GLUED_BEFORE = re.compile(r"[\w)][.!?]$")
_HEAD_END_COLON = re.compile(r":[\s\u00a0]*$")
_HEAD_END_COMMA = re.compile(r",[\s\u00a0]*$")
_HEAD_END_QUE = re.compile(r"\bqu(?:e|')[\s\u00a0]*$", re.I)
# a title or name in quotes: « le "Ségur de la santé" », « du journal «Le Monde» »
_TITLE_BEFORE = re.compile(r"(?:\b(?:le|la|les|du|des|de|au|aux|l['’]|d['’])|:)[\s\u00a0]*$", re.I)


def words(text: str) -> int:
    return len(_WORD.findall(text))


def _sentence(ctx: DocContext, char: int) -> Span | None:
    if not ctx.sents:
        return None
    return ctx.sents[ctx.sent_index(char)]


def _cue_verb(ctx: DocContext, tokens: list[Token], need: str | None = None) -> Token | None:
    for t in tokens:
        if t.pos_ in ("VERB", "AUX") or t.dep_ in ("parataxis", "advcl", "ROOT", "conj"):
            cue = ctx.lex.token_verb(t)
            if cue is not None and (need is None or cue.takes(need)) and not ctx.in_quote(t):
                return t
    return None


# « », estime-t-il », « » implore-t-elle », « », juge t-il », « », aurait-il déclaré »: a verb
# and a subject clitic right after the closing mark, whatever the tagger made of the verb
_INVERTED = re.compile(
    r"[\s\u00a0]*[,–—-]?[\s\u00a0]*(?:s['’]|se[\s\u00a0]+)?(?P<verb>[^\W\d_]+)(?:[\s\u00a0]?-?t-|-t[\s\u00a0]|-|[\s\u00a0]t-)"
    r"(?:il|elle|ils|elles)\b(?:[\s\u00a0]+(?P<part>[^\W\d_]+))?"
)


def _inverted_incise(ctx: DocContext, r: Region, tail: list[Token]) -> Token | None:
    m = _INVERTED.match(ctx.text, r.after)
    if m is None or not tail:
        return None
    verb_start = m.start("verb")
    v = next((t for t in tail if t.idx == verb_start), None)
    if v is None:
        return None
    if ctx.lex.verb(v.lemma_) is not None or ctx.lex.verb(v.lower_) is not None:
        return v
    if m.group("part"):
        # « aurait-il déclaré »: the participle after the clitic carries the cue
        p = next((t for t in tail if t.idx == m.start("part")), None)
        if p is not None and v.lemma_.lower() in ("avoir", "être") and (
            ctx.lex.verb(p.lemma_) is not None or ctx.lex.verb(p.lower_) is not None
        ):
            return p
    if v.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN", "X") and v.lemma_.lower() not in ("avoir", "être") \
            and r.close is not None:
        # « », couche-t-il sur le papier »: verb-clitic inversion right after a quotation is
        # an incise of speech whatever the verb (« grince-t-il », « s'amuse-t-elle »)
        return v
    return None


def _comma_incise(ctx: DocContext, tail: list[Token]) -> Token | None:
    """« », cingle Laurent Fabius »: the tagger often misreads an inverted incise verb (as a
    noun or an adjective); a listed quote verb right after the comma, followed by its
    subject (a determiner or a name), is the incise."""
    words_ = [t for t in tail if not t.is_punct][:3]
    if len(words_) < 2:
        return None
    v, nxt = words_[0], words_[1]
    if nxt.pos_ not in ("DET", "PROPN") and not nxt.text[:1].isupper():
        return None
    cue = ctx.lex.verb(v.lemma_) or ctx.lex.verb(v.lower_)
    return v if cue is not None and cue.takes("quote") else None


def _tail_frame(ctx: DocContext, r: Region) -> tuple[Token | None, list[Token]]:
    """The incise after the closing mark: (cue verb or selon-token, tail tokens)."""
    sent = _sentence(ctx, max(r.start, r.after - 1))
    if sent is None or r.close is None:
        return None, []
    end = sent.end_char
    if end <= r.after:
        # the parser ended the sentence on the closing mark: the incise is the next one
        nxt = ctx.sent_index(r.after)
        if nxt < len(ctx.sents) and ctx.sents[nxt].start_char >= r.after:
            end = ctx.sents[nxt].end_char
    tail_text = ctx.text[r.after:end]
    if not _TAIL_START.match(tail_text):
        inverted = _inverted_incise(ctx, r, [t for t in ctx.tokens_in(r.after, end) if not t.is_space])
        if inverted is not None:
            return inverted, [t for t in ctx.tokens_in(r.after, end) if not t.is_space]
        # « "…" s'est exclamé Boris Vallaud »: an inverted verb group right after the mark
        first = [t for t in ctx.tokens_in(r.after, min(end, r.after + 40)) if not t.is_space][:4]
        v = next((t for t in first if t.pos_ == "VERB" and ctx.lex.token_verb(t) is not None), None)
        if v is None or any(t.pos_ not in ("AUX", "PRON", "VERB", "ADV") for t in first[: first.index(v)]):
            return None, []
        tail = [t for t in ctx.tokens_in(r.after, end) if not t.is_space]
        return v, tail
    tail = [t for t in ctx.tokens_in(r.after, end) if not t.is_space]
    inverted = _inverted_incise(ctx, r, tail)
    if inverted is not None:
        return inverted, tail
    # the incise stops at the next quotation mark
    cut = next((i for i, t in enumerate(tail) if ctx.region_of(t.idx) is not None), len(tail))
    tail = tail[:cut]
    window = tail[:9]
    for kind, prep, obj in prep_phrases(window):
        if tail and prep.i <= tail[0].i + 2:
            return prep, tail
    v = _cue_verb(ctx, window)
    if v is None:
        v = _comma_incise(ctx, tail)
    return v, tail


def _head_tokens(ctx: DocContext, r: Region) -> list[Token]:
    sent = _sentence(ctx, r.start)
    if sent is None:
        return []
    if sent.start_char >= r.open:
        # the parser often starts a sentence at the opening mark after a colon
        # (« Donald Trump : "…" »): the frame is the sentence before it, on the same line
        i = ctx.sent_index(r.start)
        prev = ctx.sents[i - 1] if i > 0 else None
        if prev is None or "\n" in ctx.text[prev.start_char : r.open].rstrip() \
                or not _HEAD_END_COLON.search(ctx.text, prev.start_char, r.open):
            return []
        sent = prev
    # a glued sentence end (« …(1950-1953)."Rien… ») starts a new head
    lo, _ = ctx.glued_bounds(max(sent.start_char, r.open - 1))
    start = max(sent.start_char, lo)
    for other in ctx.regions:
        # « - "Faim, pauvreté" -"Ces hausses…" »: a subheading between dashes ends the head
        if start <= other.open and other.after <= r.open and _dashed(ctx, other):
            start = other.after
    if start >= r.open or _GLUED_BEFORE.search(ctx.text, max(0, r.open - 3), r.open):
        # « …(ex-LR)."Maire ou ministre… »: the quote opens a new glued sentence
        return []
    return [t for t in ctx.tokens_in(start, r.open) if not t.is_space]


def _dashed(ctx: DocContext, r: Region) -> bool:
    return bool(_DASH_BEFORE.search(ctx.text, max(0, r.open - 4), r.open) and _DASH_AFTER.match(ctx.text, r.after))


def _attributive_participle(t: Token) -> bool:
    return (t.pos_ in ("VERB", "ADJ") and "Part" in t.morph.get("VerbForm") and "Past" in t.morph.get("Tense")
            and t.dep_ in ("acl", "amod", "appos") and not any(c.dep_.startswith("aux") for c in t.children))


def _head_frame(ctx: DocContext, r: Region, head: list[Token]) -> tuple[str, Token | None]:
    """How the text before the opening mark frames the quote."""
    head_text = ctx.text[head[0].idx : r.open] if head else ""
    if not head_text.strip():
        return "none", None
    if _HEAD_END_COLON.search(head_text):
        preps = prep_phrases(head)
        if preps:
            return "prep", preps[-1][1]
        v = None
        for t in reversed(head):
            if _attributive_participle(t):
                continue  # « Djamila B., djihadiste condamnée en Irak : » describes, does not report
            if ctx.lex.token_verb(t) is not None and t.pos_ in ("VERB", "AUX", "NOUN") and not ctx.in_quote(t):
                v = t
                break
            if ctx.lex.noun(t.lemma_) is not None and t.pos_ == "NOUN":
                v = t
                break
        return ("colon", v)
    if _HEAD_END_QUE.search(head_text):
        v = _cue_verb(ctx, list(reversed(head)), need="que")
        return ("que", v)
    if _HEAD_END_COMMA.search(head_text):
        preps = prep_phrases(head[:4])
        if preps:
            return "prep", preps[0][1]
        if head[0].lower_ == "pour" and len(head) < 10:
            return "pour", head[0]
        # « …», a-t-il ajouté, «…»: the frame between two parts of one quote
        v = _cue_verb(ctx, head[-8:])
        if v is not None and ctx.region_of(head[0].idx) is None and any(
            ctx.regions[i].after <= v.idx for i in range(len(ctx.regions))
        ):
            return "between", v
    return "embedded", None


_INNER = re.compile(r",\s*(?:\w+-t-|\w+-)(?:il|elle|ils|elles)\s+\w+\s*,")


def _inner_incise(ctx: DocContext, r: Region) -> Token | None:
    """« Ce que nous devons faire, avait-il ajouté, c'est … »."""
    m = _INNER.search(ctx.text, r.start, r.end)
    if m is None:
        return None
    for t in ctx.tokens_in(r.start + m.start() - r.start, r.start + m.end() - r.start):
        if ctx.lex.token_verb(t) is not None and t.pos_ in ("VERB", "AUX") and t.lemma_ not in ("avoir", "être"):
            return t
    return None


def _looks_like_title(ctx: DocContext, r: Region, framed: bool = False) -> bool:
    """A capitalised short region after a determiner or a colon names a work or a body.
    After a colon that a reporting cue or a speaker's name frames (``framed``), it is speech."""
    content = ctx.text[r.start : r.end]
    before = ctx.text[max(0, r.open - 12) : r.open]
    m = _TITLE_BEFORE.search(before)
    if m is None or (framed and m.group().rstrip().endswith(":")):
        return False
    return bool(content[:1].isupper() and words(content) <= 8)


def _fragment_title(ctx: DocContext, i: int) -> tuple[Candidate, int] | None:
    """« "Mascarade", "chasse aux sorcières délirantes", tentative de "coup d'Etat" : Donald
    Trump ne mâche pas ses mots pour dénoncer l'enquête »: quoted fragments listed before a
    colon, then a clause whose subject uses a reporting verb, are that subject's words.
    Returns the candidate and the index of the last region it covers."""
    first = ctx.regions[i]
    line = ctx.text.rfind("\n", 0, first.open) + 1
    if ctx.text[line : first.open].strip():
        return None
    j, pos = i, first.after
    while True:
        gap = ctx.text[pos:]
        m = re.match(r"[\s\u00a0]*:", gap)
        if m is not None:
            colon = pos + m.end()
            break
        nxt = ctx.regions[j + 1] if j + 1 < len(ctx.regions) else None
        between = ctx.text[pos : nxt.open] if nxt is not None else ""
        if nxt is None or "\n" in between or not re.fullmatch(r"[\s\u00a0]*,?[\s\u00a0]*(?:[^\W\d_]+['’\s\u00a0]*){0,3}", between):
            return None
        j, pos = j + 1, nxt.after
    if j == i and words(ctx.text[first.start : first.end]) < MIN_FRAGMENT_WORDS:
        return None
    end = ctx.text.find("\n", colon)
    after = [t for t in ctx.tokens_in(colon, end if end >= 0 else len(ctx.text)) if not t.is_space]
    root = next((t for t in after if t.pos_ in ("VERB", "AUX") and (t.head == t or not (colon <= t.head.idx))), None)
    cue = next((t for t in after if t.pos_ == "VERB" and ctx.lex.token_verb(t) is not None and not ctx.in_quote(t)), None)
    if root is None or cue is None:
        return None
    spk = subject(ctx, root) or subject(ctx, cue)
    if spk is None or not any(m.entity.type in ("PER", "ORG") for m in ctx.mentions_in(spk.idx, spk.idx + len(spk.text))):
        return None
    last = ctx.regions[j]
    c = _cand_from_verb(ctx, "mixed", first.open, last.after, cue, last, after)
    c.speaker = spk
    return c, j


def candidates(ctx: DocContext) -> list[Candidate]:
    out: list[Candidate] = []
    skip_to = -1
    for i, r in enumerate(ctx.regions):
        if i <= skip_to:
            continue
        got = _fragment_title(ctx, i)
        if got is not None:
            out.append(got[0])
            skip_to = got[1]
            continue
        c = _one(ctx, r)
        if c is not None:
            out.append(c)
    return out


def _cand_from_verb(ctx, kind, start, end, v: Token, r: Region, frame_toks: list[Token]) -> Candidate:
    cue = ctx.lex.token_verb(v) if v.lower_ not in {"selon", "après"} else ctx.lex.preps.get("selon")
    spk = None
    relays: list[Token] = []
    if v.lower_ in {"selon", "après"}:
        for _, prep, obj in prep_phrases([v]):
            spk = obj
    else:
        spk = subject(ctx, v)
        ref = referred_source(v, spk)
        if ref is not None:
            relays.append(spk) if spk is not None else None
            spk = ref
    relays.extend(cited_by(frame_toks))
    if v.pos_ in ("VERB", "AUX"):
        relays.extend(addressee_media(ctx, v))
    for _, prep, obj in prep_phrases(frame_toks):
        if prep.i != v.i and obj is not spk and not same_source(list(obj.doc[prep.i : obj.i + 1])):
            relays.append(obj)
    lemma = cue.lemma if cue else v.lemma_.lower()
    return Candidate(
        kind=kind, start=start, end=end, cue=lemma if lemma != "après" else "d'après",
        stance=cue.stance if cue else None, cue_tok=v, cue_span=(v.idx, v.idx + len(v.text)),
        speaker=spk, relays=relays, same_source_relay=same_source(frame_toks),
        frame=(min([r.open] + [t.idx for t in frame_toks]), max([r.after] + [t.idx + len(t.text) for t in frame_toks])),
        channel=cue.channel if cue else None,
    )


def _one(ctx: DocContext, r: Region) -> Candidate | None:
    content = ctx.text[r.start : r.end]
    n = words(content)
    if n == 0 or _CODE.search(content):
        return None
    if _dashed(ctx, r):
        return None  # « - "A peine manger" - »: a subheading between dashes quotes no one
    head = _head_tokens(ctx, r)
    how, hv = _head_frame(ctx, r, head)
    tv, tail = _tail_frame(ctx, r)
    framed = how == "colon" and (hv is not None or _headline(ctx, r, head) is not None)
    short = n < MIN_FRAGMENT_WORDS or _looks_like_title(ctx, r, framed)

    if how in ("embedded", "que"):
        if short:
            # « a dénoncé un projet "profondément injuste" »: a two-word fragment is the
            # speaker's own words only when a reporting verb's complement holds it
            if n < MIN_SHORT_FRAGMENT_WORDS or _looks_like_title(ctx, r) or tv is not None:
                return None
            sent = _sentence(ctx, r.start)
            return _reported_in_complement(ctx, r, sent) if sent is not None else None
        return _mixed(ctx, r, head, tail, tv, hv)
    if short:
        return None
    if tv is not None:
        return _cand_from_verb(ctx, "direct", r.start, r.end, tv, r, tail + head)
    if how in ("colon", "between") and hv is not None:
        if ctx.lex.noun(hv.lemma_) is not None and hv.pos_ == "NOUN":
            return _noun_frame(ctx, r, hv, head)
        return _cand_from_verb(ctx, "direct", r.start, r.end, hv, r, head)
    if how in ("prep", "pour") and hv is not None:
        return _prep_frame(ctx, r, hv, head)
    if how == "colon" and hv is None:
        return _headline(ctx, r, head)
    if how == "none" and _subheading(ctx, r):
        return None
    if how == "none":
        # floating quote: the speaker was named before, or inside (« …, a-t-il ajouté, … »)
        inner = _inner_incise(ctx, r)
        if inner is not None:
            return _cand_from_verb(ctx, "direct", r.start, r.end, inner, r, [inner])
        before = _closing_verb(ctx, r)
        if before is not None:
            c = _cand_from_verb(ctx, "direct", r.start, r.end, before, r, [before])
            if c.speaker is None:
                # the parser loses the subject of a clause-final verb: the first bare noun
                # phrase of the sentence (no preposition, no time word) is its subject
                c.speaker = next((t for t in before.sent if t.i < before.i and t.pos_ in ("NOUN", "PROPN")
                                  and not any(g.dep_ == "case" for g in t.children)
                                  and t.ent_type_ not in ("DATE", "TIME") and t.dep_ != "obl:mod"
                                  and not ctx.in_quote(t)), None)
            return c
        return Candidate(kind="direct", start=r.start, end=r.end, cue=None, stance=None,
                         fallback="previous", frame=(r.open, r.after))
    return None


def _subheading(ctx: DocContext, r: Region) -> bool:
    """A line that is nothing but a short quotation with no final punctuation is a
    subheading (« "Une page se tourne" » between two paragraphs), not a floating quote."""
    line_start = ctx.text.rfind("\n", 0, r.open) + 1
    line_end = ctx.text.find("\n", r.after)
    line_end = len(ctx.text) if line_end < 0 else line_end
    if ctx.text[line_start : r.open].strip() or ctx.text[r.after : line_end].strip():
        return False
    content = ctx.text[r.start : r.end].rstrip()
    return bool(content) and content[-1] not in ".!?…" and words(content) <= 15


def _closing_verb(ctx: DocContext, r: Region) -> Token | None:
    """« Sa mère, jointe par téléphone, embraye. « Ma fille… » »: the sentence before the
    quote ends on a speech verb with no complement of its own; its subject speaks."""
    i = ctx.sent_index(r.open)
    if i == 0 or ctx.sents[i].start_char < r.open - 2 and ctx.text[ctx.sents[i].start_char : r.open].strip():
        return None
    prev = ctx.sents[i - 1]
    toks = [t for t in prev if not t.is_space]
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks or toks[-1].pos_ not in ("VERB", "NOUN") or ctx.in_quote(toks[-1]):
        return None
    v = toks[-1]
    cue = ctx.lex.verb(v.lemma_) or ctx.lex.verb(v.lower_)
    if cue is None or not cue.takes("quote") or any(c.dep_ in ("obj", "ccomp", "xcomp") for c in v.children):
        return None
    return v


def _headline(ctx: DocContext, r: Region, head: list[Token]) -> Candidate | None:
    """« Djamila B., djihadiste condamnée en Irak : « Aidez-moi » »: a title or lead that
    opens on a name and gives its words after a colon, with no verb."""
    if not head or any(t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm") for t in head):
        return None
    first = head[0]
    named = [m for m in ctx.mentions_in(first.idx, first.idx + len(first.text))
             if m.start == first.idx and m.entity.type in ("PER", "ORG")]
    if not named:
        return None
    return Candidate(kind="direct", start=r.start, end=r.end, cue=":", stance="assert",
                     cue_tok=None, cue_span=None, speaker=first, frame=(first.idx, r.after))


def _prep_frame(ctx, r, prep_tok, head) -> Candidate | None:
    if prep_tok.lower_ == "pour":
        j = prep_tok.i + 1
        while j < len(ctx.doc) and ctx.doc[j].pos_ == "DET":
            j += 1
        spk = ctx.doc[j] if j < len(ctx.doc) else None
        return Candidate(kind="direct", start=r.start, end=r.end, cue="pour", stance="opinion",
                         cue_tok=prep_tok, cue_span=(prep_tok.idx, prep_tok.idx + 4), speaker=spk,
                         frame=(head[0].idx, r.after))
    return _cand_from_verb(ctx, "direct", r.start, r.end, prep_tok, r, head)


def _noun_frame(ctx, r, noun: Token, head) -> Candidate | None:
    """« Dans un communiqué, le ministère écrit : «…» » is caught by the verb; this is
    « extrait de la déclaration du ministre : «…» »: the noun's genitive speaks."""
    cue = ctx.lex.noun(noun.lemma_)
    spk = next((c for c in noun.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")), None)
    if spk is None:
        return None
    return Candidate(kind="direct", start=r.start, end=r.end, cue=cue.lemma, stance=cue.stance, cue_tok=noun,
                     cue_span=(noun.idx, noun.idx + len(noun.text)), speaker=spk, channel=cue.channel,
                     frame=(head[0].idx, r.after))


def _in_relative(tok: Token, stop: Token | None) -> bool:
    """« le chef du gouvernement, qui veut faire de son pays «le plus sûr d'Europe» »."""
    steps = 0
    while tok.head != tok and steps < 12 and tok != stop:
        if tok.dep_ in ("acl:relcl", "acl"):
            return True
        tok = tok.head
        steps += 1
    return False


_A = {"à", "au", "aux"}
# « Pour lui, … »: the stressed pronoun of a speaker named before
_STRESSED = {"lui", "elle", "eux", "elles"}


def _relative_on_cue(ctx, r: Region, sent: Span, inner: Token) -> Candidate | None:
    """« pointant du doigt les États-Unis et la France qui "ne sont pas en mesure de nous
    accuser" »: a quoted relative clause on the object of a reporting verb says what the
    speaker holds about that object. The content is the relative clause."""
    rel, steps = inner, 0
    while rel.dep_ != "acl:relcl" and rel.head != rel and steps < 8:
        rel, steps = rel.head, steps + 1
    if rel.dep_ != "acl:relcl" or ctx.in_quote(rel.head):
        return None
    ante, steps = rel.head, 0
    while ante.dep_ in ("conj", "nmod", "appos") and steps < 4:
        ante, steps = ante.head, steps + 1
    v = ante.head
    if ante.dep_ not in ("obj", "obl:arg", "obl", "obl:mod") or v.i > ante.i or ctx.in_quote(v) or ctx.lex.token_verb(v) is None:
        return None
    c = _cand_from_verb(ctx, "mixed", next(rel.subtree).idx, min(r.after, sent.end_char), v, r,
                        [x for x in sent if x.idx < r.open])
    up, steps = v, 0
    while c.speaker is None and up.head != up and steps < 4:
        # « assure-t-il malgré les accusations, pointant du doigt… »: the participle's verb speaks
        up, steps = up.head, steps + 1
        if up.pos_ == "VERB" and not ctx.in_quote(up):
            c.speaker = subject(ctx, up)
    return c if c.speaker is not None else None


def _need(c: Token) -> str | None:
    """The complement slot of a reporting verb that child `c` fills."""
    if c.dep_ in ("obj", "ccomp", "xcomp") and any(g.dep_ == "mark" and g.lower_ in {"que", "qu'", "qu’"} and g.i < c.i
                                                   for g in c.children):
        return "que"  # « en expliquant que "c'était un tout autre contexte" »: a copular clause
    if c.dep_ in ("obl:arg", "obl", "obl:mod") and any(g.dep_ == "case" and g.lower_ in _A for g in c.children):
        return "a"
    if c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "mark" and g.lower_ in _A for g in c.children):
        return "a"
    if c.dep_ in ("obl:arg", "obl", "obl:mod", "obj") and c.pos_ in ("NOUN", "PROPN") and any(
            g.dep_ == "case" and g.lower_ in {"de", "d'", "d’", "du", "des"} for g in c.children):
        return "de"  # « arguant d'une "clause d'exclusion" »
    return {"ccomp": "que", "obj": "obj", "xcomp": "inf", "obl:arg": "obj"}.get(c.dep_)


def _reported_in_complement(ctx, r: Region, sent: Span) -> Candidate | None:
    """A reporting verb in the sentence, before the fragment, whose complement holds it."""
    for t in sent:
        if ctx.in_quote(t) or t.idx > r.open:
            continue
        cue = ctx.lex.token_verb(t)
        if cue is None or t.pos_ not in ("VERB",):
            continue
        for c in t.children:
            if c.i <= t.i:
                continue
            sub = list(c.subtree)
            s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            need = _need(c)
            if need == "de" and cue.stance == "characterize" and r.start >= s:
                # « une situation qu'il qualifie de "guerre totale" »: the characterization keeps its
                # verb (and the relative object before it)
                rel = next((o for o in t.children if o.dep_ == "obj" and o.i < t.i and o.lower_ in {"que", "qu'", "qu’"}), None)
                return _cand_from_verb(ctx, "mixed", (rel or t).idx, min(max(e, r.after), sent.end_char), t, r,
                                       [x for x in sent if x.idx < t.idx])
            if need is None and cue.takes("obj") and any(g.dep_ == "case" and g.lower_ == "comme" for g in c.children) \
                    and any(o.dep_ == "obj" and t.i < o.i < c.i for o in t.children):
                # « a décrit cette interdiction comme "une décision capitale" »: a characterization,
                # whose content keeps the verb (as « qualifier X de Y » does)
                if s <= r.start <= e:
                    return _cand_from_verb(ctx, "mixed", t.idx, min(max(e, r.after), sent.end_char), t, r,
                                           [x for x in sent if x.idx < t.idx])
                continue
            if need == "obj" and cue.takes("a") and not cue.takes("obj") and any(
                g.dep_ in ("acl", "xcomp") and any(m.dep_ == "mark" and m.lower_ in _A for m in g.children)
                for g in c.children
            ):
                need = "a"  # « appelle les dirigeants à "…" »
            if need and not cue.takes(need) and not (need == "obj" and c.pos_ in ("VERB", "AUX") and cue.takes("que")) \
                    and not (need == "inf" and cue.takes("attr") and c.pos_ in ("ADJ", "NOUN")):
                continue
            # the parser often hangs a quoted adjective on the verb (« un projet "injuste" »):
            # a fragment right after the object still qualifies it
            adjacent = need == "obj" and 0 <= r.open - e <= 2
            if need and r.open < s <= r.end and not ctx.text[t.idx + len(t.text) : r.open].strip():
                # « a condamné "avec la plus grande fermeté les comportements…" »: the quotation
                # opens right after the verb, before the complement's first word
                s = r.open
            # the opening mark may hang on the verb, outside the complement's subtree
            if s <= r.start and (e >= r.start or adjacent) and need:
                s = min(s, r.open)
                if (c.dep_ == "ccomp" or need == "que") and sub[0].lower_ in {"que", "qu'", "qu’"}:
                    s = sub[1].idx
                e = max(e, r.after)
                return _cand_from_verb(ctx, "mixed", s, min(e, sent.end_char), t, r, [x for x in sent if x.idx < s])
        got = _clause_on_cue(ctx, r, sent, t)
        if got is not None:
            return got
    return None


_ARGS = {"obj", "iobj", "obl:arg", "xcomp", "ccomp"}


def _clause_on_cue(ctx, r: Region, sent: Span, t: Token) -> Candidate | None:
    """« Ils en appellent aux autorités « pour qu'elles exigent… » », « réclament son
    rapatriement « dès lors que la condamnation sera définitive » »: a quoted clause that
    hangs on the reporting verb itself, beside its complement, continues what is asked or
    said. The content runs from the verb's first complement to the closing mark."""
    inside = [x for x in ctx.tokens_in(r.start, r.end) if not x.is_punct]
    if not inside or not any(x.pos_ in ("VERB", "AUX") for x in inside):
        return None  # a clause, not a noun phrase in quotes
    roots = [x for x in inside if not (r.start <= x.head.idx < r.end) or x.head == x]
    if len(roots) != 1 or roots[0].head != t or roots[0].dep_ not in ("advcl", "advmod", "ccomp", "xcomp", "obl", "obl:mod"):
        return None
    args = [c for c in t.children if c.i > t.i and c.dep_ in _ARGS and c.idx < r.open and not ctx.in_quote(c)]
    s = min([r.open] + [next(c.subtree).idx for c in args])
    e = min(r.after, sent.end_char)
    return _cand_from_verb(ctx, "mixed", s, e, t, r, [x for x in sent if x.idx < s])


def _mixed(ctx, r, head, tail, tv, hv) -> Candidate | None:
    """A quoted fragment inside a reported clause."""
    sent = _sentence(ctx, r.start)
    if sent is None:
        return None
    inner = ctx.token_at(r.start)
    # a reporting verb before the fragment whose complement holds it speaks first: « dénoncent
    # un procès qui s'est fait «…» » (a relative inside the complement is still reported)
    found = _reported_in_complement(ctx, r, sent)
    if found is not None:
        return found
    if inner is not None and _in_relative(inner, tv):
        got = _relative_on_cue(ctx, r, sent, inner)
        # « Une alliance qui ne comprendra "pas les banquiers", assure-t-il »: with no reporting
        # verb over the relative, the incise after the quotation frames the whole clause
        if got is not None or tv is None or r.close is None or not _TAIL_START.match(ctx.text[r.after:]):
            return got
    if tv is not None:
        # « l'Otan «maintient une présence», informe la presse »: the clause before the incise
        start = head[0].idx if head else r.start
        # leading adverbials before the clause's subject are not part of what was said
        pred = ctx.token_at(r.start)
        subj = None
        if pred is not None:
            root = pred if pred.dep_ == "ROOT" else pred.head
            subj = next((c for c in root.children if c.dep_ in ("nsubj",) and c.i < root.i), None)
        if subj is None:
            # « l'Otan «maintient une présence», informe la presse »: the parser may give the
            # clause's subject to the incise verb
            subj = next((c for c in tv.children if c.dep_ == "nsubj" and c.idx < r.open and not ctx.in_quote(c)), None)
        if subj is not None:
            from .speakers import np_tokens
            np = np_tokens(subj)
            start = np[0].idx if np else subj.idx
        c = _cand_from_verb(ctx, "mixed", start, r.after, tv, r, tail + head)
        cue = ctx.lex.token_verb(tv)
        # a relay verb (informer, rapporter…) or a medium reporting someone's own words: the
        # clause's subject is the speaker, the medium relays
        if subj is not None and c.speaker is not None and (
            (cue is not None and cue.takes("relay"))
            or ctx.lex.noun_class(c.speaker.lemma_) == "media"
            or any(ctx.lex.is_media_name(m.entity.name) for m in ctx.mentions_in(c.speaker.idx, c.speaker.idx + len(c.speaker.text)))
        ):
            c.relays.insert(0, c.speaker)
            c.speaker = subj
        return c
    first = head[0] if head else None
    if first is not None and first.lower_ == "pour" and any(t.text == "," for t in head[1:8]):
        comma = next(t for t in head[1:8] if t.text == ",")
        nxt = next((t for t in head if t.i > comma.i and t.text == ","), None)
        if nxt is not None and nxt.i - comma.i <= 5 and all(t.pos_ in ("PROPN", "DET", "ADP") for t in ctx.doc[comma.i + 1 : nxt.i]):
            comma_end = nxt
        else:
            comma_end = comma
        j = first.i + 1
        while j < comma.i and ctx.doc[j].pos_ == "DET":
            j += 1
        spk = ctx.doc[j]
        if spk.lower_ in _STRESSED or spk.pos_ in ("PROPN", "NOUN") and (
                spk.pos_ == "PROPN" or ctx.lex.noun_class(spk.lemma_) in ("role", "official", "body")):
            # the opinion runs to the end of the sentence (« …"une question de détermination",
            # dans un combat qui va durer "plusieurs années" »)
            tail_toks = [t for t in sent if t.idx >= r.after and not t.is_space]
            while tail_toks and tail_toks[-1].is_punct and tail_toks[-1].text not in '»"”':
                tail_toks.pop()
            end = max(r.after, tail_toks[-1].idx + len(tail_toks[-1].text)) if tail_toks else r.after
            end = min(sent.end_char, end)
            return Candidate(kind="mixed", start=comma_end.idx + 1, end=end, cue="pour", stance="opinion", cue_tok=first,
                             cue_span=(first.idx, first.idx + len(first.text)), speaker=spk,
                             frame=(first.idx, end))
    for _, prep, obj in prep_phrases([t for t in sent if not ctx.in_quote(t)]):
        s = sent.start_char if prep.idx > r.open else obj.idx + len(obj.text)
        cand = _cand_from_verb(ctx, "mixed", s, r.after, prep.doc[prep.i + (1 if prep.lower_ == "d'" else 0)], r, list(sent))
        return cand
    return None
