"""Within one article, the same event stated twice is one event.

Two mentions are the same event when they have the same PLOVER type (a planned
RETREAT recoded CONCEDE counts with CONCEDE), the same actors, compatible
recipients and places, no conflicting dates, and modalities that can describe
one fact: equal, or one asserted and the other claimed (the outlet asserts what a
source also claims; the asserted reading wins). The mention with the highest
confidence stays the evidence; the others go to `more_evidence`.
"""

from __future__ import annotations

from ...models import Event

_COMPATIBLE = {frozenset({"asserted", "claimed"})}


# Speech acts are many in one article (« a menacé de… et a demandé de… »): the same
# one must be said with the same word.
_SPEECH_ACTS = {"REQUEST", "THREATEN", "REJECT", "ACCUSE", "AGREE", "SUPPORT"}


# Types whose modes are different acts (arrest / disperse, demonstrate / strike); ASSAULT modes
# describe one act's manner (a targeted killing by drone).
_ACT_MODES = {"COERCE", "PROTEST", "SANCTION", "RETREAT", "CONSULT"}


def _stem(word: str) -> str:
    """« menace », « menacé », « menaçant » -> « menac »: one verb, whatever its form."""
    import unicodedata

    w = unicodedata.normalize("NFD", word.lower())
    w = "".join(c for c in w if not unicodedata.combining(c))
    return w[:5]


def _restated(a: Event, b: Event, lead_end: int) -> bool:
    """A title or heading restates the body's act in other words (« Salamé s'en prend au
    Conseil de sécurité, dénonce… » / « s'en est pris mercredi au Conseil… », « Maduro invite
    UE et ONU » / « le gouvernement vénézuélien a invité les Nations unies et l'UE »): one act
    when the type is the same and actors or recipients overlap."""
    if a.type != b.type or ((a.evidence.end <= lead_end) == (b.evidence.end <= lead_end)):
        return False
    if not (set(a.actors) & set(b.actors) or set(a.recipients) & set(b.recipients)):
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    return a.modality == b.modality or frozenset({a.modality, b.modality}) in _COMPATIBLE


def _compatible(a: Event, b: Event, lead_end: int = 0) -> bool:
    if a.type != b.type:
        return False
    if lead_end and _restated(a, b, lead_end):
        return True
    if a.type in _SPEECH_ACTS and (a.mode != b.mode or (a.trigger and b.trigger and _stem(a.trigger.text) != _stem(b.trigger.text))):
        return False
    if a.type in _SPEECH_ACTS and a.modality != b.modality and set(a.recipients) != set(b.recipients):
        # « appelle le Samu » (asserted) and « elle a appelé la police », a relative says (claimed):
        # two calls, told by two voices
        return False
    if a.type in _ACT_MODES and a.mode and b.mode and a.mode != b.mode:
        return False  # « dispersés » and « interpellés » by the same police: two acts
    if set(a.actors) != set(b.actors):
        return False
    if a.recipients and b.recipients and not set(a.recipients) & set(b.recipients):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if a.modality != b.modality and frozenset({a.modality, b.modality}) not in _COMPATIBLE:
        # « la décision d'éliminer X » and « X a été tué »: the plan that was carried out
        shared = set(a.recipients) & set(b.recipients)
        if not (shared and {a.modality, b.modality} <= {"asserted", "claimed", "planned"}):
            return False
    return True


def _absorb(keep: Event, other: Event) -> None:
    keep.more_evidence.append(other.evidence)
    keep.more_evidence.extend(e for e in other.more_evidence if e not in keep.more_evidence)
    for name in other.recipients:
        if name not in keep.recipients:
            keep.recipients.append(name)
    keep.place = keep.place or other.place
    keep.coordinates = keep.coordinates or other.coordinates
    if other.date and (not keep.date or len(other.date) > len(keep.date)):
        keep.date = other.date
    if keep.mode is None:
        keep.mode = other.mode
    if keep.modality == "asserted" and other.modality in ("claimed", "planned"):
        # a source saying what the article asserts confirms it
        for name in other.reported_by:
            if name not in keep.confirmed_by and name not in keep.reported_by:
                keep.confirmed_by.append(name)
        other = other.model_copy(update={"reported_by": []})
    for attr in ("reported_by", "disputed_by", "confirmed_by"):
        merged = getattr(keep, attr)
        for name in getattr(other, attr):
            if name not in merged:
                merged.append(name)
    if "asserted" in (keep.modality, other.modality):
        keep.modality = "asserted"
    keep.confidence = min(0.99, max(keep.confidence, other.confidence) + 0.05)


def merge_events(events: list[Event], lead_end: int = 0) -> list[Event]:
    """lead_end: where the article's title and heading end (0: none known)."""
    # the body's statement of an act is kept over its title's: fuller, with the actor as named there
    ranked = sorted(range(len(events)), key=lambda i: (events[i].evidence.end <= lead_end, -events[i].confidence,
                                                       events[i].evidence.start))
    kept: list[Event] = []
    for i in ranked:
        ev = events[i]
        for k in kept:
            if _compatible(k, ev, lead_end):
                _absorb(k, ev)
                break
        else:
            kept.append(ev)
    for ev in kept:
        ev.more_evidence.sort(key=lambda s: s.start)
    return kept
