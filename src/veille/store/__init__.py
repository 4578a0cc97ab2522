"""The store stage: analysed records in an embedded DuckDB file, queried and exported.

    from veille.store import Store
    store = Store("corpus.duckdb")          # default: veille.settings.default_db_path()
    store.quotes(speaker="Florence Parly")
    store.timeline(entity="NATO", start="2020-01-01", end="2020-02-29")
    store.events(type="ASSAULT", place="Iraq", modality="asserted")
    store.actors()
    store.sql("SELECT count(*) AS n FROM articles")
    store.export("parquet", "out/")

Writing goes through `veille.store.ingest.Ingestor` (see `veille ingest`).
"""

from .db import Store, StoreError

__all__ = ["Store", "StoreError"]
