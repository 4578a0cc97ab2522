"""The corpus queries, on an open connection; each returns a list of dicts (one per row).

Names: a user may ask for an entity by canonical name ("NATO"), French label
("Otan"), id ("Q7184"); when none of those match, by the text of a mention;
failing that, by words of the name ("macron" for Emmanuel Macron). Case and
accents are ignored. Counts and listings go through the *_dedup views
(docs/store.md): a wire copy republished under another id is counted once.
"""

from __future__ import annotations

import sys
from typing import Any, Optional

import duckdb

from .db import StoreError
from .keys import SEP
from .keys import name_key as _norm

def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]


def _query(con: duckdb.DuckDBPyConnection, sql: str, params) -> list[dict]:
    """The rows of one of the queries below, as dicts.

    Through Arrow when pyarrow is already loaded (a long-lived process: the API,
    a Python session; veille.store.db loads it for a kept-open Store): 12,000
    rows become dicts in ~15 ms instead of ~55 ms. A command line run does not
    load it for that (~0.2 s of import). The queries' columns are typed so that
    both paths give the same Python values (no HUGEINT, which Arrow makes a Decimal)."""
    if "pyarrow" in sys.modules:
        return con.sql(sql, params=params).to_arrow_table().to_pylist()
    return _rows(con.execute(sql, params))


def entity_names(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Canonical names of the stored entities `name` designates."""
    n = _norm(name)
    names = [r[0] for r in con.execute(
        "SELECT DISTINCT name FROM entities WHERE name_key = $n OR label_key = $n OR entity_id = $q",
        {"q": name.strip(), "n": n}).fetchall()]
    if not names:
        names = [r[0] for r in con.execute(
            "SELECT DISTINCT e.name FROM mentions m JOIN entities e "
            "ON e.article_id = m.article_id AND e.idx = m.entity_idx "
            "WHERE m.text_key = $n", {"n": n}).fetchall()]
    if not names and n:
        # A surname alone ("macron"): the entities whose name holds those words.
        names = [r[0] for r in con.execute(
            "SELECT DISTINCT name FROM entities WHERE ' ' || name_key || ' ' LIKE '% ' || $n || ' %'",
            {"n": n}).fetchall()]
    return sorted(set(names)) or [name.strip()]


def _range(start: Optional[str], end: Optional[str], params: dict, alias: str = "") -> list[str]:
    """Items whose date overlaps [start, end], on the bounds written at ingest
    (rows.date_bounds: a month or year overlapping the range counts, an undated
    item is outside any range)."""
    where = []
    if start:
        where.append(f"{alias}date_last >= $range_start")
        params["range_start"] = start
    if end:
        where.append(f"{alias}date_first <= $range_end")
        params["range_end"] = end
    return where


def _names_match(names: list[str], column: str, params: dict) -> str:
    """`column` (events.names) holds one of `names`: a substring test per name."""
    tests = []
    for i, name in enumerate(names[:64]):
        params[f"nm{i}"] = SEP + name + SEP
        tests.append(f"contains({column}, $nm{i})")
    return "(" + " OR ".join(tests or ["FALSE"]) + ")"


def quotes(con: duckdb.DuckDBPyConnection, speaker: str, *, start: Optional[str] = None,
           end: Optional[str] = None, all_copies: bool = False, limit: Optional[int] = None) -> list[dict]:
    """Quotes of a speaker (entity, or words of an unnamed speaker's description), by date."""
    params = {"names": entity_names(con, speaker), "q": speaker.strip(), "n": _norm(speaker) or ""}
    common = ([] if all_copies else ["q.copy_of_article IS NULL"]) + _range(start, end, params, "q.")
    # Three ways a quote matches, each one test DuckDB pushes into the scan (an OR
    # of them is not pushed: every column of every quote would be read, ~2x slower
    # on a full store); the later ones leave out what the earlier ones found.
    named = "list_contains($names, q.speaker_name)"
    by_id = "q.speaker_entity = $q"
    described = "contains(q.speaker_key, $n)"
    branches = [[named], [by_id, f"NOT coalesce({named}, FALSE)"]]
    if params["n"]:
        branches.append([described, f"NOT coalesce({named}, FALSE)", "coalesce(q.speaker_entity, '') <> $q"])
    n_articles = "1" if all_copies else "q.n_articles"
    select = f"""SELECT coalesce(q.date, CAST(q.published_date AS VARCHAR)) AS date, q.speaker_name AS speaker,
                   q.kind, q.cue, q.content, array_to_string(q.via, ' < ') AS via, q.channel,
                   q.article_id, q.title, {n_articles} AS n_articles, q.content_start
            FROM quotes q WHERE """
    union = "\n UNION ALL ".join(select + " AND ".join(b + common) for b in branches)
    lim = f" LIMIT {int(limit)}" if limit else ""
    return _query(con, f"""SELECT * EXCLUDE (content_start) FROM ({union})
            ORDER BY date NULLS LAST, article_id, content_start{lim}""", params)


def timeline(con: duckdb.DuckDBPyConnection, entity: str, *, start: Optional[str] = None,
             end: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
    """What is known of an entity, in date order: the articles naming it (one per
    near-duplicate cluster), the events it takes part in, the quotes it speaks.

    The rows are chosen and sorted on narrow keys first; the text of each row
    (title, event summary, quote) is built for the rows kept only, so a LIMIT
    costs what it returns."""
    params: dict = {"names": entity_names(con, entity)}
    ent_where = ["list_contains($names, e.name)", *_range(start, end, params, "e.")]
    ev_where = ["e.copy_of_article IS NULL", _names_match(params["names"], "e.names", params),
                *_range(start, end, params, "e.")]
    q_where = ["q.copy_of_article IS NULL", "list_contains($names, q.speaker_name)", *_range(start, end, params, "q.")]
    lim = f" LIMIT {int(limit)}" if limit else ""
    # Event rows carry their text from the filtered scan (events are few); article
    # titles and quote texts are fetched after the sort and limit: reading the wide
    # columns of the quotes table costs more than the rest of the query on a full store.
    sql = f"""
        WITH hits AS (
            SELECT e.article_id, any_value(e.cluster_id) AS cluster_id, any_value(e.published) AS published,
                   sum(e.n_mentions) AS n_mentions
            FROM entities e WHERE {' AND '.join(ent_where)} GROUP BY e.article_id
        ), clusters AS (
            SELECT cluster_id, count(*) AS n_articles,
                   arg_min(article_id, (article_id <> cluster_id, article_id)) AS article_id
            FROM hits GROUP BY cluster_id
        ), rows AS (
            SELECT h.published AS date, 'article' AS kind, h.article_id, -1 AS idx, NULL AS title,
                   h.n_mentions || ' mention(s)' AS what, c.n_articles
            FROM clusters c JOIN hits h ON h.article_id = c.article_id
            UNION ALL
            SELECT coalesce(e.date, CAST(e.published_date AS VARCHAR)), 'event', e.article_id, e.idx, NULL,
                   e.type || coalesce('/' || e.mode, '') || ' [' || e.modality || '] '
                   || coalesce(array_to_string(e.actors, ', '), '') || ' -> '
                   || coalesce(array_to_string(e.recipients, ', '), '') || coalesce(' @ ' || e.place, '')
                   || ': ' || coalesce(e.evidence, ''), e.n_articles
            FROM events e WHERE {' AND '.join(ev_where)}
            UNION ALL
            SELECT coalesce(q.date, CAST(q.published_date AS VARCHAR)), 'quote', q.article_id, q.idx, NULL, NULL,
                   q.n_articles
            FROM quotes q WHERE {' AND '.join(q_where)}
        ), kept AS (
            SELECT * FROM rows ORDER BY date NULLS LAST, article_id, kind, idx{lim}
        )
        SELECT k.date, k.kind, k.article_id, coalesce(a.title, q.title) AS title,
               coalesce(k.what, q.kind || ': ' || coalesce(q.content, '')) AS what, k.n_articles
        FROM kept k LEFT JOIN articles a ON k.kind = 'article' AND a.id = k.article_id
        LEFT JOIN (SELECT q.article_id, q.idx, q.title, q.kind, q.content FROM quotes q
                   SEMI JOIN kept ON kept.kind = 'quote' AND kept.article_id = q.article_id AND kept.idx = q.idx) q
            ON k.kind = 'quote' AND q.article_id = k.article_id AND q.idx = k.idx
        ORDER BY k.date NULLS LAST, k.article_id, k.kind, k.idx"""
    return _query(con, sql, params)


def events(con: duckdb.DuckDBPyConnection, *, type: Optional[str] = None, place: Optional[str] = None,
           modality: Optional[str] = None, actor: Optional[str] = None, start: Optional[str] = None,
           end: Optional[str] = None, all_copies: bool = False, limit: Optional[int] = None) -> list[dict]:
    """Events filtered by PLOVER type, place, modality, actor (or recipient) and date."""
    where, params = [] if all_copies else ["e.copy_of_article IS NULL"], {}
    if type:
        where.append("upper(e.type) = $type")
        params["type"] = type.strip().upper()
    if modality:
        where.append("lower(e.modality) = $modality")
        params["modality"] = modality.strip().lower()
    if place:
        where.append("list_contains($places, e.place)")
        params["places"] = entity_names(con, place)
    if actor:
        params["actors"] = entity_names(con, actor)
        # The substring test selects cheaply; the list test keeps the place out.
        where.append(_names_match(params["actors"], "e.names", params))
        where.append("(list_has_any(e.actors, $actors) OR list_has_any(e.recipients, $actors))")
    where += _range(start, end, params, "e.")
    n_articles = "1" if all_copies else "e.n_articles"
    lim = f" LIMIT {int(limit)}" if limit else ""
    return _query(con,
        f"""SELECT coalesce(e.date, CAST(e.published_date AS VARCHAR)) AS date, e.type, e.mode, e.modality,
                   array_to_string(e.actors, '; ') AS actors, array_to_string(e.recipients, '; ') AS recipients,
                   e.place, array_to_string(e.reported_by, ' < ') AS reported_by, e.cameo, e.evidence,
                   e.article_id, {n_articles} AS n_articles
            FROM events e WHERE {' AND '.join(where) or 'TRUE'}
            ORDER BY 1 NULLS LAST, e.article_id, e.idx{lim}""", params)


def actors(con: duckdb.DuckDBPyConnection, *, type: Optional[str] = None, modality: Optional[str] = None,
           actor: Optional[str] = None, limit: Optional[int] = 50) -> list[dict]:
    """Who acts on whom: one row per (actor, recipient, event type), most frequent first.

    `events` counts distinct events (near-duplicate copies once), `asserted` those
    stated as done, `articles` the articles that carry them (copies included)."""
    where, params = ["copy_of_article IS NULL"], {}
    if type:
        where.append("upper(type) = $type")
        params["type"] = type.strip().upper()
    if modality:
        where.append("lower(modality) = $modality")
        params["modality"] = modality.strip().lower()
    outer = "TRUE"
    if actor:
        params["actors"] = entity_names(con, actor)
        where.append("list_has_any(actors, $actors)")
        outer = "list_contains($actors, actor)"
    lim = f"LIMIT {int(limit)}" if limit else ""
    return _query(con,
        f"""WITH pairs AS (
                SELECT unnest(CASE WHEN len(actors) = 0 THEN [NULL] ELSE actors END) AS actor,
                       recipients, type, modality, n_articles
                FROM events WHERE {' AND '.join(where)}
            ), flat AS (
                SELECT actor, unnest(CASE WHEN len(recipients) = 0 THEN [NULL] ELSE recipients END) AS recipient,
                       type, modality, n_articles
                FROM pairs
            )
            SELECT actor, recipient, type, count(*) AS events,
                   count(*) FILTER (WHERE modality = 'asserted') AS asserted,
                   CAST(sum(n_articles) AS BIGINT) AS articles
            FROM flat WHERE {outer}
            GROUP BY actor, recipient, type
            ORDER BY events DESC, actor NULLS LAST, recipient NULLS LAST, type {lim}""", params)


def claims(con: duckdb.DuckDBPyConnection, *, entity: Optional[str] = None, type: Optional[str] = None,
           contested: bool = False, min_articles: int = 1, limit: Optional[int] = None) -> list[dict]:
    """Cross-article claims (veille.stories.claims), most widely reported first."""
    where, params = ["n_articles >= $min_articles"], {"min_articles": max(1, int(min_articles or 1))}
    if type:
        where.append("type = $type")
        params["type"] = type.strip().upper()
    if contested:
        where.append("contested")
    lim = f" LIMIT {int(limit)}" if limit else ""

    def run(extra: list[str], more: dict) -> list[dict]:
        return _query(con,
            f"""SELECT claim_id, date, type, mode, actors, recipients, place, modalities, contested,
                       n_articles, n_events, sources, reported_by, disputed_by, articles, evidence
                FROM claims WHERE {' AND '.join(where + extra)}
                ORDER BY n_articles DESC, contested DESC, date NULLS LAST, claim_id{lim}""", params | more)

    if not entity:
        return run([], {})
    # Participants compared without case or accents (a claim may name an entity that
    # no stored entity row carries); failing that, on whole words ("soleimani").
    names = "list_transform(list_concat(actors, recipients, [place]), lambda x: lower(strip_accents(x)))"
    keys = sorted({_norm(n) for n in entity_names(con, entity)} | {_norm(entity)})
    rows = run([f"list_has_any({names}, $keys)"], {"keys": keys})
    if not rows and _norm(entity):
        rows = run([f"len(list_filter({names}, lambda x: ' ' || x || ' ' LIKE '% ' || $word || ' %')) > 0"],
                   {"word": _norm(entity)})
    return rows


def claim_events(con: duckdb.DuckDBPyConnection, claim_id: str) -> list[dict]:
    """The events of one claim, with their article, stance and evidence."""
    return _rows(con.execute(
        """SELECT c.article_id, c.idx, c.modality, c.stance, e.date, e.reported_by, e.disputed_by,
                  a.source, a.published, e.evidence
           FROM claim_events c JOIN events e ON e.article_id = c.article_id AND e.idx = c.idx
           JOIN articles a ON a.id = c.article_id
           WHERE c.claim_id = ? ORDER BY a.published NULLS LAST, c.article_id, c.idx""", [claim_id]))


def sql(con: duckdb.DuckDBPyConnection, query: str, params: Optional[list] = None) -> list[dict]:
    """Any SQL on the store (its connection is read-only)."""
    try:
        cur = con.execute(query, params or [])
    except duckdb.Error as exc:
        raise StoreError(f"SQL error: {' '.join(str(exc).split())}") from None
    if cur.description is None:
        return []
    return _rows(cur)


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    out = {}
    for table in ("articles", "entities", "mentions", "quotes", "times", "events", "duplicates", "rejections"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    out["clusters"] = con.execute("SELECT count(DISTINCT cluster_id) FROM articles").fetchall()[0][0]
    out["words"] = con.execute("SELECT coalesce(sum(n_words), 0) FROM articles").fetchall()[0][0]
    return out
