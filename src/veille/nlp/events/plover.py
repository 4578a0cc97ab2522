"""PLOVER type/mode -> CAMEO code, CAMEO root code and QuadClass (data/events/cameo.tsv)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...settings import DATA_DIR

CAMEO_PATH = DATA_DIR / "events" / "cameo.tsv"


# The modes the PLOVER 2021 manual defines for each type (facts from the manual).
# The lexicon may use finer internal modes for the CAMEO lookup (« sanctions »,
# « intent-retreat »…); only these ones are written to the record.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "AGREE": frozenset(),
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "SUPPORT": frozenset(),
    "CONCEDE": frozenset(),
    "COOPERATE": frozenset(),
    "AID": frozenset(),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                         "misinformation", "cyber"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                          "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                          "unconventional"}),
}


def plover_mode(etype: str, mode: str | None) -> str | None:
    """The mode as PLOVER names it, or None when ours is finer than the manual's."""
    if mode and mode in PLOVER_MODES.get(etype, ()):
        return mode
    if etype == "SANCTION" and mode == "sanctions":
        return "discontinue"  # the manual codes international sanctions as discontinue
    if etype == "COERCE" and mode == "occupy":
        return "seize"
    return None


def quad_class(root: str) -> int | None:
    """GDELT's QuadClass from a two-digit CAMEO root code."""
    try:
        n = int(root)
    except (TypeError, ValueError):
        return None
    if 1 <= n <= 5:
        return 1
    if 6 <= n <= 8:
        return 2
    if 9 <= n <= 13:
        return 3
    if 14 <= n <= 20:
        return 4
    return None


@lru_cache(maxsize=2)
def load_table(path: Path = CAMEO_PATH) -> dict[tuple[str, str | None], str]:
    table: dict[tuple[str, str | None], str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            etype, mode, code = cols[0], cols[1], cols[2]
            table[(etype, None if mode == "-" else mode)] = code
    return table


def cameo_for(etype: str, mode: str | None) -> tuple[str | None, str | None, int | None]:
    """(CAMEO code, root code, QuadClass) for a PLOVER type and mode."""
    table = load_table()
    code = table.get((etype, mode)) or table.get((etype, None))
    if code is None:
        return None, None, None
    root = code[:2]
    return code, root, quad_class(root)
