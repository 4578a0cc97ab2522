"""The one exception ingest raises internally; `read()` turns it into a Rejection."""

from __future__ import annotations


class Reject(Exception):
    """This input (or this line of it) cannot become an Article, for `reason`.

    `origin` is set when the rejected unit is narrower than the input being read
    (one line of a corpus, one entry of a feed).
    """

    def __init__(self, reason: str, origin: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.origin = origin
