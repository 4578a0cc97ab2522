"""Within-article coreference the name passes of ``linker.py`` leave out.

Every unseen article needs these, whatever names it carries:
  * acronym and long form: "le Centre pour le dialogue humanitaire (HD)", "la Mission
    d'appui de l'ONU en Libye (Manul)" are one entity; the long form joins the
    acronym's entity (or the reverse), and later bare uses of the acronym join too;
  * descriptions of the article's protagonist: "la jeune femme", "le condamné",
    "l'individu" stand for the person the article is about, when one person
    clearly is (most named mentions) and nothing in the text contradicts the gender;
  * the press: "le quotidien", "l'hebdomadaire" stand for the newspaper last named;
    "l'entreprise", "la société" for the company last named, when the article
    presented it as one (KB kind, or "la société Luminus").

Functions take the ``Linker`` while it works (its clusters, token strings and
helpers), so they run between its passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc

if TYPE_CHECKING:  # pragma: no cover
    from .linker import Cluster, Linker

# Tokens a long form may run over between its tagged part and "(": "Mission
# d'appui [de l'ONU en Libye] (Manul)".
_LONG_FORM_POS = {"ADP", "DET", "PROPN", "NOUN", "ADJ"}
_MAX_EXTENSION = 7


def _acronym_like(text: str) -> bool:
    """"HD", "Manul", "Minusma": one capitalised word, short, no digits only."""
    if not text[:1].isupper() or not text.isalpha() or len(text) < 2 or len(text) > 8:
        return False
    return text.isupper() or (text[1:].islower() and len(text) >= 4)


def pair_acronyms(lk: "Linker", doc: Doc) -> None:
    texts = lk.texts
    n = len(doc)
    pairs: list[tuple["Cluster", str]] = []
    for k in range(1, n - 2):
        if texts[k] != "(" or texts[k + 2] != ")" or not _acronym_like(texts[k + 1]):
            continue
        cov = lk._covered()
        acr = cov.get(k + 1)
        # the long form: a tagged body right before "(", or a tagged start the
        # untagged rest of the name continues ("Mission d'appui" + "de l'ONU en Libye")
        long_c = None
        j = k - 1
        while j >= 0 and k - j <= _MAX_EXTENSION + 4:
            c = cov.get(j)
            if c is not None:
                if c.cluster is None or c.cluster.etype == "PER" or acr is not None and c.cluster is acr.cluster:
                    break
                if c.cluster.etype in ("ORG", "MISC") and (c.cluster.kb is None or c.cluster.kb.type == "ORG"):
                    long_c = c  # the leftmost body of the run: "Mission d'appui" before "ONU"
                if doc[c.start].is_sent_start:
                    break
                j = c.start - 1
                continue
            tok = doc[j]
            if tok.pos_ not in _LONG_FORM_POS and tok.lower_ not in ("d'", "d’", "l'", "l’") or tok.is_sent_start:
                break
            j -= 1
        if long_c is None:
            continue
        if long_c.end - long_c.start < 2 and long_c.end == k:
            continue  # "Total (TTE)": a one-word name and a ticker, not a long form
        long_cl = long_c.cluster
        if long_c.end < k and long_cl.kb is not None:
            continue  # "le centre Johns Hopkins pour la santé des amérindiens (CAIH)": a longer name than the known one
        if acr is not None and acr.cluster is not None:
            acr_cl = acr.cluster
            if acr_cl.etype == "PER" or acr_cl is long_cl:
                continue
            if acr_cl.kb is not None and long_cl.kb is not None and acr_cl.kb.id != long_cl.kb.id:
                continue  # two known bodies: trust the knowledge base
            if long_cl.kb is not None and long_cl.kb.type != "ORG" or acr_cl.kb is not None and acr_cl.kb.type != "ORG":
                continue
            target, other = (acr_cl, long_cl) if acr_cl.kb is not None else (long_cl, acr_cl)
            if len(other.cands) > 1 and other is long_cl:
                # the tagged start recurs alone elsewhere: move only this mention
                long_cl.cands.remove(long_c)
                lk._add(target, long_c)
            else:
                for c in list(other.cands):
                    lk._add(target, c)
                other.cands.clear()
                lk.clusters.pop(other.key, None)
        else:
            if long_cl.kb is not None and long_cl.kb.type != "ORG":
                continue
            from .linker import Cand
            target = long_cl
            lk._add(target, Cand(k + 1, k + 2, "kb" if target.kb is not None else "ner", target.etype, target.kb))
        if long_c.end < k:
            long_c.end = k
            if long_c.name_tokens:
                long_c.name_tokens = (long_c.name_tokens[0], k)
        if target.kb is None and target.cands:
            target.etype = "ORG"
            for c in target.cands:
                c.etype = "ORG"
            longest = max(target.cands, key=lambda c: c.end - c.start)
            target.name = doc[longest.start:longest.end].text.strip(" *\"'«»“”")
        pairs.append((target, texts[k + 1]))
    if pairs:
        _acronym_recurrences(lk, doc, pairs)


def _acronym_recurrences(lk: "Linker", doc: Doc, pairs) -> None:
    """An acronym the article defined, used again untagged ("avec l'aide du centre HD")."""
    from .linker import Cand
    cov = lk._covered()
    for cl, acr in pairs:
        if lk.clusters.get(cl.key) is not cl:
            continue
        for i, t in enumerate(lk.texts):
            if t == acr and i not in cov:
                c = Cand(i, i + 1, "kb" if cl.kb is not None else "ner", cl.etype, cl.kb)
                lk._add(cl, c)
                cov[i] = c


# -- descriptions of the protagonist --------------------------------------------------
# (masculine forms, feminine forms): nouns a news story uses for the person it is about
_DESCRIPTIONS_M = {"jeune homme", "adolescent", "condamné", "détenu", "prévenu", "accusé", "suspect", "individu",
                   "quadragénaire", "quinquagénaire", "sexagénaire", "septuagénaire", "octogénaire", "nonagénaire",
                   "trentenaire", "vingtenaire", "garçon", "jeune garçon", "meurtrier", "disparu", "défunt", "forcené"}
_DESCRIPTIONS_F = {"jeune femme", "jeune fille", "jeune maman", "adolescente", "condamnée", "détenue", "prévenue",
                   "accusée", "suspecte", "quadragénaire", "quinquagénaire", "sexagénaire", "septuagénaire",
                   "octogénaire", "nonagénaire", "trentenaire", "vingtenaire", "fillette", "jeune mère",
                   "disparue", "défunte"}
_DETS_M = {"le", "ce", "cet"}
_DETS_F = {"la", "cette"}
_DETS_ELIDED = {"l'", "l’"}
# ("le jeune maman" happens in real text: the article's typo keeps its noun's gender)
_FEMININE_NOUNS = {"maman", "femme", "fille", "mère", "fillette"}


def _description_at(lk: "Linker", i: int) -> Optional[tuple[int, str]]:
    """End token and gender ("m"/"f") of a description starting at determiner i."""
    low = lk.lowers
    det = low[i]
    for size in (3, 2, 1):
        if i + 1 + size > len(low):
            continue
        words = " ".join(low[i + 1:i + 1 + size])
        if det in _DETS_ELIDED:
            gender = "f" if words in _DESCRIPTIONS_F and words not in _DESCRIPTIONS_M else (
                "m" if words in _DESCRIPTIONS_M and words not in _DESCRIPTIONS_F else "?")
            if words in _DESCRIPTIONS_F or words in _DESCRIPTIONS_M:
                return i + 1 + size, gender
        elif det in _DETS_M and (words in _DESCRIPTIONS_M or words in _DESCRIPTIONS_F and words.split()[-1] in _FEMININE_NOUNS):
            return i + 1 + size, "f" if words.split()[-1] in _FEMININE_NOUNS else "m"
        elif det in _DETS_F and words in _DESCRIPTIONS_F:
            return i + 1 + size, "f"
    return None


_CUES_F = {"elle", "âgée", "née", "décédée", "morte", "tuée", "blessée", "interpellée", "condamnée", "mise"}
_CUES_M = {"il", "âgé", "né", "décédé", "mort", "tué", "blessé", "interpellé", "condamné", "mis"}


def _gender(lk: "Linker", cl: "Cluster") -> Optional[str]:
    """What the article says of a person's gender: honorifics, the determiner of their
    titles, and the agreement of the words right after their name ("X, âgée de 22 ans",
    "X ... Elle a")."""
    votes = {"m": 0, "f": 0}
    for c in cl.cands:
        h = lk._honorific(c)
        if h:
            votes[h] += 3
        if c.label == "role":
            det = lk.lowers[c.start]
            if det in ("la", "cette"):
                votes["f"] += 2
            elif det in ("le", "ce", "cet") and lk.lowers[c.start + 1] not in ("ministre", "porte-parole", "juge", "secrétaire"):
                votes["m"] += 2
            continue
        for w in lk.lowers[c.end:c.end + 5]:
            if w in _CUES_F:
                votes["f"] += 1
                break
            if w in _CUES_M:
                votes["m"] += 1
                break
    if votes["m"] == votes["f"]:
        return None
    return "m" if votes["m"] > votes["f"] else "f"


def protagonist_descriptions(lk: "Linker", doc: Doc) -> None:
    people = [cl for cl in lk.clusters.values() if cl.etype == "PER"]
    if not people:
        return
    named = {id(cl): sum(1 for c in cl.cands if c.label not in ("role", "handle")) for cl in people}
    ranked = sorted(people, key=lambda cl: -named[id(cl)])
    top = ranked[0]
    if named[id(top)] < 2:
        return
    rivals = [cl for cl in ranked[1:] if named[id(cl)] * 2 > named[id(top)]]
    if any(named[id(cl)] >= named[id(top)] or cl.first < top.first for cl in rivals):
        return  # no one person the article is about: most named, and named first among the most named
    if top.kb is not None:
        return  # known public figures are not "la jeune femme" of a news story
    gender = _gender(lk, top)
    if gender is None:
        return  # "la fillette" after the accused's name: without the person's gender, no link
    cov = lk._covered()
    from .linker import Cand
    low = lk.lowers
    dets = _DETS_M | _DETS_F | _DETS_ELIDED
    for i in range(len(low) - 1):
        if low[i] not in dets or i in cov:
            continue
        found = _description_at(lk, i)
        if found is None:
            continue
        end, g = found
        if any(j in cov for j in range(i, end)) or top.first >= i:
            continue
        if g != "?" and g != gender:
            continue
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.text == "," and end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN"
                                or nxt.lower_ in ("de", "d'", "d’", "du", "des", "qui", "que", "dont")):
            continue  # "le jeune homme, Paul X" names someone; "le suspect de l'attaque" may be another
        start = i if low[i] in ("le", "la", "l'", "l’") else i
        lk._add(top, Cand(start, end, "role", "PER"))
        cov.update({j: None for j in range(start, end)})


# -- the press and companies ------------------------------------------------------
_PRESS_NOUNS = {"quotidien", "hebdomadaire", "mensuel", "magazine", "journal"}
_COMPANY_NOUNS = {"entreprise", "société", "firme", "groupe", "constructeur", "enseigne", "compagnie", "opérateur"}
_DEF = {"le", "la", "l'", "l’"}


def _companies(lk: "Linker") -> set[int]:
    """Clusters the article presents as companies (only one may take "l'entreprise":
    with a parent and its subsidiary named, which one is meant is a guess): the KB says so, or it writes "la
    société X", "l'entreprise X", "le groupe X"."""
    out = set()
    for cl in lk.clusters.values():
        if cl.etype != "ORG":
            continue
        if cl.kb is not None and cl.kb.kind == "company":
            out.add(id(cl))
            continue
        for c in cl.cands:
            if c.start >= 1 and lk.lowers[c.start - 1] in _COMPANY_NOUNS:
                out.add(id(cl))
                break
    return out


# Broadcasters are not "le quotidien": words and digits in their names say so
_BROADCAST = {"tv", "télé", "radio", "fm", "info", "franceinfo", "inter", "canal", "rtl", "lci", "cnews", "bfm",
              "bfmtv", "télévision", "chaîne", "europe"}


def _broadcaster(cl: "Cluster") -> bool:
    names = [cl.kb.name, *cl.kb.aliases] if cl.kb is not None else [cl.name]
    return any(any(ch.isdigit() for ch in n) or _BROADCAST & set(n.lower().replace("-", " ").split()) for n in names)


def press_and_companies(lk: "Linker", doc: Doc) -> None:
    from .linker import Cand
    low = lk.lowers
    cov = lk._covered()
    companies = _companies(lk)
    for i in range(len(low) - 1):
        if low[i] not in _DEF or i in cov or i + 1 in cov:
            continue
        noun = low[i + 1]
        if noun in _PRESS_NOUNS:
            want = lambda cl: cl.kb is not None and cl.kb.kind == "media" and not _broadcaster(cl)  # noqa: E731
        elif noun in _COMPANY_NOUNS and len(companies) == 1:
            want = lambda cl: id(cl) in companies  # noqa: E731
        else:
            continue
        nxt = doc[i + 2] if i + 2 < len(doc) else None
        if nxt is not None and (nxt.pos_ in ("PROPN", "ADJ", "NUM") or nxt.text[:1].isupper() and nxt.is_alpha
                                or nxt.lower_ in ("de", "d'", "d’", "du", "des", "qui", "que", "dont", "où")):
            continue  # "le quotidien Le Monde", "le groupe de travail", "la société civile"
        best, best_end = None, -1
        for cl in lk.clusters.values():
            if not want(cl):
                continue
            end = max((c.end for c in cl.cands if c.end <= i and c.label != "role"), default=-1)
            if end > best_end:
                best, best_end = cl, end
        if best is None:
            continue
        # only the body last named of that kind, named within the last few sentences
        if doc[i].sent.start - 200 > best_end:
            continue
        lk._add(best, Cand(i, i + 2, "anaphor", best.etype, best.kb))
        cov.update({i: None, i + 1: None})
