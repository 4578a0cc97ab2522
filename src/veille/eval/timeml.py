"""Scoring the time layer on TimeML files (FR-TimeBank and the like).

Each file gives the document creation time (<DCT><TIMEX3 value=...>), the text inside
<TEXT> and its TIMEX3 annotations. The text (tags stripped) runs through the
Analyzer with the DCT as publication date; system times are compared with the gold
ones by character offsets:
  * strict: same start and end;
  * relaxed (overlap): the spans share at least one character (TempEval-3 style:
    a system span is correct when it overlaps a gold one, a gold span is found when a
    system span overlaps it);
  * type and value accuracy over the overlapping pairs (each gold time paired with
    the system time that overlaps it most), and value accuracy over the gold DATEs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..errors import VeilleError
from ..models import Article
from .gold import prf

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


@dataclass
class GoldTime:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: Optional[str] = None


@dataclass
class TimeMLDoc:
    name: str
    dct: Optional[str]
    text: str
    times: list[GoldTime] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse one TimeML file: plain text of <TEXT> with the offsets of its TIMEX3."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw, re.S)
    dct = None
    if dct_match:
        dct = dict(_ATTR.findall(dct_match.group(1))).get("value")
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise VeilleError(f"{path}: no <TEXT> element")
    src = body.group(1)
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    times: list[GoldTime] = []
    pos = 0
    for m in _TAG.finditer(src):
        chunk = html.unescape(src[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3":
            continue
        if closing:
            if open_timex:
                start, a = open_timex.pop()
                times.append(GoldTime(start, length, "", a.get("type", ""), a.get("value", ""), a.get("mod")))
        elif not selfclosing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
    tail = html.unescape(src[pos:])
    out.append(tail)
    text = "".join(out)
    # The texts start and end with a line break around the content; keep offsets as they are
    # but do not let the analyzer see leading whitespace as content.
    for t in times:
        t.text = text[t.start:t.end]
    return TimeMLDoc(path.stem, dct, text, sorted(times, key=lambda t: t.start))


def _paths(folder_or_paths) -> list[Path]:
    if isinstance(folder_or_paths, (str, Path)):
        p = Path(folder_or_paths)
        if p.is_dir():
            return sorted(p.glob("*.tml"))
        return [p]
    return [Path(p) for p in folder_or_paths]


def _norm_value(v: Optional[str]) -> str:
    if not v:
        return ""
    v = v.strip().upper()
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)
    v = re.sub(r"(T\d\d:\d\d):00$", r"\1", v)
    return v



def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score_documents(docs: Iterable[tuple[TimeMLDoc, list]]) -> dict:
    """Scores from (gold document, system times) pairs; system times need start, end, type, value."""
    n_gold = n_sys = 0
    strict_sys = strict_gold = relaxed_sys = relaxed_gold = 0
    pairs = type_ok = value_ok = date_pairs = date_ok = 0
    errors: list[dict] = []
    for doc, sys_times in docs:
        n_gold += len(doc.times)
        n_sys += len(sys_times)
        gold_spans = {(g.start, g.end) for g in doc.times}
        sys_spans = {(s.start, s.end) for s in sys_times}
        strict_sys += sum(1 for s in sys_times if (s.start, s.end) in gold_spans)
        strict_gold += sum(1 for g in doc.times if (g.start, g.end) in sys_spans)
        for s in sys_times:
            if any(_overlap(s.start, s.end, g.start, g.end) for g in doc.times):
                relaxed_sys += 1
            else:
                errors.append({"doc": doc.name, "kind": "spurious", "text": doc.text[s.start:s.end],
                               "type": s.type, "value": s.value, "context": _context(doc.text, s.start, s.end)})
        for g in doc.times:
            # The most overlapping system time; on a tie, the one of the gold type ("Hier à 10 h").
            best = max(sys_times, key=lambda s: (_overlap(s.start, s.end, g.start, g.end), s.type == g.type),
                       default=None)
            if best is None or not _overlap(best.start, best.end, g.start, g.end):
                errors.append({"doc": doc.name, "kind": "missed", "text": g.text, "gold_type": g.type,
                               "gold_value": g.value, "context": _context(doc.text, g.start, g.end)})
                continue
            relaxed_gold += 1
            pairs += 1
            same_type = best.type == g.type
            same_value = _norm_value(best.value) == _norm_value(g.value)
            type_ok += same_type
            value_ok += same_value
            if g.type == "DATE":
                date_pairs += 1
                date_ok += same_value
            if not (same_type and same_value) or (best.start, best.end) != (g.start, g.end):
                errors.append({"doc": doc.name, "kind": "value" if not same_value else "type" if not same_type else "span",
                               "text": g.text, "system_text": doc.text[best.start:best.end],
                               "gold_type": g.type, "type": best.type, "gold_value": g.value, "value": best.value,
                               "context": _context(doc.text, g.start, g.end)})
    return {
        "strict": prf(strict_sys, n_sys, strict_gold, n_gold),
        "relaxed": prf(relaxed_sys, n_sys, relaxed_gold, n_gold),
        "type_accuracy": round(type_ok / pairs, 4) if pairs else 0.0,
        "value_accuracy": round(value_ok / pairs, 4) if pairs else 0.0,
        "date_value_accuracy": round(date_ok / date_pairs, 4) if date_pairs else 0.0,
        "counts": {"documents": 0, "gold": n_gold, "system": n_sys, "matched": pairs, "gold_dates": date_pairs},
        "errors": errors,
    }


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def score_timeml(folder_or_paths, analyzer) -> dict:
    """Run the TimeML documents through analyzer (publication date = DCT) and score its times."""
    paths = _paths(folder_or_paths)
    if not paths:
        raise VeilleError(f"{folder_or_paths}: no TimeML (*.tml) files")
    docs = [read_timeml(p) for p in paths]
    articles = [Article(text=d.text, id=d.name, published=d.dct, published_how="DCT", origin=str(p))
                for d, p in zip(docs, paths)]
    pairs = []
    for doc, record in zip(docs, analyzer.analyze_many(articles)):
        pairs.append((doc, record.times))
    scores = score_documents(pairs)
    scores["counts"]["documents"] = len(docs)
    return scores
