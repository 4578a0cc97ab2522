"""Near-duplicate articles: the same wire copy republished, found with MinHash + LSH.

An article's fingerprint is the MinHash of its word 3-shingles (lower-cased,
punctuation dropped), so a republished dispatch with a new title, a changed
sentence or a different byline still matches, while two articles on the same
story written separately do not. The index lives in memory; signatures are
stored as bytes so that a later run rebuilds it without re-reading any text.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
# Jaccard similarity of 3-shingles above which two articles are the same copy.
# Measured on OrangeSum-like text: one rewritten sentence in 15 keeps ~0.85;
# two articles on the same story from different desks stay below 0.3.
THRESHOLD = 0.8
SHINGLE = 3
# Texts shorter than this many words are not fingerprinted: a two-line brief
# shares most of its shingles with any other brief on the same topic.
MIN_WORDS = 30

_WORD = re.compile(r"\w+", re.UNICODE)
# The permutations and the shingle hash must be the same in every process and
# every run: a fixed seed, a named scheme (datasketch 2 refuses stored values
# without one), and CRC-32 as the hash (twice as fast as datasketch's default
# SHA-1, with the same estimation error on OrangeSum pairs). Changing any of them
# makes the stored signatures incomparable.
_SEED = 7
_SCHEME = "affine32"
_HASH = zlib.crc32
# LSH candidates are gathered well below THRESHOLD (banding misses some pairs
# just above its own threshold), then kept on their estimated similarity.
LSH_THRESHOLD = max(0.3, THRESHOLD - 0.2)
# The banding datasketch chooses for LSH_THRESHOLD and NUM_PERM (b bands of r
# values; tests check it is the in-memory index's): the store's band keys, and
# migration 005 which computes them in SQL, depend on it.
BANDS, ROWS = 18, 7


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():
    # Drawing the permutations costs ~0.5 ms: once per process, not once per article.
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_HASH).permutations


class Signature:
    """Stored MinHash values: what the LSH index and the similarity estimate need,
    without building a datasketch MinHash per stored article."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: np.ndarray):
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other) -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)


def signature(text: str) -> Optional[Signature]:
    """The MinHash signature of a text, or None when it is too short to compare reliably."""
    grams = shingles(text)
    if len(grams) < MIN_WORDS - SHINGLE + 1:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_HASH, permutations=_permutations())
    m.update_batch(list(grams))
    # One dtype everywhere: LSH bands hash the raw bytes of the values.
    return Signature(m.hashvalues.astype(np.uint64))


def to_bytes(m: Signature) -> bytes:
    return m.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> Signature:
    return Signature(np.frombuffer(data, dtype="<u8").astype(np.uint64))


def similarity(a: str, b: str) -> float:
    """Exact Jaccard similarity of two texts' shingles (for checks and tests)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@dataclass
class Match:
    article_id: str
    duplicate_of: str
    similarity: float
    cluster_id: str


class NearDuplicateIndex:
    """Finds, for a new article, the stored articles it duplicates, and its cluster.

    A cluster is named after the first stored article of it; an article that
    matches nothing founds its own cluster (cluster_id = its id).
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        # LSH banding misses some pairs just above its threshold: candidates are
        # gathered well below it, then kept on their estimated similarity.
        self.lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=NUM_PERM)
        self.signatures: dict[str, Signature] = {}
        self.clusters: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def load(self, rows: Iterable[tuple[str, bytes, Optional[str]]]) -> None:
        """Rebuild from stored (article_id, signature bytes, cluster_id) rows."""
        with self.lsh.insertion_session() as session:
            for article_id, data, cluster in rows:
                if article_id in self.signatures or not data:
                    continue
                m = from_bytes(data)
                session.insert(article_id, m)
                self.signatures[article_id] = m
                self.clusters[article_id] = cluster or article_id

    def remove(self, article_id: str) -> None:
        if article_id in self.signatures:
            self.lsh.remove(article_id)
            del self.signatures[article_id]
        self.clusters.pop(article_id, None)

    def add(self, article_id: str, m: Optional[Signature]) -> tuple[str, list[Match]]:
        """Index one article; return its cluster id and the stored articles it duplicates."""
        self.remove(article_id)
        if m is None:
            self.clusters[article_id] = article_id
            return article_id, []
        matches = []
        for other in self.lsh.query(m):
            sim = m.jaccard(self.signatures[other])
            if sim >= self.threshold:
                matches.append(Match(article_id, other, round(sim, 4), self.clusters.get(other, other)))
        matches.sort(key=lambda x: (-x.similarity, x.duplicate_of))
        cluster = matches[0].cluster_id if matches else article_id
        self.lsh.insert(article_id, m)
        self.signatures[article_id] = m
        self.clusters[article_id] = cluster
        return cluster, matches


# -- the store's LSH: band keys in a table, one batch in memory ------------------------------

def band_keys(m: Signature) -> list[int]:
    """The key of each LSH band of a signature: the low 64 bits of the MD5 of the
    band's little-endian bytes, as DuckDB's md5_number_lower computes them (the
    migration fills the table in SQL). Two articles are LSH candidates when they
    share the key of one band, as when datasketch compares the bands' bytes."""
    raw = to_bytes(m)
    width = 8 * ROWS
    return [int.from_bytes(hashlib.md5(raw[b * width:(b + 1) * width]).digest()[8:], "little")
            for b in range(BANDS)]


def match_batch(items: Sequence[tuple[str, Optional[Signature]]],
                stored: Iterable[tuple[str, int, int]],
                stored_signatures: dict[str, Signature],
                stored_clusters: dict[str, str],
                threshold: float = THRESHOLD) -> list[tuple[str, list[Match]]]:
    """The cluster and matches of each article of a batch, in order: what
    `NearDuplicateIndex.add` returns for each, called in the same order on an
    index holding the stored articles.

    `stored` holds the (article_id, band, key) rows of stored articles that share
    a band key with an item of the batch; `stored_signatures` and `stored_clusters`
    their signatures and clusters. An item of the batch sees the items before it,
    and the stored version of an article of the batch until that article's turn
    (then it is replaced, as `add` removes it first).
    """
    by_key: dict[tuple[int, int], set[str]] = defaultdict(set)
    for article_id, band, key in stored:
        by_key[(int(band), int(key))].add(article_id)
    position = {article_id: i for i, (article_id, _) in enumerate(items)}
    batch_by_key: dict[tuple[int, int], list[str]] = defaultdict(list)
    batch_signatures: dict[str, Signature] = {}
    batch_clusters: dict[str, str] = {}
    out = []
    for i, (article_id, m) in enumerate(items):
        # Its own stored version, if any, is removed before it is looked up.
        batch_signatures.pop(article_id, None)
        if m is None:
            batch_clusters[article_id] = article_id
            out.append((article_id, []))
            continue
        keys = list(enumerate(band_keys(m)))
        candidates: dict[str, Signature] = {}
        for slot in keys:
            for other in by_key.get(slot, ()):
                if position.get(other, len(items)) > i:
                    candidates[other] = stored_signatures[other]
            for other in batch_by_key.get(slot, ()):
                if other in batch_signatures:
                    candidates[other] = batch_signatures[other]
        matches = []
        for other, sig in candidates.items():
            sim = m.jaccard(sig)
            if sim >= threshold:
                cluster_of = batch_clusters.get(other) if other in batch_signatures else stored_clusters.get(other)
                matches.append(Match(article_id, other, round(sim, 4), cluster_of or other))
        matches.sort(key=lambda x: (-x.similarity, x.duplicate_of))
        cluster = matches[0].cluster_id if matches else article_id
        for slot in keys:
            batch_by_key[slot].append(article_id)
        batch_signatures[article_id] = m
        batch_clusters[article_id] = cluster
        out.append((cluster, matches))
    return out
