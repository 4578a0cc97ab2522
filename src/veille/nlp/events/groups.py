"""Unnamed groups as event actors (data/events/groups.tsv).

« dispersés par la police », « les démocrates soupçonnent… »: news names many
actors by a group noun only. When no entity resolves, the group stands for the
body of the knowledge base that plays that part in the article's country
(« la police » in a French article is the National Police), or for its plain
description (« manifestants »), so that the event keeps an actor a reader can check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...models import Entity
from ...settings import DATA_DIR
from ..docdata import state

GROUPS_PATH = DATA_DIR / "events" / "groups.tsv"


@dataclass(frozen=True)
class Group:
    heads: frozenset[str]
    with_: str | None
    plural: bool
    bodies: dict
    label: str


@lru_cache(maxsize=1)
def load_groups() -> tuple[Group, ...]:
    out = []
    with open(GROUPS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                continue
            bodies = {}
            if cols[3] != "-":
                for item in cols[3].split(","):
                    iso, _, name = item.partition(":")
                    bodies[iso.strip()] = name.strip()
            out.append(Group(frozenset(w.strip() for w in cols[0].split(",")), None if cols[1] == "-" else cols[1],
                             cols[2] == "plur", bodies, cols[4]))
    return tuple(out)


def article_country(doc: Doc) -> str | None:
    """The country most of the article's entity mentions belong to, when it clearly dominates."""
    data = state(doc)
    if "_events_country" in data:
        return data["_events_country"]
    counts: Counter = Counter()
    for ent in data.get("entities") or []:
        if ent.country:
            counts[ent.country] += max(1, len(ent.mentions))
    best = None
    if counts:
        iso, n = counts.most_common(1)[0]
        if n >= 2 and n >= 0.4 * sum(counts.values()):
            best = iso
    data["_events_country"] = best
    return best


def _matches(g: Group, tok: Token) -> bool:
    if tok.lemma_ not in g.heads and tok.lower_ not in g.heads:
        return False
    if g.plural and "Plur" not in tok.morph.get("Number"):
        return False
    if g.with_ is None:
        return True
    if any(c.lemma_ == g.with_ for c in tok.children if c.dep_ in ("amod", "nmod")):
        return True
    return tok.head is not tok and tok.head.lemma_ == g.with_ and tok.dep_ == "nmod"


def group_entity(tok: Token) -> Entity | None:
    """A stand-in entity for a group noun phrase headed by tok (never stored in the article's entities)."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for g in load_groups():
        if _matches(g, tok):
            iso = article_country(tok.doc)
            name = g.bodies.get(iso or "")
            if name:
                return Entity(id=f"group:{name}", name=name, type="ORG", country=iso)
            return Entity(id=f"group:{g.label}", name=g.label, type="ORG")
    return descriptive_group(tok)


# labels of groups.tsv that name unnamed protesters
GENERIC_PROTESTERS = frozenset({"manifestants", "grévistes"})


def country_entity(doc: Doc, iso: str | None) -> str | None:
    """The canonical name of a country: the article's entity for it, else the knowledge base's."""
    if not iso:
        return None
    try:
        from ..entities.kb import shipped_kb

        kb_ent = shipped_kb().country(iso)
    except Exception:  # noqa: BLE001  the entities layer may be mid-edit
        kb_ent = None
    if kb_ent is None:
        return None
    return kb_ent.name


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    try:
        from ..entities.kb import shipped_kb

        kb = shipped_kb()
        return frozenset(kb.entities[eid].name for eid in kb.country_by_iso.values() if eid in kb.entities)
    except Exception:  # noqa: BLE001
        return frozenset()


def is_country(name: str) -> bool:
    return name in _country_names()


GROUP_NOUNS_PATH = DATA_DIR / "events" / "group_nouns.tsv"
# « des dizaines de manifestants », « un groupe d'assaillants »: the group is the noun after the quantity
_QUANTITY = {"centaine", "millier", "dizaine", "vingtaine", "trentaine", "cinquantaine", "groupe", "poignée",
             "foule", "nombre", "partie", "plupart", "majorité", "bande"}


@lru_cache(maxsize=1)
def load_group_nouns() -> dict[str, bool]:
    """lemma -> collective (counts in the singular)."""
    out: dict[str, bool] = {}
    with open(GROUP_NOUNS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            out[cols[0].strip()] = len(cols) > 1 and cols[1].strip() == "coll"
    return out


def descriptive_group(tok: Token) -> Entity | None:
    """« des militants palestiniens », « les assaillants », « des dizaines d'internautes »: a human
    group named by description only. The event keeps the phrase (head and the adjectives after it)
    as its actor text, type MISC, with no entity id: a reader can check it, no one is invented."""
    if tok.pos_ != "NOUN":
        return None
    nouns = load_group_nouns()
    head = tok
    if tok.lemma_ in _QUANTITY and tok.lemma_ not in nouns:
        head = next((c for c in tok.children if c.dep_ == "nmod" and c.pos_ == "NOUN" and c.lemma_ in nouns
                     and any(k.dep_ == "case" and k.lower_ in ("de", "d'", "d’") for k in c.children)), None)
        if head is None:
            return None
    collective = nouns.get(head.lemma_)
    if collective is None:
        return None
    if not collective and "Plur" not in head.morph.get("Number"):
        return None  # « un militant », « l'assaillant »: one person described, not a group
    words = [head.lower_]
    nxt = head.i + 1
    for c in sorted(head.children, key=lambda t: t.i):
        if c.i == nxt and c.dep_ == "amod" and c.pos_ == "ADJ":
            words.append(c.lower_)
            nxt += 1
    label = " ".join(words)
    return Entity(id=f"group:{label}", name=label, type="MISC")
