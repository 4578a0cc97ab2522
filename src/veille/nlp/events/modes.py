"""PLOVER modes that depend on the words around a trigger, not on the trigger alone."""

from __future__ import annotations

from spacy.tokens import Token

# ASSAULT: the weapon named in the trigger's phrase decides (a drone strike that
# kills is ASSAULT/drone); the order is most specific first.
_WEAPON_MODES = (
    ("drone", {"drone"}),
    ("suicide-attack", {"kamikaze", "attentat-suicide", "suicide"}),
    ("unconventional", {"chimique", "nucléaire", "sarin", "biologique", "radiologique"}),
    ("aerial", {"aérien", "avion", "hélicoptère", "aviation", "bombardier", "chasseur", "bombardement"}),
    ("heavy-weapons", {"obus", "roquette", "artillerie", "char", "mortier", "missile", "lance-roquette", "blindé"}),
    ("explosives", {"bombe", "explosif", "piégé", "engin", "mine", "explosion", "ied"}),
    ("firearms", {"balle", "fusil", "kalachnikov", "fusillade", "arme", "pistolet", "tireur", "mitrailleuse", "feu"}),
    ("primitive", {"couteau", "machette", "hache", "poignarder", "égorger", "pierre", "incendier"}),
    ("crowd-control", {"lacrymogène", "canon", "matraque"}),
)


def _words(tok: Token, depth: int = 2) -> set[str]:
    """Lemmas of the trigger's own phrase and of its instrument/agent phrase."""
    out = {tok.lemma_.lower()}
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp", "parataxis", "conj", "acl:relcl"):
                    continue
                out.add(c.lemma_.lower())
                nxt.append(c)
        frontier = nxt
    return out


def assault_mode(tok: Token, mode: str | None) -> str | None:
    words = _words(tok, depth=3)
    if "arme" in words and words & {"blanc", "blanche"}:
        return "primitive"
    for name, cues in _WEAPON_MODES:
        if words & cues:
            return name
    return mode


def consult_mode(tok: Token, mode: str | None) -> str | None:
    words = _words(tok, depth=2)
    if words & {"téléphone", "téléphonique", "visioconférence", "vidéoconférence", "téléphoner"}:
        return "phone"
    if mode is None and words & {"visite", "visiter"}:
        return "visit"
    return mode


# Absorbing triggers take their mode from their content's type (CAMEO's
# « demand/threaten/reject X » subcategories, PLOVER's REQUEST/REJECT/THREATEN modes).
_CONTENT_MODE = {
    "REQUEST": {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet", "AID": "assist",
                "COOPERATE": "assist", "SUPPORT": "assist"},
    "REJECT": {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet", "AID": "assist",
               "COOPERATE": "assist", "REQUEST": "change"},
    "THREATEN": {"ASSAULT": "violence", "SANCTION": "restrict", "COERCE": "restrict", "MOBILIZE": "violence",
                 "RETREAT": "relations"},
}
_THREAT_WORDS = {"sanction": "restrict", "embargo": "restrict", "boycott": "restrict", "blocus": "restrict",
                 "représailles": "violence", "guerre": "violence", "frappe": "violence", "force": "violence",
                 "rompre": "relations", "expulser": "expel", "arrêter": "arrest", "annexer": "territory",
                 "envahir": "territory", "occuper": "territory"}


def absorbed_mode(etype: str, mode: str | None, content_types: list[str], content_toks: list[Token]) -> str | None:
    if mode is not None:
        return mode
    table = _CONTENT_MODE.get(etype, {})
    if etype in ("REQUEST", "REJECT") and any(t.lemma_ in ("démission", "démissionner", "limogeage", "départ") for t in content_toks):
        return "change"  # calls for an official's resignation are REQUEST/change in the manual
    for ct in content_types:
        if ct in table:
            return table[ct]
    if etype == "THREATEN":
        for t in content_toks:
            for w in _words(t, depth=1):
                if w in _THREAT_WORDS:
                    return _THREAT_WORDS[w]
    return mode
