"""Glued sentences (lost paragraph breaks, as in OrangeSum) are split; real words are left alone."""

import pytest
import spacy

from veille.nlp.glue import _parts, unglue


@pytest.mark.parametrize("token,parts", [
    ("AFP.Pendant", ["AFP", ".", "Pendant"]),
    ("2017.Au", ["2017", ".", "Au"]),
    ("».Mes", ["»", ".", "Mes"]),
    (".Mes", [".", "Mes"]),
    ("barrières?Cela", ["barrières", "?", "Cela"]),
    ("CisjordanieUn", ["Cisjordanie", "Un"]),
    ("frappésLe", ["frappés", "Le"]),
    ("BFMTVLaurent", ["BFMTV", "Laurent"]),
    ("1.Plusieurs", ["1", ".", "Plusieurs"]),
    ("BFMTVIl", ["BFMTV", "Il"]),
    ("RESPONSABILITELe", ["RESPONSABILITE", "Le"]),
])
def test_glued_tokens_are_cut(token, parts):
    assert _parts(token) == parts


@pytest.mark.parametrize("token", ["M.Macron", "U.S.Army", "Orange.fr", "WhatsApp", "PlayStation", "McDonald",
                                   "LaREM", "YouTube", "St.Louis", "iPhone", "SoundCloud",
                                   "XVIIIe", "XIIIe", "XVIIeme", "NOTRe", "JPMorgan"])
def test_words_and_abbreviations_are_kept(token):
    assert _parts(token) is None


def test_split_keeps_the_text_and_starts_a_sentence():
    nlp = spacy.blank("fr")
    text = "Manifestation à ToulouseA Toulouse, les gilets jaunes ont défilé avec l'AFP.Pendant ce temps."
    doc = unglue(nlp.make_doc(text))
    assert doc.text == text
    words = [t.text for t in doc]
    assert words[2:4] == ["Toulouse", "A"] and doc[3].is_sent_start
    i = words.index("Pendant")
    assert words[i - 2:i] == ["AFP", "."] and doc[i].is_sent_start


def test_line_breaks_start_sentences():
    from veille.nlp.glue import mark_line_breaks

    nlp = spacy.blank("fr")
    doc = mark_line_breaks(nlp.make_doc("La France annonce ne pas retirer ses soldats\nQuant à la France, elle reste."))
    quant = [t for t in doc if t.text == "Quant"][0]
    assert quant.is_sent_start
    assert not [t for t in doc if t.text == "annonce"][0].is_sent_start
