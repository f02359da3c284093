"""The one small interface every store implements, and the rows both write.

Graph model (the same in both stores; each store owns the Cypher dialect that builds it):

- (:Entity {id, name, type, category, aliases, in_catalog, latitude, longitude, geonames_id}),
  the last three on Places the gazetteer knows (WGS84 degrees); Neo4j adds the type as a
  second label (:Entity:WeaponSystem); the embedded store, one label per node, keeps it in
  the `type` property only, so portable queries filter on `e.type`.
- (:Document {id, title, published, url, publisher, source, text}) -[:MENTIONS]-> (:Entity)
- (:Entity)-[:PREDICATE {...}]->(:Entity), the predicate in upper case (COPY_OF, ...),
  one relationship per fact (Relation.fact_id), carrying
    id, date (ISO, or "start/end"), date_precision, weapons (entity ids), quantity,
    place (entity id), hedged (true only while every source hedges it),
    confidence (the highest of its sources),
    and its sources as parallel lists, one element per reporting document:
    doc_ids, sentences, sentence_starts, sentence_ends, source_confidences, source_hedged.
  Symmetric predicates are stored once, from the smaller id to the larger.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.model import PREDICATES, Extraction, date_precision, date_text


class StoreError(RuntimeError):
    """A store cannot do what was asked; the message says what to check."""


def rel_type(predicate: str) -> str:
    return predicate.upper()


REL_TYPES = tuple(rel_type(p) for p in PREDICATES)


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass
class Subgraph:
    """Entities and facts around a centre, for viewing."""

    nodes: list[dict[str, Any]] = field(default_factory=list)  # entity properties
    edges: list[dict[str, Any]] = field(default_factory=list)  # fact properties + s, p, o


@dataclass
class WriteResult:
    documents_written: int = 0
    documents_skipped: int = 0  # already in the store: writing them again changes nothing


@dataclass(frozen=True)
class GraphRows:
    """An Extraction flattened into the rows a store writes (plain dicts, ready for UNWIND)."""

    document: dict[str, Any]
    entities: list[dict[str, Any]]
    mentions: list[str]  # entity ids the document mentions
    facts: dict[str, list[dict[str, Any]]]  # relationship type -> fact rows


def graph_rows(extraction: Extraction) -> GraphRows:
    doc = extraction.document
    facts: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for r in extraction.relations:
        if r.fact_id in seen:  # a document repeating a fact is still one source of it
            continue
        seen.add(r.fact_id)
        s, o = r.endpoints()
        facts.setdefault(rel_type(r.p), []).append({
            "id": r.fact_id, "s": s, "o": o, "p": r.p,
            "date": date_text(r.date), "date_precision": date_precision(r.date),
            "weapons": list(r.weapons), "quantity": r.quantity, "place": r.place,
            "hedged": r.hedged, "confidence": float(r.confidence),
            "doc_id": doc.id, "sentence": r.evidence.sentence,
            "sentence_start": r.evidence.start, "sentence_end": r.evidence.end,
        })
    return GraphRows(
        document={"id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url,
                  "publisher": doc.publisher, "source": doc.source, "text": doc.text},
        entities=[{"id": e.id, "name": e.name, "type": e.type, "category": e.category,
                   "aliases": list(e.aliases), "in_catalog": e.in_catalog, "latitude": e.latitude,
                   "longitude": e.longitude, "geonames_id": e.geonames_id}
                  for e in extraction.entities],
        mentions=[e.id for e in extraction.entities],
        facts=facts,
    )


class Store(Protocol):
    """What every command needs of a graph store; no command knows which one it has."""

    name: str  # "embedded" or "neo4j", for messages

    def write(self, extractions: Sequence[Extraction]) -> WriteResult:
        """Write a batch in one transaction: all of it or none of it. Documents already
        stored are skipped; entity aliases are merged; a fact already stored from another
        document gains this document as a source."""

    def has_document(self, doc_id: str) -> bool: ...

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its sources from every fact; facts and entities that no
        other document supports go too. False when the document was not stored."""

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a read query written in the portable Cypher of queries/ (see queries/README.md)."""

    def entities(self, *, type: str | None = None, search: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        """Entities ordered by name: id, name, type, category, aliases, documents (count)."""

    def stats(self) -> dict[str, Any]:
        """{"documents": n, "entities": {type: n}, "relations": {predicate: n}}"""

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph: ...

    def dump(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """Everything, for export: (entities, facts with s/p/o, documents without text)."""

    def close(self) -> None: ...


def fact_dict(rel_type_name: str, s: str, o: str, props: dict[str, Any]) -> dict[str, Any]:
    """A stored fact as the plain dict subgraph() and dump() return."""
    out = {k: v for k, v in props.items() if not k.startswith("_")}
    out.update({"s": s, "o": o, "p": rel_type_name.lower()})
    return out
