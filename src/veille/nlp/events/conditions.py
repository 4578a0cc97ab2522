"""Check a lexicon trigger's argument conditions on the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from .arguments import antecedent_token, names_head, np_span, resolve_token, subject_of
from .lexicon import ENTITY_TYPES, Condition, Lexicon, Trigger

_OBJ_DEPS = {"obj", "nsubj:pass"}
_SUBJ_DEPS = {"nsubj", "obl:agent"}


def is_passive(verb: Token) -> bool:
    if any(c.dep_ == "expl:pass" and c.lemma_ == "se" and c.i < verb.i for c in verb.children) and any(
        c.dep_ == "iobj" and c.lower_ == "en" for c in verb.children
    ):
        # « s'en est pris au Conseil »: a pronominal idiom takes « être » like a passive, but its
        # subject acts (the parse often hangs the subject elsewhere and calls the verb passive)
        return False
    if "Pass" in verb.morph.get("Voice") or any(c.dep_ == "aux:pass" for c in verb.children):
        return True
    # a bare past participle (« semblent menacés », « les soldats déployés ») is passive
    return (
        verb.pos_ == "VERB"
        and "Part" in verb.morph.get("VerbForm")
        and "Past" in verb.morph.get("Tense")
        and not any(c.dep_.startswith("aux") for c in verb.children)
        and not _shares_avoir(verb)
    )


def _shares_avoir(verb: Token) -> bool:
    """« a dénoncé un geste et réclamé une sanction »: a participle opened by « et » whose first
    conjunct is conjugated with « avoir » shares that auxiliary (the parse may hang it on the
    object); « ont été arrêtés et placés en garde à vue » shares a passive one."""
    if not any(c.dep_ == "cc" and c.i < verb.i for c in verb.children):
        return False
    head = verb.head
    for _ in range(3):
        if head is verb or head.i == head.head.i and head.pos_ not in ("VERB", "AUX"):
            return False
        if head.pos_ in ("VERB", "AUX"):
            auxes = [c for c in head.children if c.dep_.startswith("aux")]
            return bool(auxes) and all(c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in auxes)
        head = head.head
    return False


def objects(verb: Token) -> list[Token]:
    out = []
    passive = is_passive(verb)
    for c in verb.children:
        if c.dep_ == "obj" or (passive and c.dep_ == "nsubj:pass"):
            out.append(c)
    if passive and not out and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
        # « 23 personnes interpellées », « des manifestants dispersés par la police »: the noun
        # a passive participle qualifies undergoes it
        out.append(verb.head)
    return out


def subjects(verb: Token) -> list[Token]:
    if verb.pos_ in ("ADJ", "PROPN") and not any(c.dep_ == "aux:pass" for c in verb.children):
        # « sont convenus »: être + participle of an intransitive verb
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "obl:agent")]
    passive = is_passive(verb)
    # an active verb's subject is sometimes labelled nsubj:pass (« des gilets jaunes ont déambulé »)
    out = [c for c in verb.children if c.dep_ == "obl:agent" or (not passive and c.dep_ in ("nsubj", "nsubj:pass"))]
    if passive:
        # « tué par une frappe » is often parsed obl:mod: a « par » oblique is the agent
        out += [c for c in verb.children if c.dep_.startswith("obl") and c.dep_ != "obl:agent" and _prep(c) == "par"]
    return out


def _prep(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "case":
            return c.lower_.replace("’", "'")
    return None


def obliques(tok: Token, prep: str) -> list[Token]:
    """Arguments of tok introduced by prep (« de », « à »…); « en faveur de X » gives X."""
    out = []
    for c in tok.children:
        if not (c.dep_.startswith("obl") or c.dep_ in ("nmod", "iobj")):
            continue
        p = _prep(c)
        if p is None:
            if c.lemma_ == prep:
                out.extend(k for k in c.children if k.dep_ == "nmod")
            continue
        p = {"du": "de", "des": "de", "d'": "de", "au": "à", "aux": "à"}.get(p, p)
        if p == prep:
            out.append(c)
        elif c.lemma_ == "faveur" and prep == "faveur":
            out.extend(k for k in c.children if k.dep_ == "nmod")
    return out


def in_class(tok: Token, name: str, lex: Lexicon) -> bool:
    if name == "*":
        return True
    tok = antecedent_token(tok)
    if name == "EVENT":
        return lex.is_trigger_lemma(tok.lemma_)
    if name in ENTITY_TYPES:
        ent = resolve_token(tok)
        return (
            ent is not None
            and (ent.type == name or (name == "GPE" and ent.type == "LOC"))
            and (tok.pos_ != "NOUN" or names_head(ent, tok))
        )
    members = lex.classes.get(name)
    if members is None:  # a literal lemma list
        return tok.lemma_ in set(name.split(","))
    if tok.lemma_ in members or tok.lower_ in members:
        return True
    etypes = members & ENTITY_TYPES
    if etypes and tok.pos_ in ("PROPN", "NOUN", "PRON"):
        ent = resolve_token(tok)
        # the entity must be what the word names, not an adjective on it (« touristes américains »)
        if ent is not None and (ent.type in etypes or ("GPE" in etypes and ent.type == "LOC")) and (
            tok.pos_ != "NOUN" or names_head(ent, tok) or tok.lemma_ in _QUANTITY
        ):
            return True
    # « une partie de son personnel », « des centaines de soldats »: look through quantity nouns
    if tok.lemma_ in _QUANTITY:
        return any(in_class(c, name, lex) for c in tok.children if c.dep_ == "nmod")
    return False


_QUANTITY = {"partie", "centaine", "millier", "dizaine", "nombre", "plupart", "majorité", "contingent", "ensemble", "reste", "total", "membre", "groupe"}


def _infinitives_of(tok: Token) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "acl") and "Inf" in c.morph.get("VerbForm"):
            out.append(c)
        elif c.dep_ in ("obl:arg", "iobj", "obj"):
            out += [k for k in c.children if k.dep_ in ("acl", "xcomp") and "Inf" in k.morph.get("VerbForm")]
    return out


def _has_infinitive(tok: Token) -> bool:
    """« demander de / à + infinitive », also when parsed under the addressee
    (« suggérer aux alliés de revenir »)."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "acl") and "Inf" in c.morph.get("VerbForm"):
            return True
        if c.dep_ in ("obl:arg", "iobj", "obj"):
            for k in c.children:
                if k.dep_ in ("acl", "xcomp") and "Inf" in k.morph.get("VerbForm") and any(
                    m.dep_ == "mark" and m.lower_ in ("de", "d'", "d’", "à") for m in k.children
                ):
                    return True
    return False


def _holds(atom: Condition, trig: Trigger, tok: Token, lex: Lexicon) -> bool:
    k = atom.kind
    if k == "comp":
        return any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    if k == "xcomp":
        if atom.value:
            return any(in_class(v, atom.value, lex) for v in _infinitives_of(tok))
        return _has_infinitive(tok)
    if k in ("noclitic", "clitic"):
        # « s'en prendre à » attacks (verbally), « prendre part à » takes part
        has = any(c.lower_ == atom.value and c.pos_ == "PRON" for c in tok.children)
        return has == (k == "clitic")
    if k in ("refl", "norefl"):
        # « s'est rendu à la police », « s'excuser », « s'entretenir avec »: the pronominal verb
        return is_reflexive(tok) == (k == "refl")
    if k == "noobj":
        return not any(c.dep_ == "obj" for c in tok.children)
    if k == "nocomp":
        return not any(c.dep_ == "ccomp" for c in tok.children)
    if k == "head":
        head = tok.head
        names = lex.frame(atom.value) if atom.value in ("LIGHT", "OCCUR") else set(atom.value.split(","))
        return head is not tok and head.lemma_ in names
    if k == "amod":
        names = set(atom.value.split(","))
        return any(c.dep_ == "amod" and c.lemma_ in names for c in tok.children)
    if k == "obj":
        return any(in_class(o, atom.value, lex) for o in objects(tok))
    if k == "nosubj":
        # « les manifestants se sont réunis », « l'AFP s'est entretenue avec… »: not a meeting
        subs = subjects(tok)
        if not subs:
            s = subject_of(tok)
            subs = [s] if s is not None else []
        return not any(in_class(s, atom.value, lex) or _phrase_in_class(s, atom.value, lex) for s in subs)
    if k == "subj":
        subs = subjects(tok) or _object_controller(tok, lex)
        if not subs:
            s = subject_of(tok)  # control: « ont commencé à se retirer »
            subs = [s] if s is not None else []
        return any(in_class(s, atom.value, lex) for s in subs)
    if k == "arg":
        cands = objects(tok) + [c for c in tok.children if c.dep_ in ("obl:arg", "iobj")]
        return any(in_class(o, atom.value, lex) for o in cands)
    if k == "obl":
        cands = obliques(tok, atom.prep)
        for o in objects(tok):  # « condamner un Australien à mort »: attached to the object
            cands += obliques(o, atom.prep)
        return any(in_class(o, atom.value, lex) for o in cands)
    if k == "cop":
        # « le personnel était en grève »: the noun is the predicate of « être »
        return any(c.dep_ == "cop" for c in tok.children)
    if k == "follow":
        # an idiom whose words the parse scatters (« pointant au passage du doigt »)
        words = atom.value.split("_")
        nxt = [t.lower_ for t in tok.doc[tok.i + 1 : min(tok.i + 6, tok.sent.end)]]
        return any(nxt[i : i + len(words)] == words for i in range(len(nxt)))
    if k == "pass":
        return is_passive(tok)
    if k == "place":
        # « est attendu à Moscou », « attendu mercredi au Mali » (the place hung on the day)
        return any(_named_place(c) for c in tok.children) or any(
            _named_place(k) for c in tok.children if c.dep_ in ("obl", "obl:mod", "obj") and c.pos_ == "NOUN"
            for k in c.children
        )
    if k == "hobl":
        head = tok.head
        return head is not tok and any(in_class(o, atom.value, lex) for o in obliques(head, atom.prep))
    return False


def is_reflexive(verb: Token) -> bool:
    # « s' » is sometimes tagged as a conjunction, still labelled expl
    return any((c.pos_ == "PRON" or c.lower_ in ("s'", "s’", "se")) and (c.dep_.startswith("expl") or c.lemma_ == "se")
               and c.i < verb.i for c in verb.children)


def _phrase_in_class(tok: Token, name: str, lex: Lexicon) -> bool:
    """« l'ouragan Irma, qui a frappé… »: the relative's antecedent is the name, the word that
    says what it is stands beside it in the phrase."""
    members = lex.classes.get(name)
    if not members:
        return False
    tok = antecedent_token(tok)
    return any(t.lemma_ in members for t in np_span(tok)) or (
        tok.dep_ in ("flat:name", "appos", "nmod") and tok.head.lemma_ in members)


def _named_place(tok: Token) -> bool:
    """« à Moscou », « au Mali »: a place named right there, not one inside another phrase
    (« attendu à un sommet avec la Serbie »)."""
    if tok.pos_ != "PROPN" or not (tok.dep_.startswith("obl") or tok.dep_ == "nmod"):
        return False
    if not any(c.dep_ == "case" and c.lower_ in ("à", "au", "aux", "en") for c in tok.children):
        return False
    ent = resolve_token(tok)
    return ent is not None and ent.type in ("GPE", "LOC")


def _object_controller(tok: Token, lex: Lexicon) -> list[Token]:
    """« accuser les forces de l'ordre d'avoir frappé », « reprocher au juge d'avoir agi »: the
    one accused is the subject of the infinitive, not the accuser."""
    head = tok.head
    if tok.dep_ != "xcomp" or head is tok or head.lemma_ not in lex.classes.get("ALLEGING", ()):
        return []
    return objects(head) + [c for c in head.children if c.dep_ in ("iobj", "obl:arg") and c.i < tok.i]


def conditions_hold(trig: Trigger, tok: Token, lex: Lexicon) -> bool:
    for group in trig.conditions:
        if not any(_holds(a, trig, tok, lex) for a in group):
            return False
    return True
