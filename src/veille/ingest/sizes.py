"""Sizes as users read them in messages."""

from __future__ import annotations


def megabytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    value = f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
    return f"{value} MB"
