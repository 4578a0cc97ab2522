"""The corpus queries, on an open connection; each returns a list of dicts (one per row).

Names: a user may ask for an entity by canonical name ("NATO"), French label
("Otan"), id ("Q7184"); when none of those match, by the text of a mention;
failing that, by words of the name ("macron" for Emmanuel Macron). Case and
accents are ignored. Counts and listings go through the *_dedup views
(docs/store.md): a wire copy republished under another id is counted once.
"""

from __future__ import annotations

from typing import Any, Optional

import duckdb

from .db import StoreError
from .rows import name_key as _norm


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]


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


# First and last day covered by a date of any precision ("2020-01-07", "2020-01",
# "2020-W02", "2020"): a week, season or bare year is bounded by its year, loosely
# but never wrongly excluding it; an undated item is outside any range.
_FIRST = ("CASE WHEN regexp_full_match(left({c}, 10), '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN left({c}, 10) "
          "WHEN regexp_full_match(left({c}, 7), '\\d{{4}}-\\d{{2}}') AND NOT regexp_matches({c}, '^\\d{{4}}-\\d{{2}}-') "
          "THEN left({c}, 7) || '-01' "
          "WHEN regexp_matches({c}, '^\\d{{4}}') THEN left({c}, 4) || '-01-01' END")
_LAST = ("CASE WHEN regexp_full_match(left({c}, 10), '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN left({c}, 10) "
         "WHEN regexp_full_match(left({c}, 7), '\\d{{4}}-\\d{{2}}') AND NOT regexp_matches({c}, '^\\d{{4}}-\\d{{2}}-') "
         "THEN left({c}, 7) || '-31' "
         "WHEN regexp_matches({c}, '^\\d{{4}}') THEN left({c}, 4) || '-12-31' END")


def _select(con: duckdb.DuckDBPyConnection, sql: str, params: dict, order: str, start: Optional[str],
            end: Optional[str], limit: Optional[int]) -> list[dict]:
    """Run `sql`, keep the rows whose `date` overlaps [start, end], sort, limit: all in DuckDB."""
    where = ["TRUE"]
    params = dict(params)
    if start:
        where.append(f"({_LAST.format(c='date')}) >= $range_start")
        params["range_start"] = start
    if end:
        where.append(f"({_FIRST.format(c='date')}) <= $range_end")
        params["range_end"] = end
    lim = f" LIMIT {int(limit)}" if limit else ""
    return _rows(con.execute(f"SELECT * FROM ({sql}) WHERE {' AND '.join(where)} ORDER BY {order}{lim}", params))


def events_dedup_sql(where: str = "TRUE") -> str:
    """The counted events (events_dedup view) matching `where` (on its columns, alias e)."""
    return f"(SELECT * FROM events_dedup e WHERE {where})"


def quotes_dedup_sql(where: str = "TRUE") -> str:
    """The counted quotes (quotes_dedup view) matching `where` (alias q)."""
    return f"(SELECT * FROM quotes_dedup q WHERE {where})"


def quotes(con: duckdb.DuckDBPyConnection, speaker: str, *, start: Optional[str] = None,
           end: Optional[str] = None, all_copies: bool = False, limit: Optional[int] = None) -> list[dict]:
    """Quotes of a speaker (entity, or words of an unnamed speaker's description), by date."""
    names = entity_names(con, speaker)
    # Which speaker names match: the entity's, or descriptions containing the words.
    match = ("q.speaker_name IN (SELECT DISTINCT speaker_name FROM quotes WHERE list_contains($names, speaker_name)"
             " OR speaker_entity = $q OR lower(strip_accents(speaker_description)) LIKE '%' || $n || '%')")
    if all_copies:
        source = (f"(SELECT q.*, a.published_date, a.title, 1 AS n_articles FROM quotes q "
                  f"JOIN articles a ON a.id = q.article_id WHERE {match})")
    else:
        source = quotes_dedup_sql(match)
    sql = f"""SELECT coalesce(q.date, CAST(q.published_date AS VARCHAR)) AS date, q.speaker_name AS speaker,
                     q.kind, q.cue, q.content, array_to_string(q.via, ' < ') AS via, q.channel,
                     q.article_id, q.title, q.n_articles, q.content_start AS _pos
              FROM {source} q"""
    rows = _select(con, sql, {"names": names, "q": speaker.strip(), "n": _norm(speaker)},
                   "date NULLS LAST, article_id, _pos", start, end, limit)
    for r in rows:
        del r["_pos"]
    return rows


def timeline(con: duckdb.DuckDBPyConnection, entity: str, *, start: Optional[str] = None,
             end: Optional[str] = None, limit: Optional[int] = None) -> list[dict]:
    """What is known of an entity, in date order: the articles naming it (one per
    near-duplicate cluster), the events it takes part in, the quotes it speaks."""
    names = entity_names(con, entity)
    events_sql = events_dedup_sql("list_has_any(e.actors, $names) OR list_has_any(e.recipients, $names) "
                                  "OR list_contains($names, e.place)")
    quotes_sql = quotes_dedup_sql("list_contains($names, q.speaker_name)")
    sql = f"""
        WITH hits AS (
            SELECT e.article_id, sum(e.n_mentions) AS n_mentions
            FROM entities e WHERE list_contains($names, e.name) GROUP BY e.article_id
        ), arts AS (
            SELECT a.id, a.cluster_id, a.published, a.title, h.n_mentions,
                   row_number() OVER (PARTITION BY a.cluster_id ORDER BY (a.id = a.cluster_id) DESC, a.id) AS rn,
                   count(*) OVER (PARTITION BY a.cluster_id) AS n_articles
            FROM hits h JOIN articles a ON a.id = h.article_id
        )
        SELECT published AS date, 'article' AS kind, id AS article_id, title,
               n_mentions || ' mention(s)' AS what, n_articles
        FROM arts WHERE rn = 1
        UNION ALL
        SELECT coalesce(e.date, CAST(e.published_date AS VARCHAR)), 'event', e.article_id, NULL,
               e.type || coalesce('/' || e.mode, '') || ' [' || e.modality || '] '
                   || coalesce(array_to_string(e.actors, ', '), '') || ' -> '
                   || coalesce(array_to_string(e.recipients, ', '), '') || coalesce(' @ ' || e.place, '')
                   || ': ' || coalesce(e.evidence, ''),
               e.n_articles
        FROM {events_sql} e
        UNION ALL
        SELECT coalesce(q.date, CAST(q.published_date AS VARCHAR)), 'quote', q.article_id, q.title,
               q.kind || ': ' || coalesce(q.content, ''), q.n_articles
        FROM {quotes_sql} q
        """
    return _select(con, sql, {"names": names}, "date NULLS LAST, article_id, kind", start, end, limit)


def events(con: duckdb.DuckDBPyConnection, *, type: Optional[str] = None, place: Optional[str] = None,
           modality: Optional[str] = None, actor: Optional[str] = None, start: Optional[str] = None,
           end: Optional[str] = None, all_copies: bool = False, limit: Optional[int] = None) -> list[dict]:
    """Events filtered by PLOVER type, place, modality, actor (or recipient) and date."""
    where, params = ["TRUE"], {}
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
        where.append("(list_has_any(e.actors, $actors) OR list_has_any(e.recipients, $actors))")
        params["actors"] = entity_names(con, actor)
    condition = " AND ".join(where)
    if all_copies:
        source = (f"(SELECT e.*, a.published_date, 1 AS n_articles FROM events e "
                  f"JOIN articles a ON a.id = e.article_id WHERE {condition})")
    else:
        source = events_dedup_sql(condition)
    sql = f"""SELECT coalesce(e.date, CAST(e.published_date AS VARCHAR)) AS date, e.type, e.mode, e.modality,
                     array_to_string(e.actors, '; ') AS actors, array_to_string(e.recipients, '; ') AS recipients,
                     e.place, array_to_string(e.reported_by, ' < ') AS reported_by, e.cameo, e.evidence,
                     e.article_id, e.n_articles, e.idx AS _pos
              FROM {source} e"""
    rows = _select(con, sql, params, "date NULLS LAST, article_id, _pos", start, end, limit)
    for r in rows:
        del r["_pos"]
    return rows


def actors(con: duckdb.DuckDBPyConnection, *, type: Optional[str] = None, modality: Optional[str] = None,
           actor: Optional[str] = None, limit: Optional[int] = 50) -> list[dict]:
    """Who acts on whom: one row per (actor, recipient, event type), most frequent first.

    `events` counts distinct events (near-duplicate copies once), `asserted` those
    stated as done, `articles` the articles that carry them (copies included)."""
    where, params = ["TRUE"], {}
    if type:
        where.append("upper(type) = $type")
        params["type"] = type.strip().upper()
    if modality:
        where.append("lower(modality) = $modality")
        params["modality"] = modality.strip().lower()
    if actor:
        where.append("list_contains($actors, actor)")
        params["actors"] = entity_names(con, actor)
    lim = f"LIMIT {int(limit)}" if limit else ""
    cur = con.execute(
        f"""WITH pairs AS (
                SELECT unnest(CASE WHEN len(actors) = 0 THEN [NULL] ELSE actors END) AS actor,
                       recipients, type, modality, n_articles
                FROM events_dedup
            ), flat AS (
                SELECT actor, unnest(CASE WHEN len(recipients) = 0 THEN [NULL] ELSE recipients END) AS recipient,
                       type, modality, n_articles
                FROM pairs
            )
            SELECT actor, recipient, type, count(*) AS events,
                   count(*) FILTER (WHERE modality = 'asserted') AS asserted,
                   sum(n_articles) AS articles
            FROM flat WHERE {' AND '.join(where)}
            GROUP BY actor, recipient, type
            ORDER BY events DESC, actor NULLS LAST, recipient NULLS LAST, type {lim}""", params)
    return _rows(cur)


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
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    out["clusters"] = con.execute("SELECT count(DISTINCT cluster_id) FROM articles").fetchone()[0]
    out["words"] = con.execute("SELECT coalesce(sum(n_words), 0) FROM articles").fetchone()[0]
    return out
