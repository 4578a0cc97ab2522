"""Unnamed speakers that still name who they speak for.

« la préfecture » in a passage about Toulouse is the prefecture of Haute-Garonne;
« une source policière » in France speaks for the National Police; « les démocrates »
in an American story are the Democratic Party, and « l'opposition » is the party group
the passage made the subject just before; « son avocat », « sa mère » are someone's
lawyer and mother. Each rule returns a canonical name, or None when the text does not
say enough (the speaker then keeps its description as name).
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Token

# French départements and their prefecture towns (administrative facts).
_DEPARTEMENTS = {
    "Ain": "Bourg-en-Bresse", "Aisne": "Laon", "Allier": "Moulins", "Alpes-de-Haute-Provence": "Digne-les-Bains",
    "Hautes-Alpes": "Gap", "Alpes-Maritimes": "Nice", "Ardèche": "Privas", "Ardennes": "Charleville-Mézières",
    "Ariège": "Foix", "Aube": "Troyes", "Aude": "Carcassonne", "Aveyron": "Rodez", "Bouches-du-Rhône": "Marseille",
    "Calvados": "Caen", "Cantal": "Aurillac", "Charente": "Angoulême", "Charente-Maritime": "La Rochelle",
    "Cher": "Bourges", "Corrèze": "Tulle", "Corse-du-Sud": "Ajaccio", "Haute-Corse": "Bastia", "Côte-d'Or": "Dijon",
    "Côtes-d'Armor": "Saint-Brieuc", "Creuse": "Guéret", "Dordogne": "Périgueux", "Doubs": "Besançon",
    "Drôme": "Valence", "Eure": "Évreux", "Eure-et-Loir": "Chartres", "Finistère": "Quimper", "Gard": "Nîmes",
    "Haute-Garonne": "Toulouse", "Gers": "Auch", "Gironde": "Bordeaux", "Hérault": "Montpellier",
    "Ille-et-Vilaine": "Rennes", "Indre": "Châteauroux", "Indre-et-Loire": "Tours", "Isère": "Grenoble",
    "Jura": "Lons-le-Saunier", "Landes": "Mont-de-Marsan", "Loir-et-Cher": "Blois", "Loire": "Saint-Étienne",
    "Haute-Loire": "Le Puy-en-Velay", "Loire-Atlantique": "Nantes", "Loiret": "Orléans", "Lot": "Cahors",
    "Lot-et-Garonne": "Agen", "Lozère": "Mende", "Maine-et-Loire": "Angers", "Manche": "Saint-Lô",
    "Marne": "Châlons-en-Champagne", "Haute-Marne": "Chaumont", "Mayenne": "Laval", "Meurthe-et-Moselle": "Nancy",
    "Meuse": "Bar-le-Duc", "Morbihan": "Vannes", "Moselle": "Metz", "Nièvre": "Nevers", "Nord": "Lille",
    "Oise": "Beauvais", "Orne": "Alençon", "Pas-de-Calais": "Arras", "Puy-de-Dôme": "Clermont-Ferrand",
    "Pyrénées-Atlantiques": "Pau", "Hautes-Pyrénées": "Tarbes", "Pyrénées-Orientales": "Perpignan",
    "Bas-Rhin": "Strasbourg", "Haut-Rhin": "Colmar", "Rhône": "Lyon", "Haute-Saône": "Vesoul",
    "Saône-et-Loire": "Mâcon", "Sarthe": "Le Mans", "Savoie": "Chambéry", "Haute-Savoie": "Annecy",
    "Seine-Maritime": "Rouen", "Seine-et-Marne": "Melun", "Yvelines": "Versailles", "Deux-Sèvres": "Niort",
    "Somme": "Amiens", "Tarn": "Albi", "Tarn-et-Garonne": "Montauban", "Var": "Toulon", "Vaucluse": "Avignon",
    "Vendée": "La Roche-sur-Yon", "Vienne": "Poitiers", "Haute-Vienne": "Limoges", "Vosges": "Épinal",
    "Yonne": "Auxerre", "Territoire de Belfort": "Belfort", "Essonne": "Évry", "Hauts-de-Seine": "Nanterre",
    "Seine-Saint-Denis": "Bobigny", "Val-de-Marne": "Créteil", "Val-d'Oise": "Cergy", "Guadeloupe": "Basse-Terre",
    "Martinique": "Fort-de-France", "Guyane": "Cayenne", "La Réunion": "Saint-Denis", "Mayotte": "Mamoudzou",
    "Paris": "Paris",
}
# Paris has a police prefecture that speaks for the city in the news
_PARIS_POLICE = "Paris Police Prefecture"


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("’", "'"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").replace(" ", "-")


_BY_DEPT = {_fold(d): d for d in _DEPARTEMENTS}
_BY_TOWN = {_fold(t): d for d, t in _DEPARTEMENTS.items()}
_BY_DEPT["reunion"] = "La Réunion"

# relational nouns: with a possessive, the speaker is someone's relative or counsel
RELATIONS = {
    "mère": "mother", "père": "father", "fils": "son", "fille": "daughter", "mari": "husband", "époux": "husband",
    "épouse": "wife", "femme": "wife", "frère": "brother", "sœur": "sister", "soeur": "sister",
    "avocat": "lawyer", "avocate": "lawyer", "avocats": "lawyers", "famille": "family", "parents": "parents",
    "oncle": "uncle", "tante": "aunt", "cousin": "cousin", "cousine": "cousin", "grand-mère": "grandmother",
    "grand-père": "grandfather", "compagne": "partner", "compagnon": "partner", "veuve": "widow",
}
# with a possessive, these speak for the possessor (« son entourage », « son porte-parole »)
SPEAK_FOR = {"entourage", "porte-parole", "proches", "proche", "conseiller", "conseillère", "cabinet"}
# « leur(s) » points at a group, not at the one person the speaker is named after
_POSSESSIVES = {"son", "sa", "ses"}

# party groups named by their members, and the country whose politics they belong to
_PARTIES = {
    ("démocrate", "US"): "Democratic Party", ("républicain", "US"): "Republican Party",
    ("travailliste", "GB"): "Labour Party", ("conservateur", "GB"): "Conservative Party",
    ("tory", "GB"): "Conservative Party", ("socialiste", "FR"): "Socialist Party",
    ("insoumis", "FR"): "La France Insoumise", ("écologiste", "FR"): "Europe Ecology – The Greens",
}
_US_CUES = ("américain", "américaine", "etats-unis", "états-unis", "washington", "maison blanche", "congrès")
_GB_CUES = ("britannique", "royaume-uni", "londres", "downing street", "westminster")


def _country(text: str) -> str:
    low = text.lower()
    us = sum(low.count(c) for c in _US_CUES)
    gb = sum(low.count(c) for c in _GB_CUES)
    if us > gb and us >= 2:
        return "US"
    if gb > us and gb >= 2:
        return "GB"
    return "FR"


def _singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def party(head: Token, text: str) -> str | None:
    """« les démocrates », « les travaillistes »: a plural member noun in its country's news."""
    if head.i > 0 and head.doc[head.i - 1].lower_ not in {"les", "des", "aux", "ces"}:
        return None
    word = _singular(head.text)
    if head.text[:1].isupper() and word == "républicain":
        return "The Republicans" if _country(text) == "FR" else None
    return _PARTIES.get((word, _country(text)))


def opposition(head: Token, text: str, sent_of) -> str | None:
    """« l'opposition »: the party group that was a subject in the sentences just before."""
    doc = head.doc
    here = sent_of(head.idx)
    for t in reversed(doc[max(0, head.i - 400) : head.i]):
        if here - sent_of(t.idx) > 5:
            break
        if t.dep_ in ("nsubj", "nsubj:pass") and "Plur" in t.morph.get("Number"):
            name = party(t, text)
            if name:
                return name
    return None


def place_department(ctx, before: int, max_sents: int = 8) -> str | None:
    """The French département of the last place named before `before`, in the same passage."""
    here = ctx.sent_rank(before)
    best = None
    for m in ctx.mentions:
        if m.start >= before:
            break
        if m.entity.type not in ("LOC", "GPE") or here - ctx.sent_rank(m.start) > max_sents:
            continue
        text = ctx.text[m.start:m.end]
        key = _fold(text)
        dept = _BY_TOWN.get(key) or _BY_DEPT.get(key) or _BY_TOWN.get(_fold(m.entity.name)) \
            or _BY_DEPT.get(_fold(m.entity.name))
        if dept:
            best = dept
        elif key in {"france"} or m.entity.name in ("France",):
            continue
        else:
            best = None  # a foreign or unknown place is the passage's place now
    return best


def _prefecture_name(dept: str) -> str:
    return _PARIS_POLICE if dept == "Paris" else f"Prefecture of {dept}"


def prefecture(ctx, head: Token, toks: list[Token]) -> str | None:
    """« la préfecture (de police) (du Nord) » -> its canonical name."""
    after = [t for t in toks if t.i > head.i and t.lower_ != "police"]
    names = [t for t in after if t.pos_ in ("PROPN", "NOUN", "X")]
    if names:
        # the complement may be a multiword name (« Bouches-du-Rhône », « Val-d'Oise »)
        tail = ctx.text[names[0].idx : after[-1].idx + len(after[-1].text)]
        for cand in (tail, names[0].text):
            dept = _BY_DEPT.get(_fold(cand)) or _BY_TOWN.get(_fold(cand))
            if dept:
                return _prefecture_name(dept)
        return None  # a prefecture named by a place we do not know (abroad)
    dept = place_department(ctx, head.idx)
    return _prefecture_name(dept) if dept else None


_POLICE_ADJ = {"policier", "policière", "policiers", "policières"}


def police_source(ctx, head: Token, toks: list[Token]) -> str | None:
    """« une source policière », « des sources policières » in a French passage."""
    if not any(t.lower_ in _POLICE_ADJ for t in toks if t.i > head.i):
        return None
    here = ctx.sent_rank(head.idx)
    for m in reversed([m for m in ctx.mentions if m.start < head.idx]):
        if here - ctx.sent_rank(m.start) > 4:
            break
        if m.entity.type in ("LOC", "GPE"):
            key = _fold(ctx.text[m.start:m.end])
            french = key in _BY_TOWN or key in _BY_DEPT or key == "paris" or m.entity.name == "France"
            return "National Police" if french else None
    return "National Police" if _country(ctx.text) == "FR" else None


def relation(head: Token) -> str | None:
    """The English relation of « sa mère », « son avocat » (possessive + relational noun)."""
    rel = RELATIONS.get(head.lower_) or RELATIONS.get(head.lemma_.lower())
    if rel is None and (head.lower_ in SPEAK_FOR or head.lemma_.lower() in SPEAK_FOR):
        rel = ""  # the possessor speaks
    if rel is None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _POSSESSIVES and c.i < head.i for c in head.children):
        return None
    return rel
