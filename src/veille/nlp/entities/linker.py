"""Article-level linking: every mention to one canonical entity.

Order of work on the whole-article Doc:
  1. NER/ruler spans are linked to the knowledge base (alias, then gazetteer for
     places, then context aliases such as "l'Alliance" once NATO is present);
  2. people are grouped within the article: full names, then surname-only and
     titled forms ("Stoltenberg", "M. Stoltenberg") and handles ("@florence_parly");
  3. demonyms ("américain", "les Américains") and "parliament/government + demonym"
     become mentions of the country or institution;
  4. a capital acting ("Washington limiterait") is moved to its country (metonymy);
  5. titles around names become roles; role noun phrases ("la ministre", "le
     député irakien") join the person they stand for; "le pays" joins the country
     last named as a place.
Unknown names stay document-local (L1, L2...): nothing is forced onto the KB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from ...models import Entity, Mention, Role
from . import coref
from . import roles as R
from .kb import KB, KBEntity
from .normalize import bare, fold, is_acronym

_PARTICLES = {"al", "el", "ben", "bin", "ibn", "abu", "abou", "ould", "ag", "von", "van", "der", "de", "di", "da", "du", "bou"}
_LOCATIVE = {"à", "en", "dans", "au", "aux", "près", "vers", "depuis", "sur", "de", "d'", "d’", "du", "des", "par", "entre", "via"}
# Prepositions that make the next name a place ("à Washington", "en Hollande"); not
# "de", which also takes people ("la politique de Hollande").
_PLACE_PREPS = {"à", "en", "au", "aux", "dans", "près", "vers", "depuis", "sur", "entre", "via", "par"}
_SKIP_BEFORE_VERB = {"ne", "n'", "n’", "se", "s'", "s’", "l'", "l’", "lui", "leur", "y", "en", "le", "la", "les", "aussi", "a", "avait"}
# Nouns whose "de + capital" complement is the state acting ("les frais de Washington").
_ACTOR_NOUNS = {
    "frais", "position", "décision", "politique", "stratégie", "réponse", "réaction", "demande", "exigence",
    "menace", "menaces", "sanctions", "soutien", "intention", "volonté", "refus", "pression", "offre",
    "proposition", "plan", "part", "côté", "alliés", "allié", "partenaire", "partenaires", "diplomatie",
    "représentants", "émissaire", "émissaires", "accusations", "ultimatum", "engagement",
    "retrait", "intervention", "ingérence", "riposte", "objectif", "objectifs", "condamnation", "critiques",
}
# (no "accord", "traité", "appel": "l'Accord de Paris", "la cour d'appel de Paris" are places)
_LANGUAGE_HEADS = {"parler", "langue", "traduire", "traduction", "version", "cours", "enseigner", "apprendre", "sous-titre"}
# "parlement irakien" -> Parliament of Iraq (an institution named after its country)
_INSTITUTIONS = {"parlement": "Parliament", "gouvernement": "Government", "régime": "Government",
                 "exécutif": "Government", "armée": "Armed Forces", "Parlement": "Parliament"}
_COUNTRY_ANAPHORS = {"pays"}
# Common nouns that describe a body whose acronym may follow in parentheses.
_BODY_NOUNS = {"mouvement", "parti", "front", "conseil", "organisation", "union", "alliance", "comité", "agence",
               "association", "syndicat", "groupe", "forces", "armée", "commission", "fédération", "confédération",
               "coalition", "rassemblement", "institut", "office", "autorité", "ligue", "brigades", "milice", "milices",
               "observatoire", "fonds", "banque", "mission", "direction", "collectif", "fondation", "entreprise",
               "société", "compagnie", "coordination", "plateforme", "bureau", "assemblée", "haut-commissariat"}
# Bodies whose name's adjective still says which state acts ("armée israélienne").
_DEMONYM_BODIES = {"military", "gov", "institution", "country", "region", "state", "armed_group", None}
# "porte de Clichy", "rue de Rennes": a street or a gate of the city, named after another town
_STREETS = {"porte", "rue", "avenue", "boulevard", "quai", "cours", "faubourg", "chaussée"}
# Set phrases where the relational adjective names no country ("montagnes russes").
_IDIOMS = {("montagnes", "russes"), ("montagne", "russe"), ("roulette", "russe"), ("poupées", "russes"),
           ("poupée", "russe"), ("salade", "russe"), ("clé", "anglaise"), ("clef", "anglaise"),
           ("crème", "anglaise"), ("capote", "anglaise"), ("auberge", "espagnole"), ("casse-tête", "chinois"),
           ("ombres", "chinoises"), ("chiffres", "arabes"), ("chiffre", "arabe"), ("chiffres", "romains"),
           ("bain", "turc"), ("bains", "turcs"), ("douche", "écossaise"), ("nuit", "américaine"),
           ("pain", "perdu"), ("frites", "belges"), ("tête", "turc"), ("filer", "anglaise"), ("fromage", "suisse"),
           ("berger", "allemand"), ("berger", "belge"), ("bouledogue", "français"), ("sauce", "hollandaise")}
# Cities this large are worth a link wherever they are; smaller ones only in a
# country the article names (or in France).
_MIN_POP_ANYWHERE = 150_000
_MIN_POP_EXONYM = 500_000
# Most French departments are named after a river: these words before the name mean the river.
_RIVER_CUES = {"fleuve", "rivière", "crue", "crues", "bords", "rive", "rives", "berges", "embouchure", "source",
               "cours", "affluent", "vallée", "estuaire", "gorges", "eaux", "confluent", "confluence", "méandres"}
_DEFINITE = {"le", "la", "les", "l'", "l’", "du", "des", "au", "aux"}
_DEFINITE_SG = {"le", "la", "l'", "l’", "du", "au", "cette", "cet"}
# French puts no determiner before a person's name.
_NOT_BEFORE_NAME = {"le", "la", "les", "l'", "l’", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "ces"}
_CONTRACTED = {"au": "Le", "du": "Le", "aux": "Les", "des": "Les"}


def _titles_after_article(kb: KB) -> frozenset:
    """Lower-case first words after "Le"/"Les" in the KB's names ("parisien", "echos"),
    computed once per KB: the only words "au"/"du" can bring to a title."""
    heads = getattr(kb, "_titles_after_article", None)
    if heads is None:
        heads = frozenset(
            a.split()[1].lower() for e in kb.entities.values() if e.type == "ORG"
            for a in e.aliases if len(a.split()) >= 2 and a.split()[0] in ("Le", "Les"))
        kb._titles_after_article = heads
    return heads
# Nouns that with a demonym or "de + capital" name the state acting ("les autorités
# irakiennes", "le régime de Damas"); "gouvernement" and "armée" are institutions.
_STATE_NOUNS = {"autorités", "régime", "pouvoir", "diplomatie", "État", "Etat", "état"}


@dataclass
class Cand:
    start: int  # token
    end: int
    label: str
    etype: str
    kb: Optional[KBEntity] = None
    cluster: Optional["Cluster"] = None
    name_tokens: Optional[tuple[int, int]] = None  # tokens of the name proper (without honorific)

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


@dataclass
class Cluster:
    key: str
    name: str
    etype: str
    kb: Optional[KBEntity] = None
    cands: list[Cand] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    role_heads: list[str] = field(default_factory=list)
    linked: bool = False

    @property
    def first(self) -> int:
        return min(c.start for c in self.cands) if self.cands else 10**9

    def last_before(self, i: int) -> int:
        return max((c.start for c in self.cands if c.start < i), default=-1)


class Linker:
    def __init__(self, kb: KB):
        self.kb = kb

    # ------------------------------------------------------------------------
    def __call__(self, doc: Doc, published: Optional[str] = None) -> list[Entity]:
        self.doc = doc
        self.published = published
        # Token strings once: the passes below look words up instead of walking Token objects.
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, LOWER]) if len(doc) else []
        self.texts = [strings[int(o)] for o, _ in arr]
        self.lowers = [strings[int(lo)] for _, lo in arr]
        self.clusters: dict[str, Cluster] = {}
        self.extra_kb: dict[str, KBEntity] = {}
        cands = self._ner_candidates(doc)
        self._retype_people(doc, cands)
        self._link_context(cands)
        self._cluster(cands)
        self._places_that_are_surnames()
        self._handles(cands)
        self._context_mentions(doc)
        self._acronyms_of_bodies(doc)
        coref.pair_acronyms(self, doc)
        self._contracted_titles(doc)
        self._demonyms(doc)
        self._country_bodies(doc)
        self._metonymy(doc)
        self._roles(doc)
        self._role_nps(doc)
        coref.protagonist_descriptions(self, doc)
        coref.press_and_companies(self, doc)
        self._country_anaphora(doc)
        self._capital_anaphora(doc)
        return self._entities(doc)

    # -- 1. spans ------------------------------------------------------------------
    def _ner_candidates(self, doc: Doc) -> list[Cand]:
        out = []
        # countries the ruler already found: a small town of one of them is a likely
        # reading of an unknown place name, a small town elsewhere is not
        self._countries = {"FR"} | {e.country for e in (self.kb.get(x.kb_id_) for x in doc.ents if x.kb_id_)
                                    if e is not None and e.country}
        person_words = {self.lowers[i] for x in doc.ents if x.label_ == "PER" for i in range(x.start, x.end)}
        for ent in doc.ents:
            etype = ent.label_ if ent.label_ in ("PER", "ORG", "LOC", "MISC") else "MISC"
            kb_ent = self.kb.get(ent.kb_id_) if ent.kb_id_ else None
            label = "kb" if kb_ent else "ner"
            if kb_ent is None and not ent.text.startswith("@"):
                kb_ent = self.kb.lookup(ent.text) or self.kb.lookup(bare(ent.text))
                prev = self.lowers[ent.start - 1] if ent.start > 0 else ""
                if kb_ent is None and prev in _CONTRACTED:
                    # "au Parisien", "du Monde": the title's article is inside "au"/"du"
                    kb_ent = self.kb.lookup(f"{_CONTRACTED[prev]} {ent.text}")
                if kb_ent is None and prev in ("le", "la", "les") and ent.text[:1].isupper():
                    # "selon le Parisien": the title's article written in lower case
                    found = self.kb.lookup(f"{prev.capitalize()} {ent.text}")
                    kb_ent = found if found is not None and found.kind == "media" else None
                if kb_ent is None and prev in ("l'", "l’") and ent.text[:1].isupper():
                    # "l'Express", "l'Obs": the elided article belongs to the title
                    found = self.kb.lookup(f"L'{ent.text}")
                    kb_ent = found if found is not None and found.kind == "media" else None
                words = bare(ent.text).split()
                if kb_ent is None and len(words) == 2 and words[0] in _STATE_NOUNS and words[1].lower() in self.kb.adjectives:
                    kb_ent = self.kb.get(self.kb.adjectives[words[1].lower()])  # "Etat nigérian" -> Nigeria
                    label = "demonym"
                if kb_ent is None and bare(ent.text) in self.kb.demonym_nouns:
                    kb_ent = self.kb.get(self.kb.demonym_nouns[bare(ent.text)])  # "les Russes" tagged LOC
                    label = "demonym"
                if kb_ent is not None and etype == "PER" and kb_ent.type != "PER" and fold(bare(ent.text)) in {fold(f) for f in kb_ent.lookup_only}:
                    kb_ent = None  # "Lorraine", "Jordan" as a person: forms the KB never tags itself
                if kb_ent is not None and kb_ent.kind == "department" and _RIVER_CUES & set(self.lowers[max(0, ent.start - 4):ent.start]):
                    kb_ent = None  # "les bords de la Loire", "la crue de la Marne": the river
                nxt = doc[ent.end] if ent.end < len(doc) else None
                first_name = (nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and prev not in _PLACE_PREPS)
                street = ent.start >= 2 and self.lowers[ent.start - 2] in _STREETS and prev in ("de", "d'", "d’")
                if (kb_ent is None and etype == "LOC" and not first_name and not street
                        and not (len(ent) == 1 and self.lowers[ent.start] in person_words)):
                    # ("Alexandria Ocasio-Cortez": a first name followed by the surname, not a city)
                    kb_ent = self._city(ent.text) or self._city(bare(ent.text))
            if kb_ent is not None and kb_ent.kind == "country" and kb_ent.country != "US" and "US" in self._countries:
                kb_ent = self._us_state(ent.text) or kb_ent  # "Géorgie" in a story on an American election
            start = ent.start
            if etype == "PER" and kb_ent is None:
                while start < ent.end - 1 and ent.doc[start].text in R.HONORIFICS:
                    start += 1
            if ent.text.startswith("@"):
                label = "handle"
            out.append(Cand(ent.start, ent.end, label, kb_ent.type if kb_ent else etype, kb_ent, name_tokens=(start, ent.end)))
        return out

    def _us_state(self, name: str) -> Optional[KBEntity]:
        """The American state a country's name also names ("Géorgie"), from the state's
        French form "État de Géorgie"."""
        states = getattr(self.kb, "_state_by_short_name", None)
        if states is None:
            states = {}
            for e in self.kb.entities.values():
                if e.kind == "state" and e.country == "US":
                    for form in e.lookup_only:
                        short = re.sub(r"^(?:É|E)tat de ", "", form)
                        if short != form:
                            states[fold(short)] = e
            self.kb._state_by_short_name = states
        return states.get(fold(bare(name)))

    def _city(self, name: str) -> Optional[KBEntity]:
        city = self.kb.find_city(name)
        if city is None or len(name) < 3:
            return None
        if is_acronym(name) and fold(name) != fold(city.name):
            return None  # "GNA": an acronym, not another spelling of Guna
        # a town abroad of a country the article never names, or another spelling of a
        # mid-size city ("Drac" is a river, not Durrës), needs that country named
        floor = _MIN_POP_ANYWHERE if fold(name) == fold(city.name) else _MIN_POP_EXONYM
        if city.population < floor and city.country not in self._countries:
            return None
        ent = self.extra_kb.get(city.id)
        if ent is None:
            ent = KBEntity(id=city.id, name=city.name, type="LOC", country=city.country,
                           coordinates=[city.lat, city.lon], kind="city", origin="geonames")
            capital = self.kb.capital_of.get(city.id)
            if capital:
                ent.capital_of = capital
            self.extra_kb[city.id] = ent
        return ent

    def _retype_people(self, doc: Doc, cands: list[Cand]) -> None:
        """Unknown LOC/MISC/ORG names that are people: titled, in apposition to a
        title, or shaped like Arabic names with a particle ("Ali al-Ghanemi")."""
        blocked = {i for c in cands for i in range(c.start, c.end)}
        for c in cands:
            if c.kb is not None or c.etype == "PER" or is_acronym(c.text(doc)):
                continue  # "LCI, la présidente de la région": an acronym is not a person
            toks = doc[c.start:c.end]
            prev = doc[c.start - 1] if c.start > 0 else None
            if prev is not None and prev.lower_ in _NOT_BEFORE_NAME:
                continue  # "le Championnat de football", "la Terre de Feu"
            titled = prev is not None and (prev.text in R.HONORIFICS or prev.lower_ in R.PERSON_TITLES and prev.text[:1].islower())
            titled = titled and all(t.pos_ in ("PROPN", "X") or t.lower_ in _PARTICLES or t.text == "-" for t in toks)
            apposed = R.role_after(doc, c.end, blocked - set(range(c.start, c.end))) is not None
            particle = (len(toks) >= 2 and toks[0].text[:1].isupper() and toks[0].pos_ in ("PROPN", "X")
                        and all(t.text[:1].isupper() or t.lower_ in _PARTICLES or t.text == "-" for t in toks)
                        and any(t.text.lower() in _PARTICLES for t in toks[1:-1])
                        and (prev is None or prev.text.lower() not in _LOCATIVE))
            if (titled or apposed or particle) and c.etype in ("LOC", "MISC", "ORG"):
                if c.etype == "ORG" and not (titled or apposed):
                    continue
                c.etype = "PER"
                c.label = "ner"

    def _link_context(self, cands: list[Cand]) -> None:
        present = {c.kb.id for c in cands if c.kb is not None}
        local_per_surnames = set()
        for c in cands:
            if c.kb is None and c.etype == "PER" and c.end - c.start >= 2:
                local_per_surnames.add(fold(self.doc[c.end - 1].text))
        for c in cands:
            if c.kb is not None:
                continue
            text = bare(c.text(self.doc))
            ent = self.kb.lookup_context(text)
            if ent is None:
                continue
            if ent.id in present or (ent.type == "PER" and c.etype == "PER" and fold(text) not in local_per_surnames):
                c.kb = ent
                c.etype = ent.type
                c.label = "kb"

    # -- 2. grouping -----------------------------------------------------------------
    def _cluster_for_kb(self, ent: KBEntity) -> Cluster:
        cl = self.clusters.get(ent.id)
        if cl is None:
            cl = Cluster(ent.id, ent.name, ent.type, kb=ent, linked=True)
            self.clusters[ent.id] = cl
        return cl

    def _add(self, cl: Cluster, cand: Cand) -> None:
        cand.cluster = cl
        cl.cands.append(cand)

    def _cluster(self, cands: list[Cand]) -> None:
        doc = self.doc
        pending_people: list[Cand] = []
        for c in sorted(cands, key=lambda c: c.start):
            if c.kb is not None:
                self._add(self._cluster_for_kb(c.kb), c)
                continue
            if c.etype == "PER":
                pending_people.append(c)
                continue
            prev_cl = self._parenthesised_acronym_of(c, cands)
            if prev_cl is not None:
                self._add(prev_cl, c)
                continue
            key = f"{c.etype}|{fold(bare(c.text(doc)))}"
            cl = self.clusters.get(key)
            if cl is None:
                # the NER fixes already trimmed articles that are not part of the name ("La Haye")
                cl = Cluster(key, c.text(doc).strip(" *\"'«»“”"), c.etype)
                self.clusters[key] = cl
            self._add(cl, c)
        # people: full names first, then the short forms join them
        # a one-word MISC name that is the surname of a person of the article ("Jalel"
        # tagged MISC next to "Jalel Harchaoui") is that person
        for c in cands:
            if c.kb is None and c.etype == "MISC" and c.end - c.start == 1 and c.cluster is not None:
                c.cluster.cands.remove(c)
                if not c.cluster.cands:
                    del self.clusters[c.cluster.key]
                c.cluster = None
                c.etype = "PER"
                pending_people.append(c)
        full = [c for c in pending_people if self._name_len(c) >= 2 and not c.text(doc).startswith("@")]
        short = [c for c in pending_people if c not in full and not c.text(doc).startswith("@")]
        for c in full:
            name = self._name(c)
            cl = self._person_by_variant(name)
            if cl is None:
                cl = Cluster(f"PER|{fold(name)}", name, "PER")
                self.clusters[cl.key] = cl
            self._add(cl, c)
        for c in short:
            name = self._name(c)
            cl = self._person_by_surname(name, c.start, self._honorific(c))
            if cl is not None:
                c.label = "surname" if len(cl.name.split()) > 1 else "ner"
            elif (cl := self._person_by_first_name(name)) is not None:
                c.label = "firstname"
            elif c.label == "ner" and doc[c.start].ent_type_ == "MISC":
                c.etype = "MISC"  # not a person of this article: back to what the NER said
                key = f"MISC|{fold(name)}"
                cl = self.clusters.get(key) or Cluster(key, name, "MISC")
                self.clusters[key] = cl
            else:
                cl = self.clusters.get(f"PER|{fold(name)}") or Cluster(f"PER|{fold(name)}", name, "PER")
                self.clusters[cl.key] = cl
            self._add(cl, c)
        self._pending_handles = [c for c in pending_people if c.text(doc).startswith("@")]

    def _places_that_are_surnames(self) -> None:
        """"la politique de Hollande" once François Hollande is named: the surname of a
        person of the article, not the country, unless a place preposition says so
        ("en Hollande", "à Washington")."""
        surnames: dict[str, Cluster] = {}
        for cl in self.clusters.values():
            words = cl.name.split() if cl.etype == "PER" else []
            if len(words) >= 2:
                surnames.setdefault(fold(words[-1]), cl)
        if not surnames:
            return
        for cl in list(self.clusters.values()):
            if cl.etype not in ("LOC", "GPE") or cl.kb is None:
                continue
            for c in list(cl.cands):
                person = surnames.get(fold(self.texts[c.start])) if c.end - c.start == 1 else None
                prev = self.lowers[c.start - 1] if c.start > 0 else ""
                if person is None or prev in _PLACE_PREPS or prev in _NOT_BEFORE_NAME:
                    continue
                cl.cands.remove(c)
                c.kb, c.etype, c.label = person.kb, "PER", "surname"
                self._add(person, c)
            if not cl.cands:
                del self.clusters[cl.key]

    def _name(self, c: Cand) -> str:
        s, e = c.name_tokens or (c.start, c.end)
        return bare(self.doc[s:e].text)

    def _name_len(self, c: Cand) -> int:
        return len(self._name(c).replace("-", " ").split())

    def _person_by_variant(self, name: str) -> Optional[Cluster]:
        """The same person under a spelling variant ("al-Ghanemi"/"al Ghanemi", accents)."""
        k = fold(name).replace(" ", "")
        for cl in self.clusters.values():
            if cl.etype == "PER" and fold(cl.name).replace(" ", "") == k:
                return cl
        return None

    def _honorific(self, c: Cand) -> Optional[str]:
        word = self.texts[c.start] if c.name_tokens and c.name_tokens[0] > c.start else None
        if word in ("M.", "M", "MM.", "monsieur"):
            return "m"
        if word in ("Mme", "Mlle", "Mmes", "madame", "Madame"):
            return "f"
        return None

    def _person_by_surname(self, name: str, at: int, honorific: Optional[str] = None) -> Optional[Cluster]:
        k = fold(name)
        best, best_pos = None, -2
        for cl in self.clusters.values():
            if cl.etype != "PER":
                continue
            if honorific and any(self._honorific(o) not in (None, honorific) for o in cl.cands):
                continue  # "Mme Fillon" is not the man called "M. Fillon" a line above
            names = [cl.name] + ([cl.kb.label_fr or "", *cl.kb.aliases] if cl.kb else [])
            if not any(fold(n).endswith(" " + k) or fold(n).split(" ")[-1:] == [k] for n in names if n):
                continue
            pos = cl.last_before(at)
            if pos < 0:
                pos = -1  # named in full only later: still the best guess within the article
            if pos > best_pos:
                best, best_pos = cl, pos
        return best

    def _person_by_first_name(self, name: str) -> Optional[Cluster]:
        """"Penelope" after "Penelope Fillon" (and "François Fillon"): only when one
        person of the article has that first name."""
        k = fold(name)
        found = [cl for cl in self.clusters.values() if cl.etype == "PER" and len(fold(cl.name).split()) >= 2
                 and fold(cl.name).split()[0] == k]
        return found[0] if len(found) == 1 else None

    def _parenthesised_acronym_of(self, c: Cand, cands: list[Cand]) -> Optional[Cluster]:
        """"commandement central ... (CENTCOM)": the acronym names the preceding entity."""
        doc = self.doc
        if not is_acronym(c.text(doc)) or c.start < 2 or doc[c.start - 1].text != "(":
            return None
        for other in cands:
            if other.end == c.start - 1 and other.cluster is not None and other.etype in ("ORG", "MISC"):
                return other.cluster
        return None

    def _handles(self, cands: list[Cand]) -> None:
        for c in getattr(self, "_pending_handles", []):
            handle = fold(c.text(self.doc)[1:].replace("_", " "))
            target = None
            for cl in self.clusters.values():
                if cl.etype == "PER" and (fold(cl.name) == handle or fold(cl.name).replace(" ", "") == handle.replace(" ", "")):
                    target = cl
                    break
            if target is None:
                target = self.clusters.setdefault(f"PER|@{handle}", Cluster(f"PER|@{handle}", c.text(self.doc), "PER"))
            c.label = "handle"
            self._add(target, c)

    def _context_mentions(self, doc: Doc) -> None:
        """Context aliases the NER left untagged ("que l'Alliance assumerait" once
        NATO is named): matched as capitalised token sequences."""
        cov = self._covered()
        for cl in list(self.clusters.values()):
            if cl.kb is None or not cl.kb.context_aliases or cl.kb.type == "PER":
                continue
            for alias in cl.kb.context_aliases:
                words = alias.split()
                # a common noun ("l'enclave palestinienne" once Gaza is named) only after a
                # definite article, and never before the name itself
                common = not words[0][:1].isupper()
                n = len(words)
                for i in (k for k, t in enumerate(self.texts) if t == words[0] and k + n <= len(doc)):
                    if any(self.texts[i + k] != w for k, w in enumerate(words)):
                        continue
                    if any(j in cov for j in range(i, i + n)) or (doc[i].is_sent_start and not common):
                        continue
                    nxt = doc[i + n] if i + n < len(doc) else None
                    if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
                        continue  # "Alliance Française": a longer name
                    start = i
                    if common:
                        if i == 0 or self.lowers[i - 1] not in _DEFINITE_SG or i < cl.first:
                            continue
                        if nxt is not None and nxt.lower_ in ("de", "d'", "d’", "du", "des"):
                            continue  # "le territoire palestinien de Cisjordanie" names another one
                        start = i - 1 if self.lowers[i - 1] in ("le", "la", "l'", "l’") else i
                    self._add(cl, Cand(start, i + n, "kb", cl.etype, cl.kb))

    def _acronyms_of_bodies(self, doc: Doc) -> None:
        """"le mouvement séparatiste sudiste (STC)": an acronym in parentheses after a
        body described by a common noun names that body, which the NER often leaves out."""
        texts, lowers = self.texts, self.lowers
        cov = None
        for k in range(2, len(doc) - 2):
            if texts[k] != "(" or texts[k + 2] != ")" or not is_acronym(texts[k + 1]) or len(texts[k + 1]) < 2:
                continue
            if not texts[k + 1].isalpha() or not any(w in _BODY_NOUNS for w in lowers[max(0, k - 5):k]):
                continue
            cov = self._covered() if cov is None else cov
            if k + 1 in cov or k - 1 in cov:
                continue  # "Organisation mondiale de la santé (OMS)": the name is known
            acr = texts[k + 1]
            ent = self.kb.lookup(acr)
            if ent is not None:
                cl = self._cluster_for_kb(ent)
            else:
                key = f"ORG|{fold(acr)}"
                cl = self.clusters.get(key) or Cluster(key, acr, "ORG")
                self.clusters[key] = cl
            self._add(cl, Cand(k + 1, k + 2, "kb" if ent is not None else "ner", cl.etype, ent))
            cov[k + 1] = cl.cands[-1]

    def _contracted_titles(self, doc: Doc) -> None:
        """"au Parisien", "du Figaro", "aux Echos": a title whose article is inside
        the contraction, which the NER seldom tags; only forms the KB knows in full."""
        heads = _titles_after_article(self.kb)
        texts, lowers = self.texts, self.lowers
        starts = [k for k in range(len(doc) - 1) if lowers[k] in _CONTRACTED and lowers[k + 1] in heads]
        if not starts:
            return
        cov = self._covered()
        for k in starts:
            art = _CONTRACTED[lowers[k]]
            if k + 1 in cov or not texts[k + 1][:1].isupper():
                continue
            for n in (3, 2, 1):
                if k + 1 + n > len(doc) or any(j in cov for j in range(k + 1, k + 1 + n)):
                    continue
                form = f"{art} {' '.join(texts[k + 1:k + 1 + n])}"
                ent = self.kb.lookup(form)
                if ent is not None and ent.type == "ORG" and any(fold(a) == fold(form) for a in ent.aliases):
                    self._add(self._cluster_for_kb(ent), Cand(k + 1, k + 1 + n, "kb", ent.type, ent))
                    cov.update({j: None for j in range(k + 1, k + 1 + n)})
                    break

    # -- 3. demonyms and institutions -----------------------------------------------------
    def _covered(self) -> dict[int, Cand]:
        cov = {}
        for cl in self.clusters.values():
            for c in cl.cands:
                for i in range(c.start, c.end):
                    cov[i] = c
        return cov

    def _demonyms(self, doc: Doc) -> None:
        cov = self._covered()
        nouns, adjs = self.kb.demonym_nouns, self.kb.adjectives
        for i in [k for k, t in enumerate(self.texts) if t in nouns or self.lowers[k] in adjs]:
            tok = doc[i]
            eid = None
            start = tok.i
            if tok.text in self.kb.demonym_nouns and tok.pos_ in ("NOUN", "PROPN") and tok.i not in cov:
                eid = self.kb.demonym_nouns[tok.text]
                if tok.i > 0 and doc[tok.i - 1].lower_ == "les":
                    start = tok.i - 1
            elif tok.lower_ in self.kb.adjectives and tok.text[:1].islower() and tok.pos_ in ("ADJ", "NOUN"):
                if self._language_use(tok) or self._idiom(tok):
                    continue
                eid = self.kb.adjectives[tok.lower_]
            if eid is None:
                continue
            ent = self.kb.get(eid)
            if ent is None:
                continue
            inside = cov.get(tok.i)
            if inside is not None and inside.kb is not None and inside.kb.id == eid:
                continue
            if (inside is not None and inside.kb is not None and inside.kb.kind not in _DEMONYM_BODIES
                    and self.texts[inside.start][:1].isupper()):
                continue  # "la Comédie française", "Parti communiste français": part of a name
            if ent.kind == "country" and tok.i > 0 and doc[tok.i - 1].lower_ in _STATE_NOUNS and start == tok.i:
                start = tok.i - 1  # "les autorités irakiennes", "le régime syrien": the state itself
            self._add(self._cluster_for_kb(ent), Cand(start, tok.i + 1, "demonym", ent.type, ent))
            self._institution(doc, tok, ent, cov)

    def _idiom(self, tok) -> bool:
        """"les montagnes russes", "filer à l'anglaise": the adjective in a set phrase."""
        words = [self.lowers[k] for k in range(max(0, tok.i - 3), tok.i)]
        return any((w, tok.lower_) in _IDIOMS for w in words)

    def _language_use(self, tok) -> bool:
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        return (prev is not None and prev.lower_ == "en") or tok.head.lemma_ in _LANGUAGE_HEADS

    def _institution(self, doc: Doc, adj, country: KBEntity, cov: dict) -> None:
        """"le parlement irakien" -> Parliament of Iraq (linked through its country)."""
        if country.kind != "country" or adj.i == 0:
            return
        noun = doc[adj.i - 1]
        kind = _INSTITUTIONS.get(noun.text) or _INSTITUTIONS.get(noun.lower_)
        if kind is None or noun.i in cov:
            return
        start = noun.i
        if start > 0 and doc[start - 1].lower_ in ("le", "la", "l'", "l’"):
            start -= 1
        ent = self._derived(country, kind)
        self._add(self._cluster_for_kb(ent), Cand(start, adj.i + 1, "institution", "ORG", ent))

    def _derived(self, country: KBEntity, kind: str) -> KBEntity:
        """"Parliament of Iraq", "Government of Belgium": an institution known by its country."""
        eid = f"kb:{kind.lower().replace(' ', '-')}-{country.country}"
        ent = self.extra_kb.get(eid) or KBEntity(id=eid, name=f"{kind} of {country.name}", type="ORG",
                                                 country=country.country, kind="institution", origin="derived")
        self.extra_kb[eid] = ent
        return ent

    # -- 3b. bodies named by a common noun ("le Sénat", "les démocrates") ---------------------
    def _main_country(self) -> str:
        """ISO code of the country the article is most about: mentions of the country,
        its demonyms, places and known people; France when nothing stands out (the
        press is French)."""
        counts: dict[str, int] = {}
        for cl in self.clusters.values():
            iso = cl.kb.country if cl.kb is not None else None
            if iso:
                counts[iso] = counts.get(iso, 0) + len(cl.cands)
        if not counts:
            return "FR"
        best = max(counts, key=lambda k: (counts[k], k == "FR"))
        return best if counts[best] >= 2 and counts[best] > counts.get("FR", 0) else "FR"

    def _country_bodies(self, doc: Doc) -> None:
        index = self.kb.country_alias_index
        if not index:
            return
        self._alias_heads = {k.split(" ")[0] for k in index}
        main = self._main_country()

        def body(form: str) -> Optional[KBEntity]:
            # case of the first letter as written: "la Chambre" is a house, "la chambre" a room
            for eid in index.get(fold(form), []):
                ent = self.kb.get(eid)
                if ent is not None and ent.country == main and any(
                        fold(a) == fold(form) and a[:1].isupper() == form[:1].isupper() for a in ent.country_aliases):
                    return ent
            return None

        # (a) a name the ruler gave to another country's body ("Sénat" -> French Senate)
        for cl in list(self.clusters.values()):
            if cl.kb is None or cl.kb.country == main:
                continue
            for c in list(cl.cands):
                text = " ".join(self.texts[c.start:c.end])
                if fold(bare(text)) not in index:
                    continue
                ent = body(bare(text))
                if ent is None or ent.id == cl.kb.id:
                    continue
                cl.cands.remove(c)
                c.kb, c.etype = ent, ent.type
                self._add(self._cluster_for_kb(ent), c)
            if not cl.cands:
                del self.clusters[cl.key]
        # (b) the common noun after a definite article, not qualified by a complement or
        # an adjective that names another body ("le gouvernement irakien", "de Bagdad")
        lowers, texts = self.lowers, self.texts
        found = [i for i in range(1, len(doc)) if lowers[i - 1] in _DEFINITE and fold(texts[i]) in self._alias_heads]
        if not found:
            return
        cov = self._covered()
        main_id = self.kb.country_by_iso.get(main)
        for i in found:
            if i in cov:
                continue
            for n in (3, 2, 1):
                ent = body(" ".join(texts[i:i + n])) if i + n <= len(doc) else None
                if ent is not None:
                    break
            if ent is None and lowers[i] in ("gouvernement", "exécutif") and texts[i][:1].islower():
                # "le gouvernement" in a story about Belgium: the Belgian government, which
                # the KB does not list
                country = self.kb.country(main)
                ent, n = (self._derived(country, "Government"), 1) if country is not None else (None, 1)
            if ent is None or any(j in cov for j in range(i, i + n)):
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and nxt.lower_ in ("de", "d'", "d’", "du", "des") and self._same_country_after(i + n + 1, main, cov):
                nxt = None  # "les républicains du Sénat": a body of the same country
            if nxt is not None and (nxt.lower_ in ("de", "d'", "d’", "du", "des") or nxt.pos_ == "PROPN"
                                    or nxt.text[:1].isupper() and nxt.is_alpha
                                    or nxt.pos_ == "ADJ" and self.kb.adjectives.get(nxt.lower_) != main_id):
                continue
            self._add(self._cluster_for_kb(ent), Cand(i, i + n, "kb", ent.type, ent))
            cov.update({j: None for j in range(i, i + n)})

    def _same_country_after(self, k: int, main: str, cov: dict) -> bool:
        if k < len(self.texts) and self.lowers[k] in ("la", "l'", "l’"):
            k += 1
        if k >= len(self.texts):
            return False
        c = cov.get(k)
        if c is not None and c.kb is not None:
            return c.kb.country == main
        return any(self.kb.get(e) is not None and self.kb.get(e).country == main
                   for e in self.kb.country_alias_index.get(fold(self.texts[k]), []))

    # -- 4. metonymy ---------------------------------------------------------------------
    def _metonymy(self, doc: Doc) -> None:
        for cl in list(self.clusters.values()):
            if cl.kb is None or not (cl.kb.capital_of or self.kb.capital_of.get(cl.kb.id)):
                continue
            country = self.kb.get(cl.kb.capital_of if cl.kb.capital_of in self.kb.entities else self.kb.capital_of.get(cl.kb.id, ""))
            if country is None:
                country = self.kb.country(cl.kb.country)
            if country is None:
                continue
            for c in list(cl.cands):
                if self._acts(doc, c):
                    cl.cands.remove(c)
                    c.label = "metonymy"
                    if c.start >= 2 and doc[c.start - 1].lower_ == "de" and doc[c.start - 2].text in _STATE_NOUNS:
                        c.start -= 2
                    c.kb = country
                    c.etype = country.type
                    self._add(self._cluster_for_kb(country), c)
            if not cl.cands:
                del self.clusters[cl.key]

    def _acts(self, doc: Doc, c: Cand) -> bool:
        prev = doc[c.start - 1] if c.start > 0 else None
        if prev is not None and prev.lower_ == "de" and c.start >= 2 and doc[c.start - 2].text in _STATE_NOUNS:
            return True  # "le régime de Damas"
        if prev is not None and prev.lower_ in _LOCATIVE:
            if prev.lower_ in ("de", "d'", "d’", "du") and c.start >= 2:
                head = doc[c.start].head
                noun = doc[c.start - 2]
                if noun.text[:1].isupper():
                    return False  # "Accord de Paris", "Conférence de Berlin": a name
                return head.lower_ in _ACTOR_NOUNS or noun.lower_ in _ACTOR_NOUNS
            return False
        tok = doc[c.end - 1]
        if doc[c.start].dep_ in ("nsubj", "nsubj:pass") and doc[c.start].head.pos_ in ("VERB", "AUX"):
            return True
        if doc[c.start].dep_ in ("obj", "iobj") and prev is not None and prev.pos_ in ("VERB", "AUX"):
            # "Washington a accusé Moscou": the object of a state acting is a state too
            verb = doc[c.start].head
            subjects = [t for t in verb.children if t.dep_.startswith("nsubj")]
            if any(self._is_state(t.i) for t in subjects):
                return True
        # the parser often attaches a sentence-initial capital elsewhere: look at the surface
        j = c.end
        while j < len(doc) and (doc[j].lower_ in _SKIP_BEFORE_VERB or doc[j].pos_ == "ADV") and j - c.end < 3:
            j += 1
        nxt = doc[j] if j < len(doc) else None
        if nxt is not None and nxt.pos_ in ("VERB", "AUX") and nxt.morph.get("VerbForm") != ["Part"] or (
                nxt is not None and nxt.pos_ in ("VERB", "AUX") and j > c.end):
            return tok.sent.start == c.start or (prev is not None and prev.pos_ in ("SCONJ", "PUNCT", "CCONJ", "ADV"))
        return False

    def _is_state(self, i: int) -> bool:
        for cl in self.clusters.values():
            if cl.kb is None:
                continue
            is_state = cl.kb.kind == "country" or cl.kb.capital_of or self.kb.capital_of.get(cl.kb.id)
            if is_state and any(c.start <= i < c.end for c in cl.cands):
                return True
        return False

    # -- 5. roles -------------------------------------------------------------------------
    def _people_mentions(self) -> list[Cand]:
        return sorted((c for cl in self.clusters.values() if cl.etype == "PER" for c in cl.cands
                       if c.label not in ("role", "handle")), key=lambda c: c.start)

    def _roles(self, doc: Doc) -> None:
        people = self._people_mentions()
        blocked_all = {i for c in people for i in range(c.start, c.end)}
        self._role_tokens: set[int] = set()
        for c in people:
            blocked = blocked_all - set(range(c.start, c.end))
            s = c.name_tokens[0] if c.name_tokens else c.start
            before = R.role_before(doc, s, blocked)
            if before is None:
                before = self._title_of_apposed(doc, c, people, blocked_all)
            for phrase in (before, self._apposed_title(doc, before, blocked), R.role_after(doc, c.end, blocked)):
                if phrase is None or phrase.end <= phrase.start:
                    continue
                adjacent = phrase is before and phrase.end == s  # "le Premier ministre Alain Juppé"
                if not adjacent and self._held_by_other(c.cluster, phrase):
                    continue
                self._attach_role(doc, c.cluster, phrase)

    def _title_of_apposed(self, doc: Doc, c: Cand, people: list[Cand], blocked_all: set[int]) -> Optional[R.RolePhrase]:
        """"le conseiller spécial du Premier ministre britannique Boris Johnson, [Dominic
        Cummings]": the first title, whose complement is the person named before the
        comma, belongs to the person named after it."""
        s = c.start if c.start < len(doc) and doc[c.start].text in R.HONORIFICS else (c.name_tokens[0] if c.name_tokens else c.start)
        if s < 2 or doc[s - 1].text != ",":
            return None
        prev = next((p for p in people if p.end == s - 1 and p.cluster is not c.cluster), None)
        if prev is None:
            return None
        ps = prev.name_tokens[0] if prev.name_tokens else prev.start
        blocked = blocked_all - set(range(prev.start, prev.end))
        own = R.role_before(doc, ps, blocked)
        if own is None:
            # "l'avocat d'Yvon Collin, Me François Saint-Pierre": the first name is the
            # complement of the title, which is the second person's, with that name
            whole = R.role_before(doc, ps, blocked, shift=False, complement=True)
            if whole is None or doc[whole.end - 1].lower_ not in ("de", "d'", "d’"):
                return None
            return R.RolePhrase(whole.start, prev.end, whole.det, whole.head)
        whole = R.role_before(doc, ps, blocked, shift=False)
        if whole is None or own.start == whole.start:
            return None  # the title before the first name is that person's own
        return R.RolePhrase(whole.start, own.start - 1 if doc[own.start - 1].lower_ in ("du", "des", "au", "aux") else own.start,
                            whole.det, whole.head)

    def _apposed_title(self, doc: Doc, phrase: Optional[R.RolePhrase], blocked: set[int]) -> Optional[R.RolePhrase]:
        """"Le chef de la junte au Mali, le colonel Assimi Goïta": a second title in
        apposition before the first, when it opens its clause (not "Après avoir
        rencontré le président, le général X")."""
        if phrase is None or phrase.det is None or phrase.det.i < 2 or doc[phrase.det.i - 1].text != ",":
            return None
        if phrase.det.lower_ not in ("le", "la", "l'", "l’"):
            return None
        first = R.role_before(doc, phrase.det.i, blocked)
        if first is None or first.det is None or first.det.lower_ not in ("le", "la", "l'", "l’"):
            return None
        k = first.det.i
        prev = doc[k - 1] if k > 0 else None
        if prev is None or first.det.is_sent_start or R.new_sentence(first.det) or prev.pos_ in ("SCONJ", "CCONJ") or prev.text in (":", ";", "(", "-", "–", "—"):
            return first
        return None

    def _held_by_other(self, cl: Cluster, phrase: R.RolePhrase) -> bool:
        """A known office held on the publication day by another person named in the
        article ("l'animal de compagnie du président de la République, Nemo pour
        Emmanuel Macron"): not this person's title."""
        title = phrase.title(self.doc)
        words = title.split()
        if not words or words[0].lower() in ("ancien", "ancienne", "ex", "futur", "future") or words[0].lower().startswith("ex-"):
            return False
        core = " ".join(words[1:]) if words[0].lower() in R._PRE_HEAD else title
        holders = self.kb.office_holders(core, self.published)
        if not holders or not self.published:
            return False
        present = [h for h in holders if h in self.clusters]
        return bool(present) and (cl.kb is None or cl.kb.id not in holders)

    def _attach_role(self, doc: Doc, cl: Cluster, phrase: R.RolePhrase, as_mention: bool = True) -> None:
        title = phrase.title(doc)
        if not title:
            return
        span = doc[phrase.start:phrase.end]
        org = self._role_org(doc, phrase)
        if not any(r.title == title for r in cl.roles):
            cl.roles.append(Role(title=title, organization=org,
                                 mention={"start": span.start_char, "end": span.end_char, "text": span.text}))
        cl.role_heads.append(phrase.head)
        self._role_tokens.update(range(phrase.det.i if phrase.det is not None else phrase.start, phrase.end))
        if as_mention:
            full = phrase.span_with_det(doc)
            if not any(c.start == full.start and c.end == full.end for c in cl.cands):
                self._add(cl, Cand(full.start, full.end, "role", "PER"))

    def _role_org(self, doc: Doc, phrase: R.RolePhrase) -> Optional[str]:
        inside = [c for cl in self.clusters.values() for c in cl.cands
                  if c.start >= phrase.start and c.end <= phrase.end and cl.etype in ("ORG", "LOC") and c.cluster]
        inside.sort(key=lambda c: (c.cluster.etype != "ORG", c.start))
        if inside:
            return inside[0].cluster.name
        if phrase.det is not None and phrase.det.lower_ in R.POSSESSIVES:
            before = [c for cl in self.clusters.values() for c in cl.cands
                      if c.end <= phrase.det.i and cl.etype in ("ORG", "LOC") and c.cluster
                      and c.start >= doc[phrase.det.i].sent.start - 40]
            if before:
                return max(before, key=lambda c: c.end).cluster.name
        return None

    def _role_nps(self, doc: Doc) -> None:
        """Role noun phrases standing for a person: nearest preceding holder of the
        title, else the person just mentioned (no conflicting title), else the next
        person named within two sentences (cataphora: "sa ministre ... Florence Parly"),
        else, for a specific title as subject, the person of the previous sentence with
        no title ("le haut-commissaire aux retraites s'est montré..."). Known offices go
        to their holder on the publication day, "l'ancien ..." to a past holder."""
        name_starts = {c.start: c for c in self._people_mentions()}
        name_tokens = {i for c in name_starts.values() for i in range(c.start, c.end)}
        sents = list(doc.sents)
        sent_of = {}
        for k, s in enumerate(sents):
            for i in range(s.start, s.end):
                sent_of[i] = k
        lowers = self.lowers
        starts = [k for k in range(len(doc) - 1) if lowers[k] in R.ROLE_NP_DETS
                  and (lowers[k + 1] in R.HEAD_STARTS or lowers[k + 1].startswith("ex-"))]
        i = 0
        for k in starts:
            if k < i:
                continue
            i = k
            if i in self._role_tokens or i in name_tokens:
                i += 1
                continue
            phrase = R.role_np(doc, i)
            if phrase is None or phrase.end in name_starts or (phrase.end < len(doc) and doc[phrase.end].text == "," and phrase.end + 1 in name_starts):
                i += 1
                continue
            if phrase.end < len(doc) and doc[phrase.end].pos_ == "PROPN" and self.texts[phrase.end][:1].isupper():
                i = phrase.end  # "la reine Victoria": the title of a name we did not tag
                continue
            target = self._resolve_role(phrase, sent_of, name_starts)
            if target is not None:
                cl, give_role = target
                if give_role:
                    self._attach_role(doc, cl, phrase, as_mention=False)
                full = phrase.span_with_det(doc)
                self._add(cl, Cand(full.start, full.end, "role", "PER"))
                self._role_tokens.update(range(full.start, full.end))
            i = phrase.end

    def _phrase_countries(self, phrase) -> set[str]:
        out = set()
        for cl in self.clusters.values():
            if cl.kb is None or not cl.kb.country or cl.etype == "PER":
                continue
            if any(c.start >= phrase.start and c.end <= phrase.end for c in cl.cands):
                out.add(cl.kb.country)
        return out

    def _resolve_role(self, phrase, sent_of, name_starts):
        here = phrase.det.i if phrase.det is not None else phrase.start
        k = sent_of.get(here, 0)
        countries = self._phrase_countries(phrase)
        people = [cl for cl in self.clusters.values() if cl.etype == "PER"
                  # "le ministre français" is not Khalifa Haftar
                  and not (countries and cl.kb is not None and cl.kb.country and cl.kb.country not in countries)]
        possessive = phrase.det is not None and phrase.det.lower_ in R.POSSESSIVES
        if possessive and phrase.end - phrase.start <= 1:
            return None  # "son président": whose? the possessor is not resolved here
        # a known office ("le Premier ministre", "le président américain"): its holder
        # on the publication day, when the article names them
        title = phrase.title(self.doc)
        first = title.split()[0].lower() if title else ""
        if first in ("ancien", "ancienne", "ex") or first.startswith("ex-"):
            # "l'ancien Premier ministre": who held that office before the publication day
            core = " ".join(title.split()[1:]) if " " in title else title[3:]
            past = self._past_holders(core)
            present = [self.clusters[h] for h in past if h in self.clusters]
            if len(present) == 1:
                return present[0], True
        elif first not in ("futur", "future"):
            core = " ".join(title.split()[1:]) if first in R._PRE_HEAD else title
            holders = self.kb.office_holders(core, self.published)
            if holders:
                present = [self.clusters[h] for h in dict.fromkeys(holders) if h in self.clusters]
                return (present[-1], True) if len(present) == 1 else None
            # (a known office with no holder recorded on that day: read it like any title)
        # (a) the nearest preceding person holding this title
        holders = [] if possessive else [(cl.last_before(here), cl) for cl in people
                   if cl.last_before(here) >= 0 and any(R.same_function(h, phrase.head) for h in cl.role_heads)]
        exact = [(p, cl) for p, cl in holders if any(h.lower() == phrase.head.lower() or h.lower().rstrip("e") == phrase.head.lower().rstrip("e") for h in cl.role_heads)]
        if exact:
            return max(exact, key=lambda x: x[0])[1], False
        if holders:
            return max(holders, key=lambda x: x[0])[1], False

        def free(cl):
            if countries and cl.kb is not None and cl.kb.country and cl.kb.country not in countries:
                return False
            return not cl.role_heads or any(R.same_function(h, phrase.head) for h in cl.role_heads)

        # (b) the person just mentioned, if the title does not contradict theirs
        recent = [] if possessive else [(cl.last_before(here), cl) for cl in people if cl.last_before(here) >= 0]
        recent = [(p, cl) for p, cl in recent if sent_of.get(p, 0) >= k - 1]
        if recent:
            p, cl = max(recent, key=lambda x: x[0])
            # only a bare title is anaphoric ("la ministre"); "le ministre français des
            # Affaires étrangères" may well introduce someone new
            if free(cl) and phrase.end - phrase.start <= 2:
                return cl, True
        # (c) cataphora: the next person named within two sentences, when the title
        # is a subject ("sa ministre des Armées a souligné ... Florence Parly a expliqué")
        heads = [t for t in self.doc[phrase.start:phrase.end] if t.head.i < phrase.start or t.head.i >= phrase.end]
        if not any(t.dep_.startswith("nsubj") for t in heads):
            return None
        for start in sorted(s for s in name_starts if s > here):
            if sent_of.get(start, 0) > k + 2:
                break
            cand = name_starts[start].cluster, self.doc[start:name_starts[start].end].root
            cl, root = cand
            # the title and the name are both subjects ("sa ministre des Armées a
            # souligné ... Florence Parly a expliqué"), not "... du président, Nemo"
            subject = root.dep_.startswith("nsubj") or root.is_sent_start
            if cl is not None and subject and free(cl) and (cl.kb is None or not countries or cl.kb.country in countries):
                return cl, True
            break
        # (d) a definite specific title as subject, with no name ("le haut-commissaire
        # aux retraites s'est montré très ferme"): the writer counts on the reader
        # knowing who, so a person just named who holds no other title
        # (after its verb, "a indiqué le préfet de la Drôme" rather introduces a source)
        preverbal = any(t.dep_.startswith("nsubj") and t.head.i >= phrase.end for t in heads)
        if phrase.det is not None and phrase.det.lower_ in ("le", "la", "l'", "l’") and not possessive and preverbal:
            for p, cl in sorted(recent, key=lambda x: -x[0]):
                if sent_of.get(p, 0) == k - 1 and not cl.role_heads and free(cl) and not self._office_heads(cl):
                    return cl, True
        return None

    def _past_holders(self, title: str) -> list[str]:
        rows = self.kb.offices.get(fold(title)) or []
        day = (self.published or "")[:10]
        return list(dict.fromkeys(eid for eid, _, end in rows if day and end and end <= day))

    def _office_heads(self, cl: Cluster) -> set[str]:
        """First words of the known offices a KB person held on the publication day."""
        if cl.kb is None or not self.published:
            return set()
        day = self.published[:10]
        return {title.split()[0] for title, rows in self.kb.offices.items()
                for eid, start, end in rows if eid == cl.kb.id and start <= day and (not end or day < end)}

    # -- "le pays" -------------------------------------------------------------------------
    def _country_anaphora(self, doc: Doc) -> None:
        places = []
        by_iso = {cl.kb.country: cl for cl in self.clusters.values()
                  if cl.kb is not None and cl.kb.kind == "country" and cl.kb.country}
        for cl in list(self.clusters.values()):
            if cl.kb is None or cl.kb.type != "LOC":
                continue
            for c in cl.cands:
                if c.label not in ("kb", "ner", "anaphor"):
                    continue
                if cl.kb.kind == "country":
                    places.append(c)
                elif cl.kb.country in by_iso:  # "près d'Erbil, au nord du pays": Erbil's country
                    places.append(Cand(c.start, c.end, "place", "LOC", by_iso[cl.kb.country].kb, cluster=by_iso[cl.kb.country]))
        for tok in [doc[k] for k, w in enumerate(self.lowers) if w in _COUNTRY_ANAPHORS and k > 0]:
            det = doc[tok.i - 1]
            if det.lower_ in ("son", "leur") and tok.text == "pays":
                self._possessed_country(doc, det, tok)
                continue
            if det.lower_ not in ("le", "du"):
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("de", "d'", "d’", "du", "des"):
                continue  # "le pays de ..." names its country itself
            if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("le", "la", "les") and doc[tok.i + 2].lower_ in ("plus", "moins"):
                continue  # "l'Iran est le pays le plus touché": a predicate, not an anaphor
            subject_countries = {c.cluster.key for cl in self.clusters.values() for c in cl.cands
                                 if c.cluster and c.cluster.etype == "LOC"
                                 and doc[c.start].sent == tok.sent and c.start < tok.i
                                 and (doc[c.start].dep_.startswith("nsubj") or c.label == "metonymy")}
            before = [c for c in places if c.end <= tok.i and c.cluster.key not in subject_countries]
            if not before:
                continue
            target = max(before, key=lambda c: c.end)
            start = det.i if det.lower_ == "le" else tok.i
            if start == det.i and start > 0 and doc[start - 1].lower_ == "tout":
                start -= 1
            cand = Cand(start, tok.i + 1, "anaphor", "LOC", target.cluster.kb)
            self._add(target.cluster, cand)
            places.append(cand)

    def _possessed_country(self, doc: Doc, det, tok) -> None:
        """"son pays": the country of the person last named in this sentence or the one
        before, when the KB or one of their titles ("le président syrien") says which."""
        sent = tok.sent
        floor = sent.start
        if floor > 0:
            floor = doc[floor - 1].sent.start
        best, best_pos = None, -1
        for cl in self.clusters.values():
            if cl.etype != "PER":
                continue
            pos = max((c.start for c in cl.cands if floor <= c.start < det.i), default=-1)
            if pos <= best_pos:
                continue
            iso = cl.kb.country if cl.kb is not None else None
            if iso is None:
                for role in cl.roles:
                    eid = next((self.kb.adjectives[w] for w in role.title.lower().split() if w in self.kb.adjectives), None)
                    ent = self.kb.get(eid) if eid else None
                    if ent is not None and ent.kind == "country":
                        iso = ent.country
                        break
            if iso:
                best, best_pos = iso, pos
        country = self.kb.country(best) if best else None
        if country is not None:
            self._add(self._cluster_for_kb(country), Cand(det.i, tok.i + 1, "anaphor", "LOC", country))

    def _capital_anaphora(self, doc: Doc) -> None:
        """"la capitale": the capital last named, or the capital of the country last named."""
        for tok in [doc[k] for k, w in enumerate(self.lowers) if w == "capitale" and k > 0 and self.lowers[k - 1] == "la"]:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (nxt.lower_ in ("de", "du", "des", "d'", "d’") or nxt.pos_ in ("ADJ", "PROPN")):
                continue  # "la capitale du Mississippi", "la capitale libyenne": named there
            best, best_end = None, -1
            for cl in list(self.clusters.values()):
                if cl.kb is None:
                    continue
                cap = cl.kb.id if (cl.kb.capital_of or self.kb.capital_of.get(cl.kb.id)) else None
                if cap is None and cl.kb.kind == "country":
                    cid = self._capital_id(cl.kb)
                    cap = cid
                if cap is None:
                    continue
                for c in cl.cands:
                    if c.end <= tok.i and c.end > best_end and c.label in ("kb", "ner", "metonymy"):
                        best, best_end = cap, c.end
            if best is None:
                continue
            ent = self.kb.get(best) or self.extra_kb.get(best)
            if ent is not None:
                self._add(self._cluster_for_kb(ent), Cand(tok.i - 1, tok.i + 1, "anaphor", "LOC", ent))

    def _capital_id(self, country: KBEntity) -> Optional[str]:
        if not hasattr(self, "_capitals_by_country"):
            self._capitals_by_country = {}
            for cid, country_id in self.kb.capital_of.items():
                self._capitals_by_country.setdefault(country_id, cid)
        return self._capitals_by_country.get(country.id)

    # -- output ------------------------------------------------------------------------------
    def _entities(self, doc: Doc) -> list[Entity]:
        out = []
        local = 0
        for cl in sorted(self.clusters.values(), key=lambda cl: cl.first):
            if not cl.cands:
                continue
            seen = set()
            mentions = []
            for c in sorted(cl.cands, key=lambda c: (c.start, c.end)):
                span = doc[c.start:c.end]
                start_char, end_char, text = _trimmed(span)
                k = (start_char, end_char)
                if k in seen:
                    continue
                seen.add(k)
                mentions.append(Mention(start=start_char, end=end_char, text=text, label=c.label))
            if cl.kb is not None:
                ent = cl.kb
                etype = "LOC" if ent.type == "GPE" else ent.type
                out.append(Entity(id=ent.qid or ent.id, name=ent.name_on(self.published), type=etype, linked=True,
                                  label_fr=ent.label_fr, country=ent.country, coordinates=ent.coordinates,
                                  roles=cl.roles, mentions=mentions))
            else:
                local += 1
                if cl.etype == "PER":
                    named = [self._name(c) for c in cl.cands if c.label not in ("role", "handle")]
                    name = max(named, key=lambda n: (len(n.split()), len(n))) if named else cl.name
                else:
                    name = cl.name
                out.append(Entity(id=f"L{local}", name=name, type=cl.etype, linked=False, roles=cl.roles, mentions=mentions))
        return out


_TRAILING = re.compile(r"(?<=[a-zà-ÿ]{3})\.?[-–—*«»\"]+$|(?<=[a-zà-ÿ]{3})\.$")


def _trimmed(span) -> tuple[int, int, str]:
    """The mention without punctuation its last token carries in glued text
    ("Keir Starmer.-" -> "Keir Starmer"); "George W." or "Inc." keep their dot."""
    text = span.text
    m = _TRAILING.search(text)
    if m is None or m.start() == 0:
        return span.start_char, span.end_char, text
    return span.start_char, span.start_char + m.start(), text[:m.start()]
