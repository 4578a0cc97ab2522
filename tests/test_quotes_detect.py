"""Quote detection and content spans (issue #5): verb-less colon frames, objects of cues,
selon + document, opinion verbs. Real OrangeSum sentences, none from the
dev gold articles."""

from __future__ import annotations

from conftest import quote_with as _one, quotes_of as _quotes
from veille.nlp.quotes.lexicon import load


def test_lexicon_opinion_verbs_need_a_person():
    lex = load()
    assert lex.verb("penser").takes("que") and lex.verb("penser").takes("person")
    assert lex.verb("arguer").takes("de")
    assert not lex.verb("affirmer").takes("person")


def test_title_frame_name_colon_quote(analyzer):
    # OrangeSum 1857 (title): the parser starts a sentence at the opening mark
    qs = _quotes(analyzer, "Benjamin Griveaux : \"J'avais la carte du Club Dorothée !\"")
    q = _one(qs, "J'avais la carte")
    assert q.content.text == "J'avais la carte du Club Dorothée !"
    assert q.speaker.name == "Benjamin Griveaux"


def test_title_colon_without_a_name_is_no_quote(analyzer):
    # OrangeSum 2014 (title): a topic, not a speaker, before the colon
    text = "Violences conjugales : \"Pourquoi faire un Grenelle ? Il suffit d'appliquer les lois existantes\""
    assert _quotes(analyzer, text) == []


def test_selon_a_study_keeps_the_figure(analyzer):
    # OrangeSum 525
    qs = _quotes(analyzer, "Selon une étude du MIT, le taux d'erreur est de 35% pour les femmes noires.")
    q = _one(qs, "taux d'erreur")
    assert q.content.text == "le taux d'erreur est de 35% pour les femmes noires"
    assert q.cue == "selon"


def test_opinion_verb_with_a_person(analyzer):
    # OrangeSum 15
    text = ("Ken Otter pense qu'il est possible que les femelles aient été attirées par la nouveauté, "
            "et que la technique ait fait des émules chez les jeunes mâles.")
    q = _one(_quotes(analyzer, text), "il est possible")
    assert q.content.text.startswith("il est possible") and q.cue == "penser"
    assert q.speaker.name == "Ken Otter"
