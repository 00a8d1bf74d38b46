"""The records of spec/records.md as dataclasses: the contract in code."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """Character offsets into the original report text (Python string indices)."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Report:
    """One input document."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: a populated place, an admin area or a curated site."""

    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    country: str
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    kind: str = "place"  # place | admin1 | country | site
    source: str = "geonames"


@dataclass
class Location:
    name: str
    latitude: float
    longitude: float
    country: str | None
    admin1: str | None
    admin2: str | None
    geonameid: int | None
    geo_precision: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "latitude": round(self.latitude, 5),
            "longitude": round(self.longitude, 5),
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "geonameid": self.geonameid,
            "geo_precision": self.geo_precision,
        }


@dataclass
class Event:
    event_type: str
    sub_event_type: str
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    location: Location | None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    modality: str = "occurred"
    claimant: str | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    trigger: str = ""
    date_told: bool = False   # its date is only the day the news was given ("officials said Monday")

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actors": list(self.assoc_actors),
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "counts": dict(self.counts),
            "modality": self.modality,
            "claimant": self.claimant,
            "evidence": [s.to_dict() for s in self.evidence],
            "confidence": round(self.confidence, 2),
            "trigger": self.trigger,
        }


@dataclass
class Tally:
    quantity: str
    subject: str | None
    value: int
    qualifier: str = "exact"
    since: str | None = None
    as_of: str | None = None
    area: Location | None = None
    claimant: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "subject": self.subject,
            "value": self.value,
            "qualifier": self.qualifier,
            "since": self.since,
            "as_of": self.as_of,
            "area": self.area.to_dict() if self.area else None,
            "claimant": self.claimant,
            "evidence": [s.to_dict() for s in self.evidence],
        }
