"""The French event lexicon (data/events/lexicon.tsv): triggers, word classes, frames.

The file format is described at its top. Loading is pure Python and cached, so
the tests that need no spaCy model can check the lexicon itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...settings import DATA_DIR

LEXICON_PATH = DATA_DIR / "events" / "lexicon.tsv"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
ENTITY_TYPES = {"PER", "ORG", "GPE", "LOC"}


@dataclass(frozen=True)
class Condition:
    """One atom of a trigger condition, e.g. obj=TROOPS or head=LIGHT."""

    kind: str  # obj, subj, arg, obl, head, amod, xcomp, nocomp
    prep: str | None = None  # for obl:P
    value: str | None = None  # class name, or comma-separated literal lemmas


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    pos: str
    lemma: str
    # all groups must hold; inside a group one alternative suffices
    conditions: tuple[tuple[Condition, ...], ...] = ()
    absorb: bool = False


@dataclass
class Lexicon:
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    frames: dict[str, frozenset[str]] = field(default_factory=dict)
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)

    def frame(self, name: str) -> frozenset[str]:
        return self.frames.get(name, frozenset())

    def triggers(self, lemma: str, pos: str) -> list[Trigger]:
        table = self.verbs if pos == "VERB" else self.nouns if pos == "NOUN" else None
        return table.get(lemma, []) if table is not None else []

    def is_trigger_lemma(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in self.nouns


def _parse_atom(text: str) -> Condition:
    if text in ("xcomp", "nocomp", "comp", "noobj", "pass", "place", "refl", "norefl", "cop") or text.startswith(("noclitic=", "clitic=")):
        if text.startswith(("noclitic=", "clitic=")):
            kind, _, value = text.partition("=")
            return Condition(kind=kind, value=value)
        return Condition(kind=text)
    key, _, value = text.partition("=")
    if key.startswith("obl:"):
        return Condition(kind="obl", prep=key[4:], value=value)
    if key.startswith("hobl:"):
        return Condition(kind="hobl", prep=key[5:], value=value)
    if key in ("xcomp", "follow"):
        return Condition(kind=key, value=value)
    if key == "xcomp":
        return Condition(kind="xcomp", value=value)
    if key not in ("obj", "subj", "nosubj", "arg", "head", "amod"):
        raise ValueError(f"unknown condition {text!r}")
    return Condition(kind=key, value=value)


def parse_lexicon(lines) -> Lexicon:
    lex = Lexicon()
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        try:
            if cols[0].startswith("@"):
                lex.classes[cols[0][1:]] = frozenset(w.strip() for w in cols[1].split(",") if w.strip())
            elif cols[0].startswith("%"):
                lex.frames[cols[0][1:]] = frozenset(w.strip() for w in cols[1].split(",") if w.strip())
            else:
                _add_triggers(lex, cols)
        except (IndexError, ValueError) as exc:
            raise ValueError(f"{LEXICON_PATH.name} line {lineno}: {exc}: {line!r}") from exc
    return lex


def _add_triggers(lex: Lexicon, cols: list[str]) -> None:
    etype, mode, pos, lemmas = cols[0], cols[1], cols[2], cols[3]
    if etype not in PLOVER_TYPES:
        raise ValueError(f"not a PLOVER type: {etype}")
    if pos not in ("VERB", "NOUN"):
        raise ValueError(f"POS must be VERB or NOUN: {pos}")
    groups, absorb = [], False
    for word in (cols[4].split() if len(cols) > 4 else []):
        if word == "absorb":
            absorb = True
            continue
        groups.append(tuple(_parse_atom(a) for a in word.split("|")))
    table = lex.verbs if pos == "VERB" else lex.nouns
    for lemma in lemmas.split(","):
        lemma = lemma.strip()
        if lemma:
            table.setdefault(lemma, []).append(
                Trigger(etype, None if mode == "-" else mode, pos, lemma, tuple(groups), absorb)
            )


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    with open(path, encoding="utf-8") as fh:
        return parse_lexicon(fh)
