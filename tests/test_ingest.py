"""veille.ingest.read on real files: one test per kind of input and per kind of bad input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from veille.errors import Rejection
from veille.ingest import read
from veille.models import Article
from veille.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.fixture(autouse=True)
def _in_data_dir(monkeypatch):
    # Origins name inputs as given; relative names keep the expected strings short.
    monkeypatch.chdir(DATA)


def items(*paths, settings=None, stdin=None):
    return list(read(list(paths), settings or Settings(), stdin=stdin))


def fields(article: Article) -> dict:
    return {k: v for k, v in vars(article).items() if k != "text"}


def rejections(found) -> list[str]:
    return [str(x) for x in found if isinstance(x, Rejection)]


# -- plain text ----------------------------------------------------------------------
def test_txt_is_one_article_whole_text_id_is_stem():
    [article] = items("tree/b.txt")
    assert article.text == "Le préfet a levé dimanche l’arrêté interdisant la baignade sur les plages du littoral.\n"
    assert fields(article) == {
        "id": "b", "title": None, "published": None, "published_how": None, "source": None, "url": None,
        "author": None, "language": "fr", "origin": "tree/b.txt", "warnings": [], "extra": {},
    }


def test_cp1252_text_is_decoded_with_a_warning_not_rejected():
    [article] = items("cp1252.txt")
    assert article.text == (
        "Le maire de Lyon a présenté lundi un budget de 12 millions d’euros pour rénover les écoles de la ville. "
        "« C’est un effort sans précédent », a-t-il déclaré, évoquant un cœur de ville « plus sûr » d’ici l’été 2021.\n"
        "Les élus d’opposition dénoncent une hausse des impôts locaux de 3 %, soit près de 40 € par foyer.\n"
    )
    assert article.warnings == ["decoded as cp1252 (not valid UTF-8)"]
    assert article.id == "cp1252"


def test_a_title_alone_is_too_short_to_judge_and_is_kept():
    [article] = items("title_only.txt")
    assert article.text == "Macron en visite à Berlin\n"
    assert article.language is None
    assert article.warnings == []


# -- bad files -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path, reason",
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file (contains NUL bytes), not text"),
        ("missing.txt", "no such file or directory"),
        ("nomain.html", "HTML page has no main text (trafilatura found none)"),
        ("notes.md", "unsupported file type '.md' (veille reads .jsonl.gz, .jsonl, .json, .txt, .html, .htm, .rss, .atom, .xml)"),
        ("noreadable", "directory has no file veille can read (.jsonl.gz, .jsonl, .json, .txt, .html, .htm, .rss, .atom, .xml)"),
        ("notfeed.xml", "XML file is not an RSS/Atom feed (root element: <timeml>)"),
        ("broken.rss", "not a valid RSS/Atom feed (no element found at line 4)"),
        ("english.txt", "not French: language detected English (en, p=1.00); skipped"),
    ],
)
def test_each_bad_input_is_one_rejection_naming_it(path, reason):
    assert items(path) == [Rejection(path, reason)]


def test_bad_inputs_do_not_stop_the_others():
    found = items("empty.txt", "missing.txt", "tree/b.txt", "binary.txt", "title_only.txt")
    assert [x.origin for x in found] == ["empty.txt", "missing.txt", "tree/b.txt", "binary.txt", "title_only.txt"]
    assert [type(x).__name__ for x in found] == ["Rejection", "Rejection", "Article", "Rejection", "Article"]


def test_english_is_kept_with_a_warning_when_other_languages_warn():
    [article] = items("english.txt", settings=Settings(other_languages="warn"))
    assert article.language == "en"
    assert article.warnings == ["not French: language detected English (en, p=1.00); analysed with the French pipeline"]
    assert article.text.startswith("The city council of Leeds approved on Monday")


def test_file_over_max_bytes_is_rejected():
    assert items("cp1252.txt", settings=Settings(max_bytes=300)) == [
        Rejection("cp1252.txt", "file is 313 bytes, over the 300 bytes limit (max_bytes)")
    ]


def test_default_limit_is_20_mb_and_a_bigger_file_is_not_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(21 * 1024 * 1024)
    assert Settings().max_bytes == 20 * 1024 * 1024
    assert items(str(big)) == [Rejection(str(big), "file is 21 MB, over the 20 MB limit (max_bytes)")]


# -- JSON Lines and JSON ----------------------------------------------------------------
def test_jsonl_reads_good_lines_and_rejects_bad_ones_by_line_number():
    found = items("corpus.jsonl")
    assert rejections(found) == [
        "corpus.jsonl:2: not JSON (Unterminated string starting at column 22)",
        "corpus.jsonl:4: not a JSON object but a list",
        "corpus.jsonl:5: no text: the object has no 'text' field (nor 'article')",
        "corpus.jsonl:7: not French: language detected English (en, p=1.00); skipped",
    ]
    first, orangesum = [x for x in found if isinstance(x, Article)]
    assert first.text == (
        "Deux centrales à charbon fermeront\n\n"
        "Le gouvernement a annoncé mardi la fermeture de deux centrales à charbon d'ici 2022, "
        "une décision saluée par les associations de défense de l'environnement."
    )
    assert fields(first) == {
        "id": "a1", "title": "Deux centrales à charbon fermeront", "published": "2020-01-07",
        "published_how": "metadata", "source": "Exemple Presse", "url": "https://exemple.fr/a1", "author": None,
        "language": "fr", "origin": "corpus.jsonl:1", "warnings": [], "extra": {},
    }
    # OrangeSum layout: title, heading and article joined with a blank line; a numeric id becomes a string.
    assert orangesum.text == (
        "Canicule : vigilance rouge dans quatre départements\n\n"
        "Météo-France a placé jeudi quatre départements du sud-est en vigilance rouge canicule, une première.\n\n"
        "Les températures pourraient dépasser 44 degrés vendredi dans le Gard et l'Hérault, selon les prévisionnistes."
    )
    assert (orangesum.id, orangesum.title, orangesum.published, orangesum.origin) == (
        "4", "Canicule : vigilance rouge dans quatre départements", "2019-06-28", "corpus.jsonl:6")


def test_cp1252_jsonl_lines_are_decoded_each_with_a_warning():
    first, second = items("cp1252.jsonl")
    assert first.text == ("Le président de la Région a inauguré jeudi la nouvelle ligne de tramway, "
                          "un investissement de 300 millions d’euros.")
    assert second.text.startswith("Fête de la musique\n\nLes préfectures ont interdit")
    assert [a.warnings for a in (first, second)] == [["decoded as cp1252 (not valid UTF-8)"]] * 2


def test_jsonl_limit_applies_per_line_not_to_the_file():
    found = items("corpus.jsonl", settings=Settings(max_bytes=340))
    assert [x.origin for x in found if isinstance(x, Article)] == ["corpus.jsonl:1"]
    assert rejections(found)[-2:] == [
        "corpus.jsonl:6: line is 346 bytes, over the 340 bytes limit (max_bytes)",
        "corpus.jsonl:7: line is 376 bytes, over the 340 bytes limit (max_bytes)",
    ]


def test_truncated_gzip_keeps_what_was_read_then_rejects_the_rest_once():
    found = items("truncated.jsonl.gz")
    articles = [x for x in found if isinstance(x, Article)]
    assert [a.id for a in articles] == ["2", "4", "5", "6", "8", "10"]
    assert [a.origin for a in articles][-1] == "truncated.jsonl.gz:6"
    assert articles[0].text == (
        "Olivier Véran : 400 millions d'euros supplémentaires pour mieux rémunérer les soignants\n\n"
        "Cela porte à 7 milliards d'euros l'enveloppe dédiée aux hausses de rémunérations pour le personnel hospitalier."
    )
    assert found[-1] == Rejection(
        "truncated.jsonl.gz:7",
        "gzip stream corrupt or truncated after line 6 (Compressed file ended before the end-of-stream marker "
        "was reached); the rest of the file is skipped",
    )
    assert len(found) == 7


def test_a_jsonl_gz_that_is_not_gzip_is_rejected():
    assert items("notgzip.jsonl.gz") == [
        Rejection("notgzip.jsonl.gz:1", "not a readable gzip stream (Not a gzipped file (b'{\"')); nothing read")
    ]


def test_json_list_gives_one_article_per_item():
    found = items("pair.json")
    assert found[1] == Rejection("pair.json:item 2", "no text: field 'text' is empty")
    article = found[0]
    assert (article.id, article.origin, article.published, article.published_how) == (
        "j1", "pair.json:item 1", "2021-03-05", "metadata")
    assert article.text.startswith("Le Sénat a adopté dans la nuit de mercredi à jeudi")


def test_a_file_without_extension_is_sniffed():
    [article] = items("depeche")
    assert (article.id, article.origin, article.published) == ("d1", "depeche:1", "2021-03-11")


# -- HTML ----------------------------------------------------------------------------------
def test_html_page_gives_main_text_and_metadata():
    [article] = items("orangesum-2.html")
    title = "Olivier Véran : 400 millions d'euros supplémentaires pour mieux rémunérer les soignants"
    assert article.text.startswith(
        title + "\n\nCela porte à 7 milliards d'euros l'enveloppe dédiée aux hausses de rémunérations "
        "pour le personnel hospitalier.\nCette décision a été annoncée")
    assert article.text.endswith('Il a assuré que la négociation n\'était pas close : "On va se revoir, signe qu\'on discute".')
    assert "publié le jeudi" not in article.text  # the byline is metadata, not text
    assert fields(article) == {
        "id": "orangesum-2", "title": title, "published": "2020-07-02", "published_how": "metadata",
        "source": "Orange Actualités",
        "url": "https://actu.orange.fr/france/olivier-veran-400-millions-d-euros-supplementaires-pour-mieux-"
               "remunerer-les-soignants-magic-CNT000001rj1HC.html",
        "author": "Orange avec Media Services", "language": "fr", "origin": "orangesum-2.html",
        "warnings": [], "extra": {},
    }


# -- feeds --------------------------------------------------------------------------------------
def test_rss_feed_one_article_per_entry():
    found = items("feed.rss")
    assert found[2] == Rejection("feed.rss:entry 3", "feed entry has no title and no text")
    first, second = found[:2]
    assert first.text == (
        "Grève à la SNCF : trafic perturbé jeudi\n\n"
        "Les syndicats ont appelé à une grève reconductible contre la réforme des retraites.\n"
        "La direction prévoit un train sur dix en Île-de-France."
    )
    assert fields(first) == {
        "id": "gazette-0001", "title": "Grève à la SNCF : trafic perturbé jeudi",
        # the day as written in the feed (23:30 at -05:00), not the next day in UTC
        "published": "2019-12-05", "published_how": "metadata", "source": "La Gazette du Test",
        "url": "https://gazette.example.fr/greve-sncf", "author": "Claire Dupont", "language": "fr",
        "origin": "feed.rss:entry 1", "warnings": [], "extra": {},
    }
    # content:encoded is preferred to the short description; scripts are dropped.
    assert second.text == (
        "Le Conseil d'État valide le décret\n\n"
        "Saisi par plusieurs associations, le Conseil d'État a rejeté vendredi leur recours contre le décret "
        "publié en octobre.\nLes requérants envisagent de saisir la Cour européenne des droits de l'homme."
    )
    assert (second.id, second.published) == ("https://gazette.example.fr/conseil-etat", "2019-12-06")


def test_atom_feed_one_article_per_entry():
    first, second = items("feed.atom")
    assert first.text == (
        "Confinement : les marchés de plein air fermés à Rennes\n\n"
        "La préfecture d'Ille-et-Vilaine a ordonné mardi la fermeture des marchés de plein air de Rennes "
        "jusqu'à nouvel ordre."
    )
    assert fields(first) == {
        "id": "urn:chronique:2020-03-17-marches", "title": "Confinement : les marchés de plein air fermés à Rennes",
        "published": "2020-03-17", "published_how": "metadata", "source": "Chronique régionale",
        "url": "https://chronique.example.fr/marches-rennes", "author": "Yann Le Goff", "language": "fr",
        "origin": "feed.atom:entry 1", "warnings": [], "extra": {},
    }
    assert second.text == (
        "Municipales : le second tour reporté\n\n"
        "Le gouvernement a annoncé lundi soir le report du second tour des élections municipales, prévu dimanche."
    )
    assert second.published == "2020-03-16"  # from <updated> when there is no <published>


# -- directories and standard input -------------------------------------------------------------
def test_directory_is_read_recursively_sorted_skipping_hidden_and_unknown_files():
    found = items("tree")
    assert [(x.origin, x.id) for x in found] == [
        (os.path.join("tree", "b.txt"), "b"),
        (os.path.join("tree", "sous-dossier", "a.txt"), "a"),
    ]


def test_stdin_jsonl_is_sniffed_and_streamed_with_line_numbers():
    found = items("-", stdin=io.BytesIO((DATA / "corpus.jsonl").read_bytes()))
    assert [str(x) for x in found if isinstance(x, Rejection)][0] == (
        "<stdin>:2: not JSON (Unterminated string starting at column 22)")
    assert [x.id for x in found if isinstance(x, Article)] == ["a1", "4"]


def test_stdin_html_and_text_and_feed_are_sniffed():
    [page] = items("-", stdin=io.BytesIO((DATA / "orangesum-2.html").read_bytes()))
    assert page.published == "2020-07-02" and page.origin == "<stdin>" and page.id is None
    [text] = items("-", stdin=io.StringIO("Le Premier ministre a reçu mardi les partenaires sociaux à Matignon.\n"))
    assert text.text == "Le Premier ministre a reçu mardi les partenaires sociaux à Matignon.\n"
    feed = items("-", stdin=io.BytesIO((DATA / "feed.atom").read_bytes()))
    assert [x.origin for x in feed] == ["<stdin>:entry 1", "<stdin>:entry 2"]
    assert items("-", stdin=io.BytesIO(b"  \n")) == [Rejection("<stdin>", "empty input")]


def test_stdin_gzip_truncated_is_unpacked_and_reported():
    found = items("-", stdin=io.BytesIO((DATA / "truncated.jsonl.gz").read_bytes()))
    assert len([x for x in found if isinstance(x, Article)]) == 6
    assert found[-1].origin == "<stdin>:7"


def test_stdin_gzipped_page_is_unpacked_and_a_cut_one_rejected():
    import gzip

    packed = gzip.compress((DATA / "orangesum-2.html").read_bytes())
    [page] = items("-", stdin=io.BytesIO(packed))
    assert page.published == "2020-07-02"
    assert items("-", stdin=io.BytesIO(packed[: len(packed) // 2])) == [Rejection(
        "<stdin>", "gzip stream corrupt or truncated (Compressed file ended before the end-of-stream marker was reached)")]


def test_stdin_from_a_real_pipe():
    code = "from veille.ingest import read\nfor x in read(['-']): print(x.origin, getattr(x, 'id', None))"
    out = subprocess.run(
        [sys.executable, "-c", code], input=(DATA / "feed.rss").read_bytes(), capture_output=True, check=True
    )
    assert out.stdout.decode().splitlines() == [
        "<stdin>:entry 1 gazette-0001",
        "<stdin>:entry 2 https://gazette.example.fr/conseil-etat",
        "<stdin>:entry 3 None",
    ]
