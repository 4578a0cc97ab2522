"""Modality of an event mention from the parse: negation, modal and intention frames,
mood and tense, conditional clauses, reported speech.

`frame_chain` walks from the trigger up its heads through the words that govern
it as content (infinitives, intention nouns, que-clauses) and records every frame
it crosses; `modality_of` turns that into one of the record's modalities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Lexicon

_ADVERBIAL = {"après", "avant", "lorsque", "quand", "puisque", "car", "parce", "tandis", "alors", "depuis", "dès", "comme"}
NEG_WORDS = {"pas", "jamais", "plus", "point", "guère", "aucun", "aucune", "nullement", "ni"}
_CONTENT_DEPS = {"xcomp", "ccomp", "acl", "obj", "obl:arg", "nmod", "csubj", "nsubj", "nsubj:pass", "obl:mod", "conj"}


@dataclass
class Frames:
    negated: bool = False
    hypothetical: bool = False
    planned: bool = False
    conditional_past: bool = False  # journalistic conditional: « l'armée aurait tué »
    cond_mood: bool = False  # present conditional on the event's own verb
    modal_hypo: bool = False  # a modal (pouvoir, devoir…) or « si » made it hypothetical
    reporter: Token | None = None  # the reporting verb of a que-clause holding the event
    selon: Token | None = None  # « selon X »
    report_noun: Token | None = None  # « les communiqués sur… », « des informations au sujet de… »
    chain: list[Token] = field(default_factory=list)


_NE = {"ne", "n'", "n’"}


def _neg(tok: Token) -> bool:
    kids = list(tok.children)
    has_ne = any(k.lower_ in _NE for k in kids)
    for c in kids:
        if c.dep_ in ("advmod", "det", "cc") and (c.lower_ in NEG_WORDS or "Neg" in c.morph.get("Polarity")):
            if c.lower_ in _NE:
                # « ne » alone is expletive (« avant qu'il ne parte ») unless a pas/plus follows
                continue
            if c.lower_ in ("plus", "point", "guère", "ni") and not has_ne:
                continue  # « plus ou moins désireux »: not a negation without « ne »
            if c.lower_ == "pas" and not has_ne and not any(k.lower_ == "non" for k in kids) and c.i > tok.i:
                continue
            return True
        if c.dep_ == "mark" and c.lower_ == "sans":
            return True
    return False


def _mood(tok: Token) -> tuple[set[str], set[str]]:
    """Moods and tenses of a verb, from itself and its auxiliaries."""
    moods, tenses = set(tok.morph.get("Mood")), set(tok.morph.get("Tense"))
    for c in tok.children:
        if c.dep_.startswith("aux"):
            moods.update(c.morph.get("Mood"))
            tenses.update("Aux" + t for t in c.morph.get("Tense"))
    return moods, tenses


def _has_if(tok: Token) -> bool:
    """tok is in a « si » clause, or is the consequence of one (« si X…, Y imposeraient »)."""
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in ("si", "s'", "s’"):
            return not _factual_main(tok.head if tok.head.i != tok.i else tok)
        if c.dep_ == "advcl" and c.i < tok.i and any(k.dep_ == "mark" and k.lower_ in ("si", "s'", "s’") for k in c.children):
            return not _factual_main(tok)
    return False


def _factual_main(main: Token) -> bool:
    """« S'il a réussi à conclure un accord, il a échoué à… »: with a main clause in a past
    tense of the indicative, « si » concedes a fact; a hypothesis needs a conditional, a
    future or a present there (« si la Russie envahissait…, ils imposeraient »)."""
    if main.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    moods, tenses = _mood(main)
    if "Cnd" in moods or "Imp" in moods or "Fut" in tenses or "AuxFut" in tenses or _looks_conditional(main):
        return False
    has_aux = any(c.dep_ == "aux:tense" for c in main.children)
    # a compound past only: the imperfect is the tense of hypotheses too (« s'il songeait à… »)
    return has_aux and "Past" in tenses


_CND_ENDINGS = ("aient", "ait", "ais", "ions", "iez")


def _looks_conditional(tok: Token) -> bool:
    """The tagger sometimes reads « imposeraient » as a present: infinitive + imperfect
    ending is the conditional."""
    text, lemma = tok.lower_, tok.lemma_.lower()
    for e in _CND_ENDINGS:
        if text.endswith(e):
            stem = text[: -len(e)]
            return stem == lemma or (lemma.endswith("re") and stem == lemma[:-1])
    return False


_FUT_ENDINGS = ("ons", "ez", "ont", "ai", "as", "a")


def _looks_future(tok: Token) -> bool:
    """The tagger often reads a first-person plural future (« nous nous retirerons ») as a
    present: infinitive + future ending is the future."""
    text, lemma = tok.lower_, tok.lemma_.lower()
    if not lemma.endswith(("er", "ir", "re")):
        return False
    for e in _FUT_ENDINGS:
        if text.endswith(e):
            stem = text[: -len(e)]
            return stem == lemma or (lemma.endswith("re") and stem == lemma[:-1])
    return False


def frame_chain(trigger: Token, lex: Lexicon, stop_at: set[int] | None = None) -> Frames:
    fr = Frames()
    plan, hypo, neg_frames = lex.frame("PLAN"), lex.frame("HYPO"), lex.frame("NEGATE")
    report = lex.frame("REPORT")
    tok = trigger
    steps = 0
    first_finite_seen = False
    double_neg_at = -1  # « n'avait pas manqué de la reprendre »: a negated negative frame asserts
    while steps < 8:
        steps += 1
        fr.chain.append(tok)
        if _neg(tok) and tok.i != double_neg_at:
            fr.negated = True
        if _has_if(tok):
            fr.hypothetical = fr.modal_hypo = True
        for c in tok.children:
            if c.dep_ in ("advmod", "amod") and c.lemma_ in hypo:
                fr.hypothetical = fr.modal_hypo = True
            if c.dep_.startswith("obl") and any(k.lower_ == "selon" for k in c.children):
                fr.selon = fr.selon or c
        if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm") or any(
            c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in tok.children
        ):
            if not first_finite_seen:
                first_finite_seen = True
                moods, tenses = _mood(tok)
                if "Cnd" not in moods and (_looks_conditional(tok) or any(
                    c.dep_.startswith("aux") and _looks_conditional(c) for c in tok.children
                )):
                    moods.add("Cnd")
                if "Cnd" in moods:
                    if any(c.dep_ == "aux:tense" and "Cnd" in c.morph.get("Mood") for c in tok.children):
                        fr.conditional_past = True
                    else:
                        fr.hypothetical = True
                        fr.cond_mood = True
                if "Fut" in tenses or "AuxFut" in tenses or ("Cnd" not in moods and _looks_future(tok)):
                    fr.planned = True
        head = tok.head
        # a gerund (« en menaçant ») or an infinitive complement parsed as advcl
        # (« autorisée à imposer ») shares the modality of its head
        gerund = tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and (c.lower_ == "en" or (c.lower_ in ("à", "de", "d'", "d’") and "Inf" in tok.morph.get("VerbForm")))
            for c in tok.children
        )
        if head is tok or (tok.dep_ not in _CONTENT_DEPS and not gerund):
            break
        if any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL for c in tok.children):
            break  # « après avoir suspendu… »: a circumstance, not the content of what governs it
        if stop_at and head.i in stop_at:
            break
        lemma = head.lemma_
        if head.pos_ == "NOUN" and lemma in lex.classes.get("REPORTNOUN", ()):
            # « les communiqués sur le retrait… »: the event is what a report says
            fr.report_noun = fr.report_noun or head
        if tok.dep_ == "ccomp" or (tok.dep_ == "obl:mod" and head.lemma_ not in plan):
            # a que-clause: the governing verb reports (or judges) it
            if tok.dep_ == "ccomp" and (lemma in report or head.pos_ == "VERB"):
                fr.reporter = fr.reporter or head
                if _neg(head):
                    fr.negated = True  # « n'a jamais indiqué qu'elle entendait plaider… »
                if fr.conditional_past or (fr.cond_mood and not fr.modal_hypo):
                    # the conditional of a que-clause after a past report is a future in the past
                    fr.conditional_past = False
                    if not any(_has_if(t) for t in fr.chain):
                        fr.hypothetical = False
                        fr.planned = True
                break
            break
        if tok.dep_ in ("nsubj", "nsubj:pass", "obl:mod", "conj"):
            # an event noun subject of « avoir lieu »/« devoir » still takes its verb's modality;
            # subject of another verb (« les manifestations ont rassemblé 31.000 personnes,
            # selon… »), what is said of it is not said of the event
            shared_inf = tok.dep_ == "conj" and "Inf" in tok.morph.get("VerbForm") and "Inf" in head.morph.get("VerbForm")
            if shared_inf:
                # « il allait reporter le sommet et inviter d'autres pays »: coordinated infinitives
                # share what governs the first
                tok = head
                continue
            if tok.dep_ == "conj" or head.pos_ not in ("VERB", "AUX"):
                break
            if tok.dep_.startswith("nsubj") and head.lemma_ not in lex.frame("OCCUR") and head.lemma_ not in hypo:
                break
        if lemma in hypo:
            fr.hypothetical = fr.modal_hypo = True
        elif lemma in neg_frames:
            if _neg(head):
                double_neg_at = head.i
            else:
                fr.negated = not fr.negated
        elif lemma == "devoir":
            moods, tenses = _mood(head)
            if moods & {"Cnd"} or tenses & {"Imp"}:
                fr.hypothetical = fr.modal_hypo = True
            else:
                fr.planned = True
        elif lemma == "aller" and tok.dep_ != "xcomp":
            pass  # « va plus loin en pointant… »: only « aller + infinitive » is a future
        elif lemma in plan and lemma in report and _perfect_infinitive(tok):
            pass  # « a annoncé avoir invité les Nations unies »: announces a thing done
        elif lemma in plan or (lemma == "avoir" and any(c.lemma_ in plan for c in head.children if c.dep_ == "obj")):
            fr.planned = True
        tok = head
    return fr


def _perfect_infinitive(tok: Token) -> bool:
    """« avoir invité », « être parvenu »: a past participle under an infinitive auxiliary."""
    return "Part" in tok.morph.get("VerbForm") and any(
        c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm") for c in tok.children)


def modality_of(fr: Frames) -> str:
    """Priority: negated > hypothetical > planned > claimed (set later from sources) > asserted."""
    if fr.negated:
        return "negated"
    if fr.hypothetical:
        return "hypothetical"
    if fr.planned:
        return "planned"
    if fr.conditional_past or fr.report_noun is not None:
        return "claimed"
    return "asserted"
