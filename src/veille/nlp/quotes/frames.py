"""Read a reporting frame off the parse: the speaker phrase of a cue, relays, selon-phrases."""

from __future__ import annotations

from spacy.tokens import Token

from .context import DocContext

_CLITICS = {"-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle", "-t-ils", "-t-elles", "-on", "-t-on"}
_NOT_SPEAKERS = {"ce", "c'", "cela", "ça", "ceci", "qui", "que", "qu'", "se", "s'", "on", "-on", "-t-on",
                 "y", "en", "tout", "rien", "chacun"}
_SUBJ = {"nsubj", "expl:subj", "nsubj:pass"}  # nsubj:pass only reaches here on an active verb
# « X se référant à Y », « X citant Y »: Y speaks, X relays
_REFER = {"référer", "citer", "appuyer", "baser", "fonder", "réfèrer", "citant", "référant"}
_CITED = {"cité", "citée", "cités", "citées", "interrogé", "interrogée", "interrogés", "interrogées",
          "interviewé", "interviewée", "joint", "jointe", "contacté", "contactée", "sollicité", "sollicitée"}


def verb_chain(v: Token) -> list[Token]:
    """Auxiliaries and clitics that belong to the verb group of `v`."""
    return [c for c in v.children if c.dep_.startswith("aux") or c.lower_ in _CLITICS or c.text == "-t"]


def is_passive(v: Token) -> bool:
    if any(c.dep_ in ("aux:pass",) for c in v.children):
        return True
    # « Il a ensuite assuré que… »: the parser sometimes labels the subject of an active compound
    # tense nsubj:pass; with « avoir » as the only auxiliary the verb is active
    return any(c.dep_ == "nsubj:pass" for c in v.children) and not any(
        c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in v.children)


def clitic_subject(v: Token) -> Token | None:
    doc = v.doc
    lo = min([v.i] + [c.i for c in verb_chain(v)])
    for i in range(lo, min(len(doc), v.i + 3)):
        if doc[i].lower_ in _CLITICS and doc[i].lower_ not in {"-on", "-t-on"}:
            return doc[i]
    return None


def _impersonal(v: Token, il: Token) -> bool:
    """The parser calls most « il » before a reporting verb expletive; only a passive or a
    reflexive verb with a que-clause (« il est dit que », « il se murmure que ») is impersonal."""
    if il.lower_ != "il":
        return il.lower_ not in {"elle", "ils", "elles"}
    if is_passive(v) or any(c.dep_.startswith("aux") and c.lemma_ == "être" and "Part" in v.morph.get("VerbForm")
                            for c in v.children):
        return True
    reflexive = any(c.lower_ in {"se", "s'", "s’"} for c in v.children if c.i < v.i)
    que = any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in {"que", "qu'", "qu’"} for g in c.children)
              for c in v.children)
    return reflexive and que


def is_gerund_clause(v: Token, any_head: bool = False) -> bool:
    """A present participle clause (« réfutant… ») on a verb; with any_head, on any word
    (the tagger reads « juge t-il » as a noun: the caller checks it is a reporting verb)."""
    h = v.head
    return (
        h != v and v.dep_ in ("advcl", "acl", "conj", "parataxis") and v.lower_.endswith("ant")
        and "Part" in v.morph.get("VerbForm") and (any_head or h.pos_ in ("VERB", "AUX") or h.dep_ == "ROOT")
        and not any(c.dep_ in _SUBJ for c in v.children)
    )


_FAIRE_LOC = {"valoir", "savoir", "remarquer", "observer"}
_ASIDES = {("de", "côté"), ("pour", "part"), ("à", "tour")}
_TITLES = {"m.", "mme", "me", "mgr", "dr", "pr"}
# « a réagi l'intéressé »: the tagger reads this substantive as an adjective. (« répond l'autre »,
# « ironise la première » are left out: the speaker resolver would read them as the last person named)
_SUBSTANTIVES = {"intéressé", "intéressée", "intéressés", "intéressées"}


def _nominal(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN") or (t.lower_ in _SUBSTANTIVES and t.pos_ in ("PRON", "ADJ", "NUM"))


# subject() follows the parse from verb to verb (coordination, participles, « fait
# savoir »); a parse can loop (« font savoir » with « savoir » an xcomp of « font »),
# so the verbs being resolved are remembered and a verb met again has no subject.
_RESOLVING: set[tuple[int, int]] = set()


def subject(ctx: DocContext, v: Token, allow_inversion: bool = True) -> Token | None:
    """Head of the subject phrase of reporting verb `v` (preposed, clitic, or inverted)."""
    key = (id(v.doc), v.i)
    if key in _RESOLVING:
        return None
    _RESOLVING.add(key)
    try:
        return _resolve_subject(ctx, v, allow_inversion)
    finally:
        _RESOLVING.discard(key)


def _resolve_subject(ctx: DocContext, v: Token, allow_inversion: bool) -> Token | None:
    found = _subject(ctx, v, allow_inversion)
    if found is not None:
        return found
    doc = v.doc
    if v.lemma_.lower() == "faire" and v.i + 1 < len(doc) and doc[v.i + 1].lemma_.lower() in _FAIRE_LOC:
        # « », fait valoir le FN »: the parser makes « fait » an auxiliary of « valoir », which
        # then holds the inverted subject
        return _subject(ctx, doc[v.i + 1], allow_inversion)
    return _participle_subject(ctx, v)


def _participle_subject(ctx: DocContext, v: Token) -> Token | None:
    """« …s'était insurgée contre cette expertise, dénonçant une "méthode" », « s'est défendu en
    expliquant que… »: a present participle with no subject of its own shares the subject of
    the finite verb it depends on, wherever the parser hung it (often on the noun before it)."""
    if not v.lower_.endswith("ant") or "Part" not in v.morph.get("VerbForm") or v.i == 0:
        return None
    prev = v.doc[v.i - 1]
    if prev.text != "," and prev.lower_ not in {"en", "tout"} and not (
            prev.pos_ == "ADV" and v.i > 1 and v.doc[v.i - 2].text == ","):
        return None
    def finite(t: Token) -> bool:
        return t.pos_ in ("VERB", "AUX") and not ctx.in_quote(t) and (
            "Fin" in t.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in t.children))

    h, steps = v.head, 0
    while h.head != h and steps < 5 and not finite(h):
        h, steps = h.head, steps + 1
    if h is v or not finite(h):
        return None
    return _subject(ctx, h, allow_inversion=True)


def _incise_subject_before(v: Token, c: Token) -> bool:
    """« Un geste "contraire à l'esprit sportif", a dénoncé la ministre »: the parser gives the
    incise verb the subject of the clause it closes; the inverted noun after it speaks."""
    doc = v.doc
    first = min([v.i] + [a.i for a in v.children if a.dep_.startswith("aux")])
    if c.i >= first - 1 or first < 2 or doc[first - 1].text != "," or doc[first - 2].text not in '»"”' \
            or c.pos_ == "PRON":
        return False
    if clitic_subject(v) is not None:
        return True  # « Une alliance qui … "…", assure-t-il »
    j = v.i + 1
    while j < len(doc) and j <= v.i + 3 and doc[j].pos_ in ("DET", "ADV", "ADJ"):
        j += 1
    return j < len(doc) and j > v.i + 1 and doc[j - 1].pos_ == "DET" and doc[j].pos_ in ("NOUN", "PROPN")


def _subject(ctx: DocContext, v: Token, allow_inversion: bool = True) -> Token | None:
    for c in v.children:
        if c.dep_ in _SUBJ and not ctx.in_quote(c) and _incise_subject_before(v, c):
            continue
        if c.dep_ == "nsubj:pass" and is_passive(v):
            continue
        if c.dep_ in _SUBJ and not ctx.in_quote(c):
            low = c.lower_.strip("\"«»“”")  # the tokenizer glues quotation marks to words
            if low in _NOT_SPEAKERS:
                return None
            if c.lower_ in {"-t", "-t-"}:
                # « a-t-il »: the euphonic -t is not the subject, the clitic after it is
                clitic = clitic_subject(v)
                if clitic is not None:
                    return clitic
                continue
            if c.lower_ in {"qui"} and v.dep_ == "acl:relcl":
                return v.head
            if c.lower_ in _NOT_SPEAKERS:
                return None
            if c.dep_ == "expl:subj" and _impersonal(v, c):
                continue  # impersonal « il est indiqué que », « il se dit que »
            return c
    clitic = clitic_subject(v)
    if clitic is not None:
        return clitic
    # « La chaîne X se référant à Y, …, a annoncé »: the parser gives the subject to the participle
    for c in v.children:
        # (a present participle outside the quote: a quoted « ont jeté » is not one)
        if c.dep_ == "advcl" and c.i < v.i and "Part" in c.morph.get("VerbForm") \
                and c.lower_.endswith("ant") and not ctx.in_quote(c):
            for g in c.children:
                if g.dep_ == "nsubj" and g.lower_ not in _NOT_SPEAKERS:
                    return g
    # a verb coordinated to a quoted one is the incise after the quote, not a second predicate
    if v.dep_ in ("conj", "xcomp") and v.head.pos_ in ("VERB", "AUX") and v.head.i < v.i and not ctx.in_quote(v.head):
        return subject(ctx, v.head, allow_inversion=False)
    if is_gerund_clause(v, any_head=True) and ctx.in_quote(v.head):
        # « "…", lance le président, réfutant … »: the parser hangs the participle on the
        # quoted verb; it shares the subject of the incise that frames the quote
        for sib in v.head.children:
            if sib.i < v.i and sib.dep_ in ("parataxis", "advcl", "conj") and not ctx.in_quote(sib) \
                    and ctx.lex.token_verb(sib) is not None:
                return subject(ctx, sib, allow_inversion=True)
        return None
    h = v.head
    if (is_gerund_clause(v, any_head=True) and h.pos_ in ("NOUN", "PROPN") and h.head != h
            and ctx.lex.token_verb(h.head) is not None and subject(ctx, h.head) == h):
        # « a affirmé la préfecture, chiffrant à … »: the participle hangs on the inverted
        # subject of the incise, who is the one speaking
        return h
    if is_gerund_clause(v) or (is_gerund_clause(v, any_head=True) and ctx.lex.token_verb(v.head) is not None):
        # « Dénonçant une "folie", il se dit… », « …, lance-t-il, réfutant les accusations »:
        # the present participle shares the subject of the clause it hangs on
        return subject(ctx, v.head, allow_inversion=True)
    if allow_inversion and v.lower_.endswith("ant") and "Part" in v.morph.get("VerbForm"):
        return None  # a present participle has no inverted subject: the noun after it is its object
    if allow_inversion:
        for c in v.children:
            if c.i > v.i and c.dep_ in {"obj", "dep", "appos", "nsubj", "iobj", "obl:arg"} and _nominal(c):
                if not any(g.dep_ == "case" for g in c.children) and not ctx.in_quote(c):
                    return c
        # a parse that hung the inverted subject elsewhere: first noun right after the verb group
        doc = v.doc
        i = v.i + 1
        while i < len(doc) and i < v.i + 3 and (doc[i].pos_ in ("ADV",) or doc[i].lower_ in _CLITICS):
            i += 1
        # « a commenté de son côté M. Benalla », « a ajouté pour sa part le ministre »
        if i + 2 < len(doc) and (doc[i].lower_, doc[i + 2].lower_) in _ASIDES and doc[i + 1].pos_ == "DET":
            i += 3
        if i + 1 < len(doc) and doc[i].lower_ in _TITLES and doc[i + 1].pos_ == "PROPN":
            return doc[i + 1]
        if i < len(doc) and doc[i].pos_ == "DET" and i + 1 < len(doc) and _nominal(doc[i + 1]):
            head = doc[i + 1]
            while head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN") and head.head.i <= i + 4:
                head = head.head
            return head
        if i < len(doc) and doc[i].pos_ == "PROPN":
            return doc[i]
    return None


def referred_source(v: Token, subj: Token | None) -> Token | None:
    """« La chaîne X se référant à Y, … a annoncé »: Y."""
    holders = [v] + ([subj] if subj is not None else [])
    for h in holders:
        for c in h.children:
            if (
                c.dep_ in ("advcl", "acl", "conj")
                and (c.lemma_.lower() in _REFER or c.lower_ in _REFER)
                and "Part" in c.morph.get("VerbForm")  # « citant », « se référant », not « sans citer »
            ):
                for g in c.children:
                    if g.dep_ in ("obl:arg", "obj", "obl:mod", "obl") and g.pos_ in ("NOUN", "PROPN"):
                        return g
    return None


def cited_by(tokens: list[Token]) -> list[Token]:
    """« cité par l'AFP », « interrogé par Le Monde »: the relaying medium."""
    out = []
    for t in tokens:
        if t.lower_ in _CITED:
            doc = t.doc
            j = t.i + 1
            if j < len(doc) and doc[j].lower_ == "par":
                k = j + 1
                while k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN", "X"):
                    out.append(doc[k])
    return out


def prep_phrases(tokens: list[Token], preps=("selon", "après")) -> list[tuple[str, Token, Token]]:
    """(« selon » | « d'après », preposition token, head of its object) within `tokens`."""
    out = []
    for t in tokens:
        # the tokenizer leaves a glued quotation mark on the word ("Selon)
        low = t.lower_.lstrip("\"«“”»")
        if low == "selon" or (low == "après" and t.i > 0 and t.doc[t.i - 1].lower_ in {"d'", "d’"}):
            first = t if low == "selon" else t.doc[t.i - 1]
            obj = t.head if t.head.i > t.i else None
            if t.dep_ != "case":
                obj = None
            if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON", "X"):
                # the parse hung the object elsewhere: the first nominal after the preposition
                j = t.i + 1
                while j < len(t.doc) and t.doc[j].pos_ in ("DET", "ADJ", "ADV"):
                    j += 1
                nxt = t.doc[j] if j < len(t.doc) else None
                ok = nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "X") or nxt.lower_ in {"lui", "elle", "eux", "elles"})
                obj = nxt if ok else None
            # « des rumeurs selon lesquelles … »: the clause is the rumour's, nobody speaks
            if obj is not None and obj.lower_ not in {"lesquelles", "lesquels", "laquelle", "lequel", "qui", "quoi"}:
                out.append(("selon" if low == "selon" else "d'après", first, obj))
    return out


def same_source(tokens: list[Token]) -> bool:
    text = " ".join(t.lower_ for t in tokens)
    return "même source" in text or "mêmes sources" in text


def addressee_media(ctx: DocContext, v: Token) -> list[Token]:
    """« a déclaré à l'AFP », « a confié au Parisien »: the medium the words were given to."""
    out = []
    for c in v.children:
        if c.i <= v.i or c.pos_ not in ("PROPN", "NOUN", "X"):
            continue
        cases = [g.lower_ for g in c.children if g.dep_ == "case"]
        if not cases or cases[0] not in {"à", "au", "auprès"}:
            continue
        names = [m.entity.name for m in ctx.mentions_in(c.idx, c.idx + len(c.text))] + [c.text]
        if any(ctx.lex.is_media_name(n) for n in names):
            out.append(c)
    return out


def conditional(v: Token | None) -> bool:
    """« aurait ajouté », « assurerait »: the journalistic conditional of a reported claim."""
    if v is None:
        return False
    return "Cnd" in v.morph.get("Mood") or any(
        c.dep_.startswith("aux") and "Cnd" in c.morph.get("Mood") for c in v.children)
