"""Find event mentions in a parsed article and build models.Event from them.

One pass over the tokens finds triggers (lexicon lemma + argument conditions);
then, sentence by sentence:
  * a trigger inside the content of an absorbing trigger (« exiger le retrait »,
    « menacer de décréter des sanctions ») is that trigger's content: it gives
    the absorbing event its mode and is not an event of its own;
  * a trigger inside what a denial or confirmation verb governs (« a démenti les
    communiqués sur le retrait ») marks the matching event instead;
  * an event noun governed by another trigger (« une frappe a tué ») is the
    same event;
  * the rest become events: arguments, modality, source, date, place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...models import Entity, Event, Span
from ..docdata import state
from ..docdata import text as doc_text
from .arguments import names_head, np_span, place_of, possessor, resolve_span, resolve_token, subject_of
from .demands import DEMAND, demand_args, is_demand
from .conditions import conditions_hold, is_passive, objects, obliques, subjects
from .groups import GENERIC_PROTESTERS, country_entity, group_entity, is_country
from .lexicon import Lexicon, Trigger
from .modality import frame_chain, modality_of
from .modes import absorbed_mode, assault_mode, consult_mode
from .plover import cameo_for, plover_mode
from .sources import (
    CONFIRM_STANCES,
    DENY_STANCES,
    Source,
    organization_of,
    quote_at,
    source_from_parse,
    source_from_quote,
    speaks_for,
)
from .when import date_for

log = logging.getLogger(__name__)

# Types whose « X de Y » names the one who acts (« le retrait des troupes »);
# for the others Y undergoes it (« l'assassinat de Soleimani »).
_GENITIVE_ACTOR = {"RETREAT", "CONSULT", "PROTEST", "MOBILIZE", "COOPERATE", "AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE", "SUPPORT"}
_FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


@dataclass
class Mention:
    tok: Token
    trig: Trigger
    type: str
    mode: str | None
    absorbed_by: "Mention | None" = None
    content: list["Mention"] = field(default_factory=list)
    governed_by_trigger: bool = False


@dataclass
class Denial:
    mentions: list[Mention]
    by: str | None
    stance: str  # "deny" or "confirm"
    span: Span


def find_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    out = []
    for tok in doc:
        pos = tok.pos_
        lemma = tok.lemma_
        if pos == "AUX" and lemma in lex.verbs:
            pos = "VERB"
        elif pos in ("ADJ", "PROPN") and any(c.dep_ == "aux:pass" for c in tok.children):
            # « a été libéré », « ont été tuées » tagged as adjectives or names: a passive
            # participle all the same (~1 in 300 trigger participles in OrangeSum)
            lemma = next((v for v in _infinitives(_participle_base(tok.lower_)) if v in lex.verbs), None)
            if lemma is None:
                continue
            pos = "VERB"
        elif pos == "ADJ" and any(c.dep_ in ("cop", "aux:tense") for c in tok.children):
            # « sont convenus »: the participle of a verb conjugated with être, tagged as
            # an adjective (other participles after être are passives: « menacés »)
            lemma = next((v for v in _infinitives(lemma) if v in _ETRE_VERBS and v in lex.verbs), None)
            if lemma is None:
                continue
            pos = "VERB"
        if pos == "VERB" and _is_incise(tok) and not _criticizing_incise(tok, lex):
            continue
        if pos not in ("VERB", "NOUN"):
            continue
        trigs = lex.triggers(lemma, pos)
        if not trigs and pos == "VERB" and lemma.endswith("e") and "Fin" in tok.morph.get("VerbForm"):
            # the lemmatizer leaves some present forms as nouns' lemmas (« je demande » -> demande)
            trigs = lex.triggers(lemma + "r", pos)
        if pos == "NOUN" and (_motive(tok) or _qualifier(tok)):
            continue
        if pos == "VERB" and is_demand(tok, lex):
            m = Mention(tok, DEMAND, "REQUEST", None)
            if "Imp" in tok.morph.get("Mood"):
                # the imperative is both the demand and what it asks for
                own = next((t for t in trigs if conditions_hold(t, tok, lex)), trigs[0] if trigs else None)
                if own is not None:
                    m.content.append(Mention(tok, own, own.type, own.mode))
            out.append(m)
            continue
        for trig in trigs:
            if conditions_hold(trig, tok, lex):
                out.append(Mention(tok, trig, trig.type, trig.mode))
                break
    return out


def _motive(noun: Token) -> bool:
    """« En riposte au rétablissement des sanctions », « en représailles à… »: the bare noun
    after « en » gives the motive of the clause's act, it is not an act of its own."""
    return noun.lemma_ in ("riposte", "représailles", "réponse") and any(
        c.dep_ == "case" and c.lower_ == "en" for c in noun.children
    ) and not any(c.dep_ == "det" for c in noun.children)


def _qualifier(noun: Token) -> bool:
    """« ville de départ de nombreux jihadistes », « point de départ »: a bare movement noun
    after « de » qualifies the noun above it; no one leaves there."""
    return noun.lemma_ in ("départ", "retour", "repli") and noun.dep_ == "nmod" and noun.head.pos_ == "NOUN" and not any(
        c.dep_ == "det" for c in noun.children)


_ETRE_VERBS = {"convenir", "partir", "revenir", "retourner", "sortir", "entrer", "rester", "venir", "arriver", "tomber"}


def _is_incise(verb: Token) -> bool:
    """« …, déplore le Pr Boum », « …", a fustigé le juge »: a reporting incise with the
    subject after the verb says who spoke, not what they did to whom."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subj or subj[0].i < verb.i:
        return False
    return not any(c.dep_ in ("obj", "xcomp", "ccomp", "obl:arg") and c.i > verb.i for c in verb.children)


def _criticizing_incise(verb: Token, lex: Lexicon) -> bool:
    """« "…", a déploré Antonio Murillo Calvo », « "…", fustige le syndicat »: an incise whose
    verb itself criticizes is the speaker's act of criticism (PLOVER ACCUSE disapprove), not
    a mere cue; the quotation is its content."""
    if _judge_speaks(verb):
        return False
    return any(t.type == "ACCUSE" and t.mode == "disapprove" and not t.conditions
               for t in lex.triggers(verb.lemma_, "VERB"))


def _judge_speaks(verb: Token) -> bool:
    """« …, a fustigé le président du tribunal »: a judge's words at a hearing belong to the
    ruling (coded by its SANCTION), not a criticism of his own. The inverted subject is often
    parsed as an object."""
    return any(t.lemma_ in _JUDICIAL for c in verb.children if c.dep_ in ("nsubj", "obj") and c.i > verb.i
               for t in c.subtree)


def _participle_base(form: str) -> str:
    """« libérées » -> « libéré », « détruite » -> « détruit »: the masculine singular."""
    if form.endswith("s") and len(form) > 3:
        form = form[:-1]
    if form.endswith("e") and len(form) > 3 and form[-2] in "éiutsx":
        form = form[:-1]
    return form


def _infinitives(participle: str) -> list[str]:
    p = participle.lower()
    out = []
    if p.endswith("é"):
        out.append(p[:-1] + "er")
    if p.endswith("i"):
        out.append(p + "r")
    if p.endswith("u"):
        out += [p[:-1] + "ir", p[:-1] + "re", p[:-2] + "oir"]
    if p.endswith(("it", "is")):
        out += [p[:-1] + "re", p[:-1] + "r"]
    return out


def _governs(head: Token, tok: Token) -> bool:
    """tok lies in what head governs as content (its subtree minus its subject)."""
    if tok.i == head.i:
        return False
    for anc in tok.ancestors:
        if anc.i == head.i:
            return True
    return False


def _in_subject(head: Token, tok: Token) -> bool:
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubj:pass", "obl:agent") and tok in list(c.subtree):
            return True
    return False


# Relations through which a word is the content of the word above it; a path
# through a relative clause, an adverbial clause or a coordination leaves the content.
_CONTENT_PATH = {"obj", "xcomp", "ccomp", "obl:arg", "nmod", "iobj", "acl", "nsubj:pass", "obl", "csubj"}


def structure(mentions: list[Mention], lex: Lexicon) -> None:
    by_i = {m.tok.i: m for m in mentions}
    for m in mentions:
        head = by_i.get(m.tok.head.i)
        if m.tok.pos_ == "NOUN" and head is not None and head is not m and head.type == m.type:
            # « tué par une frappe », « une frappe a tué »: one event, the verb codes it
            m.governed_by_trigger = True
            continue
        if _purpose_of_protest(m, head):
            m.governed_by_trigger = True
            continue
        # nearest governing trigger decides
        child = m.tok
        for anc in m.tok.ancestors:
            if child.dep_ not in _CONTENT_PATH and not _in_subject(anc, m.tok):
                break
            if _own_clause(child):
                break
            child = anc
            other = by_i.get(anc.i)
            if other is None:
                continue
            if _in_subject(anc, m.tok):
                # « une frappe américaine a tué X »: the noun is the verb's instrument
                if m.tok.pos_ == "NOUN" and other.type == m.type:
                    m.governed_by_trigger = True
                break
            if other.trig.absorb:
                m.absorbed_by = other
                other.content.append(m)
            elif m.tok.pos_ == "NOUN" and m.tok.head.i == anc.i and other.type == m.type:
                m.governed_by_trigger = True
            break


def _purpose_of_protest(m: Mention, head: "Mention | None") -> bool:
    """« était en grève … pour protester contre les suppressions », « manifestent pour dénoncer
    la réforme »: what a protest is for is that protest's motive, not a second act."""
    tok = m.tok
    return (head is not None and head.type == "PROTEST" and m.type in ("PROTEST", "ACCUSE")
            and tok.pos_ == "VERB" and "Inf" in tok.morph.get("VerbForm")
            and any(c.dep_ == "mark" and c.lower_ == "pour" for c in tok.children))


def _own_clause(tok: Token) -> bool:
    """A clause with its own subject hung on a noun (« …, le colonel a appelé à… » glued to the
    sentence before), or a present participle clause (« …, exhortant ses compatriotes à… »),
    says what someone does besides, not the content of a trigger above it."""
    if tok.dep_ not in ("acl", "acl:relcl", "nmod", "conj", "obl", "obl:mod") or tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "acl" and "Part" in tok.morph.get("VerbForm") and any(
        c.dep_ == "cc" and c.i < tok.i for c in tok.children
    ):
        # « a dénoncé un geste "…" et réclamé une sanction »: a participle opened by « et » is the
        # second verb of the clause misattached to the object, not what the first one governs
        return True
    if "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense"):
        return True
    return any(c.dep_ == "nsubj" and "Rel" not in c.morph.get("PronType") for c in tok.children)


def find_denials(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Denial]:
    deny, confirm = lex.frame("DENY"), lex.frame("CONFIRM")
    out: list[Denial] = []
    used: set[int] = set()
    # the quote layer's stance first
    for q in state(doc).get("quotes") or []:
        stance = (q.stance or "").lower()
        kind = "deny" if stance in DENY_STANCES else "confirm" if stance in CONFIRM_STANCES else None
        if kind is None:
            continue
        inside = [m for m in mentions if q.content.start <= m.tok.idx < q.content.end]
        if inside:
            src = source_from_quote(doc, q)
            by = organization_of(src.speaker_entity, q.speaker.name if q.speaker else None)
            out.append(Denial(inside, by, kind, q.content))
            used.update(m.tok.i for m in inside)
    # then the parse: « X a démenti les communiqués sur le retrait … »
    for tok in doc:
        if tok.lemma_ not in deny and tok.lemma_ not in confirm:
            continue
        inside = [m for m in mentions if m.tok.i not in used and _governs(tok, m.tok) and not _in_subject(tok, m.tok)]
        if not inside:
            continue
        subj = subject_of(tok) if tok.pos_ in ("VERB", "AUX") else None
        ent = resolve_token(subj) if subj is not None else None
        by = _speaker_org(subj, ent)
        kind = "deny" if tok.lemma_ in deny else "confirm"
        sent = tok.sent
        out.append(Denial(inside, by, kind, _span(doc, sent.start_char, sent.end_char)))
        used.update(m.tok.i for m in inside)
    return out


def _speaker_org(subj: Token | None, ent: Entity | None) -> str | None:
    if subj is None:
        return None
    org = organization_of(ent, None)
    if ent is not None and org != ent.name:
        return org
    # « Earl Brown, porte-parole du commandement central … (CENTCOM) »: an organization
    # in the speaker's apposition is who they speak for
    for c in subj.children:
        if c.dep_ == "appos":
            for t in c.subtree:
                if t.dep_ in ("appos", "nmod") and t.i != c.i:
                    e = resolve_span(t.doc, t.doc[t.i : t.i + 1])
                    if e is not None and e.type == "ORG":
                        return e.name
    return ent.name if ent is not None else None


def _span(doc: Doc, start: int, end: int) -> Span:
    text = doc_text(doc)[start:end]
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    start += lead
    return Span(start=start, end=start + len(stripped), text=stripped)


def _entity_names(ents: list[Entity | None]) -> list[str]:
    out: list[str] = []
    for e in ents:
        if e is not None and e.name not in out:
            out.append(e.name)
    return out


def _noun_args(m: Mention, lex: Lexicon) -> tuple[list[Entity | None], list[Entity | None], float]:
    """Actor and recipients of a nominal trigger, with a confidence bonus."""
    tok = m.tok
    actors: list[Entity | None] = []
    recipients: list[Entity | None] = []
    bonus = 0.0
    for c in obliques(tok, "par"):
        actors.append(_resolve_agent(c))
    for c in tok.children:
        if c.dep_ == "nsubj":  # « le personnel était en grève »: the subject of the copula
            actors.append(_resolve_agent(c, m.type))
        elif c.dep_ == "acl" and c.lemma_ in lex.frame("LIGHT") and "Part" in c.morph.get("VerbForm"):
            # « l'attaque lancée le 4 avril par le maréchal Haftar »: the agent of the light participle
            actors += [_resolve_agent(a) for a in subjects(c)]
        elif c.lemma_ == "part" and any(k.lower_ == "de" for k in c.children if k.dep_ == "case"):
            # « des sanctions de la part de l'UEFA »
            actors += [_resolve_agent(k) for k in c.children if k.dep_ == "nmod"]
    for c in tok.children:
        if c.dep_ == "amod":
            e = resolve_span(tok.doc, tok.doc[c.i : c.i + 1])
            if e is not None and e.type in ("GPE", "LOC", "ORG"):
                actors.append(e)
    # « la libération des otages »: who is released undergoes it (« le retrait des troupes » acts)
    genitive_actor = m.type in _GENITIVE_ACTOR and m.mode != "release"
    for c in obliques(tok, "de"):
        e = _resolve_agent(c) if genitive_actor else resolve_token(c)
        if e is None:
            continue
        if e.type in ("GPE", "LOC") and c.pos_ == "PROPN" and not any(k.dep_ == "det" for k in c.children):
            continue  # « départ d'Irak »: a place left, not who leaves (« le retrait de la France »)
        if genitive_actor:
            actors.append(e)
        else:
            recipients.append(e)
    for c in obliques(tok, "contre") + obliques(tok, "à"):
        e = resolve_token(c)
        if e is not None and e.type != "LOC":
            recipients.append(e)
    if any(c.dep_ == "det" and c.lower_ in ("son", "sa", "ses", "leur", "leurs") for c in tok.children):
        # « son retrait »: who withdraws; « sa détention », « son assassinat »: who undergoes it
        (actors if genitive_actor else recipients).append(possessor(tok))
    head = tok.head
    if (
        head is not tok
        and tok.dep_ in ("obj", "obl:arg", "obl")
        and head.pos_ == "VERB"
        and _carrier(head, m, lex)
    ):
        # « les Etats-Unis ont lancé le retrait », « a annoncé la mobilisation »: the subject
        # of a light or intention verb acts; « l'ONU a documenté l'arrestation » does not
        direct = subjects(head)
        for s in direct or ([subject_of(head)] if subject_of(head) is not None else []):
            if m.type in _GENITIVE_ACTOR or not actors:
                actors.append(_resolve_agent(s))
                bonus += 0.15 if direct and s.pos_ != "PRON" else 0.05
    if not any(actors) and tok.dep_ in ("obl:mod", "obl") and head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "case" and c.lower_ == "en" for c in tok.children
    ) and not any(c.dep_ == "det" for c in tok.children):
        # « Alors en déplacement en Chine, Emmanuel Macron… », « en visite à Moscou, il… »
        s = subject_of(head)
        if s is not None:
            actors.append(_resolve_agent(s))
    entre = obliques(tok, "entre")
    if not any(actors) and entre:
        # « des affrontements entre manifestants et forces de l'ordre »: the first side acts
        actors.append(_resolve_agent(entre[0]))
        for c in entre[0].children:
            if c.dep_ == "conj":
                recipients.append(_resolve_agent(c))
    if not any(actors) and tok.dep_ in ("nsubj", "nsubj:pass") and head is not tok and not any(
            c.dep_ == "cop" for c in tok.children):  # « X sont en grève…, a indiqué Y »: a clause of its own
        # « un retrait, du moins partiel, des forces américaines devaient… » is often
        # parsed with two subjects: the second names the actor
        for c in head.children:
            if c.dep_ == tok.dep_ and c.i != tok.i:
                actors.append(_resolve_agent(c))
    return actors, recipients, bonus


def _carrier(verb: Token, m: Mention, lex: Lexicon) -> bool:
    """verb carries the nominal event m: a light verb, an intention verb, or the verb
    the trigger's own condition names (« mettre fin », « ouvrir le feu »)."""
    if verb.lemma_ == "faire" and any(c.dep_ == "obj" and c.lemma_ in ("face", "objet", "état", "part") for c in verb.children):
        # « il a dû faire face à la répression », « fait l'objet d'une enquête »: he undergoes it
        return False
    if verb.lemma_ in _RECEIVING and m.type in ("SUPPORT", "AID"):
        # « il peut compter sur le soutien de ses homologues »: who receives it does not give it
        return False
    if verb.lemma_ in lex.frame("LIGHT") or verb.lemma_ in lex.frame("PLAN") or verb.lemma_ in lex.frame("OCCUR"):
        return True
    for group in m.trig.conditions:
        for atom in group:
            if atom.kind == "head" and atom.value not in ("LIGHT", "OCCUR") and verb.lemma_ in atom.value.split(","):
                return True
    return False


_RECEIVING = {"compter", "bénéficier", "recevoir", "obtenir", "jouir", "solliciter", "chercher", "perdre", "demander"}

_WORKFORCE = {"personnel", "salarié", "employé", "ouvrier", "travailleur", "agent", "cheminot", "soignant"}
_PROSECUTION = {"parquet", "tribunal", "cour"}
# acts staff do in their own name (a strike, a protest, a complaint), unlike those their
# employer has them do (« le retrait d'une partie de son personnel »)
_OWN_VOICE = {"PROTEST", "ACCUSE", "REQUEST", "REJECT"}

_JUDICIAL = {"tribunal", "cour", "juge", "juridiction", "parquet", "procureur", "magistrat", "chambre"}


def _resolve_agent(tok: Token, etype: str | None = None) -> Entity | None:
    """An agent phrase: « une frappe de drone américain » acts for the United States."""
    if etype in _OWN_VOICE and tok.pos_ == "NOUN" and tok.lemma_ in _WORKFORCE:
        # « le personnel de la centrale EDF Luminus était en grève »: staff act against their
        # employer, not for it; the group as described acts
        # (not a group noun elsewhere: « le retrait d'une partie de son personnel » is its employer's)
        return group_entity(tok) or Entity(id=f"group:{tok.lower_}", name=tok.lower_, type="MISC")
    ent = resolve_token(tok)
    if ent is None and tok.pos_ == "NOUN" and "Plur" not in tok.morph.get("Number") and (
            tok.lemma_ in _PROSECUTION or (tok.lemma_ == "ministère" and any(
                c.dep_ == "amod" and c.lemma_ == "public" for c in tok.children))):
        # « le parquet », « le ministère public », « le tribunal »: a judicial body with no name of
        # its own acts under its description (« des tribunaux fédéraux » in general do not)
        return _court(tok)
    if ent is not None and ent.type in ("GPE", "LOC") and tok.pos_ == "NOUN" and not names_head(ent, tok):
        # « un policier à Minneapolis »: the place in the phrase does not act, the group does
        group = group_entity(tok)
        if group is not None:
            return group
        if tok.lemma_ in _JUDICIAL and not is_country(ent.name):
            # « le tribunal correctionnel de Strasbourg » (~2,500 such phrases in OrangeSum): a
            # court is named after its seat; the city does not judge, the court as described does
            return _court(tok)
    if ent is not None and not _described(ent):
        return ent
    # only a demonym or a name of a state/organization on the phrase acts through it
    # (« une frappe de drone américain », « des soldats américains »), not a person it
    # mentions (« la famille de X »); else the group as described
    for t in np_span(tok):
        if t.pos_ in ("ADJ", "PROPN") and t.i != tok.i:
            e = resolve_span(tok.doc, tok.doc[t.i : t.i + 1])
            if e is not None and e.type in ("GPE", "LOC", "ORG"):
                return e
    return ent


def _court(tok: Token) -> Entity:
    """« la chambre de l'instruction de la cour d'appel de Nîmes »: the phrase, without its
    determiner, names the court (no entity id: it is a description). A bare « la cour », « le
    tribunal » is the one of that kind the article named in full before (not « le parquet »:
    one named earlier is often another city's, where the case began)."""
    if tok.lemma_ in _COURTS and not any(c.dep_ in ("nmod", "amod") for c in tok.children):
        earlier = next((t for t in reversed(tok.doc[: tok.i]) if t.lemma_ == tok.lemma_ and t.pos_ == "NOUN"
                        and any(c.dep_ in ("nmod", "amod") for c in t.children)), None)
        if earlier is not None:
            tok = earlier
    drop = {t.i for c in tok.children if c.i < tok.i for t in c.subtree}  # « par le »
    for c in tok.children:
        case = next((k.lower_ for k in c.children if k.dep_ == "case"), None)
        if c.i > tok.i and case not in (None, "de", "d'", "d’", "du", "des"):
            drop.update(t.i for t in c.subtree)  # « … pour fraude fiscale »
    words = [t for t in np_span(tok) if t.i not in drop]
    label = "".join(t.text_with_ws for t in words).strip().rstrip(",")
    return Entity(id=f"group:{label}", name=label, type="ORG")


def _described(ent: Entity) -> bool:
    """A group known only by its description (groups.descriptive_group)."""
    return ent.id.startswith("group:") and (ent.type == "MISC" or ent.name[:1].islower())


def _resolve_subject(arg: Token, verb: Token) -> Entity | None:
    """« Chef de la Force Al-Qods, …, Qassem Soleimani a été tué »: a fronted title
    is often parsed as the subject; the person named last before the verb is it."""
    if arg.dep_ in ("nsubj", "nsubj:pass") and arg.i < verb.i and arg.pos_ == "NOUN" and not any(
        c.dep_ == "det" for c in arg.children
    ):
        last = max(arg.subtree, key=lambda t: t.i)
        name = last.head if last.dep_ == "flat:name" else last
        if name.pos_ == "PROPN":
            ent = resolve_span(arg.doc, arg.doc[name.i : last.i + 1])
            if ent is not None and ent.type == "PER":
                return ent
    return resolve_token(arg)


def _expected_visitor(verb: Token) -> list[Entity | None]:
    """« le médiateur de la Cédéao, l'ancien chef de l'Etat nigérian Goodluck Jonathan, est
    attendu »: the subject of the passive comes; a person named in it before an organization."""
    found = []
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubj:pass"):
            found.append(_resolve_subject(c, verb))
            found += [resolve_token(k) for k in c.children if k.dep_ == "appos"]
    people = [e for e in found if e is not None and e.type == "PER"]
    return people[:1] or [e for e in found if e is not None][:1]


def _fronted_subject(verb: Token) -> Token | None:
    """« L'ancien émissaire de l'ONU en Libye, Ghassan Salamé, s'en est pris… »: a subject with an
    apposition is sometimes parsed as a bare noun modifier of the verb; a finite verb with no
    subject, and a bare noun phrase before it (no preposition, no date), has it back."""
    if not _finite(verb):
        return None
    times = state(verb.doc).get("times") or []
    for c in verb.children:
        if c.i >= verb.i or c.dep_ != "obl:mod" or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(k.dep_ == "case" for k in c.children) or any(t.start <= c.idx < t.end for t in times):
            continue
        appos = next((k for k in c.children if k.dep_ == "appos"), None)
        return appos if appos is not None and resolve_token(appos) is not None else c
    return None


def _verb_args(m: Mention) -> tuple[list[Entity | None], list[Entity | None], float]:
    tok = m.tok
    direct = subjects(tok)
    actors = [_resolve_agent(s, m.type) for s in direct]
    bonus = 0.15 if any(actors) and not any(s.pos_ == "PRON" for s in direct) else 0.05 if any(actors) else 0.0
    if not any(actors) and not is_passive(tok):
        s = subject_of(tok)
        if s is None:
            s = _fronted_subject(tok)
        if s is not None and not _quoted_away(tok, s):
            actors.append(_resolve_agent(s, m.type))
    recipients: list[Entity | None] = [_resolve_subject(o, tok) for o in objects(tok)]
    # « a invité les Nations unies et l'Union européenne »: every conjoined name is a recipient
    recipients += [resolve_token(c) for o in objects(tok) for c in o.children
                   if c.dep_ == "conj" and c.pos_ == "PROPN"]
    for prep in ("à", "contre", "avec", "de"):
        if prep == "de" and m.type not in ("REQUEST", "ACCUSE"):
            continue
        for c in obliques(tok, prep):
            if c.dep_ in ("obl:arg", "iobj") or prep in ("contre", "avec"):
                recipients.append(resolve_token(c))
    return actors, recipients, bonus


def _name_protesters(events: list[Event], persons: set[str] = frozenset()) -> None:
    """« les manifestants » of an article about a named movement's protest are that
    movement's: the actor of its protests with a named actor. A person who protests
    (or is misread as protesting) is not a movement the crowd belongs to."""
    movement = next((e.actors[0] for e in events if e.type == "PROTEST" and e.actors
                     and e.actors[0] not in GENERIC_PROTESTERS and not is_country(e.actors[0])
                     and e.actors[0] not in persons and e.modality == "asserted"), None)
    if movement is None:
        return
    for e in events:
        e.actors = [movement if a in GENERIC_PROTESTERS else a for a in e.actors]
        e.recipients = [movement if a in GENERIC_PROTESTERS else a for a in e.recipients if a != movement or a in GENERIC_PROTESTERS]


def sent_of(tok: Token):
    return tok.sent


def _counts_only(src: Source, etype: str, sent) -> bool:
    """« Les manifestations ont rassemblé 31.000 personnes, selon le ministère »: « selon »
    vouches for the figure of a public protest, not for the protest having taken place."""
    q = src.quote
    if etype != "PROTEST" or q is None or (q.cue or "").lower() != "selon":
        return False
    return any(t.like_num or t.pos_ == "NUM" for t in sent)


def _quoted_away(tok: Token, subj: Token) -> bool:
    """« Assad interpelle la France : "Attaquer la Libye…" »: an infinitive quoted with no
    subject of its own is not done by whoever the parse hangs it on outside the quotation."""
    if "Inf" not in tok.morph.get("VerbForm"):
        return False
    q = quote_at(tok.doc, tok.idx)
    return q is not None and not (q.content.start <= subj.idx < q.content.end)


def build_events(doc: Doc, lex: Lexicon) -> list[Event]:
    mentions = find_mentions(doc, lex)
    if not mentions:
        return []
    structure(mentions, lex)
    denials = find_denials(doc, mentions, lex)
    denied = {id(m) for d in denials for m in d.mentions}
    published = (state(doc).get("published") or None)
    pub_value = getattr(published, "value", None)
    events: list[Event] = []
    for m in mentions:
        if m.governed_by_trigger or id(m) in denied:
            continue
        accused: list[Entity] | None = None
        if m.absorbed_by is not None:
            accused = _accused(m, lex)
            if not accused:
                continue
        try:
            ev = _event_for(doc, m, lex, pub_value, accused)
        except Exception:  # noqa: BLE001  one odd parse must not cost the article's other events
            log.exception("event coding failed on %r", m.tok.sent.text[:80])
            continue
        if ev is not None:
            events.append(ev)
    from .merge import merge_events

    _name_protesters(events, {e.name for e in state(doc).get("entities") or [] if e.type == "PER"})
    events = merge_events(events, lead_end(doc_text(doc)))
    _apply_denials(doc, events, denials, lex, pub_value)
    return events


def lead_end(text: str) -> int:
    """Where the title ends: a short first paragraph without final stop; 0 when the text has
    none. (A heading cannot be told from a short first paragraph of the body.)"""
    head, sep, _ = text.partition("\n\n")
    title = head.strip()
    if not sep or not title or len(title) > 200 or title[-1] in ".!?…":
        return 0
    return len(head)


def _accused(m: Mention, lex: Lexicon) -> list[Entity] | None:
    """« Les démocrates soupçonnent Donald Trump d'avoir fait pression… », « accusé d'avoir
    tué… »: what an allegation says the accused did is an event of its own, claimed, done by
    the accused (an infinitive without subject: the accusation's object)."""
    acc = m.absorbed_by
    if acc is None or acc.type != "ACCUSE" or acc.tok.lemma_ not in lex.classes.get("ALLEGING", ()) or acc.tok.pos_ != "VERB":
        return None
    verb = m.tok
    if verb.pos_ == "NOUN" and verb.dep_ == "obj" and verb.head.i != acc.tok.i:
        verb = verb.head  # « d'avoir fait pression sur » (« fait » often tagged as a noun)
    infinitive = "Inf" in verb.morph.get("VerbForm") or any(
        c.dep_ == "aux:tense" and "Inf" in c.morph.get("VerbForm") for c in verb.children)  # « d'avoir tué »
    if not infinitive or verb.head.i != acc.tok.i:
        return None
    if any(c.dep_.startswith("nsubj") for c in verb.children):
        return None
    ents = [_resolve_agent(o) for o in objects(acc.tok)]
    ents += [resolve_token(c) for c in acc.tok.children if c.dep_ == "iobj" or (c.dep_ == "obl:arg" and c.i < m.tok.i)]
    return [e for e in ents if e is not None][:1] or None


def _event_for(doc: Doc, m: Mention, lex: Lexicon, pub_value: str | None,
               accused: list[Entity] | None = None) -> Event | None:
    tok = m.tok
    if tok.pos_ == "NOUN":
        actors, recipients, bonus = _noun_args(m, lex)
    elif m.trig is DEMAND:
        actors, recipients = demand_args(tok)
        bonus = 0.0
    else:
        actors, recipients, bonus = _verb_args(m)
    if accused:
        actors, bonus = list(accused), 0.0
    cued = _quote_cued_by(doc, tok) if m.type in _SPEECH_TYPES and _finite(tok) and not _judge_speaks(tok) else None
    if cued is not None and tok.lemma_ in _ARGUING:
        return None  # « "…", soutient la dirigeante »: as a cue of speech « soutenir » is to argue, not to back
    if cued is not None and not accused:
        # « "…", a déploré M. Salamé »: the quote layer has read who speaks through this very
        # verb (inverted or misparsed subjects); the speaker is who criticizes, calls or praises
        speaker = source_from_quote(doc, cued).speaker_entity
        if speaker is not None and not _described(speaker):
            actors = [speaker]
    expected = tok.pos_ == "VERB" and tok.lemma_ in lex.frame("EXPECT")
    if expected:
        actors = _expected_visitor(tok)
    actor_names = _entity_names(actors)
    place_ent = None
    if expected:  # « attendu dimanche à Manille »: the place hangs on the day
        place_ent = next((p for c in tok.children if c.dep_ in ("obl", "obl:mod", "obj") and c.pos_ == "NOUN" and c.i > tok.i
                          and (p := place_of(c, 0)) is not None), None)
    place_ent = place_ent or place_of(tok)
    if place_ent is None and tok.pos_ == "NOUN" and tok.head.i != tok.i and m.type == "PROTEST":
        place_ent = place_of(tok.head)
    if not actor_names and m.type == "PROTEST" and place_ent is not None:
        # « une manifestation contre la présence française à Bamako »: unnamed protesters
        # are coded by their country, as PLOVER and CAMEO code unnamed actors
        country = country_entity(doc, place_ent.country)
        if country is not None:
            actor_names = [country]
    if not actor_names and m.type == "COERCE" and tok.lemma_ in lex.classes.get("POLICEACT", ()) and _agentless(tok):
        police = _police_before(tok)
        if police is not None:
            actor_names = [police.name]
    if not actor_names and m.type == "SANCTION" and m.mode == "convict" and _agentless(tok):
        court = _court_near(tok)
        if court is not None:
            actor_names = [court.name]
    if not actor_names and m.type == "ASSAULT" and tok.lemma_ in _EXECUTING and _agentless(tok) and (
            tok.pos_ == "VERB" or any((e := resolve_token(c)) is not None and e.type == "PER" for c in obliques(tok, "de"))):
        # « leader des exécutions »: executions in general are no one act
        state_ = _executing_state(doc)
        if state_ is not None:
            actor_names = [state_.name]
    if not actor_names:
        return None
    if tok.lemma_ == "prendre" and m.type == "ACCUSE" and all(_described(a) for a in actors if a is not None):
        # « des individus s'en sont pris au véhicule »: unnamed people who « s'en prennent à »
        # something often strike it; only a named speaker's attack is surely verbal
        return None
    if m.type in ("CONSULT", "AGREE", "SUPPORT", "COOPERATE") and set(actor_names) <= GENERIC_PROTESTERS:
        return None  # « ils se sont rendus à Downing Street »: a march, not a visit
    if place_ent is None and m.type in ("RETREAT", "MOBILIZE", "SANCTION"):
        place_ent = _place_from_args(tok, actor_names)
    if place_ent is None and tok.pos_ == "NOUN" and tok.head is not tok:
        place_ent = place_of(tok.head)
    rec_names = [n for n in _entity_names(recipients) if n not in actor_names]
    if place_ent is not None and m.type in ("RETREAT", "CONSULT", "AGREE") and place_ent.name in rec_names:
        rec_names.remove(place_ent.name)

    announcer = _announcer_of_act(m, lex)
    if announcer is not None:
        # « l'Elysée a annoncé la démission de Gérard Collomb »: the resignation is Collomb's;
        # the announcement dates and frames it (« annoncera » is still planned), it is not an intention
        actor_names = _entity_names(_genitive_doers(tok))
        if not actor_names:
            return None
        fr = frame_chain(announcer, lex)
    else:
        fr = frame_chain(tok, lex)
    if expected:
        fr.planned = True
    modality = modality_of(fr)
    if accused:
        # the accusation's own modality says whether it is made; what it alleges is claimed
        fr = frame_chain(m.absorbed_by.tok, lex)
        acc_modality = modality_of(fr)
        if acc_modality in ("negated", "hypothetical"):
            return None
        modality = "claimed"
    etype, mode = m.type, m.mode
    cameo_mode = mode
    if m.content:
        mode = absorbed_mode(etype, mode, [c.type for c in m.content], [c.tok for c in m.content])
        cameo_mode = mode
    if etype == "ASSAULT":
        mode = assault_mode(tok, mode)
        cameo_mode = mode
    if etype == "CONSULT":
        mode = consult_mode(tok, mode)
        cameo_mode = mode
    if modality == "planned":
        # PLOVER: an announced future retreat is CONCEDE; future cooperation is AGREE
        if etype == "RETREAT":
            etype, mode, cameo_mode = "CONCEDE", None, "intent-retreat"
        elif etype in _FUTURE_TO_AGREE and not expected:  # an expected visitor agreed to nothing
            etype, mode, cameo_mode = "AGREE", None, None

    reported_by: list[str] = []
    q = quote_at(doc, tok.idx)
    if q is not None and (_cued_by(q, tok) or (tok.pos_ == "NOUN" and tok.head.i != tok.i and _cued_by(q, tok.head))):
        q = None  # « a exprimé sa satisfaction »: the quote layer reads the act itself as speech
    if announcer is not None and q is not None and _cued_by(q, announcer):
        q = None  # the quote layer reads « a annoncé la démission de X » as speech: its speaker is the announcer
    src: Source | None = source_from_quote(doc, q) if q is not None else source_from_parse(fr.reporter, fr.selon)
    if src is not None and src.names:
        reported_by = [n for n in src.names if n]
        if reported_by and reported_by[0] in actor_names:
            reported_by = reported_by[1:]  # the actor's own statement: only its relays report it
        if modality == "asserted" and not speaks_for(src.speaker_entity, src.names[0], actor_names) and not _counts_only(
            src, etype, sent_of(tok)
        ):
            modality = "claimed"
    if q is None and src is None and modality == "asserted" and _in_unattributed_speech(tok):
        modality = "claimed"
    if announcer is not None:
        agents = [a for a in (_resolve_agent(x) for x in subjects(announcer)) if a is not None]
        by = _entity_names(agents)
        reported_by = [n for n in by if n not in actor_names] + [n for n in reported_by if n not in by]
        # « William Barr a annoncé la démission de M. Berman »: a third party's announcement is
        # its claim (Berman may deny it), as for any reported act, unless it speaks for the actor
        if modality == "asserted" and any(n not in actor_names for n in by) and not any(
            speaks_for(a, a.name, actor_names) for a in agents
        ):
            modality = "claimed"
    if accused:
        accusers = _entity_names(_verb_args(m.absorbed_by)[0])
        reported_by = [n for n in accusers if n not in actor_names] + [n for n in reported_by if n not in accusers]
    date_value = date_for(doc, tok, m)
    if date_value and pub_value and modality in ("asserted", "planned") and not _date_of_a_noun(doc, tok, date_value):
        if _over_a_year_before(date_value, pub_value):
            modality = "historical"
    sent = tok.sent
    code, root, quad = cameo_for(etype, cameo_mode)
    confidence = 0.45 + bonus + (0.1 if rec_names else 0.0) + (0.1 if tok.pos_ == "VERB" else 0.0)
    if m.trig.conditions:
        confidence += 0.1
    sent_text = sent.text.strip()
    if sent_text and sent_text[-1] not in ".!?»\"…" and len(sent) < 15:
        confidence -= 0.1  # a headline: terse, the body usually says it better
    return Event(
        type=etype,
        mode=plover_mode(etype, mode),
        actors=actor_names,
        recipients=rec_names,
        place=place_ent.name if place_ent is not None else None,
        coordinates=list(place_ent.coordinates) if place_ent is not None and place_ent.coordinates else None,
        date=date_value,
        modality=modality,
        reported_by=reported_by,
        evidence=_span(doc, sent.start_char, sent.end_char),
        trigger=Span(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text),
        confidence=round(min(confidence, 0.95), 2),
        cameo=root,
        quad_class=quad,
    )


_OPEN_QUOTES = {'"': '"', "«": "»", "“": "”"}


def _in_unattributed_speech(tok: Token) -> bool:
    """« "La dame au bout du fil, elle a appelé la police", soupire une opératrice »: words in
    quotation marks that open the sentence and close before an incise are someone's speech even
    when the quote layer has not read who speaks; what they tell is claimed."""
    sent = tok.sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.lstrip()
    if not body or body[0] not in _OPEN_QUOTES:
        return False
    close = body.find(_OPEN_QUOTES[body[0]], 1)
    if close < 0:
        return False
    rel = tok.idx - sent.start_char - lead
    return 0 < rel < close and body[close + 1 : close + 3].lstrip().startswith(",")


def _over_a_year_before(value: str, published: str) -> bool:
    """« lancée le 4 avril 2019 » in an article of 1 July 2020: more than a year before the
    publication (by the month when both dates give one, else by the year)."""
    try:
        vy, py = int(value[:4]), int(published[:4])
        if len(value) >= 7 and len(published) >= 7 and value[4] == "-" and value[5:7].isdigit():
            months = (py * 12 + int(published[5:7])) - (vy * 12 + int(value[5:7]))
            if months != 12:
                return months > 12
            return len(value) >= 10 and len(published) >= 10 and value[8:10] < published[8:10]
        return vy < py - 1
    except (ValueError, IndexError):
        return False


_FAMILY = {"CONCEDE": "RETREAT"}

# Acts that are done by being made public: announcing, handing in or confirming a resignation
# is resigning. (OrangeSum: « annoncé sa démission » ~40 times, « annoncé la démission de » ~10.)
_DONE_BY_ANNOUNCING = {"resign"}
_ANNOUNCING = {"annoncer", "officialiser", "présenter", "remettre", "confirmer", "donner", "acter", "rendre"}


def _announcer_of_act(m: Mention, lex: Lexicon) -> Token | None:
    """The verb that makes the nominal act m public (« a annoncé sa démission »), or None."""
    tok = m.tok
    if tok.pos_ != "NOUN" or m.mode not in _DONE_BY_ANNOUNCING or tok.dep_ != "obj":
        return None
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX") or head.lemma_ not in _ANNOUNCING:
        return None
    return head


def _genitive_doers(tok: Token) -> list[Entity | None]:
    """Who does the act a noun names: « la démission de X », « sa démission ». A place is not
    who resigns (« le maire de Paris a remis sa démission »): better no actor than the city."""
    doers = [_resolve_agent(c) for c in obliques(tok, "de")]
    if any(c.dep_ == "det" and c.lower_ in ("son", "sa", "ses", "leur", "leurs") for c in tok.children):
        # « quatre adjoints de la mairie de Lyon ont présenté leur démission »: the subject must
        # name who resigns, not only mention the body they belong to
        subj = subject_of(tok.head) if tok.head.i != tok.i else None
        ent = possessor(tok)
        if subj is not None and ent is not None and (subj.pos_ in ("PROPN", "PRON") or names_head(ent, subj)):
            doers.append(ent)
    return [e for e in doers if e is not None and e.type not in ("GPE", "LOC")]


# criticism and praise are made by speaking; a verb of asking after a quotation mostly asks a
# question (« ", demande Bachar Al-Assad »), so REQUEST is left to the parse
_SPEECH_TYPES = {"ACCUSE", "SUPPORT"}
_ARGUING = {"soutenir", "maintenir", "défendre"}


def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm") or any(
        c.dep_.startswith("aux") and "Fin" in c.morph.get("VerbForm") for c in verb.children)


def _quote_cued_by(doc: Doc, tok: Token):
    """The quote whose reporting cue is this trigger (« a déploré », « fustige »), or None."""
    for q in state(doc).get("quotes") or []:
        if q.speaker is not None and _cued_by(q, tok):
            return q
    return None


def _cued_by(q, verb: Token) -> bool:
    cue = q.cue_span
    return cue is not None and cue.start <= verb.idx < cue.end


def _date_of_a_noun(doc: Doc, tok: Token, value: str) -> bool:
    """« M. Bolton dénonce le manque de préparation de Trump pour son sommet avec M. Kim, en
    juin 2018 »: a date inside the object dates what the object names, not the verb's act, and
    does not make that act historical."""
    if tok.pos_ != "VERB":
        return False
    sent = tok.sent
    spans = [t for t in state(doc).get("times") or []
             if t.value and t.value.startswith(value) and sent.start_char <= t.start < sent.end_char]
    if not spans:
        return False
    inside = []
    for c in tok.children:
        if c.dep_ in ("obj", "nsubj", "nsubj:pass", "obl:arg"):
            sub = list(c.subtree)
            inside.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    return all(any(lo <= t.start < hi for lo, hi in inside) or _under_complement_noun(doc, tok, t.start) for t in spans)


def _under_complement_noun(doc: Doc, verb: Token, start: int) -> bool:
    """« Belgrade refuse de reconnaître l'indépendance proclamée en 2008 », « soutenu par l'Occident
    qui … l'indépendance proclamée en 2008 »: the date hangs on a noun inside an argument of the
    verb (through its infinitive, que-clause or a relative), so it dates that noun."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    path = []
    for anc in [span[0], *span[0].ancestors]:
        if anc.i == verb.i:
            break
        path.append(anc)
    else:
        return False
    if not path or path[-1].dep_ not in ("xcomp", "ccomp", "obj", "obl:arg", "iobj", "nsubj", "nsubj:pass", "obl:agent"):
        return False
    return any(t.pos_ in ("NOUN", "PROPN") and t.i != span[0].i and t.dep_ != "obl:mod" for t in path[1:])
_POLICE_WINDOW = 1500  # characters before the trigger where the text names the police at work


def _agentless(tok: Token) -> bool:
    """« 23 personnes ont été interpellées », « les interpellations »: a passive or a bare
    noun hides who acted."""
    if tok.pos_ == "NOUN":
        # counted arrests (« 27 interpellations », « les arrestations ») or one of a named person;
        # not the practice (« une technique d'interpellation », « la doctrine de l'interpellation »)
        if "Plur" in tok.morph.get("Number") or any(c.dep_ == "nummod" for c in tok.children):
            return True
        return any((e := resolve_token(c)) is not None and e.type == "PER" for c in obliques(tok, "de"))
    return is_passive(tok) and not subjects(tok)


def _police_before(tok: Token) -> Entity | None:
    """The police body the text has named at work in or just before this sentence (« dispersés
    par la police », « les forces de l'ordre »): the actor of an agentless arrest. No police
    named, no actor: one is never invented."""
    doc = tok.doc
    sent = tok.sent
    lo = max(0, sent.start_char - _POLICE_WINDOW)
    found = None
    for t in doc[doc.char_span(lo, sent.end_char, alignment_mode="expand").start : sent.end]:
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_ in _POLICE_HEADS:
            g = group_entity(t)  # « la police », « les forces de l'ordre », « une source policière »
            if g is not None and g.name in _POLICE_BODIES:
                found = g
    return found


_COURTS = {"tribunal", "cour"}


def _court_near(tok: Token) -> Entity | None:
    """« X a été condamné à deux ans de prison … devant le tribunal correctionnel de Lyon »: the
    court the sentence names passed the sentence. No court named, no actor (a jury, a judge or
    « la justice » are left alone)."""
    sent = tok.sent
    # only the sentence's own court: one named earlier often judged something else (an appeal, a stay)
    in_sent = [t for t in sent if t.pos_ == "NOUN" and t.lemma_ in _COURTS]
    for t in in_sent:
        ent = resolve_token(t)
        if ent is not None and ent.type == "ORG" and names_head(ent, t):
            return ent
        if any(c.dep_ in ("nmod", "amod") for c in t.children):  # « la cour d'appel de Nîmes », not « la cour »
            return _court(t)
    return None


_EXECUTING = {"exécuter", "exécution"}
# an article about a death sentence: « sera exécuté » there is the state carrying it out
_DEATH_PENALTY = ("peine de mort", "peine capitale", "condamné à mort", "condamnée à mort", "condamnés à mort",
                  "couloir de la mort", "injection létale", "chaise électrique", "pendaison")


def _executing_state(doc: Doc) -> Entity | None:
    """« Jeffery Wood ne sera pas exécuté », « le premier ayant été exécuté en 2002 » in an article
    on a death sentence: the state whose justice sentenced him executes him, the place the article
    names most (Texas, Iran). No death sentence in the text (an execution by a gang), no actor."""
    low = doc_text(doc).lower()
    if not any(k in low for k in _DEATH_PENALTY):
        return None
    places = [e for e in state(doc).get("entities") or [] if e.type in ("GPE", "LOC")]
    if not places:
        return None
    return max(places, key=lambda e: len(e.mentions))


# head nouns and names of the police rows of groups.tsv
_POLICE_HEADS = {"police", "policier", "CRS", "gendarme", "gendarmerie", "force", "ordre", "source"}
_POLICE_BODIES = {"police", "forces de l'ordre", "gendarmerie", "National Police", "National Gendarmerie"}


def _place_from_args(tok: Token, actor_names: list[str]) -> Entity | None:
    """« quitter l'Irak », « retirer ses soldats d'Irak », « ses soldats déployés en Irak »."""
    doc = tok.doc
    cands = objects(tok) + obliques(tok, "de")
    if tok.pos_ == "NOUN":
        cands += [c for c in tok.children if c.dep_ == "nmod"]
    for o in cands:
        e = resolve_span(doc, doc[o.i : o.i + 1]) if o.pos_ == "PROPN" else None
        if e is None and o.pos_ == "PROPN":
            e = resolve_span(doc, np_span(o))
        if e is not None and e.type in ("GPE", "LOC") and e.name not in actor_names:
            return e
        for c in o.children:
            if c.dep_ == "nmod" or c.dep_.startswith("acl"):
                e = place_of(c) if c.dep_.startswith("acl") else resolve_span(doc, np_span(c))
                if e is not None and e.type in ("GPE", "LOC") and e.name not in actor_names:
                    return e
    return None


def _apply_denials(doc: Doc, events: list[Event], denials: list[Denial], lex: Lexicon, pub_value) -> None:
    for d in denials:
        for m in d.mentions:
            mtype = _FAMILY.get(m.type, m.type)
            # a group known by description (« des soldats américains ») may be any named actor's
            actors = _entity_names([e for e in (_noun_args(m, lex) if m.tok.pos_ == "NOUN" else _verb_args(m))[0]
                                    if e is not None and not _described(e)])
            target = None
            for ev in events:
                if _FAMILY.get(ev.type, ev.type) != mtype:
                    continue
                if actors and not set(actors) & set(ev.actors):
                    continue
                if ev.modality in ("negated",):
                    continue
                target = ev
                break
            if target is None:
                continue
            field_ = target.disputed_by if d.stance == "deny" else target.confirmed_by
            if d.by and d.by not in field_:
                field_.append(d.by)
