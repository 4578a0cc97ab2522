"""Who is speaking: turn the head token of a speaker phrase into a Speaker.

Names resolve through the entity layer (``entities.resolve.resolve_np`` when it
exists, else the entity whose mention lies in the phrase). Pronouns and role
nouns (« il », « la ministre », « le député irakien ») resolve by salience: the
most recent compatible person or speaker before them, gender from morphology.
Unnamed officials (« un responsable de l'Otan ») speak for their organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from ...models import Entity, Span as MSpan, Speaker
from ...settings import DATA_DIR
from . import bodies
from .context import DocContext

# Dependents that stay inside a noun phrase when we cut it out of the parse.
_NP_DEPS = {"det", "amod", "nmod", "case", "flat:name", "flat", "flat:foreign", "appos", "nummod",
            "compound", "fixed", "advmod", "dep", "mark"}
_PRONOUNS = {"il": ("Masc", False), "elle": ("Fem", False), "ils": ("Masc", True), "elles": ("Fem", True),
             "-il": ("Masc", False), "-elle": ("Fem", False), "-ils": ("Masc", True), "-elles": ("Fem", True),
             "celui-ci": ("Masc", False), "celle-ci": ("Fem", False), "lui": ("Masc", False)}
_FEM_DETS = {"la", "une", "sa", "cette", "l'ex", "mme", "madame"}
_MASC_DETS = {"le", "un", "ce", "cet", "m.", "monsieur", "du", "au"}
_INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois", "quelques", "d'"}
_DEFINITE = {"le", "la", "l'", "l’", "ce", "cet", "cette"}
# « l'AFP.A Washington »: a one-letter word (« A », « À ») may open the glued sentence too
_GLUED_IN_WORD = re.compile(r"(?<=[\w)])[.!?](?=[A-ZÀ-ÖØ-Þ](?:[a-zà-öø-ÿ]|[\s\u00a0]))")
_PERSONAL = ("PER",)
_HEADING = re.compile(r"^[^a-zà-ÿ]*?[-–—]\s?(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’])")
_MEDIA_NAME = "media"
# endings of French nouns of people (journaliste, pensionnaire, commentateur, politologue…): a
# definite one of them is someone, where « le comité de X » is a body
_AGENT_ENDINGS = ("iste", "aire", "eur", "euse", "trice", "logue", "ien", "ienne", "ier", "ière", "ant", "ante",
                  "ent", "ente", "ard", "arde")
# what « selon » may name that is a rule or a criterion, not a source
_RULES = {"disposition", "loi", "article", "texte", "règlement", "décret", "code", "principe", "règle", "critère",
          "modalité", "calendrier", "scénario", "hypothèse", "modèle", "logique", "formule", "procédure",
          "classement", "barème", "grille", "norme", "méthode", "définition", "usage", "tradition", "coutume"}
# people quoted by what they are (« les secouristes », « ses proches », « le salarié »): the noun
# lexicon lists officials and bodies, these are the other unnamed sources of the news
_PEOPLE = {"service", "secouriste", "pompier", "riverain", "salarié", "employé", "observateur", "défenseur",
               "victime", "famille", "parent", "élève", "étudiant", "partisan", "opposant", "détracteur",
               "critique", "soutien", "voisin", "organisateur", "habitant", "proche", "habitué", "usager",
               "agriculteur", "éleveur", "commerçant", "soignant", "infirmier", "enseignant", "policier",
               "gendarme", "secours", "ouvrier", "grévistes", "gréviste", "rebelle", "insurgé", "villageois",
               "manifestant", "participant", "supporter", "fan", "consommateur", "citoyen", "électeur"}
# « en tant qu'aide soignante »: what someone works as, a word or two before the noun
_AS_A = re.compile(r"en tant qu(?:e\s|'|’)\s*(?:\w+[\s-])?$")
_HONORIFICS = {"me", "m.", "mme", "mlle", "dr", "pr", "maître", "monsieur", "madame", "docteur", "professeur"}


@dataclass
class Said:
    """A speaker already attributed, kept for later pronouns and « la même source »."""

    pos: int
    sent: int
    speaker: Speaker
    etype: str | None
    gender: str | None
    plural: bool
    via: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name -> "Fem" / "Masc" (data/quotes/first_names.tsv)."""
    out: dict[str, str] = {}
    try:
        with open(DATA_DIR / "quotes" / "first_names.tsv", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                g, names = line.rstrip("\n").split("\t", 1)
                for n in names.split():
                    out.setdefault(n.lower(), "Fem" if g.strip() == "F" else "Masc")
    except OSError:
        pass  # no list: the tagger's guesses and the titles decide
    return out


def first_name_gender(name: str) -> str | None:
    words = name.split()
    return first_names().get(words[0].lower()) if len(words) >= 2 else None


def _named_like_person(ent: Entity) -> bool:
    """« Maïtena Biraben » typed ORG by the NER: a known first name and a capitalised surname."""
    words = ent.name.split()
    return ent.type != "PER" and not ent.linked and 2 <= len(words) <= 3 and bool(first_name_gender(ent.name)) \
        and all(w[:1].isupper() for w in words)


def _try_resolve_np():
    try:
        from ..entities.resolve import resolve_np  # type: ignore

        return resolve_np
    except Exception:  # the entities layer may not provide it yet
        return None


_RESOLVE_NP = _try_resolve_np()


_GENITIVE = {"de", "du", "des", "d'", "d’", "à"}  # « au Parisien » is an addressee, not a description


def _keep_child(c: Token) -> bool:
    if c.dep_ not in _NP_DEPS or (c.dep_ == "dep" and c.pos_ == "PUNCT"):
        return False
    if c.dep_ == "nmod":
        # « de l'Otan », « à l'Otan » name who the speaker is; « sur Twitter » says where
        cases = [g.lower_ for g in c.children if g.dep_ == "case"]
        if cases and cases[0] == "à":
            return c.pos_ == "PROPN"  # « à l'Otan », not « à une "actualisation" »
        return not cases or cases[0] in _GENITIVE
    return True


def np_tokens(head: Token, stop_at_comma: bool = False) -> list[Token]:
    """The noun phrase headed by `head`, without relative clauses, participles or conjuncts."""
    keep = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if _keep_child(c):
                keep.append(c)
                stack.append(c)
    keep.sort(key=lambda t: t.i)
    # contiguous block around the head, edges without punctuation
    lo = hi = head.i
    idx = {t.i for t in keep}
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx or (hi + 2 in idx and head.doc[hi + 1].text in {",", "-", "("} and not stop_at_comma):
        if stop_at_comma and head.doc[hi + 1].text == ",":
            break
        hi += 1
    toks = [head.doc[i] for i in range(lo, hi + 1)]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1] is not head:
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space) and toks[0] is not head:
        toks.pop(0)
    while toks and toks[0].dep_ == "case" and toks[0] is not head:
        toks.pop(0)
    # a parenthesis left open by the cut is noise
    opened = [i for i, t in enumerate(toks) if t.text == "("]
    if opened and not any(t.text == ")" for t in toks[opened[-1]:]):
        nxt = toks[-1].i + 1
        if nxt < len(head.doc) and head.doc[nxt].text == ")":
            toks.append(head.doc[nxt])
        else:
            toks = toks[: opened[-1]]
    return toks


# a poll or a study states figures, it relays no one (« selon une enquête Harris interactive »)
_SURVEYS = {"sondage", "enquête", "étude", "baromètre", "comptage", "décompte"}
# the press a speaker informs is an addressee (« a informé la presse »), not a relay
_ADDRESSED = {"presse", "journaliste", "public"}


def relay_source(tok: Token) -> bool:
    """Whether the relay phrase headed by `tok` names a source that relays words."""
    lemma = tok.lemma_.lower()
    if lemma in _SURVEYS or tok.lower_ in _SURVEYS:
        return False
    if tok.dep_ in ("obj", "iobj") and lemma in _ADDRESSED:
        return False
    return True


def _span(text: str, toks: list[Token]) -> MSpan:
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return MSpan(start=s, end=e, text=text[s:e])


def token_gender(tok: Token) -> str | None:
    g = tok.morph.get("Gender")
    return g[0] if len(g) == 1 else None


def np_gender(toks: list[Token], head: Token) -> str | None:
    for t in toks:
        if t.i >= head.i:
            break
        low = t.lower_
        if low in _FEM_DETS:
            return "Fem"
        if low in _MASC_DETS:
            return "Masc"
    for t in toks:
        if t.head == head and t.pos_ == "ADJ":
            g = token_gender(t)
            if g:
                return g
    return None


class Resolver:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.history: list[Said] = []
        self._genders: dict[str, str | None] = {}
        self._subjects: list[Token] | None = None
        self._nested = False  # resolving a role subject for a pronoun: no deeper lookups
        self._fuller: dict[str, Entity] | None = None
        # (sentence rank, medium) of the last report a medium gave (« selon BFMTV »)
        self.report: tuple[int, str] | None = None
        # the content of the quote being attributed: who it names in the third person
        # (« ce qu'a dit le Premier ministre ») is not who says it
        self.content: tuple[int, int] = (0, 0)
        # person mentions outside quotations, the antecedents pronouns may take
        self.persons = [m for m in ctx.mentions if (m.entity.type in _PERSONAL or _named_like_person(m.entity))
                        and ctx.region_of(m.start) is None and not self._common_noun_phrase(m)]

    def _apposed_person(self, toks: list[Token], cls: str | None):
        """« le commandant des forces américaines en Irak, William Seely, »: the name set
        after a role phrase by a comma is who speaks, whatever the role resolves to."""
        if not toks:
            return None
        # a title the noun lexicon lacks (« La Haut Commissaire des Nations unies…, Michelle
        # Bachelet, ») counts when the name is set off by commas on both sides
        closed_only = cls not in ("role", "official")
        if closed_only and cls is not None:
            return None
        doc = toks[0].doc
        j = toks[-1].i + 1
        # the complement may run on (« … en Irak », « d'En Marche ! ») before the comma; a role
        # phrase opening its clause may take a second role (« Ancien porte-parole du PCF et actuel
        # conseiller municipal à Pau, Olivier Dartigolles a estimé »)
        first = toks[0]
        fronted = first.i == 0 or bool(first.is_sent_start) or self.ctx.glued_bounds(first.idx)[0] >= first.idx - 1
        reach = 14 if fronted else 4
        while j < len(doc) and j <= toks[-1].i + reach and doc[j].text != "," and (
                doc[j].pos_ in ("ADP", "DET", "PROPN", "NOUN", "ADJ") or doc[j].text in ("!", "(", ")")
                or (fronted and doc[j].pos_ in ("CCONJ", "ADV"))):
            if self.ctx.region_of(doc[j].idx) is not None:
                return None
            j += 1
        if j + 1 >= len(doc) or doc[j].text != ",":
            return None
        nxt = doc[j + 1]
        if nxt.lower_ in _HONORIFICS and j + 2 < len(doc):
            nxt = doc[j + 2]  # « l'avocat d'Yvon Collin, Me François Saint-Pierre, »
        for m in self.ctx.mentions_in(nxt.idx, nxt.idx + len(nxt.text)):
            if closed_only:
                after = self.ctx.text[m.end : m.end + 2].lstrip()
                if not after.startswith(","):
                    continue
            if m.entity.type == "PER" and m.start == nxt.idx:
                span = _span(self.ctx.text, [toks[0], doc[j - 1]])
                return self._speaker_of(m.entity, span), "PER", self.entity_gender(m.entity), False, False
        return None

    def _speaker_bonus(self, said: Said) -> float:
        """A speaker already quoted is the topic of the passage: more salient than a subject
        only mentioned, the more so the more often quoted; a place that « said » something
        (« la France a indiqué ») is a poor antecedent for « il »/« elle » next to persons."""
        n = sum(1 for h in self.history if h.speaker.name == said.speaker.name)
        bonus = 1.0 + min(1.5, 0.5 * (n - 1))
        if not said.plural and said.etype not in ("PER", None) and not said.speaker.description:
            bonus -= 3.0
        return bonus

    def _role_subjects(self) -> list[Token]:
        if self._subjects is None:
            self._subjects = [
                t for t in self.ctx.doc
                if t.dep_ == "nsubj" and t.pos_ == "NOUN" and "Plur" not in t.morph.get("Number")
                and self.ctx.lex.noun_class(t.lemma_) in ("role", "official", "body")
                and self.ctx.region_of(t.idx) is None
            ]
        return self._subjects

    def _fronted(self, m) -> bool:
        """« Le député de l'Essonne et président de DLF, Nicolas Dupont-Aignan, a appelé… »: a
        name at the head of its sentence, alone or after its titles, is what the sentence is about."""
        if self._role_mention(m):
            return False  # a role the entity layer gave to someone is not a name
        lo, _ = self.ctx.glued_bounds(m.start)
        before = self.ctx.tokens_in(lo, m.start)
        if not before:
            return True
        return before[-1].text == "," and not any(t.pos_ in ("VERB", "AUX") for t in before)

    def _common_noun_phrase(self, m) -> bool:
        """« cet Etat du Sud » typed PER by the NER: a determiner before a name is not a person."""
        tok = self.ctx.token_at(m.start)
        if tok is None or tok.i == 0:
            return False
        prev = tok.doc[tok.i - 1]
        return prev.pos_ == "DET" and prev.lower_ in {"ce", "cet", "cette", "ces", "le", "la", "les", "l'", "l’", "un", "une"} and tok.pos_ != "PROPN"

    # -- entity facts --------------------------------------------------------------
    def entity_gender(self, ent: Entity, strong: bool = False) -> str | None:
        """With `strong`, only titles and determiners vote: the tagger's gender on a
        foreign name (« Shin Beom-chul ») is a guess."""
        key = ent.id + ("/strong" if strong else "")
        if key in self._genders:
            return self._genders[key]
        votes = {"Fem": 0, "Masc": 0}
        # a known first name outweighs the tagger, which reads « Nathalie » or « Mélanie » as masculine
        known = first_name_gender(ent.name)
        if known:
            votes[known] += 4
        for m in ent.mentions:
            tok = self.ctx.token_at(m.start)
            if tok is None:
                continue
            guess = tok.pos_ == "PROPN" or tok.text[:1].isupper()
            g = None if (strong or known) and guess else token_gender(tok)
            if g in votes:
                votes[g] += 1
            if tok.i > 0:
                prev = tok.doc[tok.i - 1].lower_
                if prev in {"mme", "madame"}:
                    votes["Fem"] += 3
                elif prev in {"m.", "monsieur"}:
                    votes["Masc"] += 3
            g = self._apposed_gender(tok, m.end)
            if g in votes:
                votes[g] += 2
        for r in ent.roles:
            first = r.title.split()[0].lower() if r.title else ""
            if first.endswith(("rice", "euse", "ière", "ienne", "ée", "ante", "ente")):
                votes["Fem"] += 2
        g = None if votes["Fem"] == votes["Masc"] else max(votes, key=votes.get)
        self._genders[key] = g
        return g

    def _apposed_gender(self, tok: Token, end: int) -> str | None:
        """« Le maire de Nice, Christian Estrosi », « Anne Hidalgo, la maire de Paris »: the
        determiner of a role phrase set beside a name by a comma tells the person's gender."""
        doc = tok.doc
        if tok.i > 1 and doc[tok.i - 1].text == ",":
            k = tok.i - 2
            while k > 0 and tok.i - k < 10 and doc[k - 1].text not in (",", ".", ":", ";", "\n") \
                    and doc[k - 1].pos_ not in ("VERB", "AUX") and not doc[k].is_sent_start:
                k -= 1
            g = self._role_det_gender(doc, k)
            if g:
                return g
        last = self.ctx.token_at(max(0, end - 1))
        if last is not None and last.i + 2 < len(doc) and doc[last.i + 1].text == ",":
            return self._role_det_gender(doc, last.i + 2)
        return None

    def _role_det_gender(self, doc, k: int) -> str | None:
        """Gender of « le/la [adj] <role noun> » starting at token k, else None."""
        if k + 1 >= len(doc):
            return None
        det = doc[k].lower_
        j = k + 1
        while j < len(doc) and doc[j].pos_ == "ADJ":
            j += 1
        if j >= len(doc) or self.ctx.lex.noun_class(doc[j].lemma_.lower()) != "role":
            return None
        if det in ("le", "un", "ce", "cet"):
            return "Masc"
        if det in ("la", "une", "cette"):
            return "Fem"
        return None

    def _speaker_of(self, ent: Entity, mention: MSpan, description: str | None = None) -> Speaker:
        ent = self._full_person(ent)
        return Speaker(entity=ent.id, name=ent.name, mention=mention, description=description)

    def _full_person(self, ent: Entity) -> Entity:
        """« M. Royer-Perreaut » left unlinked to « Lionel Royer-Perreaut » by the entity layer:
        a person named by a surname alone is the one person of the article with that surname."""
        if self._fuller is None:
            people = {m.entity.id: m.entity for m in self.ctx.mentions if m.entity.type == "PER"}
            self._fuller = {}
            for e in people.values():
                if len(e.name.split()) != 1:
                    continue
                longer = [o for o in people.values() if o.id != e.id and len(o.name.split()) in (2, 3)
                          and (o.name.endswith(" " + e.name) or o.name.startswith(e.name + " "))]
                if len(longer) == 1:
                    self._fuller[e.id] = longer[0]
        return self._fuller.get(ent.id, ent)

    # -- public -------------------------------------------------------------------
    def remember(self, speaker: Speaker, pos: int, etype: str | None, gender: str | None, plural: bool, via: list[str]):
        self.history.append(Said(pos, self.ctx.sent_rank(pos), speaker, etype, gender, plural, list(via)))

    def last(self, before: int, max_sents: int = 3) -> Said | None:
        sent = self.ctx.sent_rank(before)
        for said in reversed(self.history):
            if said.pos < before and sent - said.sent <= max_sents:
                return said
        return None

    def previous_subject(self, start: int, since: int = -1):
        """The person made subject of the sentence just before offset `start` (a floating
        quote's speaker), when named after `since`; None when that sentence names none."""
        lo, _ = self.ctx.glued_bounds(start)
        if not self.ctx.text[lo:start].strip(" \u00a0\n\"«“-–—"):
            if lo <= 0:
                return None
            lo, hi = self.ctx.glued_bounds(lo - 1)
        else:
            hi = start
        for m in self.persons:
            if m.start >= hi:
                break
            if m.start < lo or m.start <= since or not self._is_subject(m):
                continue
            if self._role_mention(m) and not any(x.entity.id == m.entity.id and not self._role_mention(x)
                                                 for x in self.ctx.mentions_in(lo, hi)):
                continue  # a role the entity layer gave to someone the sentence does not name
            tok = self.ctx.token_at(m.start)
            if tok is not None and any(c.dep_ == "case" for c in tok.children):
                continue
            mention = MSpan(start=m.start, end=m.end, text=self.ctx.text[m.start:m.end])
            return self._speaker_of(m.entity, mention), "PER", self.entity_gender(m.entity), False, []
        return None

    def resolve(self, head: Token, stop_at_comma: bool = False,
                describe: str | None = None) -> tuple[Speaker, str | None, str | None, bool, bool] | None:
        """(speaker, entity type, gender, plural, anaphoric) for the phrase headed by `head`, or None.

        With `describe` (a quote's speaker), a noun phrase naming no one the lexicon knows still
        speaks by its own words: any phrase « selon » names ("source"), or people named by what
        they are ("group"); without, it is no one (a relay, an antecedent)."""
        low = head.lower_
        if low in ("un", "une") and not self._nested:
            # « l'un des salariés », « une des victimes »: one of a group, named by the group
            group = next((c for c in head.children if c.dep_ == "nmod" and c.pos_ == "NOUN" and c.i > head.i), None)
            got = self.resolve(group, stop_at_comma, describe) \
                if group is not None and group.lemma_.lower() in _PEOPLE and not any(
                    d.dep_ == "det" and d.lower_ in ("ces", "ses", "leurs", "nos", "vos") for d in group.children) \
                else None  # « un de ces proches » points back at whose proches they are
            if got is not None and got[0].entity is None:
                toks = [t for t in np_tokens(head, stop_at_comma) if t.i <= group.i]
                rel = next((c for c in group.children if c.dep_ == "acl:relcl" and c.i > group.i), None)
                if rel is not None:
                    # « l'un des salariés qui ont vécu cette mésaventure »: the clause says which
                    sub = list(rel.subtree)
                    lo, hi = self.ctx.glued_bounds(head.idx)
                    if len(sub) <= 12 and sub[-1].idx < hi and not any(
                            t.is_punct or self.ctx.region_of(t.idx) is not None for t in sub):
                        toks = toks + [t for t in head.doc[group.i + 1 : sub[-1].i + 1]]
                mspan = _span(self.ctx.text, toks)
                return (Speaker(entity=None, name=mspan.text, mention=mspan, description=mspan.text), got[1],
                        got[2], False, False)
        if low in _PRONOUNS or low in {"-t-il", "-t-elle"} or (head.pos_ == "PRON" and not self._named_at(head)):
            return self._pronoun(head)
        if low in {"dernier", "dernière"} and head.i > 0 and head.doc[head.i - 1].lower_ in {"ce", "cette"}:
            toks = [head.doc[head.i - 1], head]
            org = self._last_named_org(toks)
            if org is not None:
                return org
            return self._salient(toks, "Masc" if low == "dernier" else "Fem", False)
        if head.pos_ == "NOUN" and head.lemma_.lower() in self._channel_nouns():
            # « un communiqué de la préfecture a déploré »: the document speaks for its author
            author = next((c for c in head.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN")
                           and any(g.dep_ == "case" and g.lower_ in {"de", "du", "des", "d'", "d’"} for g in c.children)), None)
            return self.resolve(author, stop_at_comma) if author is not None else None
        toks = np_tokens(head, stop_at_comma)
        toks = self._without_media_addressee(head, toks)
        lo, hi = self.ctx.glued_bounds(head.idx)
        toks = [t for t in toks if lo <= t.idx < hi]
        if not toks:
            return None
        mspan = _span(self.ctx.text, toks)
        glued = _GLUED_IN_WORD.search(mspan.text)
        if glued is not None:
            # « le député LFI.Le vice-président »: the tokenizer kept two sentences in one word
            cut = mspan.start + glued.start() + 1
            if head.idx >= cut:
                return None
            mspan = MSpan(start=mspan.start, end=cut, text=self.ctx.text[mspan.start : cut])
            toks = [t for t in toks if t.idx < cut]
        heading = _HEADING.match(mspan.text)
        if heading is not None and mspan.start + heading.end() <= head.idx:
            # « 45H -Les responsables syndicaux »: an upper-case heading glued before the phrase
            cut = mspan.start + heading.end()
            mspan = MSpan(start=cut, end=mspan.end, text=self.ctx.text[cut : mspan.end])
            toks = [t for t in toks if t.idx >= cut] or toks
        text_low = mspan.text.lower()
        lemma = head.lemma_.lower()
        cls = self.ctx.lex.noun_class(lemma) or self.ctx.lex.noun_class(low)
        plural = "Plur" in head.morph.get("Number")
        if cls == "vague" or text_low in {"la même source", "même source"}:
            # « selon les informations de BFMTV »: the vague noun's complement names the source
            named = [m for m in self.ctx.mentions_in(mspan.start, mspan.end)
                     if m.start > head.idx and m.entity.type in ("ORG", "PER")]
            if cls == "vague" and named:
                m = named[0]
                return self._speaker_of(m.entity, mspan), m.entity.type, self.entity_gender(m.entity), False, False
            return None
        if cls == "media" and head.text[:1].isupper() and head.i > 0 and not head.is_sent_start \
                and not self.ctx.glued_bounds(head.idx)[0] >= head.idx - 4:
            # « La Chaîne Météo », « Le Journal du dimanche »: the medium noun opens a title
            name = self.ctx.medium(mspan.text) or self.ctx.medium(self.ctx.text[head.idx : mspan.end])
            found_m = [m for m in self.ctx.mentions_in(mspan.start, mspan.end) if m.entity.type != "PER"]
            if found_m:
                return self._speaker_of(found_m[0].entity, mspan), "ORG", None, False, False
            start = toks[0].idx if toks[0].pos_ != "DET" or toks[0].text[:1].isupper() else head.idx
            return (Speaker(entity=None, name=name or self.ctx.text[start : mspan.end], mention=mspan),
                    "ORG", None, False, False)
        if cls == "media" and head.pos_ == "NOUN" and not any(
            t.pos_ == "PROPN" for t in toks if t.i > head.i
        ):
            named = self._named_medium(head, toks) if not plural else None
            if named is not None:
                return (Speaker(entity=named.entity.id, name=named.entity.name, mention=mspan, description=mspan.text),
                        "ORG", None, False, True)
            titled = self._titled_medium(head, mspan)
            if titled is not None:
                return titled
            # the gold convention for a medium the text does not name (« les médias »)
            return Speaker(entity=None, name=_MEDIA_NAME, mention=mspan, description=mspan.text), "ORG", None, plural, False
        named = self._apposed_person(toks, cls)
        if named is not None:
            return named
        related = self._related(head, toks, mspan)
        if related is not None:
            return related
        if cls == "role" and not plural and not any(t.pos_ == "PROPN" for t in toks):
            # a role phrase that an earlier sentence gave to a person, word for word
            phrase = self._role_phrase(head, toks)
            holder = self._holder(phrase, mspan.start) if phrase else None
            if holder is not None and not self._named_in_content(holder.entity.id):
                return self._speaker_of(holder.entity, mspan), "PER", self.entity_gender(holder.entity), False, True
        ent = self._hook(mspan)
        np_g = np_gender(toks, head) if head.pos_ == "NOUN" else None
        bare_role = head.pos_ == "NOUN" and (not any(t.pos_ == "PROPN" for t in toks) or self._role_only(mspan))
        if ent is not None and ent.type == "PER" and (
            self._named_in_complement(ent, head, mspan) or self._role_named(ent)
            or (np_g and self.entity_gender(ent) and np_g != self.entity_gender(ent))
            # « "…Emmanuel Macron n'est pas un président pour nous…", rapporte le président de
            # la région » : who the quote names in the third person is not who says it
            or (bare_role and self._named_in_content(ent.id))
        ):
            # « l'ancien ministre de Jacques Chirac » is not Chirac; an entity named
            # « Premier ministre » is a role the NER took for a name
            ent = None
        # a role or official phrase resolved to a place or an organization named in its
        # complement (« commandant des forces américaines » -> United States) is not the
        # speaker: the rules below look for the person, or keep the phrase as description
        if ent is not None and ent.type in ("LOC", "GPE") and cls == "body" and head.pos_ == "NOUN" \
                and self._named_in_complement(ent, head, mspan):
            ent = None  # « le parquet d'Ajaccio » is not Ajaccio: named below by its phrase
        if ent is not None and ent.type in ("LOC", "GPE") and head.pos_ in ("NOUN", "PROPN") \
                and not any(m.start <= head.idx < m.end for m in ent.mentions):
            # « le Centre égyptien pour les études économiques (ECES) », « la société spécialisée
            # AppAnnie »: an institution the country adjective qualifies is not the country
            if cls in ("body", "media") or head.text[:1].isupper():
                inner = self._institution(head, toks, mspan)
                if inner is not None:
                    return inner
            elif cls is None and head.pos_ == "NOUN":
                # « le commentateur de la télévision étatique turque TRT »: someone of the place
                # or body, not the place itself; the phrase is all the text says
                return Speaker(entity=None, name=mspan.text, mention=mspan, description=mspan.text), None, \
                    np_gender(toks, head), plural, False
        if ent is not None and ent.type != "PER" and cls is None and head.pos_ == "NOUN" and not plural \
                and toks[0].lower_ in _DEFINITE and head.text[:1].islower() and not self._nested \
                and head.lower_.endswith(_AGENT_ENDINGS) and self._named_in_complement(ent, head, mspan):
            # « l'ancien journaliste politique d'Itélé », « le pensionnaire de Matignon »: a
            # definite description of someone of a body points back at the person of the passage
            got = self._salient(toks, np_gender(toks, head), False)
            if got is not None and got[1] == "PER":
                spk = got[0]
                return (Speaker(entity=spk.entity, name=spk.name, mention=mspan, description=mspan.text),
                        "PER", got[2], False, True)
        if ent is not None and (ent.type == "PER" or cls not in ("role", "official")):
            anaphoric = not any(t.pos_ == "PROPN" for t in toks)
            return self._speaker_of(ent, mspan), ent.type, self.entity_gender(ent), plural and ent.type != "PER", anaphoric
        found = self.ctx.mentions_in(mspan.start, mspan.end)
        if head.pos_ == "NOUN":
            # a role phrase the entity layer gave to someone the quote names is not that someone
            found = [m for m in found if not (m.entity.type == "PER" and self._role_mention(m)
                                              and self._named_in_content(m.entity.id))]
        per = [m for m in found if m.entity.type == "PER" and not self._under_complement(m, head)
               and not self._role_named(m.entity)]
        if not found and cls is None and head.pos_ == "NOUN" and head.text[:1].isupper() and head.is_alpha \
                and head.i > 0 and not head.is_sent_start and head.doc[head.i - 1].is_alpha:
            # « a déclaré à l'AFP Efthymios Lekkas »: a capitalised word the tagger took for a
            # noun, mid-sentence, is a name the NER missed
            run = [head]
            while run[-1].i + 1 < len(head.doc) and len(run) < 4 and head.doc[run[-1].i + 1].text[:1].isupper() \
                    and head.doc[run[-1].i + 1].is_alpha:
                run.append(head.doc[run[-1].i + 1])
            if len(run) >= 2:
                span = _span(self.ctx.text, run)
                return Speaker(entity=None, name=span.text, mention=span), "PER", None, False, False
        if head.pos_ == "PROPN" or (found and found[0].start <= head.idx < found[0].end):
            cover = [m for m in found if m.start <= head.idx < m.end] or per or found
            if cover:
                m = cover[0]
                return self._speaker_of(m.entity, mspan), m.entity.type, self.entity_gender(m.entity), plural, False
            return Speaker(entity=None, name=mspan.text, mention=mspan), None, None, plural, False
        if per:
            m = per[-1]
            return self._speaker_of(m.entity, mspan), "PER", self.entity_gender(m.entity), False, False
        if cls == "official":
            # « l'entourage d'Édouard Philippe », « un proche du président »: the unnamed
            # insider speaks for the person (or body, below) the phrase names
            inner = [m for m in found if m.entity.type == "PER" and not self._role_named(m.entity)]
            if inner:
                m = inner[-1]
                return (self._speaker_of(m.entity, mspan, description=mspan.text), "PER",
                        self.entity_gender(m.entity), False, False)
        name = self._appositive_name(head, toks)
        if name is not None:
            return Speaker(entity=None, name=name, mention=mspan), "PER", np_gender(toks, head), False, False
        gender = np_gender(toks, head)
        first = toks[0].lower_
        indefinite = first in _INDEFINITE or (first == "des" and toks[0].pos_ == "DET")
        orgs = [m for m in found if m.entity.type != "PER"]
        if cls == "role" and not indefinite and not plural:
            # « les analystes » are not the last person named
            res = self._role(head, toks, mspan, gender, plural)
            if res is not None:
                return res
        if cls == "person" and not indefinite and not plural and not self._nested and first in _DEFINITE:
            # « la jeune femme », « cet homme »: a definite description points back at the
            # person the passage is about
            res = self._salient(toks, gender, plural)
            if res is not None and res[1] == "PER":
                spk = res[0]
                return (Speaker(entity=spk.entity, name=spk.name, mention=mspan, description=mspan.text),
                        "PER", res[2], False, True)
        body = self._body(head, toks, mspan)
        if body is not None:
            return body
        if cls == "body" and not orgs:
            named_after = self._institution(head, toks, mspan, capital=False)
            if named_after is not None:
                return named_after
        if cls in {"role", "official", "body", "media", "person"}:
            if orgs and orgs[0].entity.type in ("LOC", "GPE") and cls in ("body", "official") \
                    and self._under_complement(orgs[0], head):
                # « le parquet d'Ajaccio », « un porte-parole du procureur de Brooklyn »: a local
                # body is named by its phrase, not by the town it sits in
                local = self.ctx.text[head.idx : mspan.end]
                return (Speaker(entity=None, name=local, mention=mspan, description=mspan.text), "ORG", None,
                        plural, False)
            if orgs:
                m = orgs[0]
                return (self._speaker_of(m.entity, mspan, description=mspan.text), m.entity.type, None, plural, False)
            return Speaker(entity=None, name=mspan.text, mention=mspan, description=mspan.text), None, gender, plural, False
        if head.pos_ == "NOUN" and not plural and first in _DEFINITE and lemma in _PEOPLE and not self._nested:
            described = self._described_person(head, mspan, gender)
            if described is not None:
                return described
        if describe and head.pos_ == "NOUN" and self.ctx.region_of(head.idx) is None \
                and not any(m.entity.type == "PER" for m in found) \
                and ((describe == "source" and self._source_noun(toks, head, lemma)) or lemma in _PEOPLE):
            # an unnamed source the noun lexicon does not list (« les services de l'Élysée »,
            # « les secouristes », « une expertise psychiatrique ») keeps its own words; a
            # named organization in its complement is who it speaks for
            named = [m for m in orgs if m.entity.type not in ("LOC", "GPE") and self._under_complement(m, head)]
            if named:
                m = named[0]
                return (self._speaker_of(m.entity, mspan, description=mspan.text), m.entity.type, None, plural, False)
            return Speaker(entity=None, name=mspan.text, mention=mspan, description=mspan.text), None, gender, plural, False
        return None

    def _described_person(self, head: Token, mspan: MSpan, gender: str | None):
        """« la soignante » after « Mélanie Serpaggi … cette aide soignante d'Ajaccio »: a definite
        description the text gave a named person, in the sentence naming her or the next one."""
        word = head.lower_
        stem = head.lemma_.lower()
        best = None
        for m in self.persons:
            if m.start >= mspan.start:
                break
            g = self.entity_gender(m.entity)
            if gender and g and g != gender:
                continue
            lo, hi = self.ctx.glued_bounds(m.start)
            if hi < len(self.ctx.text):
                hi = self.ctx.glued_bounds(hi + 1)[1]
            hi = min(hi, mspan.start)
            # the noun says who she is (subject, apposition, attribute, « en tant que »), not
            # someone else of the sentence (« interpellé par un policier »)
            if any((t.lower_ == word or t.lemma_.lower() == stem) and (
                    t.dep_ in ("nsubj", "nsubj:pass", "appos", "ROOT") or t.head.pos_ == "AUX"
                    or any(c.dep_ == "cop" for c in t.children)
                    or _AS_A.search(self.ctx.text, max(0, t.idx - 24), t.idx) is not None)
                    for t in self.ctx.tokens_in(lo, hi)):
                best = m
        if best is None:
            return None
        return (self._speaker_of(best.entity, mspan, description=mspan.text), "PER",
                self.entity_gender(best.entity), False, True)

    # -- helpers ------------------------------------------------------------------
    @staticmethod
    def _source_noun(toks: list[Token], head: Token, lemma: str) -> bool:
        """« selon une expertise » names a source; « selon leurs opinions », « selon cette
        disposition légale » say how, by a rule or a criterion, not who."""
        if lemma in _RULES:
            return False
        own = any(t.lower_ in ("son", "sa", "ses", "leur", "leurs") for t in toks if t.i < head.i)
        return not own or lemma in bodies.RELATIONS
    def _in_selon(self, m) -> bool:
        """« selon le président du parti démocrate Tom Perez »: a source named by « selon »."""
        tok = self.ctx.token_at(m.start)
        for _ in range(4):
            if tok is None:
                return False
            if any(c.dep_ == "case" and c.lower_ in {"selon", "d'après", "d’après"} for c in tok.children):
                return True
            if tok.head == tok:
                return False
            tok = tok.head
        return False

    def _last_named_org(self, toks: list[Token]):
        """« ce dernier » is the last thing named: an organization or a movement named after
        the last person takes it (« le mouvement séparatiste (STC)… Ce dernier a condamné »)."""
        pos = toks[0].idx
        sent = self.ctx.sent_rank(pos)
        last = None
        for m in self.ctx.mentions:
            if m.start >= pos:
                break
            if self.ctx.region_of(m.start) is None and m.entity.type in ("PER", "ORG"):
                last = m
        mspan = _span(self.ctx.text, toks)
        if last is not None:
            # an acronym the NER left out, named after the last name (« le gouvernement comme le
            # mouvement séparatiste sudiste (STC) »), is an organization named last
            doc = toks[0].doc
            acr = [t for t in doc[self.ctx.token_at(last.end - 1).i + 1 : toks[0].i] if t.pos_ in ("PROPN", "NOUN")
                   and t.text.isupper() and t.text.isalpha() and 2 <= len(t.text) <= 6
                   and self.ctx.region_of(t.idx) is None and not self.ctx.mentions_in(t.idx, t.idx + len(t.text))] \
                if self.ctx.token_at(last.end - 1) is not None else []
            if acr and sent - self.ctx.sent_rank(acr[-1].idx) <= 1:
                return Speaker(entity=None, name=acr[-1].text, mention=mspan), "ORG", None, False, True
        if last is None or last.entity.type != "ORG" or sent - self.ctx.sent_rank(last.start) > 1:
            return None
        if self.ctx.lex.is_media_name(last.entity.name):
            return None
        return self._speaker_of(last.entity, mspan), "ORG", None, False, True

    _AGENCIES = ("agence", "afp", "reuters", "associated press", "kcna", "xinhua", "tass", "ria", "ansa", "dpa")

    def _named_medium(self, head: Token, toks: list[Token]):
        """« selon le quotidien », « écrit l'agence »: the medium the article named last, when
        the phrase is definite; a daily is not the news agency most dispatches credit."""
        if not toks or toks[0].lower_ not in _DEFINITE | {"ce", "cette"}:
            return None
        agency = head.lemma_.lower() == "agence"
        best = None
        for m in self.ctx.mentions:
            if m.start >= head.idx:
                break
            if self.ctx.region_of(m.start) is not None:
                continue
            name = m.entity.name
            surface = self.ctx.text[m.start:m.end]
            # « La Chaîne Météo … poursuit la chaîne »: a title holding the noun is that medium
            titled = surface[:1].isupper() and re.sub(r"^(?:la |le |les |l'|l’)", "", surface.lower()).startswith(
                head.lemma_.lower())
            if not (titled or self.ctx.lex.is_media_name(name) or self.ctx.lex.is_media_name(surface)):
                continue
            if agency != name.lower().startswith(self._AGENCIES):
                continue
            best = m
        return best

    def _named_at(self, tok: Token) -> bool:
        """The tagger reads some names as pronouns (« BFMTV révèle »): a mention there is a name."""
        return any(m.start <= tok.idx < m.end for m in self.ctx.mentions_in(tok.idx, tok.idx + len(tok.text)))

    def _related(self, head: Token, toks: list[Token], mspan: MSpan):
        """« sa mère », « son avocat »: someone's relative or counsel, named after the possessor
        (« Djamila Boutoutaou's mother »); « son entourage » speaks for the possessor."""
        if self._nested:
            return None
        named = self._relation_of_named(head, mspan)
        if named is not None:
            return named
        if any(t.pos_ == "PROPN" for t in toks):
            return None
        rel = bodies.relation(head)
        if rel is None:
            return None
        self._nested = True
        try:
            owner = self._salient([toks[0]], None, False)
        finally:
            self._nested = False
        if owner is None or owner[1] != "PER":
            return None
        spk = owner[0]
        if rel == "":
            return (Speaker(entity=spk.entity, name=spk.name, mention=mspan, description=mspan.text),
                    "PER", owner[2], False, True)
        # a counsel or relative the article named before (« Me X, l'avocat de Y »)
        holder = self._holder(head.lemma_.lower(), mspan.start)
        if holder is not None and holder.entity.id != spk.entity and holder.entity.name != spk.name:
            window = self.ctx.text[holder.start : holder.end + 80].lower()
            if spk.name.split()[-1].lower() in window:
                return self._speaker_of(holder.entity, mspan), "PER", self.entity_gender(holder.entity), False, True
        plural = "Plur" in head.morph.get("Number")
        name = f"{spk.name}'s {rel}"
        return Speaker(entity=None, name=name, mention=mspan, description=mspan.text), "PER", \
            np_gender(toks, head) or token_gender(head), plural, True

    def _titled_medium(self, head: Token, mspan: MSpan):
        """« la chaîne A Haber »: the capitalised words right after a medium noun are its title,
        whatever the tagger made of them."""
        doc = head.doc
        j = head.i + 1
        while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].text[:1].islower():
            j += 1  # « la chaîne publique TRT »
        k = j
        while k < len(doc) and k < j + 4 and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k += 1
        if k == j or self.ctx.region_of(doc[j].idx) is not None:
            return None
        start, end = doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)
        for m in self.ctx.mentions_in(start, end):
            if m.start == start and m.entity.type != "PER":
                return self._speaker_of(m.entity, mspan, description=mspan.text), "ORG", None, False, False
        name = self.ctx.medium(self.ctx.text[start:end]) or self.ctx.text[start:end]
        return Speaker(entity=None, name=name, mention=mspan, description=mspan.text), "ORG", None, False, False

    def _institution(self, head: Token, toks: list[Token], mspan: MSpan, capital: bool = True):
        """An organization named inside or right after its generic noun, or, for a capitalised
        institution name (« le Centre égyptien… »), the name itself."""
        doc = head.doc
        j = toks[-1].i + 1
        while j < len(doc) and j <= toks[-1].i + 3 and doc[j].pos_ in ("ADJ", "VERB") and doc[j].text[:1].islower():
            j += 1  # « la société spécialisée AppAnnie »
        end = doc[j].idx + len(doc[j].text) if j < len(doc) else mspan.end
        # the name may close the phrase in brackets (« … pour les études économiques (ECES) »)
        lo, hi = self.ctx.glued_bounds(head.idx)
        right = max((t.i for t in head.subtree if t.idx < hi), default=head.i)
        if right - head.i <= 12:
            end = max(end, doc[right].idx + len(doc[right].text))
        for m in self.ctx.mentions_in(head.idx, end):
            if m.entity.type in ("ORG", "MISC") and m.start > head.idx:
                return self._speaker_of(m.entity, mspan, description=mspan.text), "ORG", None, False, False
        if capital and head.text[:1].isupper() and head.i > 0 and not doc[head.i - 1].is_punct and not head.is_sent_start:
            start = head.idx
            name = self.ctx.text[start:mspan.end]
            return Speaker(entity=None, name=name, mention=mspan, description=mspan.text), "ORG", None, False, False
        return None

    def _relation_of_named(self, head: Token, mspan: MSpan):
        """« la famille d'Ahmaud Arbery », « l'avocat de Djamila B. »: a relative or counsel of the
        person the complement names; « l'entourage de X », « un proche de X » speak for X."""
        low, lemma = head.lower_, head.lemma_.lower()
        rel = bodies.RELATIONS.get(low) or bodies.RELATIONS.get(lemma)
        if rel is None and low not in bodies.SPEAK_FOR and lemma not in bodies.SPEAK_FOR:
            return None
        for c in head.children:
            # « l'avocat d'Yvon Collin, Me François Saint-Pierre »: the apposed name speaks
            if c.i > head.i and c.dep_ == "appos" and any(
                    m.entity.type == "PER" for m in self.ctx.mentions_in(c.idx, c.idx + len(c.text) + 40)
                    if m.start >= c.idx and m.start <= c.idx + len(c.text) + 1):
                return None
        for c in head.children:
            if c.i < head.i or c.dep_ not in ("nmod", "obl", "obl:mod") or not any(
                    g.dep_ == "case" and g.lower_ in _GENITIVE - {"à"} for g in c.children):
                continue
            sub = [t for t in c.subtree]
            lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            per = [m for m in self.ctx.mentions_in(lo, hi) if m.entity.type == "PER" and not self._role_named(m.entity)]
            if per:
                return self._relation_to(per[0].entity, rel, head, lemma, mspan, self._name_chain(per[0].start))
            return None
        doc = head.doc
        # the parse may hang the name elsewhere (« La famille d'Ahmaud Arbery réclamait »)
        if head.i + 2 < len(doc) and doc[head.i + 1].lower_ in _GENITIVE - {"à"}:
            nxt = doc[head.i + 2]
            per = [m for m in self.ctx.mentions_in(nxt.idx, nxt.idx + len(nxt.text))
                   if m.start == nxt.idx and m.entity.type == "PER" and not self._role_named(m.entity)]
            if per:
                return self._relation_to(per[0].entity, rel, head, lemma, mspan, self._name_chain(nxt.idx))
        return None

    def _name_chain(self, start: int) -> str | None:
        """The capitalised words from `start` on: the NER may have kept the first name only."""
        tok = self.ctx.token_at(start)
        if tok is None:
            return None
        doc, k = tok.doc, tok.i
        while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].text[:1].isupper():
            k += 1
        return doc[tok.i : k + 1].text

    def _relation_to(self, ent: Entity, rel: str | None, head: Token, lemma: str, mspan: MSpan,
                     surface: str | None = None):
        ent = self._full_person(ent)
        if rel is None:
            return (self._speaker_of(ent, mspan, description=mspan.text), "PER", self.entity_gender(ent), False, False)
        # a counsel or relative the article named (« Me X, l'avocat de Y »)
        holder = self._holder(lemma, mspan.start)
        if holder is not None and holder.entity.id != ent.id:
            # the phrase being resolved is no evidence for itself
            window = self.ctx.text[holder.start : min(holder.end + 80, mspan.start)].lower()
            if ent.name.split()[-1].lower() in window and lemma in window:
                return self._speaker_of(holder.entity, mspan), "PER", self.entity_gender(holder.entity), False, False
        plural = "Plur" in head.morph.get("Number")
        owner = surface if surface and not ent.linked and len(surface) > len(ent.name) else ent.name
        return (Speaker(entity=None, name=f"{owner}'s {rel}", mention=mspan, description=mspan.text), "PER",
                token_gender(head), plural, False)

    def _body(self, head: Token, toks: list[Token], mspan: MSpan):
        """Unnamed bodies that name who they speak for (bodies.py): prefecture, police
        source, party groups, « l'opposition »."""
        lemma = head.lemma_.lower()
        plural = "Plur" in head.morph.get("Number")
        name = None
        if lemma == "préfecture":
            name = bodies.prefecture(self.ctx, head, toks)
        elif lemma == "source":
            name = bodies.police_source(self.ctx, head, toks)
        elif lemma == "opposition" and not any(t.i > head.i and t.pos_ in ("PROPN", "ADJ", "NOUN") for t in toks):
            name = bodies.opposition(head, self.ctx.text, self.ctx.sent_rank)
        elif plural and head.pos_ in ("NOUN", "ADJ", "PROPN"):
            name = bodies.party(head, self.ctx.text)
        if not name:
            return None
        ent = next((m.entity for m in self.ctx.mentions if m.entity.name == name), None)
        return (Speaker(entity=ent.id if ent else None, name=name, mention=mspan, description=mspan.text),
                "ORG", None, plural, False)

    def _without_media_addressee(self, head: Token, toks: list[Token]) -> list[Token]:
        """« a déclaré le vainqueur à l'AFP »: the medium spoken to is a relay, not the speaker."""
        for c in head.children:
            if c.i > head.i and c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in {"à", "au"} for g in c.children):
                names = [m.entity.name for m in self.ctx.mentions_in(c.idx, c.idx + len(c.text))]
                if any(self.ctx.lex.is_media_name(n) for n in names) or self.ctx.lex.is_media_name(c.text):
                    cut = min(t.i for t in c.subtree)
                    kept = [t for t in toks if t.i < cut]
                    return kept or toks
        return toks

    def _channel_nouns(self) -> set[str]:
        return {p for p, _ in self.ctx.lex.channels if " " not in p}

    def _score(self, pos: int, subject: bool) -> float:
        """Salience: recent sentences first; a subject (or a speaker) counts as 1.5 sentences
        more recent than a person only mentioned in a complement."""
        return self.ctx.sent_rank(pos) + (1.5 if subject else 0.0) + pos * 1e-9

    def _is_subject(self, m) -> bool:
        tok = self.ctx.token_at(m.start)
        steps = 0
        while tok is not None and tok.head != tok and m.start <= tok.head.idx < m.end and steps < 6:
            tok = tok.head
            steps += 1
        while tok is not None and tok.dep_ in ("appos", "flat:name", "flat") and steps < 10:
            tok = tok.head
            steps += 1
        if tok is not None and tok.dep_ == "obj" and any(
                c.dep_ == "xcomp" and c.i > tok.i and c.pos_ == "VERB" for c in tok.head.children):
            # « a poussé X à faire une mise au point »: X is the subject of the infinitive
            return True
        return tok is not None and tok.dep_ in ("nsubj", "nsubj:pass")

    def _under_complement(self, m, head: Token) -> bool:
        """The mention hangs on the head through a « de X » complement (not an apposition)."""
        tok = self.ctx.token_at(m.start)
        steps = 0
        while tok is not None and tok != head and tok.head != tok and steps < 8:
            if tok.dep_ == "nmod" and any(g.dep_ == "case" for g in tok.children):
                return True
            tok = tok.head
            steps += 1
        return False

    def _named_in_complement(self, ent: Entity, head: Token, mspan: MSpan) -> bool:
        inside = [m for m in ent.mentions if m.start >= mspan.start and m.end <= mspan.end]
        return bool(inside) and all(self._under_complement(m, head) for m in inside)

    def _role_named(self, ent: Entity) -> bool:
        first = ent.name.split()[0].lower() if ent.name.split() else ""
        return self.ctx.lex.noun_class(first) == "role" or ent.name.lower().startswith(("premier ministre", "président "))

    def _hook(self, mspan: MSpan):
        if _RESOLVE_NP is None:
            return None
        try:
            span = self.ctx.doc.char_span(mspan.start, mspan.end, alignment_mode="expand")
            ent = _RESOLVE_NP(self.ctx.doc, span) if span is not None else None
        except Exception:
            return None
        return ent

    @staticmethod
    def _appositive_name(head: Token, toks: list[Token]) -> str | None:
        """« le secrétaire général de l'Otan Jens Stoltenberg »: the name after a role noun."""
        for t in toks:
            if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > head.i:
                chain = [t] + [c for c in t.children if c.dep_.startswith("flat")]
                chain.sort(key=lambda x: x.i)
                if len(chain) >= 2:
                    return head.doc[chain[0].i : chain[-1].i + 1].text
        return None

    def _pronoun(self, head: Token):
        low = head.lower_.replace("-t-", "-")
        gender, plural = _PRONOUNS.get(low, (None, "Plur" in head.morph.get("Number")))
        if low in {"on", "nous", "je", "j'", "vous", "tu", "ce", "cela", "ça", "qui", "que", "se"}:
            return None
        if head.lower_.startswith("-"):
            # « "…", a-t-il ajouté »: an incise pronoun continues the speaker of the quote
            # frame just before, however many organizations or media were named since
            prev = self._previous_speaker(head, gender, plural)
            if prev is not None:
                return prev
        if not plural and low in ("il", "elle"):
            bound = self._bound(head, gender)
            if bound is not None:
                return bound
        got = self._salient([head], gender, plural)
        if got is None and not plural:
            got = self._cataphora(head, gender)
        return got

    def _bound(self, head: Token, gender: str | None):
        """« une lettre … par un proche d'Yvon Collin, Jean-Pierre Gonzatti, dans laquelle il
        affirmait »: a pronoun subject of a clause inside a sentence that names a person
        before it takes that person, the nearest one not in another's complement."""
        verb = head.head
        if verb.dep_ not in ("acl:relcl", "advcl", "ccomp") or self.ctx.region_of(head.idx) is not None:
            return None
        lo, _ = self.ctx.glued_bounds(head.idx)
        best = None
        for m in self.persons:
            if m.start >= head.idx:
                break
            if m.start < lo:
                continue
            g = self.entity_gender(m.entity)
            if gender and g and g != gender:
                continue
            tok = self.ctx.token_at(m.start)
            if tok is not None and tok.dep_ == "nmod" and tok.head.pos_ == "NOUN":
                continue  # « un proche d'Yvon Collin »: the relative is who the sentence is about
            best = m
        if best is None:
            return None
        return (self._speaker_of(best.entity, _span(self.ctx.text, [head])), "PER",
                self.entity_gender(best.entity), False, True)

    def _cataphora(self, head: Token, gender: str | None):
        """« S'il faut y aller, nous irons », a déclaré lundi Jean Dupont »: with no antecedent
        before it, a pronoun announces the person its own sentence names as a subject."""
        lo, hi = self.ctx.glued_bounds(head.idx)
        for m in self.persons:
            if m.start <= head.idx:
                continue
            if m.start >= hi:
                break
            g = self.entity_gender(m.entity)
            if gender and g and g != gender:
                continue
            if self._is_subject(m):
                return self._speaker_of(m.entity, _span(self.ctx.text, [head])), "PER", g or gender, False, True
        return None

    def _previous_speaker(self, head: Token, gender: str | None, plural: bool):
        pos = head.idx
        sent = self.ctx.sent_rank(pos)
        said = next((h for h in reversed(self.history) if h.pos < pos), None)
        if said is None or sent - said.sent > 2 or said.plural != plural:
            return None
        if said.speaker.name == _MEDIA_NAME or self.ctx.medium(said.speaker.name):
            return None
        if said.etype not in ("PER", "ORG", None) and not said.speaker.description:
            return None  # « la France a indiqué… », then « a-t-il ajouté »: not the country
        said_gender = said.gender
        if said.etype in ("PER", "ORG") and said.speaker.entity:
            ent = next((m.entity for m in self.ctx.mentions if m.entity.id == said.speaker.entity), None)
            said_gender = self.entity_gender(ent, strong=True) if ent is not None else said.gender
        if gender and said_gender and said_gender != gender:
            return None
        if self._named_in_content(said.speaker.entity):
            return None
        # a person named since as a subject or a « selon » source may have taken over the
        # passage: salience decides then
        said_end = said.speaker.mention.end if said.speaker.mention else said.pos
        since = {}
        for m in self.persons:
            if m.start >= pos:
                break
            if m.start >= said_end and m.entity.id != said.speaker.entity \
                    and (self._is_subject(m) or self._in_selon(m) or self._fronted(m)) \
                    and not (gender and self.entity_gender(m.entity, strong=True)
                             and self.entity_gender(m.entity, strong=True) != gender):
                since.setdefault(m.entity.id, m)
        if since:
            return None
        s = said.speaker
        spk = Speaker(entity=s.entity, name=s.name, mention=_span(self.ctx.text, [head]), description=s.description)
        return spk, said.etype, said.gender or gender, plural, True

    def _named_in_content(self, entity_id: str | None) -> bool:
        lo, hi = self.content
        if entity_id is None or hi <= lo:
            return False
        return any(m.entity.id == entity_id and not self._role_mention(m) and not self._self_reference(m)
                   for m in self.ctx.mentions_in(lo, hi))

    def _role_only(self, mspan: MSpan) -> bool:
        """The phrase names a person by a role only (« le président de la région Hauts-de-France »)."""
        per = [m for m in self.ctx.mentions_in(mspan.start, mspan.end) if m.entity.type == "PER"]
        return bool(per) and all(self._role_mention(m) for m in per)

    @staticmethod
    def _role_mention(m) -> bool:
        """« le Premier ministre » inside a quote may be the speaker's own title: only names count."""
        return any(x.start == m.start and x.label == "role" for x in m.entity.mentions)

    def _self_reference(self, m) -> bool:
        """« moi, Emmanuel Macron »: a name right after a first-person pronoun is the speaker's own."""
        before = self.ctx.text[max(0, m.start - 12) : m.start].lower()
        return any(w in before for w in ("moi", "je suis", "nous", "j'"))

    def _salient(self, toks: list[Token], gender: str | None, plural: bool, forward: bool = False, backward: bool = True):
        pos = toks[0].idx
        mspan = _span(self.ctx.text, toks)
        sent = self.ctx.sent_rank(pos)
        best = None  # (position, speaker, type, gender)
        for said in self.history if backward else []:
            # a speaker already quoted stays salient longer than a name only mentioned
            if said.pos >= pos or sent - said.sent > 5 or said.plural != plural:
                continue
            if plural and said.etype == "PER":
                continue
            if said.speaker.entity is None and said.etype is None:
                continue  # « une expertise psychiatrique »: a source of unknown kind is no antecedent
            # LOC/MISC speakers are mostly people the NER mistyped (« Ali al-Ghanemi » as LOC)
            if not plural and said.etype in ("ORG", "GPE") and not said.speaker.description:
                continue
            if gender and said.gender and said.gender != gender:
                continue
            if self._named_in_content(said.speaker.entity):
                continue
            score = self._score(said.pos, True) + self._speaker_bonus(said)
            if best is None or score >= best[0]:
                best = (score, said.speaker, said.etype, said.gender, said.via)
        if not backward:
            pass
        elif not plural:
            opens = None  # whether the pronoun opens its sentence, looked up when it matters
            for m in self.persons:
                if m.start >= pos:
                    break
                if sent - self.ctx.sent_rank(m.start) > 3:
                    continue
                g = self.entity_gender(m.entity)
                if gender and g and g != gender:
                    continue
                if self._named_in_content(m.entity.id):
                    continue
                subj = self._is_subject(m) or self._fronted(m)
                score = self._score(m.start, subj)
                if subj and opens is None and self.ctx.sent_rank(m.start) == sent - 1:
                    opens = len(toks) == 1 and toks[0].pos_ == "PRON" and self.ctx.glued_bounds(pos)[0] == pos
                if subj and opens and self.ctx.sent_rank(m.start) == sent - 1:
                    # « Le docteur Fauci a pris la parole… Il a averti que… »: a pronoun opening
                    # its sentence continues the subject of the sentence before
                    score += 2.5
                if best is None or score > best[0]:
                    best = (score, self._speaker_of(m.entity, mspan), "PER", g, [])
            # « Le ministre de l'Intérieur a reçu… "…", juge-t-il »: a subject named by its
            # role is an antecedent too, resolved as the role noun itself would be
            for tok in self._role_subjects() if not self._nested else []:
                if tok.idx >= pos:
                    break
                if sent - self.ctx.sent_rank(tok.idx) > 2:
                    continue
                score = self._score(tok.idx, True)
                if best is not None and score <= best[0]:
                    continue
                g = np_gender(np_tokens(tok), tok)
                if gender and g and g != gender:
                    continue
                self._nested = True
                try:
                    got = self.resolve(tok)
                finally:
                    self._nested = False
                # an unresolved role (« le préfet de police ») is an antecedent only when no
                # person is at hand
                if got is not None and not got[3] and (got[0].entity or best is None) \
                        and not self._named_in_content(got[0].entity):
                    best = (score, got[0], got[1], got[2] or g, [])
        else:
            for m in self.ctx.mentions:
                if m.start >= pos:
                    break
                if m.entity.type in ("ORG",) and sent - self.ctx.sent_rank(m.start) <= 1 and self.ctx.region_of(m.start) is None:
                    if best is None or self._score(m.start, False) > best[0]:
                        best = (self._score(m.start, False), self._speaker_of(m.entity, mspan), "ORG", None, [])
        if best is None and forward:
            for m in self.persons:
                if m.start <= pos:
                    continue
                if self.ctx.sent_rank(m.start) - sent > 2:
                    break
                g = self.entity_gender(m.entity)
                if gender and g and g != gender:
                    continue
                return self._speaker_of(m.entity, mspan), "PER", g, False, True
        if best is None:
            return None
        spk = best[1]
        spk = Speaker(entity=spk.entity, name=spk.name, mention=mspan, description=spk.description)
        return spk, best[2], best[3] or gender, plural, True

    def _holder(self, key: str, before: int):
        """The last person before `before` whose roles, or whose surroundings, state `key`."""
        best = None
        for m in self.persons:
            if m.start >= before:
                break
            titles = " ".join(r.title.lower() for r in m.entity.roles).replace("’", "'")
            window = self.ctx.text[max(0, m.start - 60) : m.end + 60].lower().replace("’", "'")
            if key in titles or (key in window if " " in key else key in window.split()):
                best = m
        return best

    @staticmethod
    def _role_phrase(head: Token, toks: list[Token]) -> str | None:
        """« chef de la junte » out of « le chef de la junte »: the head and its complement."""
        after = [t for t in toks if t.i >= head.i]
        if len(after) < 3:
            return None
        return " ".join(t.lower_ for t in after).replace(" '", "'").replace("' ", "'").replace("’", "'")

    def _role(self, head: Token, toks: list[Token], mspan: MSpan, gender: str | None, plural: bool):
        role = head.lemma_.lower()
        # the whole role phrase (« chef de la junte ») picks the holder before the bare noun
        # does (« l'ancien chef de l'Etat nigérian » is another chef)
        phrase = self._role_phrase(head, toks)
        best = None
        # « le ministre letton »: the bare noun must not pick a holder of another country
        adjs = [c.lower_ for c in head.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > head.i]
        for key in ([phrase] if phrase else []) + [role]:
            best = self._holder(key, mspan.start)
            if best is not None and self._named_in_content(best.entity.id):
                best = None
            if best is not None and key == role and adjs:
                titles = " ".join(r.title.lower() for r in best.entity.roles)
                window = self.ctx.text[max(0, best.start - 60) : best.end + 60].lower()
                if not all(a in titles or a in window for a in adjs):
                    best = None
            if best is not None:
                break
        if best is not None:
            return self._speaker_of(best.entity, mspan), "PER", self.entity_gender(best.entity), False, True
        has_complement = any(t.dep_ == "nmod" and t.head == head for t in toks)
        # « sa ministre des Armées », « l'avocate du condamné »: named in what follows; a named
        # office (« le président de la région Hauts-de-France ») may be held by someone named before
        named_office = any(t.pos_ == "PROPN" and t.i > head.i for t in toks) or any(
            m.entity.type != "PER" for m in self.ctx.mentions_in(head.idx + len(head.text), mspan.end))
        if has_complement and (toks[0].lower_ in ("sa", "son", "ses", "leur", "leurs") or not named_office):
            # « sa ministre des Armées … Florence Parly a expliqué »: named in what follows
            got = self._salient(toks, gender, plural, forward=True, backward=False)
        else:
            got = self._salient(toks, gender, plural, forward=True)
        if named_office and got is not None and got[0].entity and self._holds_other_role(got[0].entity, role):
            # « la maire de Paris » is not the minister quoted just before
            return Speaker(entity=None, name=mspan.text, mention=mspan, description=mspan.text), None, gender, plural, False
        return got

    def _holds_other_role(self, entity_id: str, role: str) -> bool:
        """The person is known by titles, none of which is `role`."""
        ent = next((m.entity for m in self.ctx.mentions if m.entity.id == entity_id), None)
        if ent is None or not ent.roles:
            return False
        stem = role[:5]
        return not any(stem in (r.title or "").lower() for r in ent.roles)
