"""Find quotation marks in raw text: « », “ ” and straight double quotes.

Works on characters, not tokens: spaCy glues « and » to words («là»), and
OrangeSum glues sentences ("unis.Selon"). A French quote that runs over several
paragraphs opens each paragraph with « and closes only at the end; such
paragraphs are merged into one region. An opening mark never closed ends at the
end of its paragraph (or before the next opening mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"«": "»", "“": "”", "„": "“"}
_PARAGRAPH = re.compile(r"[^\n]+")
_SENT_END_BEFORE = re.compile(r"[.!?…][\s\u00a0]*$")


@dataclass
class Region:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark, None when never closed
    start: int  # content start (after the mark and spaces)
    end: int  # content end (before the closing mark and spaces)
    mark: str

    @property
    def after(self) -> int:
        """First offset after the region (after the closing mark when there is one)."""
        return self.close + 1 if self.close is not None else self.end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u00a0\u202f\t":
        start += 1
    while end > start and text[end - 1] in " \u00a0\u202f\t\r":
        end -= 1
    return start, end


def _scan_paired(text: str, p0: int, p1: int, out: list[Region]) -> None:
    """Typographic marks, nesting allowed; only the outermost pair makes a region."""
    i = p0
    while i < p1:
        ch = text[i]
        closer = _PAIRS.get(ch)
        if closer is None:
            i += 1
            continue
        depth, j, close = 1, i + 1, None
        while j < p1:
            c = text[j]
            if c == closer:
                depth -= 1
                if depth == 0:
                    close = j
                    break
            elif c == ch:
                # Another opening mark of the same kind before any close: with no
                # nesting closer seen, the first quote was left open (French
                # continuation style) and stops here.
                if depth == 1 and text.find(closer, j, p1) == -1:
                    break
                # « …bout. « Nous ne céderons rien » »: OrangeSum glues the paragraphs of a
                # long quote; an opening mark after a sentence end reopens, it does not nest
                if not (depth == 1 and _SENT_END_BEFORE.search(text, max(i + 1, j - 3), j)):
                    depth += 1
            j += 1
        end = close if close is not None else j
        s, e = _trim(text, i + 1, end)
        if e > s:
            out.append(Region(i, close, s, e, ch))
        i = (close + 1) if close is not None else j


def _scan_straight(text: str, p0: int, p1: int, out: list[Region]) -> None:
    """Straight double quotes pair up in order within a paragraph.

    A mark with a space after it and a word before cannot open; one with a space
    before it and a word after cannot close. Such marks re-synchronise the pairing
    when a stray quote would otherwise shift every later pair by one."""
    open_at = None
    for m in re.finditer('"', text[p0:p1]):
        p = p0 + m.start()
        before = text[p - 1] if p > p0 else " "
        after = text[p + 1] if p + 1 < p1 else " "
        # a mark before a comma or a period closes; one after an opening bracket opens
        can_open = not after.isspace() and after not in ",.;:!?)]»"
        can_close = not before.isspace() and before not in "([«"
        if open_at is None:
            if can_open:
                open_at = p
            continue
        if can_close:
            s, e = _trim(text, open_at + 1, p)
            if e > s:
                out.append(Region(open_at, p, s, e, '"'))
            open_at = None
        else:
            open_at = p  # the previous opening mark was a stray one
    if open_at is not None:
        s, e = _trim(text, open_at + 1, p1)
        if e > s:
            out.append(Region(open_at, None, s, e, '"'))


def find_regions(text: str) -> list[Region]:
    regions: list[Region] = []
    for m in _PARAGRAPH.finditer(text):
        p0, p1 = m.start(), m.end()
        found: list[Region] = []
        _scan_paired(text, p0, p1, found)
        # Straight quotes inside a typographic quote are nested quotes: ignore them.
        straight: list[Region] = []
        _scan_straight(text, p0, p1, straight)
        for r in straight:
            if not any(f.open <= r.open < f.after for f in found):
                found.append(r)
        regions.extend(sorted(found, key=lambda r: r.open))
    return _merge_continued(text, regions)


def _merge_continued(text: str, regions: list[Region]) -> list[Region]:
    """« Para one… \\n« Para two…» is one quote."""
    out: list[Region] = []
    for r in regions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.close is None
            and prev.mark == r.mark
            and text[prev.end : r.open].strip() == ""
            and "\n" in text[prev.end : r.open]
        ):
            out[-1] = Region(prev.open, r.close, prev.start, r.end, prev.mark)
        else:
            out.append(r)
    return out
