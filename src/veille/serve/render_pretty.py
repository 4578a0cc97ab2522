"""A readable terminal summary of a record (Rich)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from ..models import Record


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def show(console: Console, record: Record) -> None:
    pub = f"{record.published.value or 'unknown'} ({record.published.how})"
    head = f"[bold]{record.title or record.id}[/bold]\nid {record.id} · published {pub} · source {record.source or '-'}"
    head += f"\n{len(record.text.split())} words · {len(record.sentences)} sentences · " \
            f"{len(record.entities)} entities · {len(record.quotes)} quotes · {len(record.times)} times · " \
            f"{len(record.events)} events"
    for w in record.warnings:
        head += f"\n[yellow]warning:[/yellow] {w}"
    console.print(Panel(head, expand=True))

    if record.entities:
        t = Table(title="Entities", show_lines=False, expand=True)
        for col in ("name", "id", "type", "roles", "mentions"):
            t.add_column(col)
        for e in record.entities:
            surfaces = sorted({m.text for m in e.mentions})
            t.add_row(e.name, e.id, e.type, _clip("; ".join(r.title for r in e.roles), 40),
                      _clip(f"{len(e.mentions)}: " + ", ".join(surfaces), 60))
        console.print(t)
    if record.quotes:
        t = Table(title="Quotes", expand=True)
        for col in ("kind", "speaker", "cue", "via", "content"):
            t.add_column(col)
        for q in record.quotes:
            t.add_row(q.kind, q.speaker.name, q.cue or "", " < ".join(q.via), _clip(q.content.text, 70))
        console.print(t)
    if record.times:
        t = Table(title="Times", expand=True)
        for col in ("text", "type", "value"):
            t.add_column(col)
        for x in record.times:
            t.add_row(x.text, x.type, str(x.value))
        console.print(t)
    if record.events:
        t = Table(title="Events", expand=True)
        for col in ("type", "modality", "actors", "recipients", "place", "date", "reported by", "evidence"):
            t.add_column(col)
        for e in record.events:
            t.add_row(f"{e.type}{'/' + e.mode if e.mode else ''}", e.modality, ", ".join(e.actors),
                      ", ".join(e.recipients), e.place or "", e.date or "", ", ".join(e.reported_by),
                      _clip(e.evidence.text, 50))
        console.print(t)
