"""The one small interface every store implements, and the graph model both hold.

Graph model 2 (the same in both stores; each store owns the Cypher dialect that builds it;
README.md "The graph model" has the diagram):

- (:Entity {id, name, type, category, aliases, in_catalog, latitude, longitude, geonames_id}),
  the last three on Places the gazetteer knows (WGS84 degrees); Neo4j adds the type as a
  second label (:Entity:WeaponSystem); the embedded store, one label per node, keeps it in
  the `type` property only, so portable queries filter on `e.type`.
- (:Document {id, title, published, published_date, url, publisher, reliability, file,
  story, text}); reliability is the Admiralty grade A-F of its publisher from the
  analyst's file (kg.grading), F (cannot be judged) where the file does not name it.
  -[:MENTIONS]->(:Entity). `file` is a file name or an address, never a local path;
  `story` is the story of the stored document this one is a near-copy of (else its own id);
  `minhash` is its near-copy signature, and (:Document)-[:HAS_BAND]->(:SignatureBand {key})
  the keys that find its near-copies (kg.store.near_copies).
- (:Fact {id, predicate, subject, object, date, date_start, date_end, date_precision,
  quantity, hedged, confidence, sources, independent_sources, conflicting}), one per subject,
  predicate and object (kg.store.facts says how its values come from its claims):
  (:Fact)-[:SUBJECT]->(:Entity), (:Fact)-[:OBJECT]->(:Entity),
  (:Fact)-[:INVOLVES {quantity}]->(:Entity) for each weapon of the fact (and the weapon it
  is about: a has_equipment object, an origin_country subject), (:Fact)-[:AT]->(:Entity) for its place.
- The same fact as one relationship between its entities, for traversal and paths:
  (:Entity)-[:TRANSFERRED_TO {id, date, date_start, date_end, date_precision, hedged,
  confidence, sources, conflicting}]->(:Entity), the predicate in upper case, its id the
  Fact's. Symmetric predicates are stored once, from the smaller id to the larger.
- (:Document)-[:REPORTS]->(:Claim {id, sentence, start, end, date, date_start, date_end,
  date_precision, quantity, place, hedged, confidence, extractor, credibility})
  -[:SUPPORTS]->(:Fact),
  one claim per document telling a fact, with that source's own values;
  (:Claim)-[:NAMES {quantity}]->(:Entity) for each weapon the claim names.
- (:Document)-[:NEAR_COPY_OF {similarity}]->(:Document) from a later near-copy to the
  earlier document.
- (:GraphModel {version}): the model the store was written with.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.model import PREDICATES, Extraction
from kg.store.facts import GRAPH_MODEL, GraphRows, StoredClaim, graph_rows, rel_type, summarise

__all__ = ["GRAPH_MODEL", "GraphRows", "QueryResult", "REL_TYPES", "Store", "StoreError",
           "Subgraph", "WriteResult", "graph_rows", "rel_type"]


class StoreError(RuntimeError):
    """A store cannot do what was asked; the message says what to check."""


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
    edges: list[dict[str, Any]] = field(default_factory=list)  # facts as assemble_facts makes them


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)  # ids of the documents written
    documents_skipped: int = 0  # already in the store: writing them again changes nothing

    @property
    def documents_written(self) -> int:
        return len(self.written)


class Store(Protocol):
    """What every command needs of a graph store; no command knows which one it has."""

    name: str  # "embedded" or "neo4j", for messages

    def write(self, extractions: Sequence[Extraction]) -> WriteResult:
        """Write a batch in one transaction: all of it or none of it. Documents already
        stored are skipped; entity aliases are merged; a fact already stored from another
        document gains this document's claim, and every fact the batch touched is summarised
        again from all of its claims."""

    def has_document(self, doc_id: str) -> bool: ...

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its claims; facts it touched are summarised again, and facts
        and entities that no other document supports go too. False when it was not stored."""

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a read query written in the portable Cypher of queries/ (see queries/README.md)."""

    def entities(self, *, type: str | None = None, search: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        """Entities ordered by name: id, name, type, category, aliases, documents (count)."""

    def stats(self) -> dict[str, Any]:
        """{"documents": reports, "catalog_documents": the catalog's (kg.lineage),
        "entities": {type: n}, "relations": {predicate: n}}"""

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph: ...

    def subgraph_among(self, keys: Sequence[str]) -> Subgraph:
        """The entities whose id or canonical name is one of `keys`, and the facts between
        them: the picture of a query's result."""

    def dump(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """Everything, for export, ordered by id: (entities, facts as assemble_facts makes
        them, documents without text)."""

    def close(self) -> None: ...


# The columns in which each store's fact reads return their rows; assemble_facts() joins them.
FACT_COLUMNS = ("id", "predicate", "subject", "object", "date", "date_start", "date_end",
                "date_precision", "quantity", "hedged", "confidence", "sources",
                "independent_sources", "conflicting", "place")
ITEM_COLUMNS = ("owner", "weapon", "quantity")  # owner: a fact id, or a claim id
CLAIM_COLUMNS = ("id", "fact", "doc_id", "title", "publisher", "published", "sentence",
                 "sentence_start", "sentence_end", "date", "date_start", "date_end",
                 "date_precision", "quantity", "place", "hedged", "confidence", "extractor",
                 "credibility", "story", "reliability")
# The reads of facts for subgraph() and dump(), in the column orders above, written in the
# Cypher both stores run as it is (the columns and the reads change together, so they live
# together); {where} is "" (every fact) or the filter on $ids.
READ_FACTS = """
MATCH (f:Fact) {where}
OPTIONAL MATCH (f)-[:AT]->(p:Entity)
RETURN f.id, f.predicate, f.subject, f.object, f.date, f.date_start, f.date_end,
       f.date_precision, f.quantity, f.hedged, f.confidence, f.sources,
       f.independent_sources, f.conflicting, p.id
"""
READ_FACT_ITEMS = "MATCH (f:Fact)-[i:INVOLVES]->(w:Entity) {where} RETURN f.id, w.id, i.quantity"
READ_CLAIMS = """
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f:Fact) {where}
RETURN c.id, f.id, d.id, d.title, d.publisher, d.published, c.sentence, c.sentence_start,
       c.sentence_end, c.date, c.date_start, c.date_end, c.date_precision, c.quantity,
       c.place, c.hedged, c.confidence, c.extractor, c.credibility, d.story, d.reliability
"""
READ_CLAIM_ITEMS = """
MATCH (f:Fact)<-[:SUPPORTS]-(c:Claim)-[n:NAMES]->(w:Entity) {where}
RETURN c.id, w.id, n.quantity
"""
FACT_READS = (READ_FACTS, READ_FACT_ITEMS, READ_CLAIMS, READ_CLAIM_ITEMS)

# the columns in which each store reads the claims of facts to summarise them
SUMMARY_COLUMNS = ("fact", "id", "doc_id", "story", "date", "date_start", "date_end",
                   "date_precision", "quantity", "place", "hedged", "confidence")


def neighbourhood(entity_id: str, hops: int,
                  around: Callable[[list[str]], Iterable[Sequence[str]]]) -> tuple[list[str], list[str]]:
    """The entities within `hops` facts of an entity, and those facts (both sorted by id);
    `around(ids)` gives the (fact id, subject, object) of every fact of those entities."""
    seen, frontier, fact_ids = {entity_id}, [entity_id], set()
    for _ in range(max(hops, 0)):
        reached = []
        for fact_id, s, o in around(frontier):
            fact_ids.add(fact_id)
            for far in (s, o):
                if far not in seen:
                    seen.add(far)
                    reached.append(far)
        if not reached:
            break
        frontier = reached
    return sorted(seen), sorted(fact_ids)


def iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def assemble_facts(facts: list[list[Any]], items: list[list[Any]], claims: list[list[Any]],
                   claim_items: list[list[Any]]) -> list[dict[str, Any]]:
    """Facts as subgraph() and dump() return them, from a store's rows (in FACT_COLUMNS,
    ITEM_COLUMNS and CLAIM_COLUMNS order): the fact's values with s, p, o, its items, and
    its claims, each with its document's title, publisher and date. Dates as ISO text;
    everything in a fixed order, so both stores give the same dicts."""
    def by_owner(rows):
        out: dict[str, list[dict[str, Any]]] = {}
        for owner, weapon, quantity in rows:
            out.setdefault(owner, []).append({"weapon": weapon, "quantity": quantity})
        return {k: sorted(v, key=lambda i: i["weapon"]) for k, v in out.items()}

    fact_items, claim_item_map = by_owner(items), by_owner(claim_items)
    claims_of: dict[str, list[dict[str, Any]]] = {}
    for row in claims:
        claim = {k: iso(v) for k, v in zip(CLAIM_COLUMNS, row)}
        claim["items"] = claim_item_map.get(claim["id"], [])
        claims_of.setdefault(claim.pop("fact"), []).append(claim)
    out = []
    for row in facts:
        fact = {k: iso(v) for k, v in zip(FACT_COLUMNS, row)}
        fact["s"], fact["p"], fact["o"] = (fact.pop("subject"), fact.pop("predicate"),
                                           fact.pop("object"))
        fact["items"] = fact_items.get(fact["id"], [])
        fact["claims"] = sorted(claims_of.get(fact["id"], []),
                                key=lambda c: (c["doc_id"], c["sentence_start"], c["id"]))
        out.append(fact)
    return sorted(out, key=lambda f: f["id"])


def summary_rows(claim_rows: list[list[Any]], item_rows: list[list[Any]]) -> tuple[
        list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """From the claims of some facts (rows in SUMMARY_COLUMNS order) and their items (claim,
    weapon, quantity): the facts' values to set, their items and places to link, and each
    claim's credibility; facts left without a claim are those absent from the first list."""
    items: dict[str, dict[str, int | None]] = {}
    for claim, weapon, quantity in item_rows:
        items.setdefault(claim, {})[weapon] = quantity
    by_fact: dict[str, list[StoredClaim]] = {}
    for row in claim_rows:
        values = dict(zip(SUMMARY_COLUMNS, row))
        fact = values.pop("fact")
        for key in ("date_start", "date_end"):  # stores give dates back as ISO text
            if isinstance(values[key], str):
                values[key] = datetime.date.fromisoformat(values[key])
        by_fact.setdefault(fact, []).append(StoredClaim(**values, items=items.get(values["id"], {})))
    facts, fact_items, places, credibility = [], [], [], []
    for fact_id in sorted(by_fact):
        summary = summarise(by_fact[fact_id])
        credibility += [{"id": claim, "credibility": grade}
                        for claim, grade in summary.pop("credibility").items()]
        fact_items += [{"fact": fact_id, **item} for item in summary.pop("items")]
        place = summary.pop("place")
        if place:
            places.append({"fact": fact_id, "place": place})
        facts.append({"id": fact_id, **summary})
    return facts, fact_items, places, credibility


def batch_claims(batch: Sequence[GraphRows], fact_ids: set[str]
                 ) -> tuple[list[list[Any]], list[list[Any]]]:
    """The claims of the facts `fact_ids` and their items as a batch's rows hold them, in the
    column orders summary_rows() reads from a store."""
    claims, items = [], []
    for rows in batch:
        named = {c["id"] for c in rows.claims if c["fact"] in fact_ids}
        claims += [[c["fact"], c["id"], c["doc_id"], rows.document["story"], c["date"],
                    c["date_start"], c["date_end"], c["date_precision"], c["quantity"],
                    c["place"], c["hedged"], c["confidence"]]
                   for c in rows.claims if c["id"] in named]
        items += [[i["claim"], i["weapon"], i["quantity"]] for i in rows.items
                  if i["claim"] in named]
    return claims, items


def old_model_error(where: str, found: Any) -> StoreError:
    return StoreError(
        f"the store at {where} was written by an earlier kg (graph model {found}; this kg "
        f"writes model {GRAPH_MODEL}), so its facts cannot be read as they are: rebuild it by "
        "ingesting the same files into a new store (--db NEW_FOLDER, or an empty Neo4j "
        "database), or remove the old one first")
