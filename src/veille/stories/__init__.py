"""Stories: links between articles (near-duplicate wire copies, cross-article claims)."""

from .near_dup import NearDuplicateIndex, signature, similarity

__all__ = ["NearDuplicateIndex", "signature", "similarity"]
