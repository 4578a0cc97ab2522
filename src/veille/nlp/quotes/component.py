"""The article-level quotes component: who said what, according to whom.

Extraction rules (direct.py, indirect.py, posts.py) propose candidates with the
head of their speaker phrase; attribution then runs in text order so that
pronouns, role nouns, floating quotes and « la même source » can lean on the
speakers already found (speakers.Resolver).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...models import Quote, Span, Speaker
from ..docdata import state
from . import bodies, direct, indirect, interviews, posts
from .frames import conditional
from .candidate import Candidate
from .circumstances import channel, clause_tokens, date, frame_relays, interlocutors, place
from .context import DocContext
from .lexicon import Lexicon, load
from .speakers import Resolver, np_tokens, relay_source

_WORDS = re.compile(r"\w+")
# channels of words said aloud to someone, which an interview stated before may relay
_SPOKEN = {"interview", "télévision", "radio", "presse", "conférence de presse"}


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
    quotes = _without_orphan_headings(ctx, quotes)
    _link_same(quotes)
    _link_headings(quotes)
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
        elif k.speaker is None and k.fallback == "previous" and c.speaker is not None \
                and c.start <= k.start and k.end <= c.end:
            # « "Ce sont des gestes de bonne foi" qui… "pas pour tuer", a justifié le sélectionneur »:
            # the quotation kept is framed by the wider mixed quote that holds it
            k.speaker, k.cue, k.cue_tok, k.cue_span, k.fallback = c.speaker, c.cue, c.cue_tok, c.cue_span, None
            k.relays, k.frame, k.stance = c.relays, c.frame, k.stance or c.stance
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
    for c in cands:
        if c.speaker is not None and c.post_author is None:
            c.speaker = _repair_head(ctx, c.speaker, c.cue_tok, (c.start, c.end))
    for c in sorted(cands, key=lambda c: c.anchor):
        # only words in quotation marks are the speaker's own (an indirect content holds its subject)
        res.content = (c.start, c.end) if c.kind == "direct" else (0, 0)
        incise = _incise_of(c, cands)
        got = (_speaker(ctx, res, incise) if incise is not None else None) or _speaker(ctx, res, c)
        if got is None:
            continue
        speaker, etype, gender, plural, inherited_via = got
        frame_toks = [t for t in ctx.tokens_in(*c.frame) if not (c.start <= t.idx < c.end)]
        frame_text = " ".join(t.text for t in clause_tokens(c.cue_tok, frame_toks))
        here = ctx.sent_index(c.frame[0])
        before = ctx.text[ctx.sents[max(0, here - 2)].start_char : c.frame[0]] if ctx.sents else ""
        own_channel = c.channel or channel(ctx, frame_text, before)
        if own_channel and own_channel not in _SPOKEN:
            # « a-t-il déclaré sur son compte Twitter »: words posted or written elsewhere are not
            # part of the interview the passage quoted before
            inherited_via = []
        via = _via(ctx, res, c, speaker, inherited_via)
        _reported(ctx, res, c, speaker, via)
        interview = False
        if not own_channel or own_channel in _SPOKEN:
            for medium in interviews.relays(ctx, ivs, speaker.entity, c.anchor, own_via=bool(via),
                                            person=etype == "PER"):
                interview = True
                if medium not in via and medium != speaker.name:
                    via.append(medium)
        via = _without_sub_names(via)
        q = Quote(
            kind=c.kind,
            content=_span(ctx, c.start, c.end),
            cue=c.cue,
            cue_span=_span(ctx, *c.cue_span) if c.cue_span else None,
            speaker=speaker,
            via=via,
            channel=own_channel or ("interview" if interview else None),
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
    medium = next((v for v in reversed(via) if ctx.medium(v)), None)
    if c.cue in ("selon", "d'après") and ctx.medium(speaker.name):
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
        # « selon une expertise psychiatrique »: what « selon » names is a source, whatever it is
        got = res.resolve(c.speaker, stop_at_comma=c.cue in ("selon", "d'après", "pour"),
                          describe="source" if c.cue in ("selon", "d'après") else "group")
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
        if c.fallback == "previous":
            # « Le maire de Nice, Christian Estrosi, a partagé sa tristesse. "Quelle tristesse…" »:
            # a person made the subject of the sentence just before speaks next
            subj = res.previous_subject(c.start, since=said.pos if said is not None else -1)
            if subj is not None:
                return subj
        if said is None:
            return None
        s = said.speaker
        return Speaker(entity=s.entity, name=s.name, mention=s.mention, description=s.description), said.etype, said.gender, said.plural, said.via
    return None


_NAME_OF = {"de", "d'", "d’", "du"}
_ADDRESSEES = {"presse", "journaliste", "public", "média", "médias", "opinion", "population", "auditoire"}
_CLITIC = {"-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle", "-t-ils", "-t-elles", "-t", "-on", "-t-on"}


def _repair_head(ctx: DocContext, head: Token, cue: Token | None, content: tuple[int, int] = (0, 0)) -> Token:
    head = _mend_head(ctx, head, cue, content)
    if cue is not None and head.i > cue.i and _addressed_medium(ctx, head):
        # « a déclaré à l'AFP une responsable des garde-côtes »: the medium spoken to is a
        # relay; the subject comes after it
        after = _inverted_subject(ctx, cue, content)
        if after is not None and after.i > head.i:
            return after
    return head


def _mend_head(ctx: DocContext, head: Token, cue: Token | None, content: tuple[int, int] = (0, 0)) -> Token:
    """Mend a speaker head the parse got wrong, with what the words themselves say.

    - a head in another (glued) sentence than the cue: « a expliqué le chef du Bureau…,
      Vic Reynolds.- La veille, ses services ont arrêté William Bryan » -> « chef »;
    - a date taken for the subject: « a affirmé ce lundi 13 février le secrétaire général »;
    - a name under a noun: « La famille d'Ahmaud Arbery réclamait » -> « famille »."""
    doc = head.doc
    if cue is not None and content[0] <= head.idx < content[1] and not content[0] <= cue.idx < content[1]:
        # « Pierre Troisgros "était un peu mon deuxième papa", a confié Régis Marcon »: the
        # subject of the reported words is not who reports them; the incise names the speaker
        lo, hi = ctx.glued_bounds(cue.idx)
        for t in ctx.tokens_in(cue.idx + len(cue.text), hi):
            if ctx.region_of(t.idx) is not None or t.text in (".", ";", ":", ","):
                break
            if t.pos_ in ("NOUN", "PROPN") or t.lower_ in _CLITIC:
                if t.dep_ in ("obj", "iobj", "obl") and t.lemma_.lower() in _ADDRESSEES:
                    return head  # « l'Otan "maintient une présence", informe la presse »
                return t
        return head
    if cue is not None and head.pos_ not in ("PRON",) and head.lower_ not in _CLITIC:
        lo, hi = ctx.glued_bounds(cue.idx)
        times = [(t.start, t.end) for t in state(ctx.doc).get("times") or [] if lo <= t.start < hi]
        in_time = next(((a, b) for a, b in times if a <= head.idx < b), None)
        if not lo <= head.idx < hi and in_time is None:
            subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubj:pass") and lo <= c.idx < hi), None)
            if subj is not None and subj.pos_ == "PRON" and subj.lower_ in ("qui", "lequel", "laquelle", "lesquels"):
                # « les républicains, qui accusent… »: the relative clause's antecedent speaks
                subj = cue.head if cue.dep_ == "acl:relcl" and lo <= cue.head.idx < hi else None
                if subj is None:
                    return head
            if subj is not None:
                return subj
            words = [t for t in ctx.tokens_in(lo, cue.idx) if ctx.region_of(t.idx) is None
                     and t.is_alpha and t.pos_ != "AUX" and not t.text.isupper()]
            if words and not any(t.pos_ == "VERB" for t in words):
                # « …forces de l'ordre.- TITRE -Les responsables syndicaux fustigent »: the subject
                # stands before the verb in its own glued sentence
                nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
                if nouns:
                    t = nouns[-1]
                    while t.dep_ in ("flat:name", "flat") and t.head.i < t.i:
                        t = t.head
                    return t
        if not lo <= head.idx < hi or in_time is not None:
            start = in_time[1] if in_time is not None else cue.idx + len(cue.text)
            for t in ctx.tokens_in(start, hi):
                if ctx.region_of(t.idx) is not None or any(a <= t.idx < b for a, b in times):
                    continue
                if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
                    break
                if t.pos_ in ("NOUN", "PROPN"):
                    return t
            return head
    if head.pos_ == "PROPN" and head.dep_.startswith("nsubj"):
        first = head
        while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].text[:1].isupper():
            first = doc[first.i - 1]
        if first.i >= 2 and doc[first.i - 1].lower_ in _NAME_OF:
            noun = doc[first.i - 2]
            if noun.pos_ == "NOUN" and noun.text[:1].islower() and noun.dep_ not in ("nsubj", "obj") and (
                    ctx.lex.noun_class(noun.lemma_.lower()) in ("role", "official", "body")
                    or noun.lower_ in bodies.RELATIONS or noun.lower_ in bodies.SPEAK_FOR):
                return noun
    return head


def _inverted_subject(ctx: DocContext, cue: Token, content: tuple[int, int]) -> Token | None:
    """« "…", a raconté au Parisien l'un des salariés », « lance l'ancien chargé de la sécurité
    du président, dans les colonnes du magazine »: the subject after the verb, past the
    addressee and the circumstances, that the parse left unattached."""
    lo, hi = ctx.glued_bounds(cue.idx)
    doc = cue.doc
    times = [(te.start, te.end) for te in state(ctx.doc).get("times") or [] if lo <= te.start < hi]
    skipped = False  # the parse loses the subject behind an addressee (« a raconté au Parisien X »)
    i = cue.i + 1
    while i < len(doc) and doc[i].idx < hi:
        t = doc[i]
        if any(a <= t.idx < b for a, b in times):
            i += 1
            continue  # « a déclaré vendredi à l'AFP »
        if content[0] <= t.idx < content[1] or ctx.region_of(t.idx) is not None or t.text in (".", ";", ":", "?", "!", ","):
            return None
        if t.pos_ in ("VERB",) and t.dep_ not in ("amod", "acl") and t.i != cue.i:
            return None
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in ("-t", "se", "s'"):
            k = t.i - 1
            while k > cue.i and doc[k].pos_ == "DET" and doc[k].lower_ not in ("au", "aux", "du", "des"):
                k -= 1
            prev = doc[k]
            if k > cue.i and (prev.pos_ == "ADP" or prev.lower_ in ("au", "aux", "du", "des")):
                # an addressee or a circumstance (« au Parisien », « à l'AFP »): its whole phrase
                j = t.i + 1
                skipped = True
                named = [m for m in ctx.mentions_in(t.idx, t.idx + 1) if m.start == t.idx]
                if named:
                    # a named addressee (« à l'AFP ») ends with its name: a name after it is the subject
                    i = ctx.token_at(max(t.idx, named[0].end - 1)).i + 1
                    continue
                while j < len(doc) and doc[j].idx < hi and doc[j].pos_ in ("PROPN", "ADJ", "NUM") \
                        and ctx.region_of(doc[j].idx) is None and not any(
                            m.start == doc[j].idx and m.entity.type == "PER"
                            for m in ctx.mentions_in(doc[j].idx, doc[j].idx + 1)):
                    j += 1
                i = j
                continue
            if not skipped:
                return None  # the parse found no subject where one is plain to see: leave it
            if t.lower_ in ("un", "une") and t.pos_ == "PRON":
                return t  # « l'un des salariés »
            if t.pos_ == "PRON" and not t.lower_.startswith("-"):
                return None
            return t
        i += 1
    return None


def _addressed_medium(ctx: DocContext, head: Token) -> bool:
    """« à l'AFP », « au Parisien »: a medium named after a preposition of address."""
    doc = head.doc
    k = head.i - 1
    while k >= 0 and doc[k].pos_ == "DET" and doc[k].lower_ not in ("au", "aux"):
        k -= 1
    if k < 0 or doc[k].lower_ not in ("à", "au", "aux"):
        return False
    return bool(ctx.medium(head.text) or any(ctx.medium(m.entity.name) for m in ctx.mentions_in(head.idx, head.idx + len(head.text))))


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
            if not any(t.pos_ == "PROPN" for t in toks) and not ctx.medium(name):
                continue  # « selon les premières constatations », « selon l'ordre du jour »: no source
        if name and name != speaker.name and name not in via:
            via.append(name)
    spoken_to = frame_relays(ctx, c.cue_tok, c.speaker, (c.start, c.end), speaker.name, c.cue)
    spoken_to += interlocutors(ctx, c.cue_tok or c.speaker, (c.start, c.end), speaker.name)
    for name in spoken_to:
        if name not in via and name != speaker.name:
            via.append(name)
    if c.same_source_relay:
        prev = res.last(c.anchor, max_sents=4)
        if prev is not None:
            source = prev.via[-1] if prev.via else prev.speaker.name
            if source not in via and source != speaker.name:
                via.append(source)
    if not via:
        # a frame naming its own medium (« a-t-il déclaré à France Info ») starts another
        # interview: the relays of the speaker's earlier words do not carry over
        for name in inherited:
            # a medium relays the passage on; an interlocutor only heard the words said to it
            if name not in via and name != speaker.name and ctx.medium(name):
                via.append(name)
    return _without_sub_names(via)


def _without_sub_names(via: list[str]) -> list[str]:
    """« France 3 Hauts-de-France » and « France 3 » found in one frame are one relay: the
    fuller name stays."""
    return [v for v in via if not any(o != v and o.startswith(v + " ") for o in via)]


def _heading_words(q: Quote) -> str:
    return " ".join(_WORDS.findall(q.content.text.lower()))


def _repeated_later(quotes: list[Quote], i: int) -> int | None:
    q = quotes[i]
    words = _heading_words(q)
    if q.cue is not None or len(q.content.text) > 200 or len(words) < 12:
        return None
    for j in range(i + 1, len(quotes)):
        later = quotes[j]
        if later.content.start >= q.content.end and later.cue is not None and words in _heading_words(later):
            return j
    return None


def _is_heading(ctx: DocContext, q: Quote) -> bool:
    """« "UN MYTHOMANE, UN PEU PERTURBÉ" À l'origine… »: a quotation standing as a section
    heading, glued to the sentence after it."""
    if q.cue_span is not None:
        lo, hi = ctx.glued_bounds(q.content.start)
        if lo <= q.cue_span.start < hi or q.content.start <= q.cue_span.start <= q.content.end + 40:
            return False  # a frame of its own, in its sentence
    text = q.content.text
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) >= 8


def _without_orphan_headings(ctx: DocContext, quotes: list[Quote]) -> list[Quote]:
    """A heading in capitals that no later frame repeats has no speaker the text states: the
    last speaker before it is a guess, not an attribution."""
    drop = {i for i, q in enumerate(quotes) if _is_heading(ctx, q) and _repeated_later(quotes, i) is None}
    return [q for i, q in enumerate(quotes) if i not in drop]


def _link_headings(quotes: list[Quote]) -> None:
    """« "La France est attaquée en son cœur" » as a heading, then the quote that says it: the
    heading repeats a later statement, so it is that statement's, by that speaker."""
    for i, q in enumerate(quotes):
        if q.same_as is not None:
            continue
        j = _repeated_later(quotes, i)
        if j is not None:
            q.speaker = quotes[j].speaker.model_copy()
            q.via = list(quotes[j].via)
            q.same_as = j


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
