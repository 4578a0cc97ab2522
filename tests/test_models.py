import json
from pathlib import Path

from veille.models import Article, Published, Record, Span, record_json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"

# DESIGN.md, "Minimum field names of the JSON record".
MINIMUM = {
    "Record": {"id", "published", "source", "title", "text", "entities", "quotes", "times", "events"},
    "Entity": {"id", "name", "type", "mentions"},
    "Quote": {"kind", "content", "cue", "speaker", "via", "channel"},
    "Speaker": {"entity", "name", "mention"},
    "TimeExpr": {"start", "end", "text", "type", "value"},
    "Event": {"type", "mode", "actors", "recipients", "place", "date", "modality", "reported_by", "evidence"},
    "Published": {"value", "how"},
    "Span": {"start", "end", "text"},
}


def test_schema_has_the_minimum_field_names():
    schema = record_json_schema()
    defs = {**schema.get("$defs", {}), "Record": schema}
    for model, fields in MINIMUM.items():
        assert fields <= set(defs[model]["properties"]), model


def test_published_schema_allows_null_value():
    schema = record_json_schema()
    value = schema["$defs"]["Published"]["properties"]["value"]
    assert {"type": "null"} in value["anyOf"]


def test_published_schema_in_docs_is_current():
    published = json.loads((DOCS / "record.schema.json").read_text(encoding="utf-8"))
    assert published == record_json_schema(), "docs/record.schema.json is stale: run `veille schema > docs/record.schema.json`"


def test_record_round_trip_and_unknown_fields_rejected():
    rec = Record(id="a", published=Published(value=None, how="unknown"), text="Bonjour.")
    again = Record.model_validate(rec.to_dict())
    assert again == rec
    data = rec.to_dict()
    data["surprise"] = 1
    try:
        Record.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError
        assert "surprise" in str(exc)
    else:
        raise AssertionError("an unknown field was accepted")


def test_article_id_is_stable_content_hash():
    a = Article(text="Le 5 janvier, le parlement irakien a voté.", title="Irak")
    b = Article(text="Le 5 janvier, le parlement irakien a voté.", title="Irak")
    assert a.ensure_id() == b.ensure_id()
    assert Article(text="autre").ensure_id() != a.ensure_id()
    assert Span(start=0, end=2, text="Le").to_dict() == {"start": 0, "end": 2, "text": "Le"}
