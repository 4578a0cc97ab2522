"""Rejections: bad input is reported with the input's name and the reason, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Rejection:
    """An input (or one line of it) that could not be analysed, and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class VeilleError(Exception):
    """An error the user can act on; the CLI prints its message without a traceback."""


class UsageError(VeilleError):
    """Wrong arguments or options (exit code 2)."""
