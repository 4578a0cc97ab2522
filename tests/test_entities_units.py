"""Pure-Python checks of the entity layer's text cues (no spaCy model)."""

from __future__ import annotations

from veille.nlp.entities.linker import _TRAILING
from veille.nlp.entities.ruler import _GLUED_END


def test_glued_sentence_ends_are_found_and_initials_are_not():
    for text in ("KCNA.M. Trump", "(EI).Pour Amany Gharib", "2006-2007.Même", "nationale.Le"):
        assert _GLUED_END.search(text), text
    for text in ("M. Trump", "George W. Bush", "Jean-C. Dupont", "franceinfo.fr", "St. Louis"):
        assert not _GLUED_END.search(text), text


def test_trailing_punctuation_of_glued_text_is_not_part_of_a_mention():
    assert _TRAILING.search("Keir Starmer.-").start() == len("Keir Starmer")
    for text in ("George W.", "Apple Inc.", "Paris", "Jean-Marie Le Pen"):
        assert _TRAILING.search(text) is None, text
