"""The Neo4j store: the graph model of kg.store.base in a Neo4j 5 server, over Bolt.

All of this store's Cypher lives here. Values always travel as parameters; the only names
put into query text are relationship types from REL_TYPES and labels from ENTITY_TYPES,
both fixed lists, so no text from a document can change a query.

Write shape: one transaction per batch, four statements whatever its size. One reads which
documents are stored already and what is stored of the batch's entities and facts; the
merging (aliases, sources, qualifiers) is done in Python; then the new and changed
entities are written (one UNWIND per type label), the facts (one UNWIND per relationship
type, endpoints matched by their unique id; a new fact is created from its first source's
row as is), and the Document nodes with their MENTIONS last. A batch that fails anywhere
leaves nothing behind. Rows go to the server as lists of values, not maps, and every lookup
by id is pinned to an index seek (see the comments at STORED_STATE).
bench/neo4j_write.py measures this shape.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError, ConfigurationError, ConstraintError, DriverError, Neo4jError,
    ServiceUnavailable, SessionExpired, TransientError,
)

from kg.model import ENTITY_TYPES, Extraction
from kg.store.base import (
    REL_TYPES, GraphRows, QueryResult, StoreError, Subgraph, WriteResult, fact_dict, graph_rows,
)

T = TypeVar("T")

RETRIES = 4  # tries of a transaction that failed for a reason that may pass
BACKOFF_SECONDS = 0.5  # doubled after each failed try
# ConstraintError: a concurrent writer created the same entity, fact or document first;
# the retry reads what it wrote and merges into it.
RETRYABLE = (ServiceUnavailable, SessionExpired, TransientError, ConstraintError)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

ENTITY_PROPERTIES = ("id", "name", "type", "category", "aliases", "in_catalog", "latitude", "longitude",
                     "geonames_id")
PLACE_PROPERTIES = ("latitude", "longitude", "geonames_id")  # where the gazetteer knows the place
FACT_PROPERTIES = ("id", "date", "date_precision", "weapons", "quantity", "place", "hedged",
                   "confidence", "doc_ids", "sentences", "sentence_starts", "sentence_ends",
                   "source_confidences", "source_hedged")
FACT_TYPES = "|".join(REL_TYPES)

SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
    # unique rather than only indexed: two writers merging the same fact at once cannot
    # both create it
    *(f"CREATE CONSTRAINT fact_id_{rel.lower()} IF NOT EXISTS "
      f"FOR ()-[f:{rel}]-() REQUIRE f.id IS UNIQUE" for rel in REL_TYPES),
]

STORED_DOCUMENTS = """CYPHER replan=skip
UNWIND $ids AS id MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
RETURN d.id"""

# Rows travel to the server as lists of values in a fixed column order, not as maps: the
# driver packs a map's keys again with every row, and packing, in pure Python, is most of
# what a batch costs (a fact row as a list packs in under half the time). The statements
# are written reading row `r` by name (r.id); positional() turns each r.name into r[i] for
# the column order the rows are sent in. Entities are sent in ENTITY_PROPERTIES order.
NEW_FACT_COLUMNS = ("id", "s", "o", "date", "date_precision", "weapons", "quantity", "place",
                    "hedged", "confidence", "doc_id", "sentence", "sentence_start", "sentence_end")
SOURCE_LISTS = {"doc_ids": "doc_id", "sentences": "sentence", "sentence_starts": "sentence_start",
                "sentence_ends": "sentence_end", "source_confidences": "confidence",
                "source_hedged": "hedged"}  # parallel list -> the fact row's key
GAINED_SOURCES_COLUMNS = ("id", "weapons", "quantity", "place", "hedged", "confidence",
                          *SOURCE_LISTS)
DOCUMENT_COLUMNS = ("id", "title", "published", "url", "publisher", "source", "text", "mentions")


def positional(cypher: str, names: Sequence[str]) -> str:
    """`cypher` reading its row `r` as a list of values in `names` order: r.name becomes r[i]."""
    return re.sub(r"\br\.(\w+)\b", lambda name: f"r[{names.index(name.group(1))}]", cypher)


def as_row(values: dict[str, Any], names: Sequence[str]) -> list[Any]:
    """The values as the list a statement made with positional(..., names) reads."""
    return [values[name] for name in names]


# The write is optimistic: what a batch touches is read first (one statement), merged in
# Python, then created or updated with one statement per kind. Two writers racing to
# create the same entity, fact or document trip a uniqueness constraint, and the batch is
# retried, reading the other's work this time. Results come back as one list of value lists,
# not a record per item: streaming records costs more than the writes they inform.
#
# Plans: `CYPHER replan=skip` keeps a plan once made, since replanning these statements as
# the graph grows costs up to a second a time. But Neo4j makes a new plan for each size
# class of a top-level list parameter (up to 10, 100, 1,000 items, ...) the first time that
# class turns up, with the statistics of that moment; with one batch in the graph, the
# planner rates scanning a relationship type's whole index for each fact id cheaper than
# seeking the id.
# At 100 documents a batch, whose ~1,000 entity ids straddle two classes, such a plan was
# made at the second batch and kept for the whole ingest: the read grew with the graph, to
# 1.3 s a batch. So every lookup by id is pinned with USING INDEX SEEK (plain USING INDEX
# still allows the scan), and no plan depends on when it was made.
STORED_STATE = "CYPHER replan=skip\n" + """CALL {
  UNWIND $document_ids AS id
  MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
  RETURN collect(d.id) AS documents
}
CALL {
  UNWIND $entity_ids AS id
  MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id)
  RETURN collect([e.id, e.aliases, e.category, e.in_catalog, e.latitude]) AS entities
}
CALL {
  CALL {
""" + "\n    UNION ALL\n".join(
    f"    UNWIND $fact_ids.{rel} AS id\n"
    f"    MATCH ()-[f:{rel} {{id: id}}]->() USING INDEX SEEK f:{rel}(id) RETURN f"
    for rel in REL_TYPES) + """
  }
  RETURN collect([f.id, f.doc_ids]) AS facts
}
RETURN documents, entities, facts
"""

# New entities, one subquery per type label (from ENTITY_TYPES), then the stored ones the
# batch adds to. The additions are merged here with the values as they are when written
# (under the write lock), not as they were read, so a concurrent writer's are kept.
# Properties are named one by one rather than `SET e = map`, which would make the planner
# buffer every row first.
WRITE_ENTITIES = "CYPHER replan=skip\n" + positional("\n".join(
    f"""CALL {{
  UNWIND $new.{label} AS r
  CREATE (:Entity:{label} {{id: r.id, name: r.name, type: r.type, category: r.category,
                            aliases: r.aliases, in_catalog: r.in_catalog, latitude: r.latitude,
                            longitude: r.longitude, geonames_id: r.geonames_id}})
}}""" for label in ENTITY_TYPES) + """
CALL {
  UNWIND $changed AS r
  MATCH (e:Entity {id: r.id}) USING INDEX SEEK e:Entity(id)
  SET e.aliases = e.aliases + [a IN r.aliases WHERE NOT a IN e.aliases],
      e.category = coalesce(e.category, r.category),
      e.in_catalog = e.in_catalog OR r.in_catalog,
      e.latitude = coalesce(e.latitude, r.latitude), e.longitude = coalesce(e.longitude, r.longitude),
      e.geonames_id = coalesce(e.geonames_id, r.geonames_id)
}
""", ENTITY_PROPERTIES)

# A new fact is created from its first source, a fact row as graph_rows() makes it; then
# every fact gaining sources (a stored one, or a new one told again later in the batch)
# merges their qualifiers into its own, as they are when written, and gets the sources
# appended to its parallel lists.
WRITE_FACTS = "CYPHER replan=skip\n" + "\n".join(positional(f"""CALL {{
  UNWIND $new.{rel} AS r
  MATCH (a:Entity {{id: r.s}}) USING INDEX SEEK a:Entity(id)
  MATCH (b:Entity {{id: r.o}}) USING INDEX SEEK b:Entity(id)
  CREATE (a)-[:{rel} {{id: r.id, date: r.date, date_precision: r.date_precision,
      weapons: r.weapons, quantity: r.quantity, place: r.place, hedged: r.hedged,
      confidence: r.confidence, doc_ids: [r.doc_id], sentences: [r.sentence],
      sentence_starts: [r.sentence_start], sentence_ends: [r.sentence_end],
      source_confidences: [r.confidence], source_hedged: [r.hedged]}}]->(b)
}}""", NEW_FACT_COLUMNS) + "\n" + positional(f"""CALL {{
  UNWIND $changed.{rel} AS r
  MATCH ()-[f:{rel} {{id: r.id}}]->() USING INDEX SEEK f:{rel}(id)
  SET f.weapons = f.weapons + [w IN r.weapons WHERE NOT w IN f.weapons],
      f.quantity = coalesce(f.quantity, r.quantity), f.place = coalesce(f.place, r.place),
      f.hedged = f.hedged AND r.hedged,
      f.confidence = CASE WHEN r.confidence > f.confidence THEN r.confidence
                          ELSE f.confidence END,
      f.doc_ids = f.doc_ids + r.doc_ids,
      f.sentences = f.sentences + r.sentences,
      f.sentence_starts = f.sentence_starts + r.sentence_starts,
      f.sentence_ends = f.sentence_ends + r.sentence_ends,
      f.source_confidences = f.source_confidences + r.source_confidences,
      f.source_hedged = f.source_hedged + r.source_hedged
}}""", GAINED_SOURCES_COLUMNS) for rel in REL_TYPES)

# Properties named one by one rather than `SET d = map`: a map write may touch any
# property, which makes the planner buffer every row (Eager) before writing.
CREATE_DOCUMENTS = "CYPHER replan=skip\n" + positional("""UNWIND $docs AS r
CREATE (d:Document {id: r.id, title: r.title, published: r.published, url: r.url,
                    publisher: r.publisher, source: r.source, text: r.text})
WITH d, r
UNWIND r.mentions AS entity_id
MATCH (e:Entity {id: entity_id}) USING INDEX SEEK e:Entity(id)
CREATE (d)-[:MENTIONS]->(e)
""", DOCUMENT_COLUMNS)

MENTIONED_ENTITIES = "MATCH (:Document {id: $id})-[:MENTIONS]->(e:Entity) RETURN e.id"

# Every fact of a document starts at an entity that document mentions, so the facts to
# update are found from its mentions rather than by scanning every relationship.
DROP_SOURCE = f"""
MATCH (:Document {{id: $id}})-[:MENTIONS]->(:Entity)-[f:{FACT_TYPES}]->(:Entity)
WHERE $id IN f.doc_ids
WITH DISTINCT f
WITH f, [i IN range(0, size(f.doc_ids) - 1) WHERE f.doc_ids[i] <> $id] AS keep
SET f.doc_ids = [i IN keep | f.doc_ids[i]],
    f.sentences = [i IN keep | f.sentences[i]],
    f.sentence_starts = [i IN keep | f.sentence_starts[i]],
    f.sentence_ends = [i IN keep | f.sentence_ends[i]],
    f.source_confidences = [i IN keep | f.source_confidences[i]],
    f.source_hedged = [i IN keep | f.source_hedged[i]]
SET f.hedged = all(h IN f.source_hedged WHERE h),
    f.confidence = reduce(top = 0.0, c IN f.source_confidences |
                          CASE WHEN c > top THEN c ELSE top END)
WITH f WHERE size(f.doc_ids) = 0
DELETE f
"""

DELETE_DOCUMENT = "MATCH (d:Document {id: $id}) DETACH DELETE d"

DELETE_UNMENTIONED = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(e) }
DETACH DELETE e
"""

ENTITIES = """
MATCH (e:Entity)
WHERE ($type IS NULL OR e.type = $type)
  AND ($search IS NULL OR toLower(e.name) CONTAINS $search
       OR any(a IN e.aliases WHERE toLower(a) CONTAINS $search))
RETURN e.id AS id, e.name AS name, e.type AS type, e.category AS category,
       e.aliases AS aliases, COUNT { (:Document)-[:MENTIONS]->(e) } AS documents
ORDER BY name, id
"""

COUNT_DOCUMENTS = "MATCH (d:Document) RETURN count(d)"
COUNT_ENTITIES = "MATCH (e:Entity) RETURN e.type, count(*) ORDER BY e.type"
# {rel} is one of REL_TYPES; a count per type comes from Neo4j's counts store, not a scan.
COUNT_FACTS = "MATCH ()-[f:{rel}]->() RETURN count(f)"

AROUND = f"""
UNWIND $ids AS id
MATCH (:Entity {{id: id}})-[f:{FACT_TYPES}]-(far:Entity)
RETURN type(f), properties(f), startNode(f).id, endNode(f).id, far.id
"""
ENTITIES_BY_ID = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN properties(e) ORDER BY e.id"

DUMP_ENTITIES = "MATCH (e:Entity) RETURN properties(e) ORDER BY e.id"
DUMP_FACTS = f"""
MATCH (a:Entity)-[f:{FACT_TYPES}]->(b:Entity)
RETURN type(f), properties(f), a.id, b.id ORDER BY f.id
"""
DUMP_DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.published AS published, d.url AS url,
       d.publisher AS publisher, d.source AS source
ORDER BY d.id
"""


def plain(value: Any) -> Any:
    """A driver value as plain Python: nodes and relationships become dicts of their
    properties plus "_labels" / "_type"; temporal values become ISO strings."""
    if isinstance(value, neo4j.graph.Node):
        out = {k: plain(v) for k, v in value.items()}
        # the common label first, as the embedded store's single label would be
        out["_labels"] = sorted(value.labels, key=lambda label: (label not in
                                                                  ("Entity", "Document"), label))
        return out
    if isinstance(value, neo4j.graph.Relationship):
        out = {k: plain(v) for k, v in value.items()}
        out["_type"] = value.type
        return out
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return value


def complete(props: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """Neo4j stores no null properties; put the absent ones back, as the embedded store has
    every column."""
    return {**{k: None for k in keys}, **props}


def merged_entities(batch: list[GraphRows]) -> dict[str, dict[str, Any]]:
    """The batch's entities, one row per id: aliases united, first category and coordinates kept."""
    by_id: dict[str, dict[str, Any]] = {}
    for rows in batch:
        for entity in rows.entities:
            if entity["type"] not in ENTITY_TYPES:
                raise StoreError(f"entity {entity['id']} has type {entity['type']!r}, which is "
                                 f"not one of {', '.join(ENTITY_TYPES)}")
            known = by_id.get(entity["id"])
            if known is None:
                by_id[entity["id"]] = {**entity, "aliases": list(entity["aliases"])}
                continue
            known["aliases"] += [a for a in entity["aliases"] if a not in known["aliases"]]
            known["category"] = known["category"] or entity["category"]
            known["in_catalog"] = known["in_catalog"] or entity["in_catalog"]
            if known["latitude"] is None:
                known.update({k: entity[k] for k in PLACE_PROPERTIES})
    return by_id


def entity_changes(merged: dict[str, dict[str, Any]], stored: dict[str, dict[str, Any]]
                   ) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The entities to create, by type label, and the stored ones the batch adds to (an
    alias, a category, the catalog flag, coordinates); a stored entity it adds nothing to is
    not written at all."""
    new: dict[str, list[dict[str, Any]]] = {label: [] for label in ENTITY_TYPES}
    changed = []
    for entity in merged.values():
        old = stored.get(entity["id"])
        if old is None:
            new[entity["type"]].append(entity)
        elif (any(a not in (old["aliases"] or []) for a in entity["aliases"])
              or (old["category"] is None and entity["category"] is not None)
              or (entity["in_catalog"] and not old["in_catalog"])
              or (old["latitude"] is None and entity["latitude"] is not None)):
            changed.append(entity)
    return new, changed


def fact_changes(batch: list[GraphRows], stored_sources: dict[str, list[str]]
                 ) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """The facts to create (their first source's row) and the facts gaining sources (the
    sources, and their qualifiers merged: hedged only if every one hedges, the highest
    confidence, the union of the weapons, the first quantity and place), by relationship
    type. A document already among a fact's sources adds nothing."""
    new: dict[str, list[dict[str, Any]]] = {rel: [] for rel in REL_TYPES}
    gaining: dict[str, dict[str, Any]] = {}
    sources = {fact_id: set(doc_ids) for fact_id, doc_ids in stored_sources.items()}
    for rows in batch:
        for rel, facts in rows.facts.items():
            for row in facts:
                known = sources.get(row["id"])
                if known is None:
                    new[rel].append(row)
                    sources[row["id"]] = {row["doc_id"]}
                    continue
                if row["doc_id"] in known:
                    continue
                known.add(row["doc_id"])
                change = gaining.get(row["id"])
                if change is None:
                    change = gaining[row["id"]] = {
                        "rel": rel, "id": row["id"], "weapons": [], "quantity": None,
                        "place": None, "hedged": True, "confidence": row["confidence"],
                        **{name: [] for name in SOURCE_LISTS}}
                change["weapons"] += [w for w in row["weapons"] if w not in change["weapons"]]
                if change["quantity"] is None:
                    change["quantity"] = row["quantity"]
                change["place"] = change["place"] or row["place"]
                change["hedged"] = change["hedged"] and row["hedged"]
                change["confidence"] = max(change["confidence"], row["confidence"])
                for name, key in SOURCE_LISTS.items():
                    change[name].append(row[key])
    changed: dict[str, list[dict[str, Any]]] = {rel: [] for rel in REL_TYPES}
    for change in gaining.values():
        changed[change.pop("rel")].append(change)
    return new, changed


class Neo4jStore:
    """A graph in a Neo4j 5 server; the connection is checked when the store is made."""

    name = "neo4j"

    def __init__(self, *, uri: str, user: str, password: str, database: str | None = None):
        self.uri = uri
        self.user = user
        self.database = database
        if uri.split("://", 1)[0] not in BOLT_SCHEMES:
            raise StoreError(f"cannot use Neo4j URI {uri!r}: kg talks Bolt, so KG_NEO4J_URI "
                             "should look like bolt://127.0.0.1:7687 or neo4j://host:7687")
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=10,
                notifications_min_severity="OFF")  # planner hints are not the user's business
        except (ConfigurationError, ValueError) as e:
            raise StoreError(f"cannot use Neo4j URI {uri!r}: {e} (KG_NEO4J_URI should look "
                             "like bolt://127.0.0.1:7687 or neo4j://host:7687)") from None
        try:
            self._retrying(self._driver.verify_connectivity)
            self._retrying(self._create_schema)
        except ValueError as e:  # an address the driver cannot resolve, e.g. a bad port
            self._driver.close()
            raise StoreError(f"cannot use Neo4j URI {uri!r}: {e}") from None
        except StoreError:
            self._driver.close()
            raise

    # -- plumbing -------------------------------------------------------------------------
    def _unreachable(self, error: Exception) -> StoreError:
        # the driver's text spans lines and repeats the address; its "(reason ...)" is the news
        text = " ".join(str(error).split())
        found = re.search(r"\(reason ([^()]*)\)", text)
        return StoreError(
            f"cannot reach Neo4j at {self.uri} ({found.group(1) if found else text}). Is the "
            "server running? Start one with `docker compose up -d` or "
            "`scripts/neo4j-server start` (then `eval \"$(scripts/neo4j-server env)\"`), and "
            "check KG_NEO4J_URI, KG_NEO4J_USER and KG_NEO4J_PASSWORD.")

    def _retrying(self, work: Callable[[], T]) -> T:
        """Run `work`, again after a pause when it failed for a reason that may pass (a
        restart, a leader switch, a deadlock); turn every driver error into a StoreError."""
        for attempt in range(RETRIES):
            try:
                return work()
            except AuthError:
                raise StoreError(
                    f"Neo4j at {self.uri} refused the credentials of user {self.user!r}: check "
                    "KG_NEO4J_USER and KG_NEO4J_PASSWORD (`scripts/neo4j-server env` prints "
                    "them for a server it started; for docker compose they are in .env).") \
                    from None
            except RETRYABLE as e:
                if attempt == RETRIES - 1:
                    if isinstance(e, Neo4jError):
                        raise StoreError(f"Neo4j at {self.uri} said: {e.code}: {e.message}") \
                            from None
                    raise self._unreachable(e) from None
                time.sleep(BACKOFF_SECONDS * 2 ** attempt)
            except Neo4jError as e:
                raise StoreError(f"Neo4j at {self.uri} said: {e.code}: {e.message}") from None
            except DriverError as e:  # e.g. the connection lost during a commit
                raise StoreError(f"talking to Neo4j at {self.uri} failed "
                                 f"({type(e).__name__}: {e}); writes are idempotent, so "
                                 "running the command again is safe") from None
        raise AssertionError("unreachable: the last try returns or raises")

    def _transaction(self, work: Callable[[neo4j.Transaction], T], *, write: bool) -> T:
        """`work` in one transaction, committed only if it returns; retried as a whole."""
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS

        def attempt() -> T:
            with self._driver.session(database=self.database, default_access_mode=mode) as s:
                with s.begin_transaction() as tx:  # rolled back if `work` raises
                    out = work(tx)
                    tx.commit()
                    return out

        return self._retrying(attempt)

    def _read(self, cypher: str, **params: Any) -> list[list[Any]]:
        return self._transaction(
            lambda tx: [list(record.values()) for record in tx.run(cypher, params)], write=False)

    def _create_schema(self) -> None:
        with self._driver.session(database=self.database) as session:
            for statement in SCHEMA:
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes(300)").consume()

    # -- writing --------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self._read(STORED_DOCUMENTS, ids=[doc_id]))

    def write(self, extractions: Sequence[Extraction]) -> WriteResult:
        def work(tx: neo4j.Transaction) -> int:
            candidates: dict[str, GraphRows] = {}
            for x in extractions:  # a document twice in one batch is written once
                if x.document.id not in candidates:
                    candidates[x.document.id] = graph_rows(x)
            documents, entities, facts = self._stored_state(tx, list(candidates.values()))
            batch = [rows for doc_id, rows in candidates.items() if doc_id not in documents]
            if batch:
                self._write_entities(tx, batch, entities)
                self._write_facts(tx, batch, facts)
                self._write_documents(tx, batch)
            return len(batch)

        written = self._transaction(work, write=True)
        return WriteResult(documents_written=written,
                           documents_skipped=len(extractions) - written)

    def _stored_state(self, tx: neo4j.Transaction, candidates: list[GraphRows]
                      ) -> tuple[set[str], dict[str, dict[str, Any]], dict[str, list[str]]]:
        """Which of the documents are stored, what is stored of their entities (by id) and the
        sources of their stored facts (by id): what the write needs to know, in one round
        trip."""
        fact_ids: dict[str, list[str]] = {rel: [] for rel in REL_TYPES}
        for rows in candidates:
            for rel, facts in rows.facts.items():
                if rel not in fact_ids:
                    raise StoreError(f"unknown relationship type {rel!r}")
                fact_ids[rel] += [row["id"] for row in facts]
        documents, entities, facts = tx.run(
            STORED_STATE, document_ids=[rows.document["id"] for rows in candidates],
            entity_ids=list({e["id"] for rows in candidates for e in rows.entities}),
            fact_ids=fact_ids).single()
        return (set(documents),
                {entity_id: {"aliases": aliases, "category": category, "in_catalog": in_catalog,
                             "latitude": latitude}
                 for entity_id, aliases, category, in_catalog, latitude in entities},
                dict(facts))

    def _write_entities(self, tx: neo4j.Transaction, batch: list[GraphRows],
                        stored: dict[str, dict[str, Any]]) -> None:
        new, changed = entity_changes(merged_entities(batch), stored)
        if changed or any(new.values()):
            tx.run(WRITE_ENTITIES,
                   new={label: [as_row(e, ENTITY_PROPERTIES) for e in entities]
                        for label, entities in new.items()},
                   changed=[as_row(e, ENTITY_PROPERTIES) for e in changed]).consume()

    def _write_facts(self, tx: neo4j.Transaction, batch: list[GraphRows],
                     stored_sources: dict[str, list[str]]) -> None:
        new, changed = fact_changes(batch, stored_sources)
        tx.run(WRITE_FACTS,
               new={rel: [as_row(row, NEW_FACT_COLUMNS) for row in rows]
                    for rel, rows in new.items()},
               changed={rel: [as_row(change, GAINED_SOURCES_COLUMNS) for change in changes]
                        for rel, changes in changed.items()}).consume()

    def _write_documents(self, tx: neo4j.Transaction, batch: list[GraphRows]) -> None:
        docs = [as_row({**rows.document, "mentions": list(dict.fromkeys(rows.mentions))},
                       DOCUMENT_COLUMNS) for rows in batch]
        tx.run(CREATE_DOCUMENTS, docs=docs).consume()

    def delete_document(self, doc_id: str) -> bool:
        def work(tx: neo4j.Transaction) -> bool:
            if not list(tx.run(STORED_DOCUMENTS, ids=[doc_id])):
                return False
            mentioned = [record[0] for record in tx.run(MENTIONED_ENTITIES, id=doc_id)]
            tx.run(DROP_SOURCE, id=doc_id).consume()
            tx.run(DELETE_DOCUMENT, id=doc_id).consume()
            tx.run(DELETE_UNMENTIONED, ids=mentioned).consume()
            return True

        return self._transaction(work, write=True)

    # -- reading --------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        def work(tx: neo4j.Transaction) -> QueryResult:
            result = tx.run(cypher, params or {})
            rows = [[plain(v) for v in record.values()] for record in result]
            return QueryResult(list(result.keys()), rows)

        return self._transaction(work, write=False)

    def entities(self, *, type: str | None = None, search: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        cypher = ENTITIES + (" LIMIT $limit" if limit is not None else "")
        params = {"type": type or None, "search": search.lower() if search else None,
                  "limit": limit}
        return self.query(cypher, params).records()

    def stats(self) -> dict[str, Any]:
        def work(tx: neo4j.Transaction) -> dict[str, Any]:
            documents = tx.run(COUNT_DOCUMENTS).single()[0]
            by_type = {t: n for t, n in tx.run(COUNT_ENTITIES)}
            by_rel = {rel.lower(): tx.run(COUNT_FACTS.format(rel=rel)).single()[0]
                      for rel in REL_TYPES}
            return {"documents": documents, "entities": by_type,
                    "relations": {p: n for p, n in sorted(by_rel.items()) if n}}

        return self._transaction(work, write=False)

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph:
        def work(tx: neo4j.Transaction) -> Subgraph:
            seen, frontier, edges = {entity_id}, [entity_id], {}
            for _ in range(max(hops, 0)):
                around = tx.run(AROUND, ids=frontier)
                frontier = []
                for rel, props, s, o, far in around:
                    edges[props["id"]] = fact_dict(rel, s, o, complete(props, FACT_PROPERTIES))
                    if far not in seen:
                        seen.add(far)
                        frontier.append(far)
                if not frontier:
                    break
            nodes = [complete(record[0], ENTITY_PROPERTIES)
                     for record in tx.run(ENTITIES_BY_ID, ids=sorted(seen))]
            return Subgraph(nodes=nodes, edges=list(edges.values()))

        return self._transaction(work, write=False)

    def dump(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        def work(tx: neo4j.Transaction):
            entities = [complete(record[0], ENTITY_PROPERTIES)
                        for record in tx.run(DUMP_ENTITIES)]
            facts = [fact_dict(rel, s, o, complete(props, FACT_PROPERTIES))
                     for rel, props, s, o in tx.run(DUMP_FACTS)]
            documents = [record.data() for record in tx.run(DUMP_DOCUMENTS)]
            return entities, facts, documents

        return self._transaction(work, write=False)

    def close(self) -> None:
        self._driver.close()
