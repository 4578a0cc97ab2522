"""A Record as rows of the normalized tables (one dict per row, keyed by column).

Only the record's JSON form is read (`Record.to_dict()`), with `.get` and
defaults, so that fields added to the model later land in the `record` and
`data` JSON columns without any change here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from datetime import datetime
from typing import Any, Optional

from ..models import Record, iso_day
from .keys import SEP, name_key

TABLES = ("articles", "entities", "mentions", "quotes", "times", "events")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def event_key(e: dict) -> str:
    """What makes two events of a near-duplicate cluster the same event (docs/store.md)."""
    return _digest(e.get("type") or "", e.get("modality") or "", "\x1e".join(sorted(_strings(e.get("actors")))),
                   "\x1e".join(sorted(_strings(e.get("recipients")))), e.get("place") or "", e.get("date") or "")


def quote_key(q: dict) -> str:
    return _digest((q.get("speaker") or {}).get("name") or "", (q.get("content") or {}).get("text") or "")


def _ranks(keys: list[str]) -> list[int]:
    """1 for the first item of each key in the article, 2 for the second..."""
    seen: Counter = Counter()
    out = []
    for k in keys:
        seen[k] += 1
        out.append(seen[k])
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _span(value: Optional[dict]) -> tuple[Optional[int], Optional[int], Optional[str]]:
    if not value:
        return None, None, None
    return value.get("start"), value.get("end"), value.get("text")


def _coords(value) -> tuple[Optional[float], Optional[float]]:
    if isinstance(value, (list, tuple)) and len(value) >= 2:
        return value[0], value[1]
    return None, None




_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")


def date_bounds(value: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """First and last day ('YYYY-MM-DD') a date of any precision covers, for range
    filters: a month ends on its '-31', which compares right with any of its days;
    a week, season or bare year is bounded by its year; an undated item has none."""
    if not value:
        return None, None
    if _DAY.fullmatch(value[:10]):
        return value[:10], value[:10]
    if _MONTH.fullmatch(value[:7]) and not re.match(r"\d{4}-\d{2}-", value):
        return value[:7] + "-01", value[:7] + "-31"
    if _YEAR.match(value):
        return value[:4] + "-01-01", value[:4] + "-12-31"
    return None, None


def names_field(*groups) -> str:
    """An event's participants and place as one string: `SEP + name + SEP` finds one."""
    names = [str(n) for g in groups for n in (g if isinstance(g, (list, tuple)) else [g]) if n]
    return SEP + SEP.join(names) + SEP


def _strings(values) -> list[str]:
    return [str(v) for v in values or []]


def _item_json(items, i: int, fallback: dict) -> str:
    # pydantic's own serializer is several times faster than json.dumps of the dict.
    return items[i].model_dump_json() if items is not None else _json(fallback)


def record_rows(record: Record | dict, content_hash: str, cluster_id: Optional[str] = None,
                ingested_at: Optional[datetime] = None) -> dict[str, list[dict]]:
    typed = isinstance(record, Record)
    rec = record.to_dict() if typed else record
    aid = rec["id"]
    published = rec.get("published") or {}
    text = rec.get("text") or ""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    cluster = cluster_id or aid
    pub_value = published.get("value")
    pub_date = iso_day(pub_value)
    pub_text = pub_date.isoformat() if pub_date else None
    pub_first, pub_last = date_bounds(pub_value)
    rows["articles"].append({
        "id": aid,
        "content_hash": content_hash,
        "published": published.get("value"),
        "published_date": iso_day(published.get("value")),
        "published_how": published.get("how"),
        "source": rec.get("source"),
        "title": rec.get("title"),
        "url": rec.get("url"),
        "language": rec.get("language"),
        "text": text,
        "n_words": len(text.split()),
        "n_entities": len(rec.get("entities") or []),
        "n_quotes": len(rec.get("quotes") or []),
        "n_times": len(rec.get("times") or []),
        "n_events": len(rec.get("events") or []),
        "warnings": _strings(rec.get("warnings")),
        "cluster_id": cluster_id or aid,
        "schema_version": rec.get("schema_version"),
        "ingested_at": ingested_at or datetime.now(),
        "record": record.model_dump_json() if typed else _json(rec),
    })
    for i, ent in enumerate(rec.get("entities") or []):
        lat, lon = _coords(ent.get("coordinates"))
        mentions = ent.get("mentions") or []
        rows["entities"].append({
            "article_id": aid, "idx": i, "entity_id": ent.get("id"), "name": ent.get("name"),
            "name_key": name_key(ent.get("name")), "type": ent.get("type"), "linked": bool(ent.get("linked")),
            "label_fr": ent.get("label_fr"), "label_key": name_key(ent.get("label_fr")),
            "country": ent.get("country"), "lat": lat, "lon": lon, "n_mentions": len(mentions),
            "roles": _json(ent.get("roles") or []),
            "cluster_id": cluster, "published": pub_value, "date_first": pub_first, "date_last": pub_last,
        })
        for m in mentions:
            rows["mentions"].append({
                "article_id": aid, "entity_idx": i, "entity_id": ent.get("id"), "start": m.get("start"),
                "end": m.get("end"), "text": m.get("text"), "text_key": name_key(m.get("text")), "label": m.get("label"),
            })
    qkeys = [quote_key(q) for q in rec.get("quotes") or []]
    for i, (q, qkey, rank) in enumerate(zip(rec.get("quotes") or [], qkeys, _ranks(qkeys))):
        cs, ce, ct = _span(q.get("content"))
        sp = q.get("speaker") or {}
        ss, se, st = _span(sp.get("mention"))
        rows["quotes"].append({
            "article_id": aid, "idx": i, "kind": q.get("kind"), "content_start": cs, "content_end": ce,
            "content": ct, "cue": q.get("cue"), "speaker_entity": sp.get("entity"),
            "speaker_name": sp.get("name"), "speaker_description": sp.get("description"),
            "speaker_start": ss, "speaker_end": se, "speaker_text": st, "via": _strings(q.get("via")),
            "channel": q.get("channel"), "place": q.get("place"), "date": q.get("date"),
            "stance": q.get("stance"), "same_as": q.get("same_as"), "qkey": qkey, "occurrence": rank,
            "data": _item_json(record.quotes if typed else None, i, q),
            "cluster_id": cluster, "published_date": pub_date, "title": rec.get("title"), "n_articles": 1,
            "speaker_key": name_key(sp.get("description")),
            **dict(zip(("date_first", "date_last"), date_bounds(q.get("date") or pub_text))),
        })
    for i, t in enumerate(rec.get("times") or []):
        rows["times"].append({
            "article_id": aid, "idx": i, "start": t.get("start"), "end": t.get("end"), "text": t.get("text"),
            "type": t.get("type"), "value": t.get("value"), "mod": t.get("mod"),
            "anchored": bool(t.get("anchored")),
            "data": _item_json(record.times if typed else None, i, t),
        })
    ekeys = [event_key(e) for e in rec.get("events") or []]
    for i, (e, ekey, rank) in enumerate(zip(rec.get("events") or [], ekeys, _ranks(ekeys))):
        lat, lon = _coords(e.get("coordinates"))
        es, ee, et = _span(e.get("evidence"))
        trig = e.get("trigger") or {}
        rows["events"].append({
            "article_id": aid, "idx": i, "type": e.get("type"), "mode": e.get("mode"),
            "actors": _strings(e.get("actors")), "recipients": _strings(e.get("recipients")),
            "place": e.get("place"), "lat": lat, "lon": lon, "date": e.get("date"),
            "modality": e.get("modality"), "reported_by": _strings(e.get("reported_by")),
            "disputed_by": _strings(e.get("disputed_by")), "confirmed_by": _strings(e.get("confirmed_by")),
            "evidence_start": es, "evidence_end": ee, "evidence": et, "trigger": trig.get("text"),
            "confidence": e.get("confidence"), "cameo": e.get("cameo"), "quad_class": e.get("quad_class"),
            "ekey": ekey, "occurrence": rank,
            "data": _item_json(record.events if typed else None, i, e),
            "cluster_id": cluster, "published_date": pub_date, "source": rec.get("source"), "n_articles": 1,
            "n_sources": 1 if rec.get("source") else 0,
            "names": names_field(_strings(e.get("actors")), _strings(e.get("recipients")), e.get("place")),
            **dict(zip(("date_first", "date_last"), date_bounds(e.get("date") or pub_text))),
        })
    return rows
