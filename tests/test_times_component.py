"""The veille_times component in the full pipeline: real sentences, the seeds, the
publication day inferred or left unknown, and the governing-date helper for events."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from veille.models import Article
from veille.nlp.docdata import state
from veille.nlp.pipeline import _given_published
from veille.nlp.segment import chunks
from veille.nlp.times.governing import date_for_span

pytestmark = pytest.mark.slow


def record(analyzer, text, published=None):
    return analyzer.analyze(Article(text=text, published=published))


def doc_of(analyzer, text, published=None) -> Doc:
    """The article Doc after the article-level components, for helpers that read it."""
    article = Article(text=text, published=published)
    docs = list(analyzer.nlp.pipe(list(chunks(text, analyzer.settings.max_chunk_chars))))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    data = state(doc)
    data["article"] = article
    data["published"] = _given_published(article)
    for _, proc in analyzer.article_nlp.pipeline:
        doc = proc(doc)
    return doc


def by_text(rec):
    return {t.text: t for t in rec.times}


@pytest.mark.parametrize("text,published,expr,value", [
    # OrangeSum, 2020-07-02 (a Thursday)
    ("L'ex-haut commissaire aux retraites, Jean-Paul Delevoye, a été interrogé mercredi à Nanterre par les "
     "policiers chargés de l'enquête.", "2020-07-02", "mercredi", "2020-07-01"),
    ("Déclaration d'intérêts: Delevoye entendu mercredi en audition libre", "2020-07-02", "mercredi", "2020-07-01"),
    ("La Chine a annoncé, puis promulgué mardi, une loi sur la sécurité nationale.", "2020-07-02", "mardi",
     "2020-06-30"),
    ("Le ministre de la Santé a décidé de repousser de quelques jours la réunion de clôture du Ségur, prévue à "
     "l'origine vendredi.", "2020-07-02", "vendredi", "2020-07-03"),
    ("Le remaniement sera annoncé lundi, selon son entourage.", "2020-07-02", "lundi", "2020-07-06"),
    ("Le gouvernement s'est engagé en janvier à ne pas procéder à de nouveaux lâchers.", "2020-07-02", "janvier",
     "2020-01"),
    ("Les élections régionales auront lieu en mars.", "2020-07-02", "mars", "2021-03"),
    ("Une explosion a secoué la capitale iranienne dans la nuit de jeudi à vendredi.", "2020-07-01",
     "la nuit de jeudi à vendredi", "2020-06-25TNI"),
])
def test_tense_resolves_lone_weekdays_and_months(analyzer, text, published, expr, value):
    rec = record(analyzer, text, published)
    assert by_text(rec)[expr].value == value


def test_seed_000_publication_inferred_and_times(analyzer, seed_texts):
    rec = record(analyzer, seed_texts["000_35c4cf714ecaba77.txt"])
    assert rec.published.value == "2020-01-07"
    assert rec.published.how.startswith("inferred from the text: 'ce mardi 7 janvier'")
    assert rec.published.evidence.text == "ce mardi 7 janvier"
    got = [(t.text, t.value) for t in rec.times]
    for expected in [("ce mardi 7 janvier", "2020-01-07"), ("January 7, 2020", "2020-01-07"),
                     ("le 3 janvier", "2020-01-03"), ("Le 5 janvier", "2020-01-05"), ("aujourd’hui", "2020-01-07")]:
        assert expected in got
    assert got.count(("aujourd’hui", "2020-01-07")) == 2
    assert not any(t.text.lower() == "sa" for t in rec.times)


def test_seed_004_publication_unknown(analyzer, seed_texts):
    rec = record(analyzer, seed_texts["004_bc75b552ee285ec9.txt"])
    assert rec.published.value is None and rec.published.how == "unknown"
    starts = [t for t in rec.times if t.text.lower() == "début janvier"]
    assert len(starts) == 2 and all(t.value == "XXXX-01" and t.mod == "START" for t in starts)
    assert ("deux jours", "P2D") in [(t.text, t.value) for t in rec.times]


def test_seed_004_with_a_publication_date(analyzer, seed_texts):
    rec = record(analyzer, seed_texts["004_bc75b552ee285ec9.txt"], "2020-02-13")
    assert rec.published.how == "metadata"
    assert {t.value for t in rec.times if t.text.lower() == "début janvier"} == {"2020-01"}


def test_relative_expressions_stay_unresolved_without_anchor(analyzer):
    rec = record(analyzer, "Le président a été réélu dimanche. Il est arrivé hier à Berlin.")
    got = by_text(rec)
    assert got["hier"].value is None and got["hier"].relative == "-1D"
    assert got["dimanche"].value is None and got["dimanche"].relative == "WD7/past"


def test_date_for_span_prefers_the_date_of_the_same_verb(analyzer, seed_texts):
    text = seed_texts["000_35c4cf714ecaba77.txt"]
    doc = doc_of(analyzer, text)
    i = text.index("a été tué")
    assert date_for_span(doc, i, i + len("a été tué")).value == "2020-01-03"
    i = text.index("a voté")
    assert date_for_span(doc, i, i + len("a voté")).text == "Le 5 janvier"
    i = text.index("a annoncé")
    assert date_for_span(doc, i, i + len("a annoncé")).value == "2020-01-07"
    i = text.index("a déclaré que la décision")
    assert date_for_span(doc, i, i + 10) is None  # no date in that sentence


def test_date_for_span_among_two_dates(analyzer):
    text = ("Le Parlement, qui avait voté le 5 janvier une résolution, a adopté le 9 janvier une loi sur le "
            "retrait des troupes.")
    doc = doc_of(analyzer, text, "2020-01-10")
    i = text.index("adopté")
    assert date_for_span(doc, i, i + len("adopté")).value == "2020-01-09"
    i = text.index("voté")
    assert date_for_span(doc, i, i + len("voté")).value == "2020-01-05"


@pytest.mark.parametrize("text,published,expr,value", [
    # OrangeSum 13536: a report of the day, then a narrative of an older day.
    ("De nouveaux éléments ont émergé lundi 6 janvier. Il a embarqué à bord d'un jet privé le 29 décembre en fin "
     "de soirée à destination d'Istanbul. Arrivé à l'aéroport Atatürk le lendemain matin, il a pris de là un autre "
     "appareil privé pour rallier Beyrouth.", "2020-01-06", "le lendemain matin", "2019-12-30TMO"),
    # OrangeSum 35615: the day set in the previous sentence.
    ("Lundi 24 août, la police a arrêté l'un des deux auteurs des violences. L'autre s'est rendu dans "
     "l'après-midi au commissariat.", "2020-08-27", "l'après-midi", "2020-08-24TAF"),
    # OrangeSum 11540: "au lendemain de X" in a present clause is the publication day.
    ("Au lendemain du grand oral d'Edouard Philippe sur la réforme des retraites, le gouvernement se heurte à la "
     "CFDT, vent debout contre le principe d'âge pivot présenté ce mercredi 11 décembre par le Premier ministre.",
     "2019-12-12", "Au lendemain", "2019-12-12"),
    # A background date several sentences back does not date a time of day of the report.
    ("Le président a réuni mardi son gouvernement. Les sanctions avaient été imposées après le putsch du 18 août. "
     "Le comité a désigné un vice-président. La Cédéao a suspendu le Mali. Une manifestation était organisée "
     "dans l'après-midi à Bamako.", "2020-09-22", "l'après-midi", "2020-09-22TAF"),
])
def test_times_of_day_take_the_day_of_their_scene(analyzer, text, published, expr, value):
    rec = record(analyzer, text, published)
    assert by_text(rec)[expr].value == value


def test_passe_compose_with_etre_parsed_as_passive_is_past(analyzer):
    # fr_core_news_md reads "suis allé" as a passive; the weekday is still the past one.
    rec = record(analyzer, "Je suis allé mardi lui remettre ce qui était convenu.", "2020-07-06")
    assert by_text(rec)["mardi"].value == "2020-06-30"
