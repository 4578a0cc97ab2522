"""Unglue sentences that lost their paragraph break.

Corpora built from web pages often drop the break between paragraphs or between a
sub-heading and its paragraph, gluing two sentences into one token: "l'AFP.Pendant",
"».Mes", "ToulouseA Toulouse", "LilleDes centaines". spaCy's tokenizer keeps these as
one token and its parser then reads one long sentence, which costs quotes and
events their real boundaries. This component, first in the paragraph pipeline,
splits such tokens and marks the second part as a sentence start; the text and its
offsets are unchanged (a split only cuts a token in two).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# "AFP.Pendant", "unis.Selon", "2020.Le": a word (not an abbreviation like "U.S" or
# "M") then a period glued to a capitalised word.
_DOT_GLUE = re.compile(r"^(?P<left>[^\W_][\w'’\-]*[^\W_]|\d|[»\"”)\]])(?P<dot>[.!?])(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w'’\-]*)$")
# ".Mes", "!Le": the tokenizer left the period on the next sentence's first word.
_LEADING_DOT = re.compile(r"^(?P<dot>[.!?]+)(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ][\w'’\-]*)$")
# "ToulouseA", "LilleDes": a sub-heading glued to a paragraph that starts with a
# word that commonly opens a French sentence. Brand names in CamelCase
# ("WhatsApp", "PlayStation") do not end in one of these words.
_OPENERS = ("A|À|Au|Aux|Le|La|Les|Des|Du|De|Un|Une|Dans|Pour|Selon|Mais|En|Il|Elle|Ils|Elles|Cette|Ce|Ces|"
            "Depuis|Après|Avant|Lors|Sur|Par|Pendant|Parmi|Face|Malgré|Alors|Ainsi|Enfin|Cependant|Toutefois|"
            "Pourtant|Entre|Avec|Sans|Comme|Quant|Outre|On|Nous|Je|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|"
            "Dimanche")
_CAMEL_GLUE = re.compile(rf"^(?P<left>[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]{{3,}})(?P<right>{_OPENERS})$")


# "BFMTVLaurent", "AFPLe": a credit line in capitals glued to the next sentence.
_CAPS_GLUE = re.compile(r"^(?P<left>[A-Z]{3,})(?P<right>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,}[\w'’\-]*|Il|Le|La|En|On|Un|Au|Ce)$")


_ROMAN = re.compile(r"^[IVXLCDM]+$")


def _parts(text: str) -> list[str] | None:
    m = _DOT_GLUE.match(text)
    if m and not _is_abbreviation(m.group("left")):
        return [m.group("left"), m.group("dot"), m.group("right")]
    m = _LEADING_DOT.match(text)
    if m:
        return [m.group("dot"), m.group("right")]
    m = _CAMEL_GLUE.match(text) or _CAPS_GLUE.match(text)
    if m and not _ROMAN.match(m.group("left") + m.group("right")[:1]):  # "XVIIIe", "XIIIe" are centuries
        return [m.group("left"), m.group("right")]
    return None


def _is_abbreviation(left: str) -> bool:
    # "M.Macron" or "St.Louis" are not two sentences; "AFP" and "Unis" are words.
    return (len(left) == 1 and left.isalpha()) or left.lower() in {"st", "ste", "mme", "mlle", "dr", "me", "mgr", "pr", "gén", "col"}


# Where a glued token can be: punctuation between two word characters, or a
# lowercase letter followed by a capital. Searching the text first spares the
# per-token work on the many paragraphs that have none.
_CANDIDATE = re.compile(r"[.!?][A-ZÀ-ÖØ-Þ]|[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]|[A-Z]{4}[a-zà-öø-ÿ]")


def unglue(doc: Doc) -> Doc:
    splits = []
    seen = set()
    for m in _CANDIDATE.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or len(span) != 1 or span[0].i in seen:
            continue
        token = span[0]
        seen.add(token.i)
        parts = _parts(token.text) if len(token.text) >= 3 else None
        if parts:
            splits.append((token.i, parts))
    splits.sort()
    if not splits:
        return doc
    starts = []
    with doc.retokenize() as retokenizer:
        offset = 0
        for i, parts in splits:
            token = doc[i]
            # Before parsing, heads are placeholders the parser overwrites.
            retokenizer.split(token, parts, heads=[(token, 0)] * len(parts))
            starts.append(i + offset + len(parts) - 1)
            offset += len(parts) - 1
    for i in starts:
        doc[i].is_sent_start = True
    return doc


def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: spaCy's French parser ignores line breaks, so
    without this a heading and its paragraph, or two paragraphs, parse as one."""
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if token.is_space and "\n" in token.text:
            after_break = True
    return doc


def unglue_and_mark(doc: Doc) -> Doc:
    return mark_line_breaks(unglue(doc))

@Language.factory("veille_glue", assigns=["token.is_sent_start"])
def make_glue(nlp: Language, name: str):
    return unglue_and_mark
