"""Cross-article claims: the same event seen in several articles or sources.

Events (dicts with the fields of models.Event plus `article_id`, `idx` and the
article's `source`, `cluster_id`, `published`) are grouped into claims. Two events
state the same claim when they have

* the same PLOVER type;
* overlapping actors when both name actors, overlapping recipients when both
  name recipients, and at least one of these overlaps (two events with no
  participant in common are never merged; names are canonical names);
* compatible dates: equal, or one contained in the other (`2020-01` contains
  `2020-01-03`, `2020-W01` contains `2020-01-03`; an `X` digit of an unknown year
  matches any digit); an undated event is compatible with any date;
* the same place when both have one.

Grouping is complete-linkage: an event joins a claim only if it is compatible
with every event already in it, so an undated event cannot bridge two strikes
on different days. Events are taken most specific first (dated, placed, with
most participants), so precise events found claims and vague ones join them.
The result depends only on the set of events given, never on their order, which
is what lets the store recompute a connected group of events on its own
(`components`).

Stance of an event towards its claim: asserted, claimed, historical and planned
support it; negated and denied dispute it; hypothetical does neither. A claim
is *contested* when it is both supported and disputed, or when one of its
events names sources that dispute it (`disputed_by`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Optional

SUPPORT = frozenset({"asserted", "claimed", "historical", "planned"})
DISPUTE = frozenset({"negated", "denied"})


def stance(event: dict) -> str:
    modality = (event.get("modality") or "asserted").lower()
    if modality in DISPUTE:
        return "disputes"
    if modality in SUPPORT:
        return "supports"
    return "neutral"


# -- dates -----------------------------------------------------------------------------

def _bounds(value: str) -> Optional[tuple[date, date]]:
    """First and last day of a fully known date of day, week, month or year precision."""
    v = value[:10]
    try:
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            d = date.fromisoformat(v)
            return d, d
        if len(v) >= 8 and v[4:6] == "-W" and v[6:8].isdigit():
            first = date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            return first, first + timedelta(days=6)
        if len(v) == 7 and v[4] == "-" and v[5:7].isdigit():
            y, m = int(v[:4]), int(v[5:7])
            first = date(y, m, 1)
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if v[:4].isdigit() and (len(v) == 4 or not v[4:5].isdigit()):
            # A year, or a season / quarter / half of it: bounded by the year.
            y = int(v[:4])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


def _wild_prefix(short: str, long: str) -> bool:
    return len(short) <= len(long) and all(a == b or a == "X" or b == "X" for a, b in zip(short, long))


def dates_compatible(a: Optional[str], b: Optional[str]) -> bool:
    """Equal, or one within the other; an unknown date is compatible with any."""
    if not a or not b:
        return True
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        return True
    if "X" in a or "X" in b:
        # Unknown digits (TimeML "XXXX-01"): compare character by character.
        a10, b10 = a[:10], b[:10]
        return _wild_prefix(a10, b10) or _wild_prefix(b10, a10)
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return _wild_prefix(a, b) or _wild_prefix(b, a)
    return (ba[0] <= bb[0] and bb[1] <= ba[1]) or (bb[0] <= ba[0] and ba[1] <= bb[1])


def _precision(value: Optional[str]) -> int:
    """How specific a date is: more known characters, more specific."""
    if not value:
        return 0
    b = _bounds(value)
    if b is not None:
        return 100_000 - (b[1] - b[0]).days
    return sum(c != "X" for c in value)


# -- events ------------------------------------------------------------------------------

def _names(values) -> frozenset:
    return frozenset(v for v in values or () if v)


def compatible(a: dict, b: dict) -> bool:
    """Whether two events can state the same claim (see the module doc)."""
    if (a.get("type") or "").upper() != (b.get("type") or "").upper():
        return False
    shared = False
    for key in ("actors", "recipients"):
        x, y = _names(a.get(key)), _names(b.get(key))
        if x and y:
            if not x & y:
                return False
            shared = True
    if not shared:
        return False
    pa, pb = a.get("place"), b.get("place")
    if pa and pb and pa != pb:
        return False
    return dates_compatible(a.get("date"), b.get("date"))


def _specificity(e: dict) -> tuple:
    # Most specific first; article id and index break ties so the order is total.
    return (-_precision(e.get("date")), not e.get("place"),
            -(len(e.get("actors") or []) + len(e.get("recipients") or [])),
            str(e.get("article_id")), int(e.get("idx") or 0))


def block_keys(e: dict) -> set[tuple[str, str, str]]:
    """(type, role, name) keys: two compatible events share at least one."""
    t = (e.get("type") or "").upper()
    return {(t, role, n) for role in ("actors", "recipients") for n in _names(e.get(role))}


def components(events: Iterable[dict]) -> list[list[dict]]:
    """Events split into groups that share no block key: claims never cross them."""
    events = list(events)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, e in enumerate(events):
        for key in block_keys(e):
            j = owner.setdefault(key, i)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, e in enumerate(events):
        groups[find(i)].append(e)
    return list(groups.values())


def _profile(e: dict) -> tuple:
    return ((e.get("type") or "").upper(), _names(e.get("actors")), _names(e.get("recipients")),
            e.get("place") or None, e.get("date") or None)


@dataclass(eq=False)
class Claim:
    events: list[dict] = field(default_factory=list)
    # One event per distinct (type, actors, recipients, place, date): compatibility
    # depends on nothing else, so a claim stated 500 times is checked a few times.
    profiles: dict[tuple, dict] = field(default_factory=dict)

    def accepts(self, e: dict) -> bool:
        return _profile(e) in self.profiles or all(compatible(e, other) for other in self.profiles.values())

    def add(self, e: dict) -> None:
        self.events.append(e)
        self.profiles.setdefault(_profile(e), e)


# Claims an event is checked against, at most: a name in thousands of claims (a
# head of state, a country) would otherwise make grouping quadratic. Claims with
# the event's place are looked at first, then placeless ones, then the others.
MAX_CANDIDATES = 200


def group(events: Iterable[dict]) -> list[Claim]:
    """Complete-linkage grouping of events into claims (deterministic for a given set)."""
    claims: list[Claim] = []
    # (type, role, name) -> place (None: the claim has no place yet) -> claims.
    index: dict[tuple, dict[Optional[str], dict[int, Claim]]] = defaultdict(lambda: defaultdict(dict))
    place_of: dict[int, Optional[str]] = {}
    for e in sorted(events, key=_specificity):
        place = e.get("place") or None
        keys = sorted(block_keys(e))
        seen: set[int] = set()
        best = None
        checked = 0
        for bucket in _buckets(index, keys, place):
            for c in bucket.values():
                if id(c) in seen:
                    continue
                seen.add(id(c))
                checked += 1
                # The largest compatible claim, then the earliest founded.
                if (best is None or len(c.events) > len(best.events)) and c.accepts(e):
                    best = c
                if checked >= MAX_CANDIDATES:
                    break
            if checked >= MAX_CANDIDATES:
                break
        if best is None:
            best = Claim()
            claims.append(best)
            place_of[id(best)] = None
        best.add(e)
        old_place = place_of[id(best)]
        if place and old_place is None:
            place_of[id(best)] = place
            for key in block_keys(best.events[0]) | set().union(*(block_keys(x) for x in best.profiles.values())):
                index[key][None].pop(id(best), None)
        for key in set().union(*(block_keys(x) for x in best.profiles.values())) if place and old_place is None \
                else block_keys(e):
            index[key][place_of[id(best)]][id(best)] = best
    return claims


def _buckets(index, keys, place):
    if place is not None:
        for key in keys:
            yield index[key][place]
        for key in keys:
            yield index[key][None]
    else:
        for key in keys:
            yield index[key][None]
        for key in keys:
            for p, bucket in index[key].items():
                if p is not None:
                    yield bucket


# -- what a claim says ----------------------------------------------------------------------

def _distinct(values: Iterable[Optional[str]]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def summary(claim: Claim) -> dict:
    """The claim as a row: participants, date, sources for and against, modalities."""
    evs = sorted(claim.events, key=lambda e: (str(e.get("published") or "9999"), str(e["article_id"]), e["idx"]))
    supporting = [e for e in evs if stance(e) == "supports"]
    disputing = [e for e in evs if stance(e) == "disputes"]
    modalities = _distinct((e.get("modality") or "asserted") for e in evs)
    reported_by = _distinct([*(r for e in supporting for r in (e.get("reported_by") or [])[:1]),
                             *(e.get("source") for e in supporting)])
    disputed_by = _distinct([*(d for e in evs for d in (e.get("disputed_by") or [])),
                             *(r for e in disputing for r in (e.get("reported_by") or [])[:1]),
                             *(e.get("source") for e in disputing)])
    dates = [e.get("date") for e in evs if e.get("date")]
    best_date = max(dates, key=_precision) if dates else None
    modes = Counter(e.get("mode") for e in evs if e.get("mode"))
    members = sorted((str(e["article_id"]), int(e["idx"])) for e in evs)
    claim_id = hashlib.sha1("\x1f".join(f"{a}\x1e{i}" for a, i in members).encode("utf-8")).hexdigest()[:16]
    founder = sorted(evs, key=_specificity)[0]
    return {
        "claim_id": claim_id,
        "type": (founder.get("type") or "").upper(),
        "mode": modes.most_common(1)[0][0] if modes else None,
        "actors": _distinct(a for e in evs for a in e.get("actors") or []),
        "recipients": _distinct(r for e in evs for r in e.get("recipients") or []),
        "place": next((e.get("place") for e in evs if e.get("place")), None),
        "date": best_date,
        "modalities": modalities,
        "contested": bool(supporting and disputing) or any(e.get("disputed_by") for e in evs),
        "n_events": len(evs),
        "n_articles": len({e.get("cluster_id") or e["article_id"] for e in evs}),
        "articles": _distinct(str(e["article_id"]) for e in evs),
        "sources": _distinct(e.get("source") for e in evs),
        "reported_by": reported_by,
        "disputed_by": disputed_by,
        "first_published": next((e.get("published") for e in evs if e.get("published")), None),
        "evidence": (founder.get("evidence") or None),
        "members": [(str(e["article_id"]), int(e["idx"]), e.get("modality") or "asserted", stance(e))
                    for e in evs],
    }


def worth_keeping(row: dict) -> bool:
    """A claim is stored when independently written articles carry it (copies of one
    wire story count once), or when its sources disagree, even within one article."""
    return row["n_articles"] >= 2 or row["contested"]


def claims_of(events: Iterable[dict]) -> list[dict]:
    """The stored claims (rows) of a set of events closed under block keys."""
    out = []
    for comp in components(events):
        for claim in group(comp):
            row = summary(claim)
            if worth_keeping(row):
                out.append(row)
    return out
