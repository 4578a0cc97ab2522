"""Indirect speech: reporting verbs and nouns with their complement, selon/d'après/pour,
cataphoric frames (« C'est ce qu'a déclaré X ») and incises (« …, affirme le ministre »)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .candidate import Candidate
from .context import DocContext
from .direct import MIN_FRAGMENT_WORDS, MIN_SHORT_FRAGMENT_WORDS, words
from .lexicon import Cue
from .frames import addressee_media, cited_by, is_passive, prep_phrases, referred_source, same_source, subject

_CATAPHORA = re.compile(r"^\W*(?:c['’]est|ce sont|voilà)\s+(?:en tout cas\s+|du moins\s+|notamment\s+)?(?:ce|là ce)\s+qu", re.I)
_CLAUSE_BREAK = {"advcl", "parataxis", "conj", "cc"}  # not part of an object-content


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in {"»", '"', "”", ")", "%"}:
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in {"«", '"', "“"}:
        toks.pop(0)
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _quoted_share(ctx: DocContext, start: int, end: int) -> bool:
    """True when the complement holds a real quotation (handled as direct/mixed)."""
    for r in ctx.regions:
        if r.start < end and r.end > start and words(ctx.text[r.start : r.end]) >= MIN_FRAGMENT_WORDS:
            return True
    return False


def _kind(ctx: DocContext, start: int, end: int) -> str:
    """A reported clause holding a quoted fragment (« une "folie autodestructrice" ») is mixed;
    a one-word scare quote (« retirer «temporairement» ») does not make it so."""
    return "mixed" if any(r.start < end and r.end > start and words(ctx.text[r.start : r.end]) >= MIN_SHORT_FRAGMENT_WORDS
                          for r in ctx.regions) else "indirect"


def _is_incise(ctx: DocContext, t: Token) -> bool:
    """« …, relate l'AFP »: a reporting verb after a comma with its subject after it."""
    if t.dep_ not in ("advcl", "parataxis", "conj") or t.pos_ != "VERB" or ctx.lex.token_verb(t) is None:
        return False
    first = min([t.i] + [c.i for c in t.children if c.dep_.startswith("aux")])
    return first > 0 and t.doc[first - 1].text == "," and not any(
        c.dep_ == "nsubj" and c.i < t.i for c in t.children
    )


def _without_incises(ctx: DocContext, toks: list[Token]) -> list[Token]:
    cut = set()
    for t in toks:
        if _is_incise(ctx, t):
            cut.update(x.i for x in t.subtree)
            if t.i > 0:
                cut.add(t.i - 1)
            for c in t.children:
                if c.dep_.startswith("aux"):
                    cut.add(c.i - 1)
    kept = [t for t in toks if t.i not in cut]
    # keep the content contiguous: stop at the first cut
    out = []
    for t in kept:
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out


_DE = {"de", "d'", "d’"}
_CONJ_HEADS = {"pour", "afin", "avant", "sans", "après", "pendant", "alors", "bien", "tant", "dès", "parce", "jusqu'", "jusqu’"}
_A = {"à", "au", "aux"}


def _infinitive_marked(v: Token, marks: set[str]) -> bool:
    # « d'avoir menti »: a past infinitive is a participle under an infinitive auxiliary
    inf = "Inf" in v.morph.get("VerbForm") or any(
        a.dep_.startswith("aux") and "Inf" in a.morph.get("VerbForm") for a in v.children)
    return inf and any(g.dep_ == "mark" and g.lower_ in marks for g in v.children)


def _bare_compound_infinitive(c: Token) -> bool:
    """« a assuré être "ouvert" au dialogue », « ont reconnu avoir été présents », « ont assuré
    n'avoir joué qu'un rôle »: the infinitive is the copula or the auxiliary of the head."""
    return c.dep_ == "xcomp" and c.pos_ in ("VERB", "ADJ", "NOUN") and any(
        g.dep_ in ("cop", "aux:tense", "aux:pass") and g.i < c.i and "Inf" in g.morph.get("VerbForm")
        and g.lower_ in {"être", "avoir"} for g in c.children) and not any(
        g.dep_ == "mark" for g in c.children)


def _own_subtree(ctx: DocContext, c: Token) -> list[Token]:
    """The subtree of `c` without a coordinated reporting participle, which is an act of its
    own (« de lever ses sanctions et réitéré son soutien »: the parser coordinates the
    participle with the infinitive, not with « a enjoint »)."""
    cut: set[int] = set()
    for d in c.children:
        if d.dep_ == "conj" and d.pos_ == "VERB" and "Part" in d.morph.get("VerbForm") and ctx.lex.token_verb(d) is not None:
            cut.update(t.i for t in d.subtree)
            cut.update(g.i for g in d.children if g.dep_ == "cc")
    return [t for t in c.subtree if t.i not in cut and t.i < min(cut, default=len(c.doc))]


def _shared_subject(ctx: DocContext, v: Token) -> Token | None:
    """« a enjoint … et réitéré son soutien »: a coordinated participle with no auxiliary of
    its own shares the auxiliary, and the subject, of the verb group before it."""
    if v.dep_ != "conj" or "Part" not in v.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in v.children):
        return None
    h, steps = v.head, 0
    while steps < 4:
        if h.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("aux") for c in h.children):
            return subject(ctx, h, allow_inversion=False)
        if h.head == h:
            return None
        h, steps = h.head, steps + 1
    return None


def _purpose(kids: list[Token], comp: Token) -> list[Token]:
    """« …d'avoir fait pression sur l'Ukraine pour qu'elle enquête… »: a purpose clause the
    parser hangs on the cue, right after its complement, belongs to that complement."""
    last = max(t.i for t in comp.subtree)
    for d in kids:
        if d.i > last and d.dep_ == "advcl" and min(t.i for t in d.subtree) == last + 1 and any(
                g.dep_ == "mark" and g.lower_ in {"pour", "afin"} for g in d.children):
            return list(d.subtree)
    return []


def _incise_position(v: Token) -> bool:
    """« …, a annoncé l'agence officielle KCNA »: a verb group right after a comma with no
    subject before it is an incise; the noun after it is its inverted subject, not an object."""
    if "Part" in v.morph.get("VerbForm") and "Pres" in v.morph.get("Tense") or v.lower_.endswith("ant"):
        return False  # « , réfutant les accusations »: a participle clause, not an inversion
    first = min([v.i] + [c.i for c in v.children if c.dep_.startswith("aux") or c.lower_ in {"se", "s'", "s’"}])
    # (a subject the parser found before the comma is the clause the incise closes: « Un geste
    # "contraire à l'esprit sportif", a dénoncé la ministre »)
    if first < 2 or v.doc[first - 1].text != ",":
        return False
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < v.i]
    return not subj or (v.doc[first - 2].text in '»"”' and all(c.pos_ != "PRON" for c in subj))


def _complement(ctx: DocContext, v: Token, cue) -> tuple[int, int] | None:
    kids = list(v.children)
    for c in kids:
        if c.i > v.i and c.dep_ in ("ccomp", "obj", "advcl", "xcomp", "dep", "parataxis") and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            marks = [g for g in c.children if g.dep_ == "mark" and g.lower_ in {"que", "qu'", "qu’"}]
            # « pour que », « afin que », « avant que »: an adverbial clause, not what was said
            if any(g.dep_ in ("mark", "case", "advmod") and g.i < marks[0].i and g.lower_ in _CONJ_HEADS
                   for g in c.children) if marks else False:
                continue
            if marks and cue.takes("que"):
                sub = [t for t in c.subtree if t.i > marks[0].i]
                return _span_of(_without_incises(ctx, sub))
    if cue.takes("que"):
        doc = v.doc
        j = v.i + 1
        while j < len(doc) and j <= v.i + 5 and doc[j].lower_ not in {"que", "qu'", "qu’"} and doc[j].pos_ in ("ADV", "NOUN", "NUM", "DET", "ADP", "PROPN") and doc[j].text != ",":
            j += 1
        if j < len(doc) and doc[j].lower_ in {"que", "qu'", "qu’"} and doc[j].pos_ == "SCONJ":
            last = max(t.i for t in v.subtree)
            toks = [t for t in doc[j + 1 : last + 1]]
            return _span_of(_without_incises(ctx, toks))
    if cue.takes("inf"):
        for c in kids:
            if any(g.dep_ in ("mark", "case", "advmod") and g.lower_ in _CONJ_HEADS and g.i < c.i for g in c.children):
                continue  # « a-t-il admis avant de tenir des propos offensifs »: a time clause
            if c.i > v.i and c.dep_ in ("xcomp", "ccomp", "obj") and (
                    "Inf" in c.morph.get("VerbForm") or _infinitive_marked(c, _DE) or _bare_compound_infinitive(c)):
                # « soupçonnent Donald Trump d'avoir fait pression… »: the one the infinitive
                # is about, set between cue and infinitive, is part of what is claimed
                objs = [o for o in kids if v.i < o.i < c.i and o.dep_ in ("obj", "iobj") and o.pos_ in ("NOUN", "PROPN")]
                toks = [t for o in objs for t in o.subtree] + _own_subtree(ctx, c) + _purpose(kids, c)
                return _span_of(v.doc[min(t.i for t in toks) : max(t.i for t in toks) + 1])
        # « Accusé par le président Erdogan d'avoir fomenté… »: on the agent of a participle
        for c in kids:
            if c.dep_ == "obl:agent":
                for g in c.children:
                    if g.i > c.i and g.dep_ in ("acl", "xcomp") and _infinitive_marked(g, _DE):
                        return _span_of(list(g.subtree))
        # « a enjoint la Cédéao de lever », « soupçonnent X d'avoir » : the parser hangs the
        # infinitive on the object
        for c in kids:
            if c.i > v.i and c.dep_ in ("obj", "iobj"):
                for g in c.children:
                    if g.i > c.i and g.dep_ in ("acl", "xcomp") and _infinitive_marked(g, _DE | _A):
                        return _span_of(list(c.subtree))
    if cue.takes("a"):
        # « appelle à la retenue », « appelle à voter »
        for c in kids:
            if c.i <= v.i:
                continue
            if c.dep_ in ("obl:arg", "obl:mod", "obl", "iobj") and any(
                g.dep_ == "case" and g.lower_ in _A for g in c.children
            ):
                return _span_of(list(c.subtree))
            if c.dep_ in ("xcomp", "advcl") and _infinitive_marked(c, _A):
                return _span_of(list(c.subtree))
            if c.dep_ in ("obj", "iobj"):
                # « en appelant les dirigeants à organiser… »: the infinitive hangs on the object
                for g in c.children:
                    if g.i > c.i and g.dep_ in ("acl", "xcomp") and _infinitive_marked(g, _A):
                        return _span_of(list(g.subtree))
    if cue.takes("de"):
        # « arguent du temps nécessaire », « s'inquiète de voir… »: what the de-phrase holds
        for c in kids:
            if c.i > v.i and (
                (c.dep_ in ("obl:arg", "obl:mod", "obl", "iobj", "obj") and c.pos_ in ("NOUN", "PRON", "PROPN")
                 and any(g.dep_ == "case" and g.lower_ in _DE | {"du", "des"} for g in c.children))
                or (c.dep_ in ("xcomp", "advcl") and _infinitive_marked(c, _DE))
            ):
                return _span_of(list(c.subtree))
    if cue.takes("attr") and any(c.lower_ in {"se", "s'", "s’"} for c in kids if c.i < v.i):
        # « il se dit prêt à … », « se disent soucieux de … »
        for c in kids:
            # the parser makes the attribute a ccomp as often as an xcomp (« s'est dit prête à »)
            if c.i > v.i and c.dep_ in ("xcomp", "obj", "acomp", "ccomp", "advmod") and c.pos_ in ("ADJ", "NOUN"):
                return _span_of(list(c.subtree) + _purpose(kids, c))
    if cue.takes("obj") and not _incise_position(v):
        # a named object (« évoque Hillary Clinton », « salue Emmanuel Macron ») is who the cue
        # is about, not what was said
        objs = [c for c in kids if c.i > v.i and c.dep_ == "obj" and c.pos_ == "NOUN"]
        if objs:
            right = [c for c in kids if c.i > v.i and c.dep_ not in _CLAUSE_BREAK and c.dep_ != "punct"]
            last = max(t.i for c in right for t in c.subtree if t.dep_ not in _CLAUSE_BREAK or t.head != v)
            # stop at the first comma that closes the predicate (« , car … »)
            toks = []
            # the content is the object phrase, after the verb group (« a démenti les… »).
            # Characterizing cues keep their verb: the stance `characterize` in reporting.tsv
            # (« a qualifié cette publication d'erreur ») and any cue whose object carries a
            # « comme » attribute (« a décrit l'accord comme une victoire »). Their object alone
            # (« cette publication d'erreur ») is no statement; the verb makes the predication.
            characterizing = cue.stance == "characterize" or any(
                t.lower_ == "comme" and t.head.i != v.i and t.head.head.i == v.i and t.head.pos_ in ("NOUN", "ADJ")
                and not any(g.dep_ == "case" and g.i != t.i for g in t.head.children)  # « comme dans une secte »
                for t in v.doc[v.i + 1 : last + 1])
            first = v.i if characterizing else v.i + 1
            for t in v.doc[first : last + 1]:
                if t.text in {",", ";"} and t.head == v:
                    break
                if t.lower_ == "selon" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in _SELON_REL \
                        and any(_authored_cue_noun(ctx, o) for o in objs):
                    # « a rejeté l'affirmation du syndicat selon laquelle … »: the claim inside is
                    # the noun's author's (_noun_candidates); the verb's content is the noun phrase
                    while toks and toks[-1].text == ",":
                        toks.pop()
                    return _span_of(toks)
                toks.append(t)
            return _span_of(toks + _object_tail(ctx, v, toks))
    return None


# after the object, a comma then one of these opens the writer's words, not the speaker's
_NOT_TAIL = {"malgré", "alors", "tandis", "bien", "même", "selon", "d'", "d’", "avant", "après", "pendant", "lors",
             "depuis", "sans", "si", "mais", "ce", "qui", "dont", "où", "soit", "notamment"}
_REASON = {"car", "parce", "puisque", "puisqu'", "puisqu’"}


def _object_tail(ctx: DocContext, v: Token, toks: list[Token]) -> list[Token]:
    """What runs on after the object's comma and still belongs to what was said: an
    apposition or a coordinated complement with no verb of its own (« déplore des conditions
    précaires, à 130 femmes dans 30 m2 », « son amour à la France, et plus généralement à
    l'Europe »), or the reason the speaker gives (« a qualifié la décision d'erreur, car … »)."""
    if not toks:
        return []
    doc, sent = v.doc, v.sent
    i = toks[-1].i + 1
    if i >= sent.end or doc[i].text != ",":
        return []
    rest = [t for t in doc[i + 1 : sent.end] if not t.is_space]
    cut = next((k for k, t in enumerate(rest) if t.text == ";"), len(rest))
    rest = rest[:cut]
    while rest and rest[-1].is_punct and rest[-1].text not in '»"”)':
        rest.pop()
    if not rest or len(rest) > 30 or any(ctx.region_of(t.idx) is None and t.lower_ in {"selon"} for t in rest):
        return []
    if any(ctx.region_of(t.idx) is not None or t.text[:1] in '«"“' for t in rest):
        # « a salué la victoire de Jamala, "qui n'était pas du tout prédite…" »: the quotation
        # after the comma is a statement of its own (the direct rules own it)
        return []
    if rest[0].lower_ in _REASON:
        return [doc[i]] + rest
    if rest[0].lower_ in _NOT_TAIL or rest[0].pos_ in ("VERB", "AUX", "PRON"):
        return []
    if any(t.pos_ in ("VERB", "AUX") and not ctx.in_quote(t) and (
            "Fin" in t.morph.get("VerbForm") or "Inf" in t.morph.get("VerbForm") or t.lower_.endswith("ant"))
           for t in rest):
        return []
    return [doc[i]] + rest


def _frame_tokens(sent: Span, start: int, end: int) -> list[Token]:
    return [t for t in sent if not (start <= t.idx < end) and not t.is_space]


_NEGATION = {"pas", "jamais", "guère", "aucunement", "nullement"}
# « s'est gardé d'appeler à », « a refusé de commenter »: the cue is what was not said
_WITHHOLD = {"garder", "refuser", "éviter", "abstenir", "renoncer", "hésiter"}


# « peut annoncer », « devrait annoncer », « tenteront de confirmer »: a statement still to come
_MODALS = {"pouvoir", "devoir", "vouloir", "compter", "envisager", "souhaiter", "apprêter", "espérer",
           "tenter", "essayer", "chercher"}


def _not_said(v: Token) -> bool:
    if any(c.lower_ in _NEGATION for c in v.children):
        return True
    h = v.head
    if v.dep_ == "xcomp" and h != v and h.lemma_.lower() in _MODALS and "Inf" in v.morph.get("VerbForm") \
            and not any(c.dep_.startswith("aux") for c in h.children) and "Past" not in h.morph.get("Tense"):
        return True
    return v.dep_ in ("xcomp", "obj", "ccomp") and h != v and (
        h.lemma_.lower() in _WITHHOLD or any(c.lower_ in _NEGATION for c in h.children)
    )


def _verb_candidates(ctx: DocContext, sent: Span, out: list[Candidate]) -> None:
    for v in sent:
        if v.pos_ != "VERB" or ctx.in_quote(v):
            continue
        cue = ctx.lex.token_verb(v)
        if cue is None or _not_said(v):
            continue
        # « Accusés par les républicains d'organiser un spectacle, … », « a été démenti par
        # le ministère »: the agent of a passive cue speaks; with no agent nobody is named
        agent = _agent(v)
        if agent is None and is_passive(v):
            continue
        comp = _complement(ctx, v, cue)
        if comp is None and agent is not None:
            comp = _participle_object(ctx, v, cue)
        if comp is None or comp[1] <= comp[0]:
            continue
        # a complement never runs over a glued sentence end (« …depuis 2013."TOUT L'ENJEU… »)
        comp = ctx.clip(comp[0], comp[1], comp[0])
        if comp[1] <= comp[0]:
            continue
        # a complement holding a quotation is the direct rules' first (they run first and win
        # the overlap); when they find no frame for it, the clause is still reported: mixed
        spk = agent if agent is not None else (subject(ctx, v, allow_inversion=False) or _shared_subject(ctx, v)
                                                or _relative_antecedent(v))
        fallback = None
        narrative = _narrative_infinitive(v) if spk is None else None
        if narrative is not None:
            spk, fallback = narrative
        elif spk is None:
            continue
        if spk is not None and cue.takes("person") and not _person_like(ctx, spk):
            continue  # « Washington pense que… » is the writer's analysis, not a statement
        relays: list[Token] = []
        ref = referred_source(v, spk)
        if ref is not None:
            relays.append(spk)
            spk = ref
        frame = _frame_tokens(sent, *comp)
        relays.extend(cited_by(frame))
        relays.extend(addressee_media(ctx, v))
        for _, prep, obj in prep_phrases(frame):
            if obj is not spk and not same_source(list(obj.doc[prep.i : obj.i + 1])):
                relays.append(obj)
        out.append(Candidate(
            kind=_kind(ctx, *comp), start=comp[0], end=comp[1], cue=cue.lemma, stance=cue.stance, cue_tok=v,
            cue_span=(v.idx, v.idx + len(v.text)), speaker=spk, relays=relays, fallback=fallback,
            same_source_relay=same_source(frame), frame=(sent.start_char, sent.end_char), channel=cue.channel,
        ))


def _participle_object(ctx: DocContext, v: Token, cue) -> tuple[int, int] | None:
    """« les 18 mois de prison réclamés par le parquet »: a past participle of demand with an
    agent, on a noun, says the agent demanded that noun phrase. (Other cues are left out: « un
    décompte contesté par les manifestants » names what they dispute, not what they say.)"""
    h = v.head
    if v.dep_ != "acl" or h.pos_ != "NOUN" or cue.stance != "demand" or not cue.takes("obj") \
            or h.i > v.i or ctx.in_quote(h):
        return None
    while h.dep_ == "conj" and h.head.pos_ == "NOUN" and h.head.i < h.i \
            and not any(c.dep_ == "case" for c in h.children):
        h = h.head  # « 18 mois de prison et 5.000 euros d'amende réclamés »: the whole coordination
    inside = {t.i for t in v.subtree}
    toks = [t for t in h.subtree if t.i < v.i and t.i not in inside]
    inner = next((c for t in toks if t.pos_ == "ADJ" for c in t.children
                  if c.dep_ in ("obl", "obl:arg", "nmod") and c.pos_ == "NOUN" and c.i < v.i), None)
    if inner is not None:
        # « une peine supérieure aux 18 ans requis »: what was asked is the phrase after the comparative
        toks = [t for t in inner.subtree if t.i < v.i and t.i not in inside]
    while toks and (toks[0].pos_ in ("ADP", "CCONJ", "ADV") or toks[0].is_punct):
        toks.pop(0)  # « inférieure aux 18 mois »: the preposition belongs to the clause above
    if not toks or any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return _span_of(toks)


def _relative_antecedent(v: Token) -> Token | None:
    """« Face aux républicains qui les accusent d'organiser… »: the parser does not always make
    the relative an acl:relcl; the noun right before a subject « qui » is its antecedent."""
    qui = next((c for c in v.children if c.dep_ == "nsubj" and c.lower_ == "qui" and c.i < v.i), None)
    if qui is None or qui.i == 0:
        return None
    ante = v.doc[qui.i - 1]
    return ante if ante.pos_ in ("NOUN", "PROPN") else None


def _agent(v: Token) -> Token | None:
    if "Part" not in v.morph.get("VerbForm"):
        return None
    return next((c for c in v.children if c.dep_ == "obl:agent" and c.pos_ in ("NOUN", "PROPN", "PRON")
                 and any(g.lower_ == "par" for g in c.children)), None)


def _person_like(ctx: DocContext, tok: Token) -> bool:
    """A subject that can hold and state a belief: a person, a pronoun, a role noun."""
    if tok.pos_ == "PRON" or tok.lower_.startswith("-"):
        return True
    found = ctx.mentions_in(tok.idx, tok.idx + len(tok.text))
    if found:
        return found[0].entity.type == "PER"
    return ctx.lex.noun_class(tok.lemma_) in ("role", "official", "person")


def _narrative_infinitive(v: Token) -> tuple[Token | None, str | None] | None:
    """« Et la ministre de préciser que… », « Et de vanter… »: the narrative infinitive.
    Returns (head of the subject phrase or None, fallback) when `v` is one."""
    doc = v.doc
    if "Inf" not in v.morph.get("VerbForm") or v.i < 2 or doc[v.i - 1].lower_ not in _DE:
        return None
    i = v.i - 2
    # back over the subject phrase to « Et » opening the clause
    while i >= 0 and i > v.i - 8 and doc[i].lower_ != "et" and doc[i].pos_ in ("DET", "NOUN", "PROPN", "ADJ"):
        i -= 1
    if i < 0 or doc[i].lower_ != "et":
        return None
    opener = doc[i - 1] if i > 0 else None
    if opener is not None and not (opener.is_sent_end or opener.text in {".", "!", "?", "»", '"', ";"} or doc[i].is_sent_start):
        return None
    between = doc[i + 1 : v.i - 1]
    heads = [t for t in between if t.pos_ in ("NOUN", "PROPN")]
    if heads:
        return heads[-1] if heads[-1].pos_ == "PROPN" else heads[0], None
    return None, "previous"


_SELON_REL = {"laquelle", "lequel", "lesquelles", "lesquels"}


def _authored_cue_noun(ctx: DocContext, n: Token) -> bool:
    """« l'affirmation du syndicat »: a reporting noun whose author is named."""
    return ctx.lex.noun(n.lemma_) is not None and any(
        c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN") and any(g.lower_ in {"de", "du", "des", "d'", "d’"} for g in c.children)
        for c in n.children)


def _noun_candidates(ctx: DocContext, sent: Span, out: list[Candidate]) -> None:
    """« les médias ont publié la lettre du commandant X, que … »: the author of the letter."""
    for n in sent:
        if n.pos_ != "NOUN" or ctx.in_quote(n):
            continue
        cue = ctx.lex.noun(n.lemma_)
        if cue is None:
            continue
        author = next((c for c in n.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")
                       and any(g.lower_ in {"de", "du", "des", "d'", "d’"} for g in c.children)), None)
        if author is None:
            continue
        # the content: a que-clause right after the noun phrase, or « selon laquelle … »
        # (« l'annonce de la BCE selon laquelle les taux resteront bas »)
        que = next((t for t in sent if t.i > n.i and (t.lower_ in {"que", "qu'", "qu’"} and t.dep_ == "mark"
                                                      or t.lower_ in _SELON_REL and t.i > 0
                                                      and t.doc[t.i - 1].lower_ == "selon")), None)
        if que is None:
            continue
        between = sent.doc[n.i : que.i]
        if any(t.pos_ == "VERB" for t in between):
            continue
        if que.lower_ in _SELON_REL:
            clause = que.head if que.head.i > que.i else None
            toks = [t for t in (clause.subtree if clause is not None else []) if t.i > que.i]
            content = _span_of(toks)
        else:
            content = _span_of([t for t in que.head.subtree if t.i > que.i])
        if content[1] <= content[0] or _quoted_share(ctx, *content):
            continue
        relays = []
        if n.dep_ == "obj":
            publisher = subject(ctx, n.head, allow_inversion=False)
            if publisher is not None:
                relays.append(publisher)
        out.append(Candidate(
            kind="indirect", start=content[0], end=content[1], cue=cue.lemma, stance=cue.stance, cue_tok=n,
            cue_span=(n.idx, n.idx + len(n.text)), speaker=author, relays=relays,
            frame=(sent.start_char, sent.end_char), channel=cue.channel,
        ))


def _past_apposed_name(ctx: DocContext, toks: list[Token], comma: Token) -> Token:
    """« Selon le ministre de la Santé, Olivier Véran, ce plan… »: the name set between
    commas belongs to the source, what was said starts after the second comma."""
    nxt = next((t for t in toks if t.i == comma.i + 1), None)
    if nxt is None:
        return comma
    for m in ctx.mentions_in(nxt.idx, nxt.idx + len(nxt.text)):
        if m.start == nxt.idx and m.entity.type == "PER":
            second = next((t for t in toks if t.idx >= m.end), None)
            if second is not None and second.text == "," and second.idx == m.end:
                return second
    return comma


def _framed_after_clause(toks: list[Token], before: list[Token], obj: Token) -> Token | None:
    """The comma closing a « , selon X, » set after a finite clause, when words follow it."""
    if not before or before[-1].text != "," or not any("Fin" in t.morph.get("VerbForm") for t in before):
        return None
    last = max(x.i for x in obj.subtree)
    comma = next((t for t in toks if t.i > last and t.text == ","), None)
    if comma is None or comma.i > last + 1 or not any(t.i > comma.i and not t.is_punct for t in toks):
        return None
    return comma


def _prep_candidates(ctx: DocContext, sent: Span, taken: list[Candidate], out: list[Candidate]) -> None:
    toks = [t for t in sent if not t.is_space]
    for kind, prep, obj in prep_phrases(toks):
        if ctx.in_quote(prep):
            continue
        if same_source(list(prep.doc[prep.i : obj.i + 1])) and any(c.frame[0] == sent.start_char for c in taken):
            continue  # a relay of a quote in the same sentence
        if any(c.cue_tok is not None and c.cue_tok.sent == prep.sent and c.kind != "indirect-prep" for c in taken):
            # the sentence has a reporting verb: « selon X » is a relay of it
            continue
        from .speakers import np_tokens
        np = np_tokens(obj, stop_at_comma=True)
        np_end = np[-1].idx + len(np[-1].text) if np else obj.idx + len(obj.text)
        before = [t for t in toks if t.idx < prep.idx]
        after = [t for t in toks if t.idx >= np_end]
        # « En soirée, selon une source, … »: a verb-less lead-in before the phrase does not
        # change where what was said starts
        lead_in = bool(before) and before[-1].text == "," and not any(t.pos_ in ("VERB", "AUX") for t in before)
        if prep.i <= toks[0].i + 2 or not before or all(t.is_punct for t in before) or lead_in:
            # « Selon X cité par Y, … »: what X said starts after the comma closing the phrase
            comma = next((t for t in toks if t.i > prep.i and t.text == ","), None)
            if comma is not None and comma.i <= max(t.i for t in obj.subtree) + 1:
                comma = _past_apposed_name(ctx, toks, comma)
                after = [t for t in toks if t.i > comma.i]
            content = _span_of(after)
        elif not after or all(t.is_punct for t in after):
            content = _span_of(before)
        elif _framed_after_clause(toks, before, obj):
            # « …pourrait saper le soutien américain d'où, selon des analystes, la courte fenêtre
            # de tir »: after a complete clause, the source speaks for what follows it only
            comma = _framed_after_clause(toks, before, obj)
            content = _span_of([t for t in toks if t.i > comma.i])
        else:
            # « les militaires qui, selon certaines informations, ont commencé »: the clause around it
            content = _span_of([t for t in toks if not (prep.idx <= t.idx < np_end)])
        if content[1] - content[0] < 10 or _quoted_share(ctx, *content):
            continue
        fb = "same_source" if same_source(list(prep.doc[prep.i : obj.i + 1])) else None
        out.append(Candidate(
            kind="indirect", start=content[0], end=content[1], cue=kind, stance="assert", cue_tok=prep,
            cue_span=(prep.idx + len(prep.text) - len(prep.text.lstrip("\"«“”»")), prep.idx + len(prep.text)),
            speaker=None if fb else obj, fallback=fb, relays=cited_by(toks),
            frame=(sent.start_char, sent.end_char),
        ))
    # « Pour X, … »: an opinion, only when X can be a speaker
    if toks and toks[0].lower_ == "pour" and len(toks) > 4:
        j = 1
        while j < len(toks) and toks[j].pos_ == "DET":
            j += 1
        # « Pour M. Salamé, … »: the title is not the speaker's head, the name after it is
        if j + 1 < len(toks) and toks[j].lower_ in _TITLES and toks[j + 1].pos_ == "PROPN":
            j += 1
        comma = next((t for t in toks[1:8] if t.text == ","), None)
        if comma is not None and j < len(toks) and (toks[j].pos_ in ("PROPN", "NOUN") or toks[j].lower_ in _STRESSED):
            head = toks[j]
            cls = ctx.lex.noun_class(head.lemma_)
            found = ctx.mentions_in(head.idx, head.idx + 1)
            # « Pour lui, … »: a stressed pronoun stands for a speaker named before
            person = any(m.entity.type == "PER" for m in found) or cls in {"role", "official"} or head.lower_ in _STRESSED
            group = any(m.entity.type == "ORG" for m in found) and head.pos_ == "PROPN" or cls == "body"
            if person or group:
                content = _span_of([t for t in toks if t.i > comma.i])
                # « Pour le parti socialiste, cette défaite est un camouflet » says what the defeat
                # is to the party (a topic); a group holds an opinion when it prescribes
                if group and not person and not _prescribes(toks, comma):
                    content = (0, 0)
                # « Pour M. Salamé, le système est "complètement déréglé" »: a clause holding
                # the speaker's words is a mixed quote (a framed direct quote wins the dedupe)
                if content[1] > content[0]:
                    out.append(Candidate(
                        kind=_kind(ctx, *content), start=content[0], end=content[1], cue="pour", stance="opinion",
                        cue_tok=toks[0], cue_span=(toks[0].idx, toks[0].idx + 4), speaker=head,
                        frame=(sent.start_char, sent.end_char),
                    ))


_STRESSED = {"lui", "elle", "eux", "elles"}
_TITLES = {"m.", "mme", "mlle", "me", "mgr", "dr", "pr"}
_PRESCRIBE = {"falloir", "devoir"}
# judgements a group can hold (« une décision difficile mais indispensable »)
_JUDGE = {"nécessaire", "indispensable", "essentiel", "urgent", "inacceptable", "inadmissible", "intolérable",
          "légitime", "illégitime", "illégal", "injuste", "anormal", "impossible", "prioritaire", "dangereux",
          "scandaleux", "absurde", "irresponsable", "excessif", "insuffisant", "disproportionné"}


def _prescribes(toks: list[Token], comma: Token) -> bool:
    """« Pour l'ONU, il faut… », « Pour la CGT, le gouvernement doit… », « Pour le
    gouvernement, la destruction … a été une décision indispensable »: an opinion, not a topic."""
    return any(t.i > comma.i and (t.lemma_.lower() in _PRESCRIBE or (t.pos_ == "ADJ" and t.lower_.rstrip("s") in _JUDGE
               or t.lower_.rstrip("es") in _JUDGE)) for t in toks)


def _cataphora(ctx: DocContext, i: int, sent: Span, out: list[Candidate]) -> bool:
    """« C'est ce qu'a déclaré X »: the content is the previous sentence."""
    if i == 0 or not _CATAPHORA.match(sent.text) or ctx.region_of(sent.start_char + 2) is not None:
        return False
    v = next((t for t in sent if t.pos_ == "VERB" and ctx.lex.token_verb(t) is not None), None)
    if v is None:
        return False
    cue = ctx.lex.token_verb(v)
    spk = None
    # the inverted subject; time and place complements (« jeudi », « à Paris ») are not it
    for deps in (("nsubj", "obj", "appos", "dep"), ("nmod", "obl:arg")):
        for c in v.children:
            if c.i > v.i and c.dep_ in deps and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_ in ("DATE", "TIME"):
                if not any(g.dep_ == "case" for g in c.children):
                    spk = c
                    break
        if spk is not None:
            break
    if spk is None:
        spk = subject(ctx, v)
    if spk is None:
        return False
    prev = ctx.sents[i - 1]
    content = _span_of([t for t in prev if not t.is_space])
    if content[1] <= content[0]:
        return False
    frame = [t for t in sent]
    out.append(Candidate(
        kind="indirect", start=content[0], end=content[1], cue=cue.lemma, stance=cue.stance, cue_tok=v,
        cue_span=(v.idx, v.idx + len(v.text)), speaker=spk, relays=cited_by(frame),
        same_source_relay=same_source(frame), frame=(sent.start_char, sent.end_char), channel=cue.channel,
    ))
    return True


def _incise(ctx: DocContext, sent: Span, taken: list[Candidate], out: list[Candidate]) -> None:
    """« Les troupes partiront, affirme le ministre. » / «…, relate l'AFP»: a relay when the
    clause before is already a quote."""
    for v in sent:
        if v.pos_ != "VERB" or ctx.in_quote(v) or v.dep_ not in ("parataxis", "advcl", "conj", "ROOT"):
            continue
        if v.lower_.endswith("ant"):
            continue  # « …, emportant le coffre-fort »: a participle clause, not an incise
        cue = ctx.lex.token_verb(v)
        source = _learned_from(v) if cue is None else None
        if source is not None:
            cue = _LEARN
        if cue is None or not cue.takes("quote"):
            continue
        chain_start = min([v.i] + [c.i for c in v.children if c.dep_.startswith("aux")])
        before = v.doc[chain_start - 1] if chain_start > 0 else None
        if before is None or before.text != ",":
            continue
        if any(c.dep_ == "mark" or c.dep_ == "ccomp" for c in v.children if c.i > v.i):
            continue
        spk = source if source is not None else subject(ctx, v)
        if spk is None or spk.i < v.i and spk.dep_ != "expl:subj" and not spk.lower_.startswith("-"):
            continue
        closing = ctx.region_of(before.idx - 2)
        if closing is None and ctx.text[before.idx - 1 : before.idx] in "»\"”":
            closing = next((r for r in ctx.regions if r.close is not None and r.close <= before.idx <= r.after + 1), None)
        if closing is not None and (words(ctx.text[closing.start : closing.end]) >= MIN_FRAGMENT_WORDS
                                    or closing.open <= sent.start_char + 2):
            # a direct quote's frame; a short quoted word at the end of a clause of narration
            # (« C'est un montant "historique", a déclaré l'avocat ») is not one
            continue
        owners = [c for c in taken if c.frame[0] == sent.start_char and c.cue_tok is not None and c.cue_tok.i < v.i]
        if owners:
            for c in owners:
                c.relays.append(spk)
            continue
        content = _span_of([t for t in sent if t.i < chain_start])
        if content[1] - content[0] < 10:
            continue
        out.append(Candidate(
            kind=_kind(ctx, *content), start=content[0], end=content[1], cue=cue.lemma, stance=cue.stance, cue_tok=v,
            cue_span=(v.idx, v.idx + len(v.text)), speaker=spk, frame=(sent.start_char, sent.end_char),
            same_source_relay=same_source(list(sent)), channel=cue.channel,
        ))


# not in reporting.tsv: « apprendre » reports only in this frame (« il a appris que » is learning)
_LEARN = Cue("apprendre", "verb", "report", frozenset({"quote"}), None)


def _learned_from(v: Token) -> Token | None:
    """« …, a-t-on appris auprès de son avocat »: the impersonal « on » learnt it from a
    source, who is the one speaking."""
    if v.lemma_.lower() != "apprendre" or not any(c.lower_ in {"-on", "-t-on", "on"} for c in v.children) \
            and not (v.i + 1 < len(v.doc) and v.doc[v.i + 1].lower_ in {"-on", "-t-on"}) \
            and not any(v.doc[j].lower_ in {"-on", "-t-on"} for j in range(max(0, v.i - 2), v.i)):
        return None
    for c in v.children:
        if c.i > v.i and c.pos_ in ("NOUN", "PROPN") and any(g.dep_ == "case" and g.lower_ == "auprès" for g in c.children):
            return c
    doc = v.doc
    for j in range(v.i + 1, min(len(doc), v.i + 5)):
        if doc[j].lower_ in {"source", "sources"} and doc[j - 1].lower_ in {"de", "d'", "d’"}:
            return doc[j]  # « a-t-on appris de source policière »
        if doc[j].lower_ == "auprès" and j + 2 < len(doc) and doc[j + 1].lower_ in {"de", "du", "des", "d'", "d’"}:
            k = j + 2
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN"):
                return doc[k]
    return None


def is_heading(sent: Span, text: str) -> bool:
    """A subheading: no final punctuation and a line of its own."""
    text = sent.text.strip()
    return bool(text) and text[-1] not in ".!?»\"”:;…)" and len(text) < 120 and (
        sent.end_char >= len(text) or "\n" in text[sent.end_char - 1 : sent.end_char + 1]
        or sent.text.endswith("\n")
    )


def candidates(ctx: DocContext) -> list[Candidate]:
    out: list[Candidate] = []
    for i, sent in enumerate(ctx.sents):
        if is_heading(sent, ctx.text):
            continue
        found: list[Candidate] = []
        if _cataphora(ctx, i, sent, found):
            out.extend(found)
            continue
        _verb_candidates(ctx, sent, found)
        _noun_candidates(ctx, sent, found)
        _incise(ctx, sent, found, found)
        _prep_candidates(ctx, sent, found, found)
        out.extend(found)
    return out
