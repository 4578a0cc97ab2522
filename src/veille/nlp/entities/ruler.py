"""Paragraph-level components around the statistical NER.

``veille_alias_ruler`` (before ``ner``) tags the knowledge base's aliases, so that
"Otan", "Daech" or "Washington" reach the NER already typed: the NER keeps
preset entities and predicts around them. ``veille_ner_fixes`` (after ``ner``)
repairs what the NER still gets wrong in general ways: an ORG span that swallowed
the following person's name is split, a social-media handle becomes the person
it names, spans of function words are dropped and determiners trimmed.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .kb import KB, load_kb
from .normalize import is_acronym
from .roles import head_word

_EDGE_POS = {"ADP", "DET", "PUNCT", "CCONJ", "SCONJ", "PRON", "AUX", "VERB"}
_HONORIFICS = {"M.", "Mme", "Mlle", "MM.", "Mmes"}
_COMPASS = {"Nord", "Sud", "Est", "Ouest", "Nord-Est", "Nord-Ouest", "Sud-Est", "Sud-Ouest", "Centre"}
_DET_WORDS = {"le", "la", "les", "l'", "l’", "Le", "La", "Les", "L'", "L’"}
# A sentence end glued to the next sentence in scraped text ("KCNA.M. Trump",
# "(EI).Pour Amany"): a lower-case letter, digit, closing mark or acronym, then
# ".!?" and at once a capital. Not "M. Trump" or "George W. Bush" (one capital).
_GLUED_END = re.compile(r"(?:[a-zà-ÿ0-9)\]»\"'’]|[A-Z]{2})[.!?…]+[)\]»\"]?(?=[A-ZÀ-Ý«])")
# Words before a name that show it is not a person's: a determiner or demonstrative
# ("cet Etat du Sud", "le Grand Jury RTL", "du Championnat de football").
_NOT_BEFORE_PERSON = {"le", "la", "les", "l'", "l’", "un", "une", "du", "des", "au", "aux", "ce", "cet", "cette", "ces"}


@Language.factory("veille_alias_ruler", assigns=["doc.ents"], default_config={"user_kb": None})
def make_alias_ruler(nlp: Language, name: str, user_kb: Optional[str]):
    return AliasRuler(nlp, load_kb(user_kb))


class AliasRuler:
    def __init__(self, nlp: Language, kb: KB):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[str, tuple[str, str]] = {}
        by_key: dict[str, list] = {}
        for text, label, eid in kb.patterns:
            key = f"{label}|{eid}"
            self.info[key] = (label, eid)
            by_key.setdefault(key, []).append(text)
        for key, texts in by_key.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(texts)))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, eid = self.info[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label=label, kb_id=eid)
            if is_acronym(span.text) and _in_capitals(doc, start, end):
                continue  # "UN HOMME ARRÊTÉ": a headline in capitals, not the UN
            if label == "LOC" and _in_compound(doc, start, end):
                continue  # "Loire-Atlantique", "Provence-Alpes-Côte d'Azur": part of a longer place name
            if end - start == 1 and start > 0 and self._named_after_people(eid) and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].is_title and not doc[start].is_upper:
                continue  # "Ferdinand Porsche", "André Citroën": the person, not the firm
            spans.append(span)
        if spans:
            spans = filter_spans(list(doc.ents) + spans)
            doc.ents = sorted(spans, key=lambda s: s.start)
        return doc


    def _named_after_people(self, eid: str) -> bool:
        ent = self.kb.get(eid)
        return ent is not None and ent.kind == "company"


def _in_compound(doc: Doc, start: int, end: int) -> bool:
    """The match is glued by a hyphen to the word before or after it (the tokenizer
    splits "Loire-Atlantique" into three tokens)."""
    before = start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_
    after = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_
    return before or after


def _in_capitals(doc: Doc, start: int, end: int) -> bool:
    """The words right next to the match are in capitals too (a shouted headline)."""
    after = next((t for t in doc[end:end + 2] if t.is_alpha), None)
    before = next((t for t in reversed(doc[max(0, start - 2):start]) if t.is_alpha), None)
    return any(t is not None and len(t) > 1 and t.is_upper for t in (before, after))


@Language.factory("veille_ner_fixes", requires=["doc.ents"], assigns=["doc.ents"], default_config={"user_kb": None})
def make_ner_fixes(nlp: Language, name: str, user_kb: Optional[str]):
    return NerFixes(load_kb(user_kb))


class NerFixes:
    def __init__(self, kb: KB):
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        out: list[Span] = []
        taken: set[int] = set()
        for ent in doc.ents:
            for span in self._fix(doc, ent):
                out.append(span)
                taken.update(range(span.start, span.end))
        for tok in doc:
            if tok.text in _HONORIFICS and tok.i + 1 < len(doc) and tok.i not in taken and tok.i + 1 not in taken:
                k = tok.i + 1
                while k < len(doc) and k - tok.i <= 3 and k not in taken and doc[k].is_title and doc[k].is_alpha:
                    k += 1
                if k > tok.i + 1:  # "M. Ndaw", "Mme Erdemir": a person the NER left out
                    out.append(Span(doc, tok.i, k, label="PER"))
                    taken.update(range(tok.i, k))
            if tok.text.startswith("@") and len(tok.text) > 2 and tok.i not in taken:
                span = self._handle(doc, tok.i)
                if span is not None:
                    out.append(span)
        doc.ents = sorted(filter_spans(out), key=lambda s: s.start)
        return doc

    def _fix(self, doc: Doc, ent: Span) -> list[Span]:
        if ent.kb_id_:
            return [ent]
        if len(ent) == 1 and ent[0].text.startswith("@"):
            span = self._handle(doc, ent.start)
            return [span] if span is not None else []
        start, end = _cut_at_glued_sentence_end(doc, ent.start, ent.end)
        while start < end and (doc[start].pos_ in _EDGE_POS or doc[start].text in _DET_WORDS):
            if self.kb.lookup(doc[start:end].text) or (doc[start].text[:1].isupper() and not doc[start].is_sent_start
                                                         and self.kb.find_city(doc[start:end].text)):
                break  # "Le Monde", "La Havane", "à La Haye": the article is part of the name
            start += 1
        while end > start and (doc[end - 1].pos_ in _EDGE_POS and doc[end - 1].text not in (")",) or doc[end - 1].text in "*«»\"'"):
            end -= 1
        if start >= end:
            return []
        # "Premier ministre", "ministre de la Santé": a title, not a name (the role
        # layer reads titles); "Président Lula": keep the name after the title.
        if head_word(doc[start]):
            k = start
            while k < end and not (doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and not head_word(doc[k])):
                k += 1
            if k >= end or any(t.pos_ == "ADP" for t in doc[start:k]):
                return []
            start = k
        span = Span(doc, start, end, label=ent.label_)
        if span.text.startswith(("-", "–")):
            return []
        words = [t for t in span if t.is_alpha]
        if not words or not any(t.text[:1].isupper() for t in words):
            return []  # "aéroport de": no capitalised word, not a name
        if (not any(t.pos_ in ("PROPN", "X") or t.is_upper and len(t) > 1 for t in span)
                and not any(t.text[:1].isupper() for t in span if not t.is_sent_start and t.i > 0)):
            return []  # "Organisation terroriste": only capitalised because it opens the sentence
        if span.label_ in ("PER", "LOC") and not any(t.pos_ in ("PROPN", "X") for t in span) and not self.kb.lookup(span.text):
            return []  # "Établissement public", "Etat américain": common nouns, not a name
        if len(span) == 1 and span[0].text in _COMPASS:
            return []
        if len(span) == 1 and (span[0].text in _NOT_NAMES or start > 0 and doc[start - 1].like_num
                               and span[0].pos_ != "PROPN" and not self.kb.lookup(span.text)):
            return []  # "(NDLR)", "400 Nm": an editor's note, a unit after a number
        if len(span) == 1 and span[0].pos_ in ("NOUN", "ADJ", "VERB", "ADV") and not self.kb.lookup(span.text):
            return []  # a capitalised common noun ("Armées" in "ministre des Armées")
        kb_ent = self.kb.lookup(span.text)
        if kb_ent is not None:
            return [Span(doc, start, end, label=_label(kb_ent.type), kb_id=kb_ent.id)]
        if span.label_ == "PER":
            # "[ministre de la] Transition écologique François de Rugy": capitalised
            # common nouns glued before a name are the end of a title
            k = start
            while (k < end - 2 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text not in _HONORIFICS | {"Me", "Dr", "Pr"}
                   and sum(t.pos_ == "PROPN" for t in doc[k + 1:end]) >= 2):
                k += 1
            if k > start:
                start = k
                span = Span(doc, start, end, label="PER")
        if span.label_ != "PER" and _after_title(doc, start):
            # "secrétaire d'Etat aux [Transports Jean-Baptiste Djebbari]" tagged ORG: the
            # end of the title, then a person's name
            k = start
            while k < end - 2 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text[:1].isupper():
                k += 1
            tail = doc[k:end]
            if k > start and len(tail) >= 2 and all(t.pos_ == "PROPN" and t.text[:1].isupper() or t.text == "-" for t in tail):
                start = k
                span = Span(doc, start, end, label="PER")
        if start > 0 and doc[start - 1].lower_ in ("ce", "cet", "cette", "ces"):
            return []  # "cet Etat du Sud": an anaphor, not a name
        if span.label_ == "PER" and start > 0 and doc[start - 1].lower_ in _NOT_BEFORE_PERSON:
            # French puts no article before a person's name: "le Grand Jury RTL", "du
            # Championnat de football" are things or places
            if not any(t.pos_ == "PROPN" for t in span):
                return []
            tail = _name_tail(doc, start, end)
            if tail is None:
                span = Span(doc, start, end, label="MISC")
            else:  # "de la [Transition écologique] François de Rugy": the title's end, then the name
                start = tail
                span = Span(doc, start, end, label="PER")
        if span.label_ == "PER" and start > 0 and doc[start - 1].lower_ in _NAMED_AFTER:
            span = Span(doc, start, end, label="LOC")  # "la place Pablo Picasso", "le lycée Victor Hugo"
        if span.label_ == "PER" and is_acronym(span.text):
            span = Span(doc, start, end, label="ORG")  # "UMP", "FSU": not people
        if span.label_ == "PER" and start > 0 and doc[start - 1].text in _HONORIFICS and doc[start - 1].ent_iob_ == "O":
            span = Span(doc, start - 1, end, label="PER")  # "M. Ndaw": the honorific belongs to the mention
            start = span.start
        if span.label_ in ("PER", "MISC") and (span.label_ == "PER" or len(span) == 1):
            # "Jalel" (MISC) + "Harchaoui" (left out): the name goes on
            k = end
            while k < len(doc) and k - end < 3 and doc[k].pos_ == "PROPN" and doc[k].is_title and doc[k].ent_iob_ == "O":
                k += 1
            if k > end:
                span = Span(doc, start, k, label="PER")
        split = self._split_org_person(doc, span)
        return split or [span]

    def _split_org_person(self, doc: Doc, span: Span) -> Optional[list[Span]]:
        """"Otan Jens Stoltenberg" -> ORG "Otan" + PER "Jens Stoltenberg"."""
        if len(span) < 3:
            return None
        for i in range(span.end - 2, max(span.start, span.end - 5), -1):  # shortest name first
            tail = doc[i:span.end]
            if not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in tail if t.text != "-"):
                continue
            if not tail[0].is_alpha or doc[i - 1].text == "-":
                continue
            head = doc[span.start:i]
            head_text = head.text[3:] if head.text.lower().startswith("ex-") else head.text  # "ex-PS"
            kb_ent = self.kb.lookup(head_text)
            if kb_ent is not None and kb_ent.type == "ORG" or is_acronym(head_text) and sum(c.isalpha() for c in head_text) >= 2:
                first = Span(doc, span.start, i, label=_label(kb_ent.type) if kb_ent else "ORG",
                             kb_id=kb_ent.id if kb_ent else "")
                return [first, Span(doc, i, span.end, label="PER")]
        return None

    def _handle(self, doc: Doc, i: int) -> Optional[Span]:
        name = doc[i].text[1:]
        kb_ent = self.kb.lookup(name.replace("_", " "))
        if kb_ent is not None:
            return Span(doc, i, i + 1, label=_label(kb_ent.type), kb_id=kb_ent.id)
        parts = [p for p in name.replace("-", "_").split("_") if p]
        if len(parts) >= 2 and all(p.isalpha() for p in parts):
            return Span(doc, i, i + 1, label="PER")  # @prenom_nom names a person
        return None


def _after_title(doc: Doc, start: int) -> bool:
    """A role noun opens one of the four words before `start` ("ministre de la",
    "secrétaire d'Etat aux")."""
    return any(head_word(doc[k]) for k in range(max(0, start - 4), start))


def _name_tail(doc: Doc, start: int, end: int) -> Optional[int]:
    """Where a person's name starts after capitalised common words: the token after
    the last lower-case word that is not a name particle, if two or more name words follow."""
    last_lower = None
    for k in range(start, end):
        if doc[k].text[:1].islower() and doc[k].lower_ not in _NAME_PARTICLES:
            last_lower = k
    if last_lower is None:
        return None
    tail = doc[last_lower + 1:end]
    if len(tail) >= 2 and tail[0].text[:1].isupper() and all(
            t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in tail):
        return last_lower + 1
    return None


# Capitalised abbreviations of the press that the NER takes for names.
_NOT_NAMES = {"NDLR", "Ndlr", "NDLA", "JT", "PV", "Nm", "CV"}
_NAME_PARTICLES = {"de", "du", "d'", "d’", "la", "le", "von", "van", "der", "al", "el", "ben", "bin", "ibn", "ould"}
# Common nouns of places and institutions named after a person.
_NAMED_AFTER = {"place", "rue", "avenue", "boulevard", "quai", "square", "pont", "gare", "station", "lycée", "collège",
                "école", "université", "stade", "hôpital", "aéroport", "musée", "fondation", "prix", "porte", "allée",
                "parc", "centre", "institut", "salle", "théâtre", "impasse", "cours"}


def _cut_at_glued_sentence_end(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The part of a span on one side of a glued sentence end: the side with more
    capitalised words ("KCNA.M. Trump" -> "Trump", "EI).Pour Amany Gharib" ->
    "Amany Gharib"); tokens straddling the boundary are left out."""
    span = doc[start:end]
    text = span.text
    cuts = [(m.start() + 1, m.end()) for m in _GLUED_END.finditer(text)]
    if not cuts:
        return start, end
    bounds = [0] + [c for cut in cuts for c in cut] + [len(text)]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]

    def weight(piece):
        words = re.findall(r"\w+", text[piece[0]:piece[1]])
        return sum(1 for w in words if w[:1].isupper() and len(w) > 1 and w.lower() not in _FUNCTION_CAPS)

    a, b = max(pieces, key=lambda p: (weight(p), p[0]))
    base = span.start_char
    piece = doc.char_span(base + a, base + b, alignment_mode="contract")
    if piece is None or len(piece) == 0:
        return start, start
    return piece.start, piece.end


# Sentence-initial function words that a glued boundary capitalises ("Pour", "Selon").
_FUNCTION_CAPS = {"pour", "selon", "mais", "dans", "avec", "sans", "les", "des", "une", "elle", "il", "ils", "elles",
                  "le", "la", "en", "au", "aux", "par", "sur", "et", "ce", "cette", "son", "sa", "ses", "leur", "après",
                  "avant", "depuis", "lors", "alors", "quant", "de", "du", "un", "on", "si", "cela", "ainsi"}


def _label(etype: str) -> str:
    return "LOC" if etype in ("LOC", "GPE") else etype


def add_to(nlp: Language, user_kb: Optional[str]) -> None:
    config = {"user_kb": user_kb}
    if "veille_alias_ruler" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("veille_alias_ruler", before="ner", config=config)
            nlp.add_pipe("veille_ner_fixes", after="ner", config=config)
        else:
            nlp.add_pipe("veille_alias_ruler", config=config)
            nlp.add_pipe("veille_ner_fixes", config=config)
