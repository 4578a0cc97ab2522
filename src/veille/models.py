"""The shared data model: what every stage reads and writes.

`Article` is what ingest produces; `Record` is what the NLP stage produces for
one article. Field names follow DESIGN.md ("Minimum field names of the JSON
record") so that any scorer can read a record; extra fields are additions.
Offsets are character offsets into `Record.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

EntityType = Literal["PER", "ORG", "GPE", "LOC", "MISC"]
QuoteKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["asserted", "planned", "negated", "hypothetical", "claimed", "denied", "historical"]


@dataclass
class Article:
    """One article as ingest hands it to the NLP stage.

    `origin` names where it came from (file, and line for JSONL) so that every
    message about it can point the user back to the input.
    """

    text: str
    id: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date (or datetime) from metadata, when the input gives one
    published_how: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    language: Optional[str] = None
    origin: str = "<text>"
    # Things ingest noticed that the user should see in the record (e.g. the text
    # was decoded from cp1252, or is not French and was processed under --lang any).
    warnings: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def content_hash(self) -> str:
        h = hashlib.sha1()
        for part in (self.title or "", self.text, self.published or "", self.source or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    def ensure_id(self) -> str:
        if not self.id:
            self.id = self.content_hash()[:16]
        return self.id


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")


class Span(_Model):
    start: int
    end: int
    text: str


class Published(_Model):
    value: Optional[str] = Field(None, description="ISO 8601 date, or null when it cannot be known")
    how: str = Field("unknown", description="metadata, argument, inferred from the text (with the words), or unknown")
    evidence: Optional[Span] = None


class Sentence(_Model):
    start: int
    end: int


class Role(_Model):
    title: str = Field(description="the role as written, e.g. « ministre des Armées »")
    organization: Optional[str] = Field(None, description="canonical name of the organization or country of the role")
    mention: Optional[Span] = None


class Mention(Span):
    label: Optional[str] = Field(None, description="how the mention was found: ner, kb, role, pronoun, demonym...")


class Entity(_Model):
    id: str = Field(description="Wikidata QID when linked, else a document-local id (L1, L2...)")
    name: str = Field(description="canonical name (English for KB entities)")
    type: EntityType
    linked: bool = False
    label_fr: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code")
    coordinates: Optional[list[float]] = Field(None, description="[lat, lon] for places the gazetteer knows")
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Speaker(_Model):
    entity: Optional[str] = Field(None, description="entity id, when the speaker resolves to one")
    name: str = Field(description="canonical entity name, or the description for unnamed speakers")
    mention: Optional[Span] = None
    description: Optional[str] = Field(None, description="e.g. « un responsable de l'Otan » for unnamed officials")


class Quote(_Model):
    kind: QuoteKind
    content: Span
    cue: Optional[str] = Field(None, description="lemma of the reporting verb or noun")
    cue_span: Optional[Span] = None
    speaker: Speaker
    via: list[str] = Field(default_factory=list, description="relaying sources, nearest first")
    channel: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None
    stance: Optional[str] = Field(None, description="assert, deny, confirm... from the cue's lexicon entry")
    same_as: Optional[int] = Field(None, description="index of a quote of this record that states the same thing")


class TimeExpr(_Model):
    start: int
    end: int
    text: str
    type: TimeType
    value: Optional[str] = None
    mod: Optional[str] = Field(None, description="TimeML mod: START, MID, END, APPROX...")
    anchored: bool = Field(False, description="true when the value depends on the publication date")
    relative: Optional[str] = Field(None, description="offset from the publication day when it is unknown: "
                                    "'-1D', '+2W', 'WD2/past' (the Tuesday on or before it)")


class Event(_Model):
    type: str = Field(description="PLOVER 2021 event type")
    mode: Optional[str] = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    place: Optional[str] = None
    coordinates: Optional[list[float]] = None
    date: Optional[str] = None
    modality: Modality = "asserted"
    reported_by: list[str] = Field(default_factory=list)
    disputed_by: list[str] = Field(default_factory=list)
    confirmed_by: list[str] = Field(default_factory=list)
    evidence: Span
    more_evidence: list[Span] = Field(default_factory=list, description="other sentences of the article stating the same event")
    trigger: Optional[Span] = None
    confidence: float = 0.5
    cameo: Optional[str] = None
    quad_class: Optional[int] = None


class Record(_Model):
    id: str
    published: Published
    source: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    language: str = "fr"
    text: str
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    schema_version: str = SCHEMA_VERSION


def iso_day(value: Optional[str]) -> Optional[date]:
    """The day of an ISO date or datetime string ('2020-01-07', '2020-01-07T10:00Z'); None when not one."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def record_json_schema() -> dict:
    return Record.model_json_schema()
