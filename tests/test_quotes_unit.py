"""Quote layer pieces that need no spaCy model: quotation marks, lexicon, posts, glued text."""

from __future__ import annotations

import spacy

from veille.nlp.quotes.context import DocContext
from veille.nlp.quotes.lexicon import load
from veille.nlp.quotes.marks import find_regions
from veille.nlp.quotes import posts


def _contents(text):
    return [text[r.start : r.end] for r in find_regions(text)]


def test_guillemets_with_spaces_and_glued_frame():
    text = "« Nous prenons toutes les précautions. Cela comprend le repositionnement », a indiqué un responsable."
    assert _contents(text) == ["Nous prenons toutes les précautions. Cela comprend le repositionnement"]


def test_nested_quote_stays_inside_outer_one():
    text = "Il a dit : «Le mot “crise” est galvaudé», puis il est parti."
    assert _contents(text) == ["Le mot “crise” est galvaudé"]


def test_quote_over_two_paragraphs_is_one_region():
    text = "«La première partie du discours.\n«La seconde partie», a conclu le maire.\nFin."
    regions = find_regions(text)
    assert len(regions) == 1
    assert text[regions[0].start : regions[0].end] == "La première partie du discours.\n«La seconde partie"


def test_unclosed_quote_ends_with_its_paragraph():
    text = "Il a lancé : «On ne lâchera rien\nLe lendemain, rien n'avait changé."
    assert _contents(text) == ["On ne lâchera rien"]


def test_straight_quotes_in_glued_orangesum_text():
    text = 'Ils disent vouloir "continuer le combat".\"Malgré l\'annonce, rien ne change", a souligné FO.'
    assert _contents(text) == ["continuer le combat", "Malgré l'annonce, rien ne change"]


def test_lexicon_has_stances_and_guesses_bad_lemmas():
    lex = load()
    assert lex.verb("démentir").stance == "deny"
    assert lex.verb("nier").stance == "deny"
    assert lex.verb("reconnaître").stance == "concede"
    assert lex.verb("confirmer").stance == "confirm"
    # spaCy lemmatizes « informe » and « relate » as themselves
    assert lex.verb("informe").lemma == "informer"
    assert lex.verb("relate").lemma == "relater"
    assert lex.verb("manger") is None
    assert lex.noun("communiqué").channel == "communiqué"
    assert lex.is_media_name("l’AFP") and lex.is_media_name("Le Monde") and not lex.is_media_name("Le Pentagone")


def test_embedded_post_signature():
    nlp = spacy.blank("fr")
    text = ("Elle a réagi sur Twitter.\n1. La priorité est de lutter contre Daech sur le terrain.\n"
            "— Florence Parly (@florence_parly) January 7, 2020\nUne frappe aérienne")
    ctx = DocContext.build(nlp(text), load())
    found = posts.candidates(ctx)
    assert len(found) == 1
    c = found[0]
    assert text[c.start : c.end] == "1. La priorité est de lutter contre Daech sur le terrain."
    assert c.post_author == "Florence Parly" and c.channel == "Twitter"


def test_glued_sentence_bounds():
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    text = "Des manifestants ont lancé des pierres, selon une correspondante de l'AFP.Le Premier ministre a dénoncé ces insultes."
    ctx = DocContext.build(nlp(text), load())
    lo, hi = ctx.glued_bounds(0)
    assert text[lo:hi].endswith("l'AFP.")
    lo2, _ = ctx.glued_bounds(hi + 3)
    assert text[lo2:].startswith("Le Premier ministre")


def test_stray_straight_quote_does_not_shift_the_pairs():
    text = 'Il évoque un " moment historique. "Nous avançons", a-t-il dit. "Et vite", a-t-il ajouté.'
    assert _contents(text) == ["Nous avançons", "Et vite"]
