"""Publication dates from metadata, normalized to an ISO day (YYYY-MM-DD).

The day is taken as written: "2020-07-02T23:30:00-05:00" is 2020-07-02, not the
next day in UTC, because the times layer anchors « mardi » on the outlet's day.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:$|\s)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")


def iso_day(value: object) -> str | None:
    """The ISO day of a metadata date, or None when the value does not give a full date."""
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern, order in ((_ISO, "ymd"), (_COMPACT, "ymd"), (_DMY, "dmy")):
        m = pattern.match(value)
        if m:
            parts = dict(zip(order, map(int, m.groups())))
            return _day(parts["y"], parts["m"], parts["d"])
    try:  # RFC 822, as in RSS <pubDate>: "Thu, 02 Jul 2020 19:09:00 +0200"
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return _day(parsed.year, parsed.month, parsed.day)


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None
