"""Writers for `veille analyze --format`: streamed where the format allows it."""

from __future__ import annotations

import json
from typing import IO

from rich.console import Console

from ..models import Record
from . import render_html, render_pretty


class Writer:
    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()


class JsonlWriter(Writer):
    def write(self, record: Record) -> None:
        self.stream.write(json.dumps(record.to_dict(), ensure_ascii=False))
        self.stream.write("\n")


class JsonWriter(Writer):
    """A JSON array, written record by record so memory stays flat."""

    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self.count = 0

    def write(self, record: Record) -> None:
        self.stream.write("[\n" if self.count == 0 else ",\n")
        self.stream.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class PrettyWriter(Writer):
    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self.console = Console(file=stream, width=None if stream.isatty() else 160)

    def write(self, record: Record) -> None:
        render_pretty.show(self.console, record)


class HtmlWriter(Writer):
    """One page for all articles: records are kept until close (use JSONL for big corpora)."""

    def __init__(self, stream: IO[str]):
        super().__init__(stream)
        self.records: list[Record] = []

    def write(self, record: Record) -> None:
        self.records.append(record)

    def close(self) -> None:
        self.stream.write(render_html.page(self.records, title=f"veille — {len(self.records)} article(s)"))
        super().close()


WRITERS = {"pretty": PrettyWriter, "json": JsonWriter, "jsonl": JsonlWriter, "html": HtmlWriter}
