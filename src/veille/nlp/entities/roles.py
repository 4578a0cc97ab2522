"""Role nouns: the titles people are given ("le secrétaire général de l'Otan Jens
Stoltenberg", "Ali al-Ghanemi, membre de la commission ...") and the role noun
phrases that later stand for them ("la ministre", "le député irakien").

Token-window rules on the parsed sentence; no lexicon of people, only of role
nouns (French, both genders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

# Head nouns of titles and functions. Multi-word heads are matched on their first
# word and completed by the phrase ("secrétaire général", "chef d'état-major").
ROLE_HEADS = {
    "ministre", "président", "présidente", "vice-président", "vice-présidente", "secrétaire", "porte-parole",
    "ambassadeur", "ambassadrice", "député", "députée", "eurodéputé", "eurodéputée", "sénateur", "sénatrice",
    "parlementaire", "élu", "élue", "chef", "cheffe", "commandant", "commandante", "général", "générale",
    "colonel", "lieutenant", "capitaine", "amiral", "commodore", "major", "sergent", "caporal", "officier",
    "directeur", "directrice", "dirigeant", "dirigeante", "chancelier", "chancelière", "premier", "première",
    "roi", "reine", "prince", "princesse", "émir", "cheikh", "ayatollah", "imam", "pape", "cardinal",
    "archevêque", "évêque", "membre", "conseiller", "conseillère", "représentant", "représentante", "envoyé",
    "envoyée", "émissaire", "maire", "gouverneur", "gouverneure", "préfet", "préfète", "patron", "patronne",
    "leader", "procureur", "procureure", "juge", "candidat", "candidate", "commissaire", "haut-commissaire",
    "responsable", "fondateur", "fondatrice", "PDG", "coordinateur", "coordinatrice", "négociateur",
    "négociatrice", "médiateur", "médiatrice", "opposant", "opposante", "militant", "militante", "avocat",
    "avocate", "journaliste", "correspondant", "correspondante", "analyste", "expert", "experte", "chercheur",
    "chercheuse", "professeur", "professeure", "politologue", "économiste", "diplomate", "consul", "monarque",
    "souverain", "souveraine", "homologue", "numéro", "dictateur", "vice-ministre", "sous-secrétaire",
    "lieutenant-colonel", "général-major", "maréchal", "djihadiste", "jihadiste", "marshal", "contre-amiral", "vice-amiral", "chef-adjoint", "adjoint", "adjointe",
}
# Words that look like role heads but, alone, do not make a title.
_WEAK_HEADS = {"premier", "première", "numéro", "responsable", "membre", "expert", "experte", "homologue"}
# Heads that are the same function for matching a role noun phrase to a person.
_SAME = [
    {"député", "députée", "parlementaire", "élu", "élue", "membre", "eurodéputé", "eurodéputée", "sénateur", "sénatrice"},
    {"président", "présidente", "chef", "cheffe", "dirigeant", "dirigeante", "leader"},
    {"ambassadeur", "ambassadrice", "diplomate", "représentant", "représentante", "envoyé", "envoyée", "émissaire"},
    {"général", "générale", "commandant", "commandante", "colonel", "lieutenant-colonel", "officier", "amiral"},
    {"ministre", "vice-ministre", "chef", "premier ministre", "première ministre", "chancelier", "chancelière"},
    {"procureur", "procureure", "juge"},
]
# Generic heads: compatible with any more specific later title.
# Titles that, right before an unknown name, make it a person's name.
PERSON_TITLES = {"général", "générale", "colonel", "lieutenant", "capitaine", "amiral", "sergent", "caporal",
                 "juge", "procureur", "procureure", "maire", "sénateur", "sénatrice", "député", "députée",
                 "ministre", "cheikh", "imam", "ayatollah", "président", "présidente", "porte-parole", "docteur"}
_GENERIC = {"membre", "responsable", "dirigeant", "dirigeante"}
HONORIFICS = {"M.", "M", "Mme", "Mlle", "MM.", "Dr", "Dr.", "Pr", "Me", "Sir", "Lord", "Mgr", "monsieur", "madame"}
_DETS = {"le", "la", "les", "l'", "l’", "un", "une", "sa", "son", "ses", "leur", "leurs", "notre", "votre", "ce", "cet", "cette"}
POSSESSIVES = {"sa", "son", "ses", "leur", "leurs"}
_GLUED = re.compile(r"[\w)\]»\"][.!?]+[A-ZÉÈÀ«\"]")
_NP_ADPS = {"de", "du", "des", "d'", "d’", "à", "au", "aux"}
_COMPLEMENT_ADPS = _NP_ADPS | {"pour", "par", "avec", "chez", "contre", "sur", "selon", "entre", "envers", "sans",
                               "sous", "vers", "dans", "en", "auprès", "face", "après", "avant", "comme"}
_PHRASE_POS = {"NOUN", "ADJ", "PROPN", "DET", "ADP", "NUM", "X"}
_MAX_PHRASE = 16


_SECRETARY_NEXT = {"général", "générale", "d'", "d’", "national", "nationale", "adjoint", "adjointe", "perpétuel", "fédéral"}
_PRE_HEAD = {"ancien", "ancienne", "actuel", "actuelle", "nouveau", "nouvel", "nouvelle", "futur", "future",
             "éphémère", "puissant", "puissante", "influent", "influente", "jeune", "vieux", "vieil", "célèbre", "ex"}


def head_word(token: Token) -> Optional[str]:
    """The role head this token starts, or None."""
    text = token.text
    low = text.lower()
    if low.startswith("ex-") and len(low) > 3:
        low = low[3:]
        text = text[3:]
    if low in ("haut", "haute", "vice", "sous", "contre") and token.i + 2 < len(token.doc) and token.nbor(1).text == "-":
        nxt = token.nbor(2).lower_
        if nxt in ROLE_HEADS:
            return f"{low}-{nxt}"
    if low in ("haut", "haute") and token.i + 1 < len(token.doc) and token.nbor(1).lower_ in ("commissaire", "représentant", "représentante"):
        return f"haut-{token.nbor(1).lower_}"  # "la Haut Commissaire des Nations unies", without the hyphen
    if low in ("premier", "première"):
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return f"{low} {nxt.lower_}" if nxt is not None and nxt.lower_ in ("ministre", "secrétaire", "adjoint", "adjointe") else None
    if low in ("chargé", "chargée"):
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return low if nxt is not None and nxt.lower_ in ("d'", "d’") else None  # "chargé d'affaires"
    if (token.pos_ in ("VERB", "AUX") and token.morph.get("VerbForm") != ["Part"]
            and (token.i == 0 or token.nbor(-1).lower_ not in _DETS)):
        return None  # "juge le politologue", "a élu": a verb, not a title
    if text in ROLE_HEADS:
        return text
    if low in ROLE_HEADS and (token.pos_ in ("NOUN", "ADJ", "PROPN") or low in ("général", "porte-parole")):
        # "lieutenant - colonel" is three tokens
        nxt = token.nbor(1) if token.i + 2 < len(token.doc) else None
        if nxt is not None and nxt.text == "-" and token.nbor(2).text.lower() in ROLE_HEADS:
            return f"{low}-{token.nbor(2).text.lower()}"
        return low
    return None


def same_function(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b or a.rstrip("e") == b.rstrip("e"):
        return True
    if a in _GENERIC or b in _GENERIC:
        return True
    return any(a in group and b in group for group in _SAME)


@dataclass
class RolePhrase:
    start: int  # token index of the first word of the title (after any determiner)
    end: int  # token index after the last word
    det: Optional[Token]
    head: str

    def title(self, doc: Doc) -> str:
        text = doc[self.start:self.end].text
        if text.count("(") > text.count(")"):
            text = text[:text.rfind("(")]
        return text.strip(" ,;:-–—(").strip()

    def span_with_det(self, doc: Doc) -> Span:
        return doc[self.det.i if self.det is not None else self.start:self.end]


# Cheap pre-filters for scanning a whole article: determiners that can open a role
# noun phrase, and first words that can follow them.
NP_DETS = _DETS - {"un", "une", "les", "ce", "cet", "cette"}
# "du"/"au" are "de le"/"à le": "l'esprit du président américain" is definite too
ROLE_NP_DETS = NP_DETS | {"du", "au"}
HEAD_STARTS = {h.lower() for h in ROLE_HEADS} | _PRE_HEAD | {"haut", "haute", "vice", "sous", "contre"}


def new_sentence(tok: Token) -> bool:
    """A sentence starts here (the parser's boundaries are unreliable in long paragraphs)."""
    if tok.i == 0:
        return True
    prev = tok.doc[tok.i - 1].text
    return prev in (".", "!", "?", "…", "\n") or prev.endswith(".") and len(prev) > 2


def _phrase_token(tok: Token) -> bool:
    if _GLUED.search(tok.text):
        return False  # "2006-2007.Même": two sentences glued together
    return tok.pos_ in _PHRASE_POS or tok.text in ("-", "(", ")", "'", "’") or tok.text.lower() in ("d'", "d’", "l'", "l’")


def role_before(doc: Doc, start: int, blocked: set[int], shift: bool = True,
                complement: bool = False) -> Optional[RolePhrase]:
    """A title ending just before token `start` (a person's name): "le secrétaire
    général de l'Otan [Jens Stoltenberg]", "du commandant des forces ..., [William Seely]"."""
    sent_start = max(0, start - _MAX_PHRASE - 2)
    if start >= 2 and doc[start - 1].text in HONORIFICS and doc[start - 2].text == ",":
        start -= 1  # "l'avocat d'Yvon Collin, Me François Saint-Pierre"
    end = start
    if start - 1 >= sent_start and doc[start - 1].text == ",":
        end = start - 1
    i = end - 1
    head_at = None
    while i >= sent_start and end - i <= _MAX_PHRASE:
        tok = doc[i]
        participle = tok.morph.get("VerbForm") == ["Part"] and i > sent_start and doc[i - 1].pos_ in ("NOUN", "ADJ", "PROPN")
        if i in blocked or not (_phrase_token(tok) or participle) or tok.is_punct and tok.text not in ("'", "’", "-", "(", ")"):
            break  # (a participle after a noun is part of the title: "président déchu", "Nations unies")
        if head_word(tok):
            head_at = i
        if new_sentence(tok):
            break
        if tok.pos_ == "DET" and i > 0 and doc[i - 1].lower_ not in _NP_ADPS and doc[i - 1].pos_ != "ADP":
            break  # the title's own determiner: "juge [le politologue X]" starts here
        i -= 1
    if head_at is None:
        return None
    if end == start and shift:
        # "ex-ministre de la Défense du président déchu [Ibrahim Boubacar Keïta]": the
        # name belongs to the last title, the complement of the first
        for k in range(end - 1, head_at, -1):
            if head_word(doc[k]) and head_word(doc[k]) not in _WEAK_HEADS:
                p = k - 1 if k - 1 > head_at and doc[k - 1].lower_ in _PRE_HEAD else k
                # only a short title right before the name ("du président américain Donald
                # Trump"); "l'ex-directeur de cabinet du préfet de police Yann Drouet" is
                # the director ("du Premier ministre britannique": a two-word head)
                words = len(head_word(doc[k]).split())
                short = all(t.pos_ == "ADJ" or t.morph.get("VerbForm") == ["Part"] for t in doc[k + words:end])
                if short and p >= 2 and (doc[p - 1].lower_ in ("du", "des", "au", "aux") or (
                        doc[p - 1].lower_ in ("la", "l'", "l’") and doc[p - 2].lower_ in ("de", "à"))):
                    head_at = k
                    break
    # A title directly before the name, or separated by a comma only if nothing else
    # separates them (", William Seely" after "commandant des forces américaines en Irak").
    head = head_word(doc[head_at])
    if head in _WEAK_HEADS and head_at == end - 1:
        return None
    if doc[end - 1].lower_ in _COMPLEMENT_ADPS and not complement:
        # "vice-président de [Barack Obama]": the name is the complement, not the holder
        # (by the word: the tagger also calls "suprême" in "Cour suprême" a preposition)
        return None
    if head_at - 1 >= sent_start and doc[head_at - 1].lower_ in _PRE_HEAD:
        head_at -= 1  # "l'ancien chef de l'Etat nigérian"
    det = doc[head_at - 1] if head_at - 1 >= sent_start and doc[head_at - 1].text.lower() in _DETS | {"du", "des", "au", "aux"} else None
    if det is not None and det.text.lower() in ("du", "des", "au", "aux"):
        det = None
    return RolePhrase(head_at, end, det, head)


def role_after(doc: Doc, end: int, blocked: set[int]) -> Optional[RolePhrase]:
    """A title in apposition after a name: "Ali al-Ghanemi, membre de la commission ..."."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    sent_end = min(len(doc), end + _MAX_PHRASE + 3)
    i = end + 1
    if i + 2 < len(doc) and doc[i].like_num and doc[i + 1].lower_ == "ans" and doc[i + 2].text == ",":
        i += 3  # "M. Ndaw, 70 ans, ex-ministre de la Défense"
        sent_end = min(len(doc), i + _MAX_PHRASE + 1)
    det = None
    if i < sent_end and doc[i].text.lower() in _DETS:
        det = doc[i]
        i += 1
    start = i
    if i + 1 < sent_end and doc[i].lower_ in _PRE_HEAD | {"haut", "haute"} and head_word(doc[i + 1]):
        i += 1  # "George Kent, haut responsable du département d'Etat"
    if i >= sent_end or not head_word(doc[i]):
        return None
    head = head_word(doc[i])
    if i in blocked:
        return None
    i += 1  # the head itself may be tagged a verb ("chargé d'affaires")
    if "-" in head and i + 1 < len(doc) and doc[i].text == "-":
        i += 2
    while i < sent_end and i - start < _MAX_PHRASE:
        tok = doc[i]
        if i in blocked or tok.text in (",", ";", ":", ".", "»", "«") or tok.pos_ in ("VERB", "AUX", "PRON", "SCONJ"):
            break
        if new_sentence(tok) or (tok.is_punct and tok.text not in ("(", ")", "'", "’")):
            break
        if not (_phrase_token(tok) or tok.pos_ == "CCONJ"):
            break
        i += 1
    opened = [k for k in range(start, i) if doc[k].text == "("]
    if opened and not any(doc[k].text == ")" for k in range(opened[-1], i)):
        i = opened[-1]  # "(Pays-Bas).Ils": a parenthesis the glued text never closed
    while i > start and doc[i - 1].pos_ in ("ADP", "DET", "CCONJ"):
        i -= 1
    return RolePhrase(start, i, det, head)


def role_np(doc: Doc, i: int) -> Optional[RolePhrase]:
    """A definite or possessive role noun phrase starting at token i ("la ministre",
    "le député irakien", "sa ministre des Armées", "le secrétaire général de l'Otan")."""
    det = doc[i]
    if det.text.lower() not in ROLE_NP_DETS:
        return None
    h = i + 1
    if h < len(doc) and doc[h].lower_ in _PRE_HEAD and h + 1 < len(doc):
        h += 1  # "l'ancien chef de l'Etat nigérian", "l'actuel président"
    if h >= len(doc) or not head_word(doc[h]):
        return None
    head = head_word(doc[h])
    if head in _WEAK_HEADS:
        return None
    if head == "secrétaire" and (h + 1 >= len(doc) or doc[h + 1].lower_ not in _SECRETARY_NEXT):
        return None  # "à la secrétaire": the job, not a title
    sent_end = min(len(doc), i + _MAX_PHRASE + 2)
    j = h + 1
    if head and "-" in head and j < sent_end and doc[j].text == "-":
        j += 2
    if " " in head:
        j += 1  # "premier ministre": two words
    while j < sent_end and j - i < _MAX_PHRASE:
        tok = doc[j]
        if tok.lower_ == "et" and j + 1 < sent_end and doc[j + 1].lower_ in ("du", "de", "des", "d'", "d’"):
            j += 1  # "le candidat de la droite et du centre", "ministre des Solidarités et de la Santé"
            continue
        if tok.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ", "ADV") or tok.text in (",", ";", ":", ".", "»", "«", "(", ")"):
            break
        if not _phrase_token(tok) or tok.pos_ == "PROPN" and tok.ent_type_ == "PER":
            break
        if new_sentence(tok) or tok.is_punct and tok.text not in ("'", "’"):
            break
        if tok.pos_ == "ADP" and tok.lower_ not in _NP_ADPS:
            break  # "la ministre [sur Twitter]": a complement of the verb, not of the title
        if tok.pos_ == "DET" and j + 1 < sent_end and doc[j + 1].pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        if tok.pos_ == "DET" and doc[j - 1].lower_ not in _NP_ADPS:
            break  # "du Président américain [la décision]": a new noun phrase
        j += 1
    while j > h + 1 and doc[j - 1].pos_ in ("ADP", "DET"):
        j -= 1
    if det.lower_ in ("du", "au"):
        det = None  # "dans l'esprit du Président américain": the mention is the title
    return RolePhrase(i + 1, j, det, head)
