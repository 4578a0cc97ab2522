"""Settings every stage may read. Defaults ship here; the CLI and API override them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def default_db_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "veille" / "veille.duckdb"


@dataclass
class Settings:
    model: str = "fr_core_news_md"
    # Inputs above this size are rejected rather than read into memory.
    max_bytes: int = 20 * 1024 * 1024
    # Paragraphs longer than this are cut at a sentence-like boundary before spaCy:
    # the parser's cost grows with length and glued corpora have no paragraph breaks.
    max_chunk_chars: int = 5000
    # Articles up to this length are parsed as one doc (cheaper than paragraphs
    # joined with Doc.from_docs); longer texts are cut into paragraphs.
    whole_doc_chars: int = 100_000
    batch_size: int = 64
    # "skip": non-French articles are rejected; "warn": processed with a warning.
    other_languages: str = "skip"
    # Article-level components run in this order on the whole-article Doc.
    components: list[str] = field(
        default_factory=lambda: ["veille_entities", "veille_times", "veille_quotes", "veille_events"]
    )
    user_kb: Path | None = None
    # A worker process is replaced by a fresh one after this many articles (0:
    # never): spaCy's vocabulary only grows (every new word form stays, ~1 MB per
    # 100 OrangeSum articles after the first thousand), so this bounds a worker's
    # memory whatever the corpus size, for one model load (~8 CPU-s) each time.
    worker_max_articles: int = 20_000
    # Matrix products of the spaCy models: "openblas" (numpy's, one thread; see
    # veille.nlp.kernels) or "blis" (thinc's default).
    gemm: str = "openblas"
