"""One self-contained HTML page: each article's text with every span highlighted by kind.

Spans of different layers overlap (an entity inside a quote inside an event's
evidence), so the text is cut at every span boundary and each piece carries the
classes of all spans covering it; nothing is nested or dropped.
"""

from __future__ import annotations

import html
from typing import Iterable

from ..models import Record

_CSS = """
body{font:16px/1.6 Georgia,serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.2rem;border-top:2px solid #ddd;padding-top:1rem}
.meta{color:#666;font-size:.9rem} .legend span{margin-right:.8rem;padding:0 .3rem}
.text{white-space:pre-wrap;background:#fcfcfa;border:1px solid #eee;padding:1rem}
.PER{background:#cfe8ff} .ORG{background:#ffe0b3} .LOC,.GPE{background:#d6f5d6} .MISC{background:#eee}
.quote{border-bottom:2px solid #b05fd6} .cue{font-weight:bold;color:#7a2aa0} .speaker{outline:1px dashed #7a2aa0}
.time{background:#fff3a0;box-shadow:inset 0 -2px #c9a400} .event{text-decoration:underline wavy #d33}
.trigger{color:#b00;font-weight:bold}
table{border-collapse:collapse;font:13px/1.4 sans-serif;margin:.5rem 0} td,th{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
details{margin:.5rem 0} summary{cursor:pointer;font-weight:bold}
"""

_LEGEND = [("PER", "person"), ("ORG", "organization"), ("LOC", "place"), ("quote", "quote content"),
           ("cue", "reporting cue"), ("speaker", "speaker mention"), ("time", "time expression"),
           ("event", "event evidence"), ("trigger", "event trigger")]


def _spans(record: Record) -> list[tuple[int, int, str, str]]:
    out = []
    for ent in record.entities:
        for m in ent.mentions:
            out.append((m.start, m.end, ent.type, f"{ent.name} ({ent.id}) via {m.label or 'ner'}"))
    for q in record.quotes:
        out.append((q.content.start, q.content.end, "quote", f"{q.kind} quote of {q.speaker.name}"))
        if q.cue_span:
            out.append((q.cue_span.start, q.cue_span.end, "cue", q.cue or ""))
        if q.speaker.mention:
            out.append((q.speaker.mention.start, q.speaker.mention.end, "speaker", q.speaker.name))
    for t in record.times:
        out.append((t.start, t.end, "time", f"{t.type} {t.value}"))
    for e in record.events:
        label = f"{e.type} {e.modality}: {', '.join(e.actors)} -> {', '.join(e.recipients)}"
        out.append((e.evidence.start, e.evidence.end, "event", label))
        if e.trigger:
            out.append((e.trigger.start, e.trigger.end, "trigger", e.type))
    return [s for s in out if 0 <= s[0] < s[1] <= len(record.text)]


def highlight(record: Record) -> str:
    spans = _spans(record)
    cuts = sorted({0, len(record.text), *[s[0] for s in spans], *[s[1] for s in spans]})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s[0] <= a and s[1] >= b]
        piece = html.escape(record.text[a:b])
        if covering:
            classes = " ".join(sorted({s[2] for s in covering}))
            title = html.escape(" | ".join(s[3] for s in covering), quote=True)
            parts.append(f'<span class="{classes}" title="{title}">{piece}</span>')
        else:
            parts.append(piece)
    return "".join(parts)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def article_section(record: Record) -> str:
    title = html.escape(record.title or record.id)
    meta = (f"id {html.escape(record.id)} · published {html.escape(record.published.value or 'unknown')} "
            f"({html.escape(record.published.how)}) · source {html.escape(record.source or '-')}")
    ents = _table(["entity", "id", "type", "roles", "mentions"],
                  [[e.name, e.id, e.type, "; ".join(r.title for r in e.roles), len(e.mentions)] for e in record.entities])
    quotes = _table(["kind", "speaker", "cue", "via", "channel", "content"],
                    [[q.kind, q.speaker.name, q.cue, " < ".join(q.via), q.channel or "", q.content.text[:160]]
                     for q in record.quotes])
    times = _table(["text", "type", "value"], [[t.text, t.type, t.value] for t in record.times])
    events = _table(["type", "mode", "modality", "actors", "recipients", "place", "date", "reported by", "evidence"],
                    [[e.type, e.mode or "", e.modality, ", ".join(e.actors), ", ".join(e.recipients), e.place or "",
                      e.date or "", ", ".join(e.reported_by), e.evidence.text[:160]] for e in record.events])
    warnings = "".join(f"<p class='meta'>warning: {html.escape(w)}</p>" for w in record.warnings)
    return (f"<h2>{title}</h2><p class='meta'>{meta}</p>{warnings}<div class='text'>{highlight(record)}</div>"
            f"<details open><summary>Entities ({len(record.entities)})</summary>{ents}</details>"
            f"<details open><summary>Quotes ({len(record.quotes)})</summary>{quotes}</details>"
            f"<details><summary>Times ({len(record.times)})</summary>{times}</details>"
            f"<details open><summary>Events ({len(record.events)})</summary>{events}</details>")


def page(records: Iterable[Record], title: str = "veille") -> str:
    legend = "".join(f'<span class="{cls}">{html.escape(name)}</span>' for cls, name in _LEGEND)
    body = "".join(article_section(r) for r in records)
    return (f"<!doctype html><html lang='fr'><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style><h1>{html.escape(title)}</h1><p class='legend'>{legend}</p>{body}</html>")
