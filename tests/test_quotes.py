"""Quotes on real text: the seed gold, and French news sentences written like OrangeSum's.

Names are checked by containment: with entity linking the speaker is the canonical
(English) name, without it the surface name; both contain the surname.
"""

from __future__ import annotations

import json

import pytest

from veille.models import Article
from conftest import quotes_of as _quotes

from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS, GOLD = SHARED / "seeds", SHARED / "gold"

pytestmark = pytest.mark.slow


def _norm(s):
    return " ".join((s or "").replace("’", "'").split()).lower()


@pytest.fixture(scope="module")
def seed_records(analyzer):
    out = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "doc" not in gold:
            continue
        text = (SEEDS / gold["doc"]).read_text(encoding="utf-8")
        out[gold["doc"]] = (gold, analyzer.analyze(Article(text=text, published=gold["published"]["value"])))
    return out


def test_every_seed_gold_quote_has_its_speaker_and_relays(seed_records):
    for doc, (gold, rec) in seed_records.items():
        for gq in gold["quotes"]:
            want = _norm(gq["text_contains"])
            hits = [q for q in rec.quotes if want in _norm(q.content.text)]
            assert hits, f"{doc}: no quote holds {gq['text_contains']!r}"
            names = [_norm(q.speaker.name) for q in hits]
            assert _norm(gq["speaker"]) in names or any(
                _norm(gq["speaker"]).split()[-1] in n for n in names
            ), f"{doc}: {gq['text_contains']!r} attributed to {names}, gold {gq['speaker']}"
            q = next(q for q in hits if _norm(gq["speaker"]).split()[-1] in _norm(q.speaker.name))
            assert q.kind == gq["kind"], (gq["text_contains"], q.kind)
            for v in gq["via"]:
                assert any(_norm(v) == _norm(x) or _norm(x) in {"afp", "l'afp"} for x in q.via), (gq, q.via)


def test_seed_quote_offsets_point_into_the_text(seed_records):
    for _, (_, rec) in seed_records.items():
        for q in rec.quotes:
            assert rec.text[q.content.start : q.content.end] == q.content.text
            assert not q.content.text.startswith(("«", '"', "“"))
            if q.speaker.mention:
                m = q.speaker.mention
                assert rec.text[m.start : m.end] == m.text
            if q.cue_span:
                assert rec.text[q.cue_span.start : q.cue_span.end] == q.cue_span.text


def test_embedded_post_is_linked_to_the_quote_it_repeats(seed_records):
    rec = seed_records["000_35c4cf714ecaba77.txt"][1]
    post = [i for i, q in enumerate(rec.quotes) if q.same_as is not None]
    assert len(post) == 1
    p = rec.quotes[post[0]]
    other = rec.quotes[p.same_as]
    assert "Parly" in p.speaker.name and "Parly" in other.speaker.name
    assert p.channel == other.channel == "Twitter"
    assert "La priorité aujourd" in p.content.text and "La priorité aujourd" in other.content.text


def test_scare_quotes_and_titles_are_not_quotes(analyzer):
    text = ("Le gouvernement défend une réforme «historique» pour le pays.\n"
            "Le quotidien \"Le Monde\" a consacré sa une au \"Ségur de la santé\" mardi.")
    assert _quotes(analyzer, text) == []


def test_direct_quote_with_inverted_named_speaker(analyzer):
    text = "«Nous ne céderons rien face aux casseurs», a déclaré mardi le ministre de l'Intérieur Gérald Darmanin."
    (q,) = _quotes(analyzer, text)
    assert q.kind == "direct" and q.cue == "déclarer" and q.stance == "assert"
    assert "Darmanin" in q.speaker.name
    assert q.content.text == "Nous ne céderons rien face aux casseurs"


def test_pronoun_speaker_takes_the_gender_compatible_antecedent(analyzer):
    text = ("Angela Merkel a reçu Emmanuel Macron à Berlin lundi soir. "
            "«Nous avons beaucoup avancé sur le budget européen», a-t-elle assuré.")
    (q,) = _quotes(analyzer, text)
    assert "Merkel" in q.speaker.name
    assert q.speaker.mention.text == "-elle"


def test_unnamed_official_speaks_for_the_organization_and_relay_is_kept(analyzer):
    text = "Selon un haut responsable de l'ONU cité par l'agence Reuters, les négociations reprendront lundi à Genève."
    (q,) = _quotes(analyzer, text)
    assert q.kind == "indirect" and q.cue == "selon"
    assert q.speaker.description == "un haut responsable de l'ONU"
    assert q.speaker.entity is not None
    assert q.via and "Reuters" in q.via[0]
    assert q.content.text.startswith("les négociations reprendront")


def test_cataphoric_frame_takes_the_previous_sentence(analyzer):
    text = ("Les prix de l'énergie baisseront dès le mois prochain. "
            "C'est ce qu'a annoncé jeudi à Paris le ministre de l'Economie Bruno Le Maire.")
    (q,) = _quotes(analyzer, text)
    assert q.cue == "annoncer" and "Le Maire" in q.speaker.name
    assert q.content.text == "Les prix de l'énergie baisseront dès le mois prochain"


def test_denial_and_statement_to_a_news_agency(analyzer):
    text = ("Le porte-parole du Kremlin, Dmitri Peskov, a démenti ces informations. "
            "Il a affirmé à l'AFP que Moscou n'avait jamais été consulté.")
    qs = _quotes(analyzer, text)
    deny = next(q for q in qs if q.cue == "démentir")
    assert deny.stance == "deny" and "Peskov" in deny.speaker.name
    said = next(q for q in qs if q.cue == "affirmer")
    assert "Peskov" in said.speaker.name
    assert said.content.text == "Moscou n'avait jamais été consulté"
    assert any(v.lower() in {"afp", "agence france-presse", "l'afp"} for v in said.via)


def test_glued_orangesum_sentences_and_floating_quote(analyzer):
    text = ("Les troupes sont arrivées dans la nuit.«Nous sommes prêts», a assuré le général Thierry Burkhard."
            "\"La situation reste stable dans le nord du pays.\"Selon lui, aucun incident n'a été signalé.")
    qs = _quotes(analyzer, text)
    assert len(qs) == 3
    assert all("Burkhard" in q.speaker.name for q in qs)
    assert [q.kind for q in qs] == ["direct", "direct", "indirect"]
    assert qs[2].content.text == "aucun incident n'a été signalé"


def test_mixed_quote_inside_a_reported_clause(analyzer):
    text = "La CGT a estimé que cette réforme était «une provocation inacceptable pour les salariés»."
    (q,) = _quotes(analyzer, text)
    assert q.kind == "mixed" and q.cue == "estimer" and q.stance == "opinion"
    assert "provocation inacceptable" in q.content.text
    assert q.speaker.mention.text == "La CGT" and q.speaker.entity is not None
