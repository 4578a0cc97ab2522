"""Exports of a store: JSONL records, Parquet tables, PLOVER JSON lines, a GDELT-2.0-like TSV.

Field mappings are documented in docs/store.md. PLOVER and GDELT exports hold one
line per distinct event (the events_dedup view: a wire copy republished counts
once, its copies are counted in num_articles / NumArticles).
"""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

import duckdb

from .. import __version__
from .db import StoreError

FORMATS = ("jsonl", "parquet", "plover", "gdelt")
PARQUET_TABLES = ("articles", "entities", "mentions", "quotes", "times", "events", "duplicates", "rejections")

# The auxiliary modes of the PLOVER manual ("Auxiliary modes" section) go in `context`.
PLOVER_AUX = {"planned": "future", "negated": "negation", "hypothetical": "hypothetical",
              "historical": "historical"}

# GDELT 2.0 event table columns, in the order of the GDELT 2.0 Event Codebook.
GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
# veille's own columns, after GDELT's 61, so GDELT readers that take the first 61 still work.
VEILLE_COLUMNS = ["PloverType", "PloverMode", "Modality", "ReportedBy", "ArticleID", "Evidence"]


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> dict:
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        if fmt == "parquet":
            return export_parquet(con, out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            if fmt == "jsonl":
                n = export_jsonl(con, fh)
            elif fmt == "plover":
                n = export_plover(con, fh)
            else:
                n = export_gdelt(con, fh)
        return {"format": fmt, "path": str(out), "lines": n}
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from None


def _fetch(cur: duckdb.DuckDBPyConnection, size: int = 1000) -> Iterator[tuple]:
    while True:
        rows = cur.fetchmany(size)
        if not rows:
            return
        yield from rows


def export_jsonl(con: duckdb.DuckDBPyConnection, fh) -> int:
    n = 0
    for (record,) in _fetch(con.execute("SELECT record FROM articles ORDER BY published, id")):
        fh.write(record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n


def export_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> dict:
    if out.exists() and not out.is_dir():
        raise StoreError(f"{out} is a file: the Parquet export writes one file per table into a folder")
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for table in PARQUET_TABLES:
        path = out / f"{table}.parquet"
        quoted = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {table}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)")
        files[table] = str(path)
    return {"format": "parquet", "path": str(out), "files": files}


# -- events with their entities -------------------------------------------------------

_EVENTS_SQL = """
SELECT e.article_id, e.idx, e.type, e.mode, e.actors, e.recipients, e.place, e.lat, e.lon, e.date,
       e.modality, e.reported_by, e.disputed_by, e.confirmed_by, e.evidence_start, e.evidence_end,
       e.evidence, e.confidence, e.cameo, e.quad_class, e.n_articles, e.n_sources,
       a.published, a.url, a.title, a.language, a.source, a.ingested_at, a.text,
       (SELECT list({'name': n.name, 'id': n.entity_id, 'linked': n.linked, 'country': n.country,
                     'type': n.type, 'lat': n.lat, 'lon': n.lon})
        FROM entities n WHERE n.article_id = e.article_id) AS ents
FROM events_dedup e JOIN articles a ON a.id = e.article_id
ORDER BY a.published, e.article_id, e.idx
"""


def _events(con: duckdb.DuckDBPyConnection) -> Iterator[dict]:
    cur = con.execute(_EVENTS_SQL)
    columns = [d[0] for d in cur.description]
    for row in _fetch(cur, 500):
        ev = dict(zip(columns, row))
        ev["ents"] = {x["name"]: x for x in ev["ents"] or []}
        yield ev


@lru_cache(maxsize=512)
def _alpha3(alpha2: Optional[str]) -> str:
    if not alpha2:
        return ""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=alpha2.upper())
        return country.alpha_3 if country else ""
    except (ImportError, LookupError, KeyError):
        return ""


def _event_day(ev: dict) -> Optional[str]:
    """The event's own date when it is a full date, else the article's publication date."""
    for value in (ev.get("date"), ev.get("published")):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10]).isoformat()
            except ValueError:
                continue
    return None


def _event_id(ev: dict) -> str:
    return f"veille-{ev['article_id']}-{ev['idx']}"


def _plover_entity(name: str, ents: dict) -> dict:
    ent = ents.get(name) or {}
    out = {"entity_text": name, "identifier_text": name}
    if ent.get("linked") and ent.get("id"):
        out["identifier_id"] = ent["id"]
    code = _alpha3(ent.get("country"))
    if code:
        out["code"] = code
    if ent.get("type"):
        out["entity_type"] = ent["type"]
    return out


def plover_event(ev: dict, coded: str) -> dict:
    ents = ev["ents"]
    place = ev.get("place")
    place_ent = ents.get(place) or {} if place else {}
    aux = PLOVER_AUX.get(ev.get("modality") or "")
    rec = {
        "id": _event_id(ev),
        "date": _event_day(ev),
        "actor": [_plover_entity(n, ents) for n in ev["actors"] or []],
        "recipient": [_plover_entity(n, ents) for n in ev["recipients"] or []],
        "event": [ev["type"]],
        "event_type": ev["type"],
        "mode": [ev["mode"]] if ev.get("mode") else [],
        "context": [aux] if aux else [],
        "event_text": [ev["evidence"]] if ev.get("evidence") else [],
        "quad_code": ev.get("quad_class"),
        "text_info": {"start": ev.get("evidence_start"), "end": ev.get("evidence_end")},
        "cite_info": {"corpus": "veille", "citation": ev["article_id"], "url": ev.get("url"),
                      "title": ev.get("title"), "language": ev.get("language"),
                      "publication": ev.get("source"), "coder": f"veille {__version__}",
                      "codebook": "PLOVER 2021"},
        "coder": f"veille {__version__}",
        "coded_date": coded,
        # veille extensions (PLOVER allows named fields beyond its own)
        "date_text": ev.get("date"),
        "modality": ev.get("modality"),
        "reported_by": list(ev.get("reported_by") or []),
        "disputed_by": list(ev.get("disputed_by") or []),
        "confirmed_by": list(ev.get("confirmed_by") or []),
        "confidence": ev.get("confidence"),
        "cameo": ev.get("cameo"),
        "article_id": ev["article_id"],
        "num_articles": ev.get("n_articles"),
    }
    if place:
        lat = ev.get("lat") if ev.get("lat") is not None else place_ent.get("lat")
        lon = ev.get("lon") if ev.get("lon") is not None else place_ent.get("lon")
        rec["event_loc"] = {"extracted_place": place, "resolved_place": place, "lat": lat, "lon": lon,
                            "country_code": _alpha3(place_ent.get("country")) or None}
    return rec


def export_plover(con: duckdb.DuckDBPyConnection, fh) -> int:
    coded = date.today().isoformat()
    n = 0
    for ev in _events(con):
        fh.write(json.dumps(plover_event(ev, coded), ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n


def _lead_end(text: str, title: Optional[str]) -> int:
    """End offset of the lead paragraph (the first one after the title)."""
    pos = 0
    if title and text.startswith(title):
        pos = len(title)
    while pos < len(text) and text[pos] in "\r\n \t":
        pos += 1
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def gdelt_row(ev: dict) -> dict:
    ents = ev["ents"]
    day = _event_day(ev)
    row = dict.fromkeys(GDELT_COLUMNS, "")
    digest = hashlib.sha1(_event_id(ev).encode("utf-8")).hexdigest()
    row["GlobalEventID"] = str(int(digest[:15], 16))
    if day:
        d = date.fromisoformat(day)
        row["Day"] = d.strftime("%Y%m%d")
        row["MonthYear"] = d.strftime("%Y%m")
        row["Year"] = d.strftime("%Y")
        row["FractionDate"] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    for n, names in ((1, ev["actors"] or []), (2, ev["recipients"] or [])):
        if not names:
            continue
        name = names[0]
        ent = ents.get(name) or {}
        code = _alpha3(ent.get("country"))
        row[f"Actor{n}Code"] = code
        row[f"Actor{n}Name"] = "; ".join(names)
        row[f"Actor{n}CountryCode"] = code
        if ent.get("type") in ("GPE", "LOC") and ent.get("lat") is not None:
            row[f"Actor{n}Geo_Type"] = "1" if ent.get("type") == "GPE" else "4"
            row[f"Actor{n}Geo_FullName"] = name
            row[f"Actor{n}Geo_CountryCode"] = ent.get("country") or ""
            row[f"Actor{n}Geo_Lat"] = f"{ent['lat']:.4f}"
            row[f"Actor{n}Geo_Long"] = f"{ent['lon']:.4f}"
    text = ev.get("text") or ""
    start = ev.get("evidence_start")
    row["IsRootEvent"] = "1" if start is not None and start < _lead_end(text, ev.get("title")) else "0"
    cameo = (ev.get("cameo") or "").strip()
    row["EventCode"] = cameo
    row["EventBaseCode"] = cameo[:3]
    row["EventRootCode"] = cameo[:2]
    row["QuadClass"] = "" if ev.get("quad_class") is None else str(ev["quad_class"])
    n_articles = ev.get("n_articles") or 1
    row["NumMentions"] = str(n_articles)
    row["NumArticles"] = str(n_articles)
    row["NumSources"] = str(max(1, ev.get("n_sources") or 0))
    place = ev.get("place")
    if place:
        place_ent = ents.get(place) or {}
        lat = ev.get("lat") if ev.get("lat") is not None else place_ent.get("lat")
        lon = ev.get("lon") if ev.get("lon") is not None else place_ent.get("lon")
        row["ActionGeo_Type"] = "1" if place_ent.get("type") == "GPE" else ("4" if lat is not None else "")
        row["ActionGeo_FullName"] = place
        row["ActionGeo_CountryCode"] = place_ent.get("country") or ""
        if lat is not None and lon is not None:
            row["ActionGeo_Lat"] = f"{lat:.4f}"
            row["ActionGeo_Long"] = f"{lon:.4f}"
    added = ev.get("ingested_at")
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if isinstance(added, datetime) else ""
    row["SOURCEURL"] = ev.get("url") or f"veille:{ev['article_id']}"
    row.update({
        "PloverType": ev["type"] or "", "PloverMode": ev.get("mode") or "", "Modality": ev.get("modality") or "",
        "ReportedBy": " < ".join(ev.get("reported_by") or []), "ArticleID": ev["article_id"],
        "Evidence": " ".join((ev.get("evidence") or "").split()),
    })
    return row


def export_gdelt(con: duckdb.DuckDBPyConnection, fh) -> int:
    writer = csv.DictWriter(fh, fieldnames=GDELT_COLUMNS + VEILLE_COLUMNS, delimiter="\t",
                            quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in _events(con):
        row = gdelt_row(ev)
        # Tabs and line breaks would break the TSV: they become spaces.
        writer.writerow({k: " ".join(str(v).split()) if k in ("Evidence", "Actor1Name", "Actor2Name",
                                                              "ActionGeo_FullName", "SOURCEURL") else v
                         for k, v in row.items()})
        n += 1
    return n
