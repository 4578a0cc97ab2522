"""The pieces of ingest on their own: dates, decoding, language, HTML fragments, JSON records."""

from __future__ import annotations

import pytest

from veille.ingest.dates import iso_day
from veille.ingest.decode import to_text
from veille.ingest.kinds import kind_of, sniff
from veille.ingest.language import detect
from veille.ingest.markup import fragment_to_text
from veille.ingest.problems import Reject
from veille.ingest.records import article_from_object, compose


@pytest.mark.parametrize(
    "value, day",
    [
        ("2020-01-07", "2020-01-07"),
        ("2020-01-07T23:30:00-05:00", "2020-01-07"),
        ("2020-01-07 08:00", "2020-01-07"),
        ("20200107", "2020-01-07"),
        ("07/01/2020", "2020-01-07"),  # French order: day first
        ("Tue, 07 Jan 2020 23:30:00 -0500", "2020-01-07"),
        ("2020-02-30", None),
        ("2020-01", None),
        ("hier", None),
        ("", None),
        (20200107, None),
    ],
)
def test_iso_day(value, day):
    assert iso_day(value) == day


def test_latin1_text_is_decoded_and_named():
    text = "Le ministère de l'Intérieur a été saisi : « réponse négative » après l'été."
    # cp1252 is a superset of latin-1 on printable characters, so it decodes both.
    assert to_text(text.encode("latin-1")) == (text, "cp1252")


def test_utf8_bom_and_crlf():
    assert to_text("\ufeffLigne un\r\nLigne deux\r\n".encode("utf-8")) == ("Ligne un\nLigne deux\n", None)


def test_a_known_encoding_is_tried_before_guessing_again():
    line = "Le président a reçu à l'Élysée".encode("cp1252")
    assert to_text(line, prefer="cp1252") == ("Le président a reçu à l'Élysée", "cp1252")
    assert to_text("déjà UTF-8".encode(), prefer="cp1252") == ("déjà UTF-8", None)


def test_utf16_with_bom_is_text_not_binary():
    text, warning = to_text("Élections à Besançon".encode("utf-16"))
    assert (text, warning) == ("Élections à Besançon", "utf-16")


def test_control_characters_mean_binary():
    with pytest.raises(Reject, match="binary file"):
        to_text(bytes(range(1, 32)) * 20)


def test_language_detection_is_confident_or_undecided():
    assert detect("Le gouvernement a présenté mercredi en Conseil des ministres son projet de loi.").language == "fr"
    assert detect("Covid-19 : 1.200 morts").language is None  # too few letters
    assert detect("Brexit: Johnson and Barnier meet in Brussels to discuss a deal").language is None  # not sure
    spanish = detect("El presidente del Gobierno anunció este martes nuevas medidas económicas para la crisis.")
    assert spanish.language == "es" and spanish.probability > 0.9


def test_fragment_to_text_keeps_paragraphs_and_drops_scripts():
    fragment = ("<div><p>Premier   paragraphe, <b>gras</b>&nbsp;et <a href='#'>lien</a>.</p>"
                "<script>var x = 1;</script><!-- note --><ul><li>un</li><li>deux</li></ul>fin</div>")
    assert fragment_to_text(fragment) == "Premier paragraphe, gras et lien.\nun\ndeux\nfin"
    assert fragment_to_text("AT&amp;T rachète Time Warner") == "AT&T rachète Time Warner"


def test_compose_skips_empty_and_repeated_parts():
    assert compose("Titre", "Chapeau.", "Corps.") == "Titre\n\nChapeau.\n\nCorps."
    assert compose("Titre", "", "Titre\nCorps.") == "Titre\nCorps."
    assert compose(None, " ", "Corps.") == "Corps."


def test_record_with_lede_and_empty_body_is_kept_but_title_alone_is_not():
    article = article_from_object({"id": "2282", "title": "Pesticides", "heading": "Les trois quarts des fruits.",
                                   "article": "", "date": "2018-02-20"}, "x.jsonl:9")
    assert article.text == "Pesticides\n\nLes trois quarts des fruits."
    with pytest.raises(Reject, match="no text: field 'text' is empty"):
        article_from_object({"id": "1", "title": "Seul", "text": ""}, "x.jsonl:1")


def test_record_with_unreadable_metadata_keeps_the_text_and_warns():
    article = article_from_object({"id": [1], "text": "Texte.", "published": "la semaine dernière", "url": 3,
                                   "source": {"name": "AFP"}}, "x.jsonl:2")
    assert (article.id, article.published, article.url, article.source) == (None, None, "3", None)
    assert article.warnings == [
        "published 'la semaine dernière' is not a date veille understands; ignored",
        "id is not a string or number; ignored",
        "field 'source' is an object, not a string; ignored",
    ]
    with pytest.raises(Reject, match="field 'text' is a list, not a string"):
        article_from_object({"text": ["a", "b"]}, "x.jsonl:3")


def test_kinds_by_name_and_by_content():
    assert [kind_of(n) for n in ("a.JSONL.GZ", "a.jsonl", "b.htm", "c.Atom", "d.gz", "e")] == [
        "jsonl.gz", "jsonl", "html", "feed", None, None]
    assert sniff(b"\n\n  {\"id\": 1}") == "jsonl"
    assert sniff(b"<!DOCTYPE html><html><body>") == "html"
    assert sniff(b"<?xml version='1.0'?>\n<!-- x -->\n<rdf:RDF xmlns:rdf='x'>") == "feed"
    assert sniff("Texte brut éé".encode()) == "text"
    assert sniff(b"\x1f\x8b\x08\x00") == "gzip"
