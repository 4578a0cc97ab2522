"""Tense hints from the spaCy parse: is the verb governing an expression past, present or future?

"mardi" alone is last Tuesday in "a annoncé mardi" and next Tuesday in "se rendra
mardi"; the normalizer asks this module which, through a callback on character
ranges.
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Token

# Verbs whose infinitive complement lies ahead: "va annoncer", "devrait signer", "prévoit de retirer".
_FUTURE_HEADS = {"aller", "devoir", "prévoir", "compter", "espérer", "envisager", "projeter", "vouloir", "souhaiter",
                 "promettre", "s'apprêter", "apprêter", "penser", "entendre", "menacer", "décider", "pouvoir"}
_MAX_STEPS = 6
# Participles that announce rather than report: "prévue le 16 juillet" is still ahead.
_PLANNED = {"prévoir", "programmer", "attendre", "fixer", "planifier", "envisager", "annoncer", "convoquer",
            "reporter", "repousser", "prolonger", "agender", "destiner", "appeler"}


# Verbs whose dated complement may be the day of what they announce rather than their own.
_ANNOUNCE = {"annoncer", "programmer", "fixer", "convoquer", "planifier", "promettre", "appeler"}


# Verbs whose compound past takes être: "est allé" is a past, not a passive state.
_ETRE_VERBS = {"aller", "venir", "arriver", "partir", "entrer", "sortir", "monter", "descendre", "naître", "mourir",
               "tomber", "rester", "retourner", "devenir", "revenir", "parvenir", "décéder", "intervenir", "repartir",
               "rentrer", "survenir", "advenir", "redevenir", "ressortir"}


def _morph(tok: Token, key: str) -> Optional[str]:
    values = tok.morph.get(key)
    return values[0] if values else None


def verb_tense(verb: Token, _depth: int = 0) -> Optional[str]:
    """'past', 'present' or 'future' for a verb token, from its morphology and auxiliaries."""
    if _depth > _MAX_STEPS:
        # Chains of infinitives are short; a longer walk means a malformed parse
        # (seen once on OrangeSum as a RecursionError): no hint rather than a failure.
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:tense")]
    if not auxes:
        passive = [c for c in verb.children if c.dep_ == "aux:pass"]
        if passive:
            if verb.lemma_ in _ETRE_VERBS:
                # "je suis allé", parsed as a passive: a passé composé with être.
                return "future" if _finite_tense(passive[0]) == "future" else "past"
            # "est prévue", "sera signé", "était attendu": the tense is the auxiliary's.
            return _finite_tense(passive[0])
    if auxes:
        aux = auxes[0]
        aux_tense, aux_mood = _morph(aux, "Tense"), _morph(aux, "Mood")
        if aux_tense == "Fut":
            return "future"
        if aux.lemma_ == "aller" and aux_tense == "Pres":
            return "future"
        if aux.lemma_ == "venir":
            return "past"
        # Passé composé, plus-que-parfait, conditionnel passé: the event is past.
        if aux_mood in ("Ind", "Cnd", "Sub") or aux_tense in ("Pres", "Imp", "Past"):
            return "past"
    form, tense, mood = _morph(verb, "VerbForm"), _morph(verb, "Tense"), _morph(verb, "Mood")
    if form == "Inf":
        if any(c.dep_ == "mark" and c.lower_ in ("avant", "pour", "afin") for c in verb.children):
            return None  # "avant de quitter ses fonctions le 30 octobre": after the main event, not dated by it
        head = verb.head
        if head is not verb and head.pos_ in ("VERB", "AUX"):
            if head.lemma_ in _FUTURE_HEADS:
                # "va annoncer": ahead; "devait aboutir vendredi": ahead of a past moment, which
                # may be past or still ahead now.
                return "future" if verb_tense(head, _depth + 1) != "past" else None
            if head.lemma_ == "venir" and any(c.lower_ == "de" for c in verb.children):
                return "past"
            return verb_tense(head, _depth + 1)
        return None
    if form == "Part" and tense == "Past":
        if verb.lemma_ in _PLANNED:
            return None  # "une réunion prévue le 16 juillet"
        return "past"  # a headline participle: "Delevoye entendu mercredi"
    if tense == "Fut":
        return "future"
    if tense in ("Past", "Imp"):
        return "past"
    if mood == "Cnd":
        return "future"
    if tense == "Pres":
        return "present"
    return None


def _finite_tense(aux: Token) -> Optional[str]:
    tense, mood = _morph(aux, "Tense"), _morph(aux, "Mood")
    if tense == "Fut" or mood == "Cnd":
        return "future"
    if tense in ("Imp", "Past"):
        return "past"
    if tense == "Pres":
        return "present"
    return None


def governing_verb(tok: Token) -> Optional[Token]:
    cur = tok
    for _ in range(_MAX_STEPS):
        if cur.pos_ in ("VERB", "AUX") and cur is not tok:
            return cur
        if cur.head is cur:
            break
        cur = cur.head
    if cur.pos_ in ("VERB", "AUX"):
        return cur
    return None


def tense_hints(doc: Doc) -> Callable[[int, int], Optional[str]]:
    """A callback giving the tense of the verb that governs the characters [start, end)."""
    cache: dict[tuple[int, int], Optional[str]] = {}

    def tense(start: int, end: int) -> Optional[str]:
        key = (start, end)
        if key in cache:
            return cache[key]
        span = doc.char_span(start, end, alignment_mode="expand")
        result = None
        if span is not None and len(span):
            # The syntactic head of the expression inside its own span.
            root = span.root
            verb = governing_verb(root)
            if verb is not None:
                result = verb_tense(verb)
                dated_day = any(ch.isdigit() for ch in span.text)
                if result == "past" and dated_day and (
                        verb.lemma_ in _ANNOUNCE
                        or (root.dep_ == "nmod" and root.head.pos_ == "NOUN" and span.text.lower().startswith("le "))):
                    # "a annoncé une journée d'action le 9 janvier", "ont protesté contre la reprise des
                    # cours le 11 mai": the day may be that of the announcement or of the announced
                    # event, still ahead; the nearest such day decides. ("Le putsch du 18 août"
                    # keeps the verb's past.)
                    result = None
        cache[key] = result
        return result

    return tense
