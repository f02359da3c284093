"""The typed values that pass between the stages: Document -> Extraction -> store.

The names of entity types and predicates are those of ../shared/eval/SCHEMA.md, the
extraction contract; the ontology (ontology/kg.ttl) maps them one-to-one.
"""
from __future__ import annotations

import calendar
import datetime
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("Group", "Country", "Place", "WeaponSystem", "EquipmentCategory")
ACTOR_TYPES = ("Group", "Country")
EQUIPMENT_TYPES = ("WeaponSystem", "EquipmentCategory")
# predicate -> (subject types, object types), as ../shared/eval/SCHEMA.md states them
SIGNATURES = {
    "copy_of": (("WeaponSystem",), ("WeaponSystem",)),
    "variant_of": (("WeaponSystem",), ("WeaponSystem",)),
    "origin_country": (("WeaponSystem",), ("Country",)),
    "has_equipment": (ACTOR_TYPES, EQUIPMENT_TYPES),
    "captured_from": (ACTOR_TYPES, ACTOR_TYPES),
    "transferred_to": (ACTOR_TYPES, ACTOR_TYPES),
    "attacked": (ACTOR_TYPES, ("Place", *ACTOR_TYPES)),
    "located_in": (("Place",), ("Place", "Country")),
    "part_of": (("Group",), ("Group", "Country")),
    "joined": (("Group",), ("Group",)),
    "allied_with": (ACTOR_TYPES, ACTOR_TYPES),
    "fought_against": (ACTOR_TYPES, ACTOR_TYPES),
    "operates_in": (ACTOR_TYPES, ("Place", "Country")),
}
PREDICATES = tuple(SIGNATURES)
SYMMETRIC = frozenset({"allied_with", "fought_against"})
WEAPON_CATEGORIES = (
    "tank", "armored_vehicle", "artillery", "mlrs", "artillery_rocket", "ballistic_missile",
    "cruise_missile", "atgm", "manpads", "air_defense", "mortar", "aircraft", "helicopter",
    "uav", "ship", "small_arms", "ammunition", "other",
)

# A date qualifier: an ISO 8601 partial date ("2013", "2018-04", "2018-04-20", "--04-20")
# or a span {"start": ..., "end": ...} whose ends are such dates (either may be absent).
Date = str | dict[str, str]


def normalise_text(text: str) -> str:
    """The form a document is identified by: NFC, one space for any run of whitespace."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def content_id(prefix: str, *parts: str) -> str:
    """A stable id from content, so that writing the same thing twice is writing it once."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{prefix}:{digest}"


def document_id(text: str) -> str:
    return content_id("doc", normalise_text(text))


@dataclass(frozen=True, kw_only=True)
class Document:
    """One report: its own body text only, and what is known about where it came from."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 partial date, as precise as known
    url: str | None = None
    publisher: str | None = None
    reliability: str | None = None  # the publisher's Admiralty grade A-F (kg.grading)
    source: str | None = None  # the path or address it was loaded from

    @classmethod
    def from_text(cls, text: str, **metadata: Any) -> Document:
        return cls(id=document_id(text), text=text, **metadata)


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Where a fact was read: the document, the sentence and its character offsets."""

    doc_id: str
    sentence: str
    start: int  # offset of the sentence in Document.text
    end: int


@dataclass(kw_only=True)
class Entity:
    id: str  # the catalog id ("weapon:t-72") or a stable id derived from type and name
    name: str  # canonical name
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)  # surface forms as seen in the text
    category: str | None = None  # WeaponSystem only: one of WEAPON_CATEGORIES
    in_catalog: bool = False
    # Place only, where the gazetteer (GeoNames) knows it: WGS84 degrees and its GeoNames id
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None


@dataclass(kw_only=True)
class Relation:
    s: str  # entity id
    p: str  # one of PREDICATES
    o: str  # entity id
    evidence: Evidence
    date: Date | None = None
    weapons: list[str] = field(default_factory=list)  # entity ids
    quantity: int | None = None  # the count the text gives for the weapons together
    # weapon id -> the count the text gives for that weapon alone ("12 Vexa and 4 Orn")
    counts: dict[str, int] = field(default_factory=dict)
    place: str | None = None  # entity id
    hedged: bool = False
    confidence: float = 0.5

    def endpoints(self) -> tuple[str, str]:
        """Subject and object, ordered for symmetric predicates so that a-b and b-a are one fact."""
        if self.p in SYMMETRIC and self.o < self.s:
            return self.o, self.s
        return self.s, self.o

    @property
    def fact_id(self) -> str:
        """The fact this relation reports: one per (subject, predicate, object), so the same
        event told by two documents is one fact with two sources, whichever of them dates it
        (their dates are kept with each source; see kg.store.facts)."""
        s, o = self.endpoints()
        return content_id("fact", s, self.p, o)

    @property
    def claim_id(self) -> str:
        """This telling of the fact: the fact, the document and the sentence's offsets."""
        return content_id("claim", self.fact_id, self.evidence.doc_id, str(self.evidence.start),
                          str(self.evidence.end))


def date_text(date: Date | None) -> str | None:
    """A date qualifier as one string: the ISO date itself, or an ISO 8601 interval "a/b"."""
    if date is None or isinstance(date, str):
        return date
    return f"{date.get('start') or '..'}/{date.get('end') or '..'}"


def parse_date_text(text: str | None) -> Date | None:
    if not text or "/" not in text:
        return text or None
    start, end = text.split("/", 1)
    return {k: v for k, v in (("start", start), ("end", end)) if v != ".."}


def date_bounds(date: Date | None) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day the date allows ("2010" -> 2010-01-01, 2010-12-31); None for
    an end the text leaves open or a date without a year ("--04-20")."""
    if date is None:
        return None, None
    if isinstance(date, dict):
        start = _day_bounds(date.get("start"))[0] if date.get("start") else None
        end = _day_bounds(date.get("end"))[1] if date.get("end") else None
        return start, end
    return _day_bounds(date)


def _day_bounds(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    parts = text.split("-")
    if text.startswith("--") or not parts[0].isdigit():
        return None, None
    year = int(parts[0])
    try:
        if len(parts) == 1:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return (datetime.date(year, month, 1),
                    datetime.date(year, month, calendar.monthrange(year, month)[1]))
        day = datetime.date(year, month, int(parts[2]))
        return day, day
    except ValueError:  # not a calendar date: kept as text only
        return None, None


def date_precision(date: Date | None) -> str | None:
    if date is None:
        return None
    if isinstance(date, dict):
        return "span"
    if date.startswith("--"):
        return "day_of_year_unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")


@dataclass(kw_only=True)
class Extraction:
    """What one document states: its entities and the relations between them."""

    document: Document
    entities: list[Entity]
    relations: list[Relation]

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON (../shared/eval/SCHEMA.md): endpoints by canonical name, plus ids,
        confidence and evidence as extra keys."""
        names = {e.id: e.name for e in self.entities}
        doc = self.document
        entities = []
        for e in self.entities:
            item: dict[str, Any] = {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases}
            if e.category:
                item["category"] = e.category
            if e.latitude is not None and e.longitude is not None:
                item["latitude"], item["longitude"] = e.latitude, e.longitude
            if e.geonames_id is not None:
                item["geonames_id"] = e.geonames_id
            entities.append(item)
        relations = []
        for r in self.relations:
            item = {"s": names[r.s], "p": r.p, "o": names[r.o]}
            if r.date is not None:
                item["date"] = r.date
            if r.weapons:
                item["weapons"] = [names[w] for w in r.weapons]
            if r.quantity is not None:
                item["quantity"] = r.quantity
            if r.counts:
                item["counts"] = {names[w]: n for w, n in r.counts.items()}
            if r.place:
                item["place"] = names[r.place]
            if r.hedged:
                item["hedged"] = True
            item["confidence"] = round(r.confidence, 3)
            item["evidence"] = {"sentence": r.evidence.sentence, "start": r.evidence.start,
                                "end": r.evidence.end}
            relations.append(item)
        return {
            "doc_id": doc.id,
            "source": {"title": doc.title, "publisher": doc.publisher, "published": doc.published,
                       "url": doc.url, "path": doc.source},
            "entities": entities,
            "relations": relations,
        }
