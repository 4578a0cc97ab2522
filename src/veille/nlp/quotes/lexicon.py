"""The reporting lexicon: which words introduce reported speech, and what they say about it.

Data files live in ``veille/data/quotes``: ``reporting.tsv`` (verbs, nouns and
prepositions with stance and the complements they take), ``channels.tsv`` (words
naming a channel), ``nouns.tsv`` (nouns that can head a speaker phrase).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...settings import DATA_DIR

QUOTES_DATA = DATA_DIR / "quotes"


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str  # verb | noun | prep
    stance: str
    complements: frozenset[str]
    channel: str | None

    def takes(self, complement: str) -> bool:
        return complement in self.complements


_ENDINGS = (("ent", "er"), ("es", "er"), ("e", "er"), ("ait", "er"), ("aient", "er"), ("é", "er"), ("ée", "er"),
            ("és", "er"), ("ées", "er"), ("it", "ir"), ("issent", "ir"), ("t", "re"))


_FAIRE = {"valoir", "savoir", "remarquer", "observer"}


def _guesses(form: str) -> list[str]:
    return [form[: -len(end)] + inf for end, inf in _ENDINGS if form.endswith(end) and len(form) > len(end) + 2]


def _rows(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    preps: dict[str, Cue]
    channels: tuple[tuple[str, str], ...]
    speaker_nouns: dict[str, str]
    media: frozenset[str] = frozenset()

    def is_media_name(self, name: str | None) -> bool:
        if not name:
            return False
        low = name.lower().replace("’", "'").strip()
        if low in self.media:
            return True
        if low.startswith(("l'", "le ", "la ", "les ")):
            low = low.split("'", 1)[1] if low.startswith("l'") else low.split(" ", 1)[1]
        return low in self.media

    def verb(self, lemma: str) -> Cue | None:
        lemma = lemma.lower()
        cue = self._verb(lemma)
        if cue is None and not lemma.endswith(("er", "ir")):
            # the lemmatizer sometimes returns the form itself (« informe », « relate »,
            # « soupire », « murmure »: a form in -re is not always an infinitive)
            for guess in _guesses(lemma):
                cue = self._verb(guess)
                if cue is not None:
                    break
        return cue

    def token_verb(self, tok) -> Cue | None:
        """The cue a verb token stands for, including « faire valoir / savoir / remarquer »."""
        lemma = tok.lemma_.lower()
        if lemma == "faire":
            doc = tok.doc
            for j in range(tok.i + 1, min(len(doc), tok.i + 4)):
                low = doc[j].lemma_.lower()
                if low in _FAIRE:
                    return self.verbs.get("faire " + low)
                if doc[j].pos_ not in ("PRON", "ADV", "PART") and not doc[j].text.startswith("-"):
                    break
            return None
        if lemma == "mettre":
            # « a encore mis en garde M. X »: the locution is the cue, « mettre » alone is not
            doc = tok.doc
            nxt = " ".join(t.lower_ for t in doc[tok.i + 1 : tok.i + 3])
            return self.verbs.get("mettre en garde") if nxt == "en garde" else None
        if lemma == "voir":
            # « X y a vu un "résumé saisissant" », « y voyant une "victoire politique" »: the
            # clitic makes seeing a reading the speaker gives; « voir » alone is no cue
            if any(c.lower_ == "y" and c.i < tok.i for c in tok.children) or (
                    tok.i > 0 and tok.doc[tok.i - 1].lower_ == "y"):
                return self.verbs.get("y voir")
            return None
        cue = self.verb(lemma)
        if cue is not None and cue.lemma.startswith(("s'", "se ")) and lemma not in self.verbs:
            # only the pronominal verb reports (« s'emporter », not « emportant le coffre »)
            doc = tok.doc
            near = [c for c in tok.children if c.i < tok.i]
            for j in range(tok.i - 1, max(-1, tok.i - 7), -1):
                # back over the verb group (« s'est de son côté inquiété »), not past a clause
                if doc[j].is_punct or (doc[j].pos_ == "VERB" and not doc[j].dep_.startswith("aux")):
                    break
                near.append(doc[j])
            if not any(t.lower_ in {"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous", "vous"} for t in near):
                return None
        return cue

    def _verb(self, lemma: str) -> Cue | None:
        cue = self.verbs.get(lemma)
        if cue is None and not lemma.startswith("s'"):
            # spaCy lemmatizes « s'est félicité » to « féliciter »; the pronominal entry is
            # the reporting one, and the plain one (when listed) says the same thing.
            cue = self.verbs.get("s'" + lemma) or self.verbs.get("se " + lemma)
        return cue

    def noun(self, lemma: str) -> Cue | None:
        return self.nouns.get(lemma.lower())

    def noun_class(self, lemma: str) -> str | None:
        return self.speaker_nouns.get(lemma.lower())


@lru_cache(maxsize=4)
def load(data_dir: str | None = None) -> Lexicon:
    base = Path(data_dir) if data_dir else QUOTES_DATA
    verbs, nouns, preps = {}, {}, {}
    for row in _rows(base / "reporting.tsv"):
        if len(row) < 3:
            continue
        lemma, pos, stance = row[0], row[1], row[2]
        comps = frozenset(c for c in (row[3].split(",") if len(row) > 3 else []) if c and c != "-")
        channel = row[4] if len(row) > 4 and row[4] != "-" else None
        cue = Cue(lemma, pos, stance, comps, channel)
        {"verb": verbs, "noun": nouns, "prep": preps}.get(pos, {})[lemma] = cue
    channels = tuple((r[0].lower(), r[1]) for r in _rows(base / "channels.tsv") if len(r) >= 2)
    speaker_nouns = {r[0].lower(): r[1] for r in _rows(base / "nouns.tsv") if len(r) >= 2}
    media = frozenset(r[0].lower() for r in _rows(base / "media.txt") if r and r[0])
    return Lexicon(verbs, nouns, preps, channels, speaker_nouns, media)
