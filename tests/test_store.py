"""The DuckDB store on real OrangeSum articles: idempotent and incremental ingest,
replacement of changed articles, near-duplicates counted once, queries, exports,
a killed ingest resumed, reads during an ingest.

Store-only tests use `fake_record`, a deterministic stand-in for the NLP stage
(regular expressions on the real text) so that they run in seconds; the
end-to-end test with the real pipeline is in test_corpus_cli.py.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from veille.errors import Rejection
from veille.models import (Article, Entity, Event, Mention, Published, Quote, Record, Span, Speaker,
                           TimeExpr)
from veille.store import Store, StoreError
from veille.store import db as store_db
from veille.store.export import GDELT_COLUMNS, VEILLE_COLUMNS
from veille.store.ingest import ingest

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpora" / "orangesum.jsonl.gz"
DOCS = HERE.parent / "docs" / "store.md"
TABLES = ("articles", "entities", "mentions", "quotes", "times", "events")

# The first 60 lines of OrangeSum hold wire copies republished under another id
# (same title and text): 2 and 49, 6 and 49... found by the near-duplicate test below.
_CACHE: list[dict] = []


def orangesum(n: int) -> list[dict]:
    if len(_CACHE) < n:
        _CACHE.clear()
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            for line, _ in zip(fh, range(n)):
                _CACHE.append(json.loads(line))
    return [dict(x) for x in _CACHE[:n]]


def to_article(line: dict) -> Article:
    text = "\n\n".join(p for p in (line["title"], line["heading"], line["article"]) if p)
    return Article(text=text, id=line["id"], title=line["title"], published=line["date"],
                   origin=f"orangesum:{line['id']}")


_NAME = re.compile(r"\b(?:[A-ZÉ][a-zéèêëïîôç]+(?:[ -][A-ZÉ][a-zéèêëïîôç]+)*)")
_QUOTE = re.compile(r'[«"]\s*([^«»"]{3,300}?)\s*[»"]')
_DATE = re.compile(r"\b\d{1,2} (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b")


def fake_record(article: Article) -> Record:
    """Entities = capitalised names after a lowercase word; quotes = «...» or "..." spans,
    said by the entity named nearest before; events = one CONSULT per quote, from
    its speaker to the next entity named."""
    text = article.text
    entities: dict[str, Entity] = {}
    for m in _NAME.finditer(text):
        if m.start() == 0 or not text[m.start() - 2: m.start()].strip() or text[m.start() - 2] in ".!?»\n":
            continue  # sentence-initial capitals are not names
        name = m.group()
        ent = entities.setdefault(name, Entity(id=f"L{len(entities) + 1}", name=name, type="MISC"))
        ent.mentions.append(Mention(start=m.start(), end=m.end(), text=name, label="fake"))
    ordered = sorted(entities.values(), key=lambda e: e.mentions[0].start)
    quotes, events = [], []
    for m in _QUOTE.finditer(text):
        before = [e for e in ordered if e.mentions[0].start < m.start()]
        after = [e for e in ordered if e.mentions[0].start > m.end()]
        if not before:
            continue
        speaker = before[-1]
        content = Span(start=m.start(1), end=m.end(1), text=m.group(1))
        quotes.append(Quote(kind="direct", content=content, cue="dire",
                            speaker=Speaker(entity=speaker.id, name=speaker.name)))
        events.append(Event(type="CONSULT", actors=[speaker.name], recipients=[after[0].name] if after else [],
                            place=ordered[0].name, modality="asserted" if len(events) % 2 == 0 else "planned",
                            evidence=content, cameo="040", quad_class=1))
    times = [TimeExpr(start=m.start(), end=m.end(), text=m.group(), type="DATE") for m in _DATE.finditer(text)]
    return Record(id=article.ensure_id(), published=Published(value=article.published, how="metadata"),
                  title=article.title, text=text, entities=ordered, quotes=quotes, times=times, events=events)


def fake_run(articles, delay: float = 0.0):
    """What Veille.run does, with fake_record as the NLP stage."""

    def run(skip):
        for article in articles:
            if isinstance(article, Rejection):
                yield article
                continue
            article.ensure_id()
            if skip(article):
                continue
            if delay:
                time.sleep(delay)
            yield fake_record(article)

    return run


def counts(store: Store) -> dict[str, int]:
    return {t: store.sql(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}


def table_digest(store: Store) -> dict[str, list]:
    """Every stored row but timestamps, for comparing two stores."""
    out = {}
    for t in TABLES:
        cols = [c["column_name"] for c in store.sql(
            f"SELECT column_name FROM information_schema.columns WHERE table_name = '{t}' ORDER BY ordinal_position")
            if c["column_name"] not in ("ingested_at",)]
        out[t] = sorted(map(repr, (tuple(r.values()) for r in store.sql(f"SELECT {', '.join(map(repr_col, cols))} FROM {t}"))))
    return out


def repr_col(c: str) -> str:
    return f'"{c}"'


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "corpus.duckdb", timeout=20)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A store holding the first 60 OrangeSum articles (with their wire copies)."""
    store = Store(tmp_path_factory.mktemp("loaded") / "corpus.duckdb")
    stats = ingest(store, fake_run([to_article(x) for x in orangesum(60)]), batch_size=16)
    assert stats.stored == 60 and stats.batches == 4
    return store


# -- schema -------------------------------------------------------------------------

def test_migrations_create_every_table_once(store):
    store.create()
    store.create()
    rows = store.sql("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [v for v, _, _ in store_db.migrations()]
    names = {r["table_name"] for r in store.sql("SELECT table_name FROM information_schema.tables")}
    assert set(TABLES) | {"duplicates", "rejections", "events_dedup", "quotes_dedup"} <= names


def test_missing_or_foreign_file_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at .*run `veille ingest"):
        Store(tmp_path / "nothing.duckdb").stats()
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bogus).stats()


# -- ingest ---------------------------------------------------------------------------

def test_reingest_skips_everything_and_changes_nothing(store):
    articles = [to_article(x) for x in orangesum(30)]
    first = ingest(store, fake_run(articles), batch_size=8)
    assert (first.stored, first.skipped) == (30, 0)
    before = table_digest(store)
    analysed = []

    def run(skip):
        for a in [to_article(x) for x in orangesum(30)]:
            if not skip(a):
                analysed.append(a.id)
                yield fake_record(a)

    again = ingest(store, run, batch_size=8)
    assert (again.stored, again.skipped, again.batches) == (0, 30, 0)
    assert analysed == []
    assert table_digest(store) == before
    assert store.sql("SELECT count(*) - count(DISTINCT id) AS d FROM articles")[0]["d"] == 0


def test_changed_article_replaces_its_rows(store):
    lines = orangesum(20)
    ingest(store, fake_run([to_article(x) for x in lines]), batch_size=8)
    before = counts(store)
    target = next(x for x in lines if _QUOTE.search(x["article"]))
    old_quotes = store.sql("SELECT count(*) AS n FROM quotes WHERE article_id = ?", [target["id"]])[0]["n"]
    assert old_quotes > 0
    # The outlet corrected the article: its quotes are gone, a new name appears.
    target["article"] = _QUOTE.sub("(propos retirés)", target["article"]) + " Rien ne change, selon Jean Dupont."
    stats = ingest(store, fake_run([to_article(x) for x in lines]), batch_size=8)
    assert (stats.stored, stats.replaced, stats.skipped) == (1, 1, 19)
    after = counts(store)
    assert after["articles"] == before["articles"]
    assert after["quotes"] == before["quotes"] - old_quotes
    rows = store.sql("SELECT content_hash, text FROM articles WHERE id = ?", [target["id"]])
    assert len(rows) == 1 and rows[0]["text"].endswith("selon Jean Dupont.")
    assert rows[0]["content_hash"] == to_article(target).content_hash()
    names = {r["name"] for r in store.sql("SELECT name FROM entities WHERE article_id = ?", [target["id"]])}
    assert "Jean Dupont" in names
    record = json.loads(store.sql("SELECT record FROM articles WHERE id = ?", [target["id"]])[0]["record"])
    assert record["quotes"] == [] and record["text"].endswith("selon Jean Dupont.")


def test_same_id_twice_in_one_run_keeps_the_later_version(store):
    line = orangesum(1)[0]
    old, new = to_article(line), to_article(dict(line, article=line["article"] + " Mise à jour."))
    stats = ingest(store, fake_run([old, new]), batch_size=10)
    assert stats.stored == 1
    rows = store.sql("SELECT text FROM articles")
    assert len(rows) == 1 and rows[0]["text"].endswith("Mise à jour.")


def test_rejections_are_stored_with_their_reason(store):
    items = [Rejection("bad.jsonl:3", "not JSON: Expecting value"), *[to_article(x) for x in orangesum(3)]]
    stats = ingest(store, fake_run(items))
    assert (stats.stored, stats.rejected) == (3, 1)
    assert store.sql("SELECT origin, reason FROM rejections") == [
        {"origin": "bad.jsonl:3", "reason": "not JSON: Expecting value"}]


def test_all_fields_kept_in_json_columns(loaded):
    row = loaded.sql("SELECT a.record, q.data FROM quotes q JOIN articles a ON a.id = q.article_id LIMIT 1")[0]
    record = Record.model_validate_json(row["record"])
    assert record.quotes and json.loads(row["data"]) in [q.to_dict() for q in record.quotes]


# -- near-duplicates -------------------------------------------------------------------

def test_wire_copies_are_linked_and_counted_once(loaded):
    lines = orangesum(60)
    copies = {}
    for x in lines:
        copies.setdefault((x["title"], x["article"]), []).append(x["id"])
    groups = [ids for ids in copies.values() if len(ids) > 1]
    assert len(groups) >= 5, "the first 60 OrangeSum lines hold republished copies"
    for ids in groups:
        clusters = {r["cluster_id"] for r in loaded.sql(
            "SELECT cluster_id FROM articles WHERE list_contains(?, id)", [ids])}
        assert len(clusters) == 1
        assert clusters.pop() in ids
    n_dup_articles = loaded.sql("SELECT count(DISTINCT article_id) AS n FROM duplicates")[0]["n"]
    assert n_dup_articles == sum(len(ids) - 1 for ids in groups)
    # Distinct articles are never linked (no cluster holds two different texts).
    assert loaded.sql("""SELECT count(*) AS n FROM (SELECT cluster_id FROM articles GROUP BY cluster_id
                         HAVING count(DISTINCT text) > 1)""")[0]["n"] == 0
    # Counting rule: events of a copy are not counted again.
    every = loaded.sql("SELECT count(*) AS n FROM events")[0]["n"]
    dedup = loaded.sql("SELECT count(*) AS n, sum(n_articles) AS copies FROM events_dedup")[0]
    assert dedup["n"] < every and dedup["copies"] == every
    assert sum(r["events"] for r in loaded.actors(limit=None)) == sum(
        max(1, len(r["actors"])) * max(1, len(r["recipients"])) for r in loaded.sql("SELECT actors, recipients FROM events_dedup"))
    assert len(loaded.events()) == dedup["n"] and len(loaded.events(all_copies=True)) == every


def test_near_duplicates_found_across_runs(store):
    lines = orangesum(60)
    original = next(x for x in lines if len(x["article"]) > 3000)
    ingest(store, fake_run([to_article(original)]))
    # Republished a day later under a new id, with a new title and one sentence changed.
    sentences = original["article"].split(". ")
    sentences[2] = "Une phrase réécrite par le site qui reprend la dépêche"
    copy = dict(original, id="copy-1", title="Nouveau titre", article=". ".join(sentences))
    ingest(store, fake_run([to_article(copy)]))
    row = store.sql("SELECT cluster_id FROM articles WHERE id = 'copy-1'")[0]
    assert row["cluster_id"] == original["id"]
    dup = store.sql("SELECT * FROM duplicates")
    assert len(dup) == 1 and dup[0]["duplicate_of"] == original["id"] and 0.8 <= dup[0]["similarity"] < 1


# -- queries -----------------------------------------------------------------------------

def test_queries_find_speakers_entities_and_dates(loaded):
    top = loaded.sql("SELECT speaker_name AS s, count(*) AS n FROM quotes_dedup GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")[0]
    rows = loaded.quotes(top["s"].upper())  # case does not matter
    assert len(rows) == top["n"] and {r["speaker"] for r in rows} == {top["s"]}
    assert rows == sorted(rows, key=lambda r: (r["date"] or "9999"))
    ent = loaded.sql("SELECT name, count(DISTINCT article_id) AS n FROM entities GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1")[0]
    tl = loaded.timeline(ent["name"])
    assert {r["kind"] for r in tl} >= {"article"}
    dates = [r["date"] for r in tl]
    assert dates == sorted(dates)
    later = loaded.timeline(ent["name"], start=dates[-1])
    assert later and all(r["date"] >= dates[-1] for r in later)
    assert loaded.timeline(ent["name"], end="1999-12-31") == []
    planned = loaded.events(modality="planned")
    assert planned and {r["modality"] for r in planned} == {"planned"}
    assert all(r["type"] == "CONSULT" for r in loaded.events(type="consult"))
    assert loaded.events(type="ASSAULT") == []


def test_sql_is_read_only_and_errors_are_one_line(loaded):
    with pytest.raises(StoreError, match="SQL error") as exc:
        loaded.sql("DELETE FROM articles")
    assert "\n" not in str(exc.value)
    with pytest.raises(StoreError, match="SQL error"):
        loaded.sql("SELECT * FROM no_such_table")
    assert loaded.sql("SELECT count(*) AS n FROM articles")[0]["n"] == 60


# -- exports -------------------------------------------------------------------------------

def test_parquet_export_one_file_per_table(loaded, tmp_path):
    result = loaded.export("parquet", tmp_path / "pq")
    for table in TABLES:
        t = pq.read_table(result["files"][table])
        assert t.num_rows == loaded.sql(f"SELECT count(*) AS n FROM {table}")[0]["n"]
    assert "actors" in pq.read_table(result["files"]["events"]).column_names


def test_jsonl_export_gives_back_the_records(loaded, tmp_path):
    out = tmp_path / "records.jsonl"
    assert loaded.export("jsonl", out)["lines"] == 60
    records = [Record.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r.id for r in records) == sorted(x["id"] for x in orangesum(60))


def test_plover_export_fields(loaded, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    n = loaded.export("plover", out)["lines"]
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) == len(loaded.events())
    for ev in lines:
        assert {"id", "date", "actor", "recipient", "event", "event_type", "mode", "context", "modality"} <= set(ev)
        assert ev["event"] == [ev["event_type"]] and re.fullmatch(r"\d{4}-\d\d-\d\d", ev["date"])
    # PLOVER's auxiliary mode for announced events is "future".
    assert {tuple(ev["context"]) for ev in lines if ev["modality"] == "planned"} == {("future",)}


def test_gdelt_export_has_the_documented_columns(loaded, tmp_path):
    out = tmp_path / "events.tsv"
    n = loaded.export("gdelt", out)["lines"]
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert header == GDELT_COLUMNS + VEILLE_COLUMNS and len(GDELT_COLUMNS) == 61
    assert len(body) == n and all(len(r) == len(header) for r in body)
    doc = DOCS.read_text(encoding="utf-8")
    for column in header:
        assert f"`{column}`" in doc, f"GDELT column {column} is not documented in docs/store.md"
    row = dict(zip(header, body[0]))
    assert re.fullmatch(r"\d{8}", row["Day"]) and row["EventRootCode"] == "04" and row["QuadClass"] == "1"


# -- interruption and concurrent reads ----------------------------------------------------

_CHILD = """
import sys, time
sys.path.insert(0, {tests!r})
from test_store import fake_run, orangesum, to_article
from veille.store import Store
from veille.store.ingest import ingest
ingest(Store({db!r}), fake_run([to_article(x) for x in orangesum(40)], delay=0.05), batch_size=5)
"""


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_killed_ingest_resumes_complete_without_duplicates(tmp_path):
    path = tmp_path / "corpus.duckdb"
    child = subprocess.Popen([sys.executable, "-c", _CHILD.format(tests=str(HERE), db=str(path))],
                             stderr=subprocess.PIPE)
    reader = Store(path, timeout=20)
    seen = []
    try:
        # Reads while the ingest runs: each waits at most for one batch to be written.
        def enough():
            if not path.exists():
                return False
            try:
                n = reader.sql("SELECT count(*) AS n FROM articles")[0]["n"]
            except StoreError as exc:
                if "no store" in str(exc) or "schema version 0" in str(exc) or "not a veille store" in str(exc):
                    return False
                raise
            seen.append(n)
            return n >= 15

        _wait_for(enough)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert all(n % 5 == 0 for n in seen), f"a read saw a half-written batch: {seen}"
    assert seen == sorted(seen) and len(set(seen)) >= 2, "reads did not interleave with the writes"
    committed = reader.sql("SELECT count(*) AS n FROM articles")[0]["n"]
    assert 15 <= committed < 40 and committed % 5 == 0

    # Resume: only the articles not committed are analysed again.
    stats = ingest(Store(path), fake_run([to_article(x) for x in orangesum(40)]), batch_size=5)
    assert (stats.skipped, stats.stored) == (committed, 40 - committed)
    clean = Store(tmp_path / "clean.duckdb")
    ingest(clean, fake_run([to_article(x) for x in orangesum(40)]), batch_size=7)
    resumed = Store(path)
    assert counts(resumed) == counts(clean)
    assert table_digest(resumed) == table_digest(clean)
    for t in TABLES:
        key = "id" if t == "articles" else "article_id"
        extra = "" if t == "articles" else (", entity_idx, start" if t == "mentions" else ", idx")
        dup = resumed.sql(f"SELECT count(*) AS n FROM (SELECT {key}{extra} FROM {t} GROUP BY ALL HAVING count(*) > 1)")
        assert dup[0]["n"] == 0, f"duplicated rows in {t}"


def test_copy_links_follow_the_counting_rule(loaded):
    """The links made batch by batch at ingest equal the rule computed from scratch:
    within a cluster, the first article (by cluster founder, then id) holding an
    event key at a given rank counts it; the others are its copies."""
    expected = loaded.sql("""
        WITH ranked AS (
            SELECT e.article_id, e.idx, a.cluster_id,
                   row_number() OVER (PARTITION BY e.article_id, e.ekey ORDER BY e.idx) AS occ,
                   e.ekey
            FROM events e JOIN articles a ON a.id = e.article_id
        )
        SELECT article_id, idx,
               count(*) OVER (PARTITION BY cluster_id, ekey, occ) AS n_articles,
               row_number() OVER (PARTITION BY cluster_id, ekey, occ
                                  ORDER BY (article_id = cluster_id) DESC, article_id, idx) AS rn
        FROM ranked""")
    counted = {(r["article_id"], r["idx"]): r["n_articles"] for r in expected if r["rn"] == 1}
    view = {(r["article_id"], r["idx"]): r["n_articles"]
            for r in loaded.sql("SELECT article_id, idx, n_articles FROM events_dedup")}
    assert view == counted and any(n > 1 for n in view.values())
    quotes = loaded.sql("SELECT count(*) AS n, sum(n_articles) AS total FROM quotes_dedup")[0]
    assert quotes["total"] == loaded.sql("SELECT count(*) AS n FROM quotes")[0]["n"] > quotes["n"]


def test_date_ranges_respect_reduced_precision(store):
    article = to_article(orangesum(1)[0])
    base = fake_record(article)
    evidence = Span(start=0, end=5, text=article.text[:5])
    dates = ["2020-01-07", "2020-01", "2020-W02", "2020", "2019-12-31", None]
    base.events = [Event(type="CONSULT", actors=[f"A{i}"], date=d, evidence=evidence) for i, d in enumerate(dates)]
    base.published = Published(value=None, how="unknown")
    ingest(store, lambda skip: [base] if not skip(article) else [])

    def got(**kw):
        return sorted(r["date"] or "-" for r in store.events(**kw))

    assert got() == sorted(["2020-01-07", "2020-01", "2020-W02", "2020", "2019-12-31", "-"])
    # A month or a year overlaps a range inside it; the undated event is never in a range.
    assert got(start="2020-01-05", end="2020-01-10") == sorted(["2020-01-07", "2020-01", "2020-W02", "2020"])
    assert got(start="2020-02-01") == sorted(["2020-W02", "2020"])
    assert got(end="2019-12-31") == ["2019-12-31"]
    assert [r["date"] for r in store.events(limit=2)] == ["2019-12-31", "2020"]


def test_speaker_found_by_surname_when_no_exact_name(loaded):
    from veille.store.queries import entity_names
    from veille.store.rows import name_key

    candidates = [r["s"] for r in loaded.sql(
        "SELECT DISTINCT speaker_name AS s FROM quotes WHERE speaker_name LIKE '% %' ORDER BY 1")]
    taken = {r["k"] for r in loaded.sql("SELECT name_key AS k FROM entities UNION SELECT text_key FROM mentions")}
    full = next(n for n in candidates if name_key(n.split()[-1]) not in taken)
    surname = full.split()[-1]
    with loaded.reader() as con:
        assert full in entity_names(con, surname.upper())
    rows = loaded.quotes(surname)
    assert rows and full in {r["speaker"] for r in rows}


def test_second_ingest_on_one_store_stops_with_a_message(store):
    from veille.store.ingest import Ingestor

    first = Ingestor(store)
    try:
        with pytest.raises(StoreError, match="another `veille ingest` \\(pid \\d+\\) is writing"):
            Ingestor(store)
        assert store.stats()["articles"] == 0  # readers are not blocked by it
    finally:
        first.close()
    Ingestor(store).close()
