"""The REST API and web UI, through FastAPI's test client, on real text and a real store."""

import pytest
from fastapi.testclient import TestClient

from veille.serve.api import create_app

pytestmark = pytest.mark.slow

TEXT = ("Le 5 janvier, le parlement irakien a voté en faveur du retrait total des militaires étrangers du pays. "
        "«Nous prenons toutes les précautions nécessaires», a déclaré Jens Stoltenberg, secrétaire général de l'Otan.")


@pytest.fixture(scope="module")
def client(analyzer):
    return TestClient(create_app(analyzer=analyzer))


def test_analyze_returns_the_record(client):
    r = client.post("/api/analyze", json={"text": TEXT, "published": "2020-01-07", "id": "x1"})
    assert r.status_code == 200
    record = r.json()
    assert record["id"] == "x1" and record["published"]["value"] == "2020-01-07"
    assert any(t["value"] == "2020-01-05" for t in record["times"])
    assert any(q["speaker"]["name"] == "Jens Stoltenberg" for q in record["quotes"])


@pytest.mark.parametrize("body,message", [({"text": "  "}, "empty"), ({"title": "x"}, "'text'"),
                                          ({"text": TEXT, "published": "5 janvier"}, "YYYY-MM-DD")])
def test_bad_requests_say_why(client, body, message):
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 400 and message in r.json()["detail"]


def test_web_form_and_highlighted_view(client):
    assert "<form" in client.get("/").text
    page = client.post("/view", data={"text": TEXT, "published": "2020-01-07"}).text
    assert 'class="' in page and "Stoltenberg" in page and "<!doctype html>" in page


def test_corpus_endpoints_need_a_store(client):
    r = client.get("/api/quotes", params={"speaker": "Jens Stoltenberg"})
    assert r.status_code == 404 and "--db" in r.json()["detail"]


def test_corpus_endpoints_on_a_real_store(tmp_path, analyzer):
    from veille.core import Veille
    from veille.store.db import Store
    from veille.store.ingest import Ingestor

    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    store = Store(db)
    ingestor = Ingestor(store)
    core = Veille()
    ingestor.consume(core.run([str(src)], skip=ingestor.skip))
    client = TestClient(create_app(db=db, analyzer=analyzer))
    quotes = client.get("/api/quotes", params={"speaker": "Stoltenberg"}).json()
    assert quotes and "précautions" in quotes[0]["content"]
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 1
    assert client.get("/api/events", params={"from": "janvier"}).status_code == 400
