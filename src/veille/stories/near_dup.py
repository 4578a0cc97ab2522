"""Near-duplicate articles: the same wire copy republished, found with MinHash + LSH.

An article's fingerprint is the MinHash of its word 3-shingles (lower-cased,
punctuation dropped), so a republished dispatch with a new title, a changed
sentence or a different byline still matches, while two articles on the same
story written separately do not. The index lives in memory; signatures are
stored as bytes so that a later run rebuilds it without re-reading any text.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Optional

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
