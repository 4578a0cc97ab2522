"""REST API and a small web UI: another thin door onto the core and the store.

    veille serve --db corpus.duckdb        # http://127.0.0.1:8765/

Endpoints:
  GET  /                 a form: paste a French article, see it highlighted
  POST /view             the highlighted page for the form's article
  POST /api/analyze      {"text", "published"?, "title"?, "source"?, "id"?} -> the record (JSON)
  GET  /api/quotes       ?speaker=NAME[&from=&to=&limit=]        (needs --db)
  GET  /api/timeline     ?entity=NAME[&from=&to=&limit=]         (needs --db)
  GET  /api/events       ?type=&place=&modality=&actor=&from=&to=&limit=   (needs --db)
  GET  /api/actors       ?type=&modality=&actor=&limit=          (needs --db)
  GET  /api/stats        counts of the store                      (needs --db)
Errors come back as JSON {"detail": "..."} with 400 (bad request), 404 (no store) or 422.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from ..errors import VeilleError
from ..models import Article

# Seconds the server keeps its read-only connection to the store open after a request:
# an ingest started while the server is idle waits at most this long to write.
KEEP_OPEN = 5.0

_FORM = """<!doctype html><html lang="fr"><meta charset="utf-8"><title>veille</title>
<style>body{font:16px/1.5 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
textarea{width:100%;height:18rem;font:14px/1.4 monospace}</style>
<h1>veille</h1><p>Paste a French news article: entities, quotes, times and events come back highlighted.</p>
<form method="post" action="/view"><p><label>Publication date (optional) <input name="published" placeholder="2020-01-07"></label>
<label>Title <input name="title" size="50"></label></p><textarea name="text" required></textarea>
<p><button type="submit">Analyse</button></p></form></html>"""


def create_app(db: Optional[Path] = None, analyzer=None):
    """The FastAPI application; ``db`` enables the corpus endpoints."""
    from fastapi import Body, FastAPI, Form, HTTPException, Query
    from fastapi.responses import HTMLResponse

    from . import render_html

    app = FastAPI(title="veille", description="French news to source-attributed records.", version="0.1.0")

    def get_analyzer():
        if analyzer is not None:
            return analyzer
        from ..core import shared_analyzer
        from ..settings import Settings

        return shared_analyzer(Settings())

    def check_date(value: Optional[str], name: str) -> Optional[str]:
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, got {value!r}")

    def analyze(text: str, published: Optional[str], title: Optional[str], source: Optional[str],
                id: Optional[str]):
        if not text or not text.strip():
            raise HTTPException(400, "text is empty")
        published = check_date(published, "published")
        article = Article(text=text, id=id, title=title, source=source, published=published,
                          published_how="given with the request" if published else None, origin="<api>")
        return get_analyzer().analyze(article)

    # One Store for the server's life: its read-only connection stays open between
    # requests (KEEP_OPEN s after the last one; not while an ingest runs: veille.store.db).
    corpus = None
    if db is not None:
        from ..store.db import Store

        corpus = Store(db, keep_open=KEEP_OPEN)

    def store():
        if corpus is None:
            raise HTTPException(404, "no store: start the server with --db FILE")
        return corpus

    def run(query):
        try:
            return query()
        except VeilleError as exc:
            raise HTTPException(400, str(exc))

    @app.get("/", response_class=HTMLResponse)
    def home():
        return _FORM

    @app.post("/view", response_class=HTMLResponse)
    def view(text: str = Form(...), published: Optional[str] = Form(None), title: Optional[str] = Form(None)):
        record = analyze(text, published, title, None, None)
        page = render_html.page([record], title=record.title or "veille")
        return page

    @app.post("/api/analyze")
    def api_analyze(body: dict = Body(..., examples=[{"text": "Le 5 janvier, le parlement irakien a voté ...",
                                                      "published": "2020-01-07"}])):
        text = body.get("text")
        if not isinstance(text, str):
            raise HTTPException(400, "the body needs a string field 'text'")
        return analyze(text, body.get("published"), body.get("title"), body.get("source"), body.get("id")).to_dict()

    @app.get("/api/quotes")
    def api_quotes(speaker: str, start: Optional[str] = Query(None, alias="from"),
                   end: Optional[str] = Query(None, alias="to"), limit: int = 100):
        kw = {"start": check_date(start, "from"), "end": check_date(end, "to"), "limit": limit}
        return run(lambda: store().quotes(speaker, **kw))

    @app.get("/api/timeline")
    def api_timeline(entity: str, start: Optional[str] = Query(None, alias="from"),
                     end: Optional[str] = Query(None, alias="to"), limit: int = 100):
        kw = {"start": check_date(start, "from"), "end": check_date(end, "to"), "limit": limit}
        return run(lambda: store().timeline(entity, **kw))

    @app.get("/api/events")
    def api_events(type: Optional[str] = None, place: Optional[str] = None, modality: Optional[str] = None,
                   actor: Optional[str] = None, start: Optional[str] = Query(None, alias="from"),
                   end: Optional[str] = Query(None, alias="to"), limit: int = 100):
        kw = {"type": type, "place": place, "modality": modality, "actor": actor,
              "start": check_date(start, "from"), "end": check_date(end, "to"), "limit": limit}
        return run(lambda: store().events(**kw))

    @app.get("/api/actors")
    def api_actors(type: Optional[str] = None, modality: Optional[str] = None, actor: Optional[str] = None,
                   limit: int = 50):
        return run(lambda: store().actors(type=type, modality=modality, actor=actor, limit=limit))

    @app.get("/api/stats")
    def api_stats():
        return run(lambda: store().stats())

    return app
