"""The seed-gold scorer, on the real gold files and records built by hand around their text."""

import json

import pytest

from veille.eval.gold import load_gold, score_quotes, score_times, score_events, score_entities, norm
from veille.eval.runner import check_floors, flatten
from veille.models import Entity, Event, Mention, Published, Quote, Record, Span, Speaker, TimeExpr

from conftest import GOLD

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold not present")


@pytest.fixture(scope="module")
def gold000():
    return next(g for g in load_gold(GOLD) if g["doc"].startswith("000_"))


def _span(text, needle):
    i = text.index(needle)
    return Span(start=i, end=i + len(needle), text=needle)


def _record(gold, **layers):
    return Record(id="000", published=Published(value=None, how="unknown"), text=gold["text"], **layers)


def test_norm_folds_apostrophes_case_and_spaces():
    assert norm("l’Otan  maintient") == norm("L'otan maintient")


def test_quote_with_right_speaker_counts_and_wrong_speaker_does_not(gold000):
    text = gold000["text"]
    content = _span(text, "Nous prenons toutes les précautions nécessaires pour protéger notre personnel.")
    right = Quote(kind="direct", content=content, cue="indiquer", speaker=Speaker(name="NATO"), via=["Agence France-Presse"])
    wrong = Quote(kind="direct", content=content, cue="indiquer", speaker=Speaker(name="AFP"))
    good = score_quotes([(gold000, _record(gold000, quotes=[right]))])
    assert good["precision"] == 1.0 and good["recall"] == pytest.approx(1 / len(gold000["quotes"]), abs=1e-4)
    # via recall is over every gold relay, found or not: one of the file's relays is found here.
    n_via = sum(len(q.get("via", [])) for q in gold000["quotes"])
    assert good["speaker_accuracy"] == 1.0 and good["via_recall"] == pytest.approx(1 / n_via, abs=1e-4)
    bad = score_quotes([(gold000, _record(gold000, quotes=[wrong]))])
    assert bad["precision"] == 0.0 and bad["speaker_accuracy"] == 0.0 and bad["content_recall"] > 0
    assert bad["speaker_referent_accuracy"] == 0.0


def test_unlinked_speaker_naming_a_gold_mention_is_the_right_referent_not_the_right_link(gold000):
    text = gold000["text"]
    content = _span(text, "Nous prenons toutes les précautions nécessaires pour protéger notre personnel.")
    nato = next(e for e in gold000["entities"] if e["name"] == "NATO")
    words = next(m for m in nato["mentions"] if m in text)
    unlinked = Speaker(name=words, mention=_span(text, words))
    linked_elsewhere = Speaker(name="Iraq", entity="Q796", mention=_span(text, words))
    got = score_quotes([(gold000, _record(gold000, quotes=[Quote(kind="direct", content=content, speaker=unlinked)]))])
    assert got["speaker_referent_accuracy"] == 1.0 and got["speaker_accuracy"] == 0.0 and got["precision"] == 0.0
    got = score_quotes([(gold000, _record(gold000, quotes=[Quote(kind="direct", content=content,
                                                                  speaker=linked_elsewhere)]))])
    assert got["speaker_referent_accuracy"] == 0.0


def test_duplicate_post_linked_by_same_as_is_not_a_false_positive(gold000):
    text = gold000["text"]
    first = _span(text, "La priorité aujourd’hui est la même qu’hier et doit être celle de demain: lutter contre Daech*")
    post = _span(text, "La priorité aujourd’hui est la même qu’hier et doit être celle de demain : lutter contre Daech")
    quotes = [Quote(kind="direct", content=first, cue="écrire", speaker=Speaker(name="Florence Parly")),
              Quote(kind="direct", content=post, speaker=Speaker(name="Florence Parly"), same_as=0)]
    scores = score_quotes([(gold000, _record(gold000, quotes=quotes))])
    assert scores["precision"] == 1.0 and scores["predicted"] == 1


def test_time_needs_overlap_and_equal_value(gold000):
    text = gold000["text"]
    s = _span(text, "le 3 janvier")
    ok = score_times([(gold000, _record(gold000, times=[TimeExpr(start=s.start, end=s.end, text=s.text, type="DATE", value="2020-01-03")]))])
    off = score_times([(gold000, _record(gold000, times=[TimeExpr(start=s.start, end=s.end, text=s.text, type="DATE", value="2020-01-04")]))])
    assert ok["detection_recall"] == off["detection_recall"] > 0
    assert ok["value_accuracy"] == 1.0 and off["value_accuracy"] == 0.0


def test_negated_event_given_as_asserted_is_counted(gold000):
    text = gold000["text"]
    ev = _span(text, "le pays n’avait pas l’intention de rappeler ses 160 soldats déployés en Irak")
    asserted = Event(type="RETREAT", actors=["France"], modality="asserted", evidence=ev)
    negated = Event(type="RETREAT", actors=["France"], modality="negated", evidence=ev)
    bad = score_events([(gold000, _record(gold000, events=[asserted]))])
    good = score_events([(gold000, _record(gold000, events=[negated]))])
    assert bad["non_asserted_given_as_asserted"] == 1 and bad["recall"] == 0.0
    assert good["precision"] == 1.0 and good["modality_accuracy"] == 1.0


def test_entity_mentions_linked_only_under_the_canonical_name(gold000):
    text = gold000["text"]
    otan = [i for i in range(len(text)) if text.startswith("Otan", i)]
    mentions = [Mention(start=i, end=i + 4, text="Otan") for i in otan]
    linked = score_entities([(gold000, _record(gold000, entities=[Entity(id="Q7184", name="NATO", type="ORG", mentions=mentions)]))])
    unlinked = score_entities([(gold000, _record(gold000, entities=[Entity(id="L1", name="Otan", type="ORG", mentions=mentions)]))])
    assert linked["linked_mention_recall"] > 0 and unlinked["linked_mention_recall"] == 0
    assert linked["mention_detection_recall"] == unlinked["mention_detection_recall"] > 0


def test_floors():
    scores = {"seed": {"quotes": {"f1": 0.5, "misses": ["x"]}}}
    assert flatten(scores) == {"seed.quotes.f1": 0.5}
    assert check_floors(scores, {"seed.quotes.f1": 0.5}) == []
    assert check_floors(scores, {"seed.quotes.f1": 0.6}) == ["seed.quotes.f1 = 0.5000 < floor 0.6"]
    assert "not measured" in check_floors(scores, {"seed.events.f1": 0.1})[0]


def test_gold_quote_span_rebuilds_direct_and_indirect_spans(gold000):
    from veille.eval.gold import gold_quote_span, span_overlap

    text = gold000["text"]
    start, end = gold_quote_span(text, "Nous prenons toutes les précautions")
    assert text[start:end].startswith("Nous prenons") and text[start:end].rstrip().endswith("l'Irak")
    start, end = gold_quote_span(text, "Paris avait renforcé la sécurité des soldats")
    assert text[start:end] == "Paris avait renforcé la sécurité des soldats"
    assert span_overlap((0, 10), (5, 15)) == 0.5 and span_overlap((0, 10), (20, 30)) == 0.0


def test_gold_quote_span_stops_at_cue_sentence_and_takes_mixed_clause(gold000):
    from veille.eval.gold import gold_quote_span

    # The object of a cue starts after the cue, not at the subject before it.
    text = ("Le lieutenant-colonel Earl Brown, porte-parole du commandement central (CENTCOM) a démenti "
            "les communiqués sur le retrait de soldats américains. Par ailleurs, la lettre a été publiée.")
    start, end = gold_quote_span(text, "les communiqués sur le retrait", "indirect", "démentir")
    assert text[start:end] == "les communiqués sur le retrait de soldats américains"
    # A glued sentence (« l'Irak.Le Pentagone ») is still a sentence boundary, both ways.
    text = "Ils commençaient à quitter l'Irak.Le Pentagone avait qualifié cette publication d'erreur, car rien."
    start, end = gold_quote_span(text, "qualifié cette publication", "indirect", "qualifier")
    assert text[start:end] == "qualifié cette publication d'erreur, car rien"
    start, end = gold_quote_span(text, "commençaient à quitter", "indirect", "annoncer")
    assert text[start:end] == "Ils commençaient à quitter l'Irak"
    # A mixed quote is the reported clause around its marked fragment, marks included.
    text = gold000["text"]
    start, end = gold_quote_span(text, "maintient une présence en Irak", "mixed", "informer")
    assert text[start:end] == "l'Otan «maintient une présence en Irak»"
    start, end = gold_quote_span(text, "maintient une présence en Irak", "direct", "informer")
    assert text[start:end] == "maintient une présence en Irak"


def test_gold_quote_span_mixed_with_spaced_marks_and_cedilla_cue():
    from veille.eval.gold import gold_quote_span

    text = "Dénonçant un procès « au mépris des principes », ses avocats ont fait appel."
    start, end = gold_quote_span(text, "au mépris des principes", "mixed", "dénoncer")
    assert text[start:end].startswith("un procès « au mépris des principes »")


def test_gold_quote_span_cataphoric_frame_and_cue_inside_the_gold_substring():
    from veille.eval.gold import gold_quote_span

    text = ("Hier soir. Les membres de l'Otan sont convenus que l'Alliance assumerait certaines missions. "
            "C'est ce qu'a déclaré jeudi Jens Stoltenberg.")
    start, end = gold_quote_span(text, "assumerait certaines missions", "indirect", "déclarer")
    assert text[start:end] == "Les membres de l'Otan sont convenus que l'Alliance assumerait certaines missions"
    # The gold substring is inside the content: a cue it opens with stays in the span.
    text = "Le Pentagone avait qualifié cette publication d'erreur. Rien de plus."
    start, end = gold_quote_span(text, "qualifié cette publication", "indirect", "qualifier")
    assert text[start:end] == "qualifié cette publication d'erreur"


def test_held_out_suite_shows_scores_but_not_its_misses():
    from io import StringIO

    from rich.console import Console

    from veille.eval.runner import render_table

    layers = {"quotes": {"f1": 0.5, "misses": ["657.txt: quote 'secret words' by X"]}}
    for held_out, listed in ((False, True), (True, False)):
        out = StringIO()
        suite = dict(layers, held_out=True) if held_out else dict(layers)
        render_table(Console(file=out, width=120), {"gold-x": suite})
        text = out.getvalue()
        assert "0.500" in text
        assert ("secret words" in text) is listed
        assert "True" not in text


def test_the_held_out_gold_carries_its_mark():
    from pathlib import Path

    from veille.eval.runner import HELD_OUT_MARK

    root = Path(__file__).resolve().parents[1] / "quality"
    assert (root / "gold-orangesum-test" / HELD_OUT_MARK).exists()
    assert not (root / "gold-orangesum" / HELD_OUT_MARK).exists()


def test_event_actor_in_the_texts_own_words_counts_for_the_referent_only():
    text = "Des militants palestiniens ont tiré des roquettes depuis Gaza vers le sud d'Israël."
    gold = {"doc": "x.txt", "text": text,
            "entities": [{"name": "Palestinian militants in Gaza", "type": "MISC",
                          "mentions": ["militants palestiniens"]}],
            "events": [{"type": "ASSAULT", "actor": "Palestinian militants in Gaza", "modality": "asserted",
                        "evidence_contains": "ont tiré des roquettes"}]}

    def scored(actor):
        event = Event(type="ASSAULT", actors=[actor], modality="asserted", evidence=Span(start=0, end=len(text), text=text))
        return score_events([(gold, Record(id="x", published=Published(value=None, how="unknown"), text=text,
                                           events=[event]))])

    own_words = scored("des militants palestiniens")
    assert own_words["referent_recall"] == 1.0 and own_words["recall"] == 0.0
    assert scored("Israel")["referent_recall"] == 0.0
    assert scored("Palestinian militants in Gaza")["referent_recall"] == 1.0


def test_an_unnamed_speaker_given_by_its_description_is_a_hit_a_named_one_is_not():
    from pathlib import Path

    gold = json.loads((Path(__file__).resolve().parents[1] / "quality" / "gold-orangesum-dev2" / "15448.json")
                      .read_text(encoding="utf-8"))
    text = gold["text"]
    content = _span(text, "six élèves avaient été enlevés dans une attaque de lycée à Bamenda")
    words = _span(text, "des sources concordantes")

    def scored(speaker):
        rec = Record(id="15448", published=Published(value=None, how="unknown"), text=text,
                     quotes=[Quote(kind="indirect", content=content, cue="selon", speaker=speaker)])
        return score_quotes([(gold, rec)])

    described = scored(Speaker(name="des sources concordantes", mention=words))
    assert described["precision"] == 1.0 and described["speaker_accuracy"] == 1.0
    # Words that are not the gold speaker's mention, or a link to someone else, stay wrong.
    assert scored(Speaker(name="le lycée", mention=_span(text, "lycée")))["precision"] == 0.0
    assert scored(Speaker(name="Cameroon", entity="Q1009", mention=words))["precision"] == 0.0


def test_a_leading_determiner_is_a_whole_word():
    from veille.eval.gold import _bare

    assert [_bare(w) for w in ("leurs avocats", "cette femme", "L'Otan", "des militants", "Lesotho")] == \
        ["avocats", "femme", "Otan", "militants", "Lesotho"]
