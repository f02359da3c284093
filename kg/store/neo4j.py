"""The Neo4j store: the graph model of kg.store.base in a Neo4j 5 server, over Bolt.

All of this store's Cypher lives here. Values always travel as parameters; the only names
put into query text are relationship types from REL_TYPES and labels from ENTITY_TYPES,
both fixed lists, so no text from a document can change a query.

Write shape: one transaction per batch, a fixed number of statements whatever its size.
One reads which documents, entities and facts of the batch are stored already; the entity
merging (aliases, category, coordinates) is done in Python; then the new and changed
entities are written (one UNWIND per type label), the Documents with their MENTIONS, the
new facts (a Fact node and its relationship between the entities), the claims. The facts
the batch touched are locked, their claims read back and summarised (kg.store.facts), and
their values, items and places written. A batch that fails anywhere leaves nothing behind.
Every lookup by id is pinned to an index seek (see the comments at STORED_STATE).
bench/neo4j_write.py measures this shape.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError, ConfigurationError, ConstraintError, DriverError, Neo4jError,
    ServiceUnavailable, SessionExpired, TransientError,
)

from kg.lineage import PUBLISHER as CATALOG_PUBLISHER
from kg.model import ENTITY_TYPES, Extraction
from kg.store import near_copies
from kg.store.base import (
    FACT_READS, GRAPH_MODEL, REL_TYPES, GraphRows, QueryResult, StoreError, Subgraph, WriteResult,
    assemble_facts, batch_claims, graph_rows, neighbourhood, old_model_error, summary_rows,
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

SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT fact_id IF NOT EXISTS FOR (f:Fact) REQUIRE f.id IS UNIQUE",
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE CONSTRAINT signature_band IF NOT EXISTS FOR (b:SignatureBand) REQUIRE b.key IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
    "CREATE INDEX fact_predicate IF NOT EXISTS FOR (f:Fact) ON (f.predicate)",
    "CREATE INDEX fact_date_start IF NOT EXISTS FOR (f:Fact) ON (f.date_start)",
    # unique rather than only indexed: two writers creating the same fact at once cannot
    # both create its relationship
    *(f"CREATE CONSTRAINT fact_id_{rel.lower()} IF NOT EXISTS "
      f"FOR ()-[f:{rel}]-() REQUIRE f.id IS UNIQUE" for rel in REL_TYPES),
]
GRAPH_MODELS = "MATCH (m:GraphModel) RETURN m.version"
ANY_DOCUMENT = "MATCH (d:Document) RETURN d.id LIMIT 1"
MARK_GRAPH_MODEL = "MERGE (:GraphModel {version: $version})"

STORED_DOCUMENTS = """CYPHER replan=skip
UNWIND $batch.ids AS id MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
RETURN d.id"""

# Plans: `CYPHER replan=skip` keeps a plan once made, since replanning these statements as
# the graph grows costs up to a second a time. But Neo4j makes a new plan for each size
# class of a top-level list parameter (up to 10, 100, 1,000 items, ...) the first time that
# class turns up, with the statistics of that moment; with one batch in the graph, the
# planner rates scanning a whole index for each id cheaper than seeking the id, and such a
# plan, kept for a whole ingest, made the read grow with the graph (to 1.3 s a batch). So
# every lookup by id is pinned with USING INDEX SEEK (plain USING INDEX still allows the
# scan), and no plan depends on when it was made. And every write statement reads its
# parameters from one map, $batch: a statement with a dozen top-level lists of varying
# sizes met a new combination of size classes almost every batch, at 0.4 s of planning
# each time; lists inside a map do not count.
STORED_STATE = "CYPHER replan=skip\n" + """CALL {
  UNWIND $batch.document_ids AS id
  MATCH (d:Document {id: id}) USING INDEX SEEK d:Document(id)
  RETURN collect(d.id) AS documents
}
CALL {
  UNWIND $batch.entity_ids AS id
  MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id)
  RETURN collect([e.id, e.aliases, e.category, e.in_catalog, e.latitude]) AS entities
}
CALL {
  UNWIND $batch.fact_ids AS id
  MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
  RETURN collect(f.id) AS facts
}
RETURN documents, entities, facts
"""

# New entities, one subquery per type label (from ENTITY_TYPES), then the stored ones the
# batch adds to. The additions are merged here with the values as they are when written
# (under the write lock), not as they were read, so a concurrent writer's are kept.
# Properties are named one by one rather than `SET e = map`, which would make the planner
# buffer every row first.
WRITE_ENTITIES = "CYPHER replan=skip\n" + "\n".join(
    f"""CALL {{
  UNWIND $batch.new.{label} AS r
  CREATE (:Entity:{label} {{id: r.id, name: r.name, type: r.type, category: r.category,
                            aliases: r.aliases, in_catalog: r.in_catalog, latitude: r.latitude,
                            longitude: r.longitude, geonames_id: r.geonames_id}})
}}""" for label in ENTITY_TYPES) + """
CALL {
  UNWIND $batch.changed AS r
  MATCH (e:Entity {id: r.id}) USING INDEX SEEK e:Entity(id)
  SET e.aliases = e.aliases + [a IN r.aliases WHERE NOT a IN e.aliases],
      e.category = coalesce(e.category, r.category),
      e.in_catalog = e.in_catalog OR r.in_catalog,
      e.latitude = coalesce(e.latitude, r.latitude), e.longitude = coalesce(e.longitude, r.longitude),
      e.geonames_id = coalesce(e.geonames_id, r.geonames_id)
}
"""

CREATE_DOCUMENTS = "CYPHER replan=skip\n" + """UNWIND $batch.docs AS r
CREATE (d:Document {id: r.id, title: r.title, published: r.published,
                    published_date: r.published_date, url: r.url, publisher: r.publisher,
                    reliability: r.reliability, file: r.file, story: r.story, minhash: r.minhash, text: r.text})
WITH d, r
CALL {
  WITH d, r
  UNWIND r.mentions AS entity_id
  MATCH (e:Entity {id: entity_id}) USING INDEX SEEK e:Entity(id)
  CREATE (d)-[:MENTIONS]->(e)
}
CALL {
  WITH d, r
  UNWIND r.bands AS key
  MERGE (b:SignatureBand {key: key})
  CREATE (d)-[:HAS_BAND]->(b)
}
"""

# Stored documents sharing a near-copy band with the batch's (kg.store.near_copies).
NEAR_COPY_CANDIDATES = """CYPHER replan=skip
UNWIND $batch.bands AS key
MATCH (b:SignatureBand {key: key}) USING INDEX SEEK b:SignatureBand(key)
MATCH (b)<-[:HAS_BAND]-(d:Document)
RETURN DISTINCT d.id AS id, d.minhash AS minhash, d.story AS story
"""
LINK_NEAR_COPIES = """CYPHER replan=skip
UNWIND $batch.links AS r
MATCH (d:Document {id: r.doc_id}) USING INDEX SEEK d:Document(id)
MATCH (o:Document {id: r.copy_of}) USING INDEX SEEK o:Document(id)
CREATE (d)-[:NEAR_COPY_OF {similarity: r.similarity}]->(o)
"""

# A new fact: its node, linked to its subject and object, and its relationship between
# them, one subquery per relationship type (from REL_TYPES); with its values where the
# batch tells it once (else they are null until WRITE_SUMMARIES sets them).
CREATE_FACTS = "CYPHER replan=skip\n" + "\n".join(f"""CALL {{
  UNWIND $batch.new.{rel} AS r
  MATCH (a:Entity {{id: r.s}}) USING INDEX SEEK a:Entity(id)
  MATCH (b:Entity {{id: r.o}}) USING INDEX SEEK b:Entity(id)
  CREATE (f:Fact {{id: r.id, predicate: r.p, subject: r.s, object: r.o, date: r.date,
                   date_start: r.date_start, date_end: r.date_end,
                   date_precision: r.date_precision, quantity: r.quantity, hedged: r.hedged,
                   confidence: r.confidence, sources: r.sources,
                   independent_sources: r.independent_sources, conflicting: r.conflicting}})
  CREATE (f)-[:SUBJECT]->(a)
  CREATE (f)-[:OBJECT]->(b)
  CREATE (a)-[:{rel} {{id: r.id, date: r.date, date_start: r.date_start, date_end: r.date_end,
                      date_precision: r.date_precision, hedged: r.hedged,
                      confidence: r.confidence, sources: r.sources,
                      conflicting: r.conflicting}}]->(b)
}}""" for rel in REL_TYPES)

# Setting a property takes the node's write lock until commit: a concurrent writer adding
# a claim to the same fact waits, and its claims are committed before ours are read back.
LOCK_FACTS = """CYPHER replan=skip
UNWIND $batch.ids AS id
MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
SET f._lock = true REMOVE f._lock
"""

CREATE_CLAIMS = "CYPHER replan=skip\n" + """CALL {
  UNWIND $batch.claims AS r
  MATCH (d:Document {id: r.doc_id}) USING INDEX SEEK d:Document(id)
  MATCH (f:Fact {id: r.fact}) USING INDEX SEEK f:Fact(id)
  CREATE (c:Claim {id: r.id, sentence: r.sentence, sentence_start: r.sentence_start,
                   sentence_end: r.sentence_end, date: r.date, date_start: r.date_start,
                   date_end: r.date_end, date_precision: r.date_precision,
                   quantity: r.quantity, place: r.place, hedged: r.hedged,
                   confidence: r.confidence, extractor: r.extractor})
  CREATE (d)-[:REPORTS]->(c)
  CREATE (c)-[:SUPPORTS]->(f)
}
CALL {
  UNWIND $batch.items AS r
  MATCH (c:Claim {id: r.claim}) USING INDEX SEEK c:Claim(id)
  MATCH (w:Entity {id: r.weapon}) USING INDEX SEEK w:Entity(id)
  CREATE (c)-[:NAMES {quantity: r.quantity}]->(w)
}
"""

CLAIMS_OF_FACTS = """CYPHER replan=skip
UNWIND $batch.ids AS id
MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f)
RETURN f.id, c.id, d.id, d.story, c.date, c.date_start, c.date_end, c.date_precision,
       c.quantity, c.place, c.hedged, c.confidence
"""
ITEMS_OF_CLAIMS = """CYPHER replan=skip
UNWIND $batch.ids AS id
MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
MATCH (f)<-[:SUPPORTS]-(c:Claim)-[n:NAMES]->(w:Entity)
RETURN c.id, w.id, n.quantity
"""
# The facts' values from their claims, their place linked again and their items merged (a
# write only adds claims, so a fact's weapons only grow; a deletion drops them first, with
# DROP_ITEMS); then the same values on each fact's relationship (one subquery per type from
# REL_TYPES).
WRITE_SUMMARIES = "CYPHER replan=skip\n" + """CALL {
  UNWIND $batch.facts AS r
  MATCH (f:Fact {id: r.id}) USING INDEX SEEK f:Fact(id)
  SET f.date = r.date, f.date_start = r.date_start, f.date_end = r.date_end,
      f.date_precision = r.date_precision, f.quantity = r.quantity, f.hedged = r.hedged,
      f.confidence = r.confidence, f.sources = r.sources,
      f.independent_sources = r.independent_sources, f.conflicting = r.conflicting
  WITH f
  OPTIONAL MATCH (f)-[old:AT]->(:Entity)
  DELETE old
}
CALL {
  UNWIND $batch.items AS r
  MATCH (f:Fact {id: r.fact}) USING INDEX SEEK f:Fact(id)
  MATCH (w:Entity {id: r.weapon}) USING INDEX SEEK w:Entity(id)
  MERGE (f)-[i:INVOLVES]->(w)
  SET i.quantity = r.quantity
}
CALL {
  UNWIND $batch.places AS r
  MATCH (f:Fact {id: r.fact}) USING INDEX SEEK f:Fact(id)
  MATCH (p:Entity {id: r.place}) USING INDEX SEEK p:Entity(id)
  CREATE (f)-[:AT]->(p)
}
CALL {
  UNWIND $batch.credibility AS r
  MATCH (c:Claim {id: r.id}) USING INDEX SEEK c:Claim(id)
  SET c.credibility = r.credibility
}
""" + "\n".join(f"""CALL {{
  UNWIND $batch.edges.{rel} AS r
  MATCH ()-[e:{rel} {{id: r.id}}]->() USING INDEX SEEK e:{rel}(id)
  SET e.date = r.date, e.date_start = r.date_start, e.date_end = r.date_end,
      e.date_precision = r.date_precision, e.hedged = r.hedged, e.confidence = r.confidence,
      e.sources = r.sources, e.conflicting = r.conflicting
}}""" for rel in REL_TYPES)

DROP_ITEMS = """CYPHER replan=skip
UNWIND $batch.ids AS id
MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
OPTIONAL MATCH (f)-[i:INVOLVES]->(:Entity)
DELETE i
"""

# Facts left without a claim: their relationships (one subquery per type from REL_TYPES),
# then their nodes.
DELETE_FACTS = "CYPHER replan=skip\n" + "\n".join(f"""CALL {{
  UNWIND $batch.gone.{rel} AS id
  MATCH ()-[e:{rel} {{id: id}}]->() USING INDEX SEEK e:{rel}(id)
  DELETE e
}}""" for rel in REL_TYPES) + """
CALL {
  UNWIND $batch.ids AS id
  MATCH (f:Fact {id: id}) USING INDEX SEEK f:Fact(id)
  DETACH DELETE f
}
"""

DOCUMENT_CLAIMS = """
MATCH (:Document {id: $id})-[:REPORTS]->(:Claim)-[:SUPPORTS]->(f:Fact)
RETURN DISTINCT f.id, f.predicate
"""
DELETE_DOCUMENT_CLAIMS = "MATCH (:Document {id: $id})-[:REPORTS]->(c:Claim) DETACH DELETE c"
MENTIONED_ENTITIES = "MATCH (:Document {id: $id})-[:MENTIONS]->(e:Entity) RETURN e.id"
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

# reports, and the catalog's own documents (kg.lineage)
COUNT_DOCUMENTS = """
MATCH (d:Document)
RETURN sum(CASE WHEN d.publisher = $catalog THEN 0 ELSE 1 END),
       sum(CASE WHEN d.publisher = $catalog THEN 1 ELSE 0 END)
"""
COUNT_ENTITIES = "MATCH (e:Entity) RETURN e.type, count(*) ORDER BY e.type"
COUNT_FACTS = "MATCH (f:Fact) RETURN f.predicate, count(*) ORDER BY f.predicate"

AROUND = """
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:SUBJECT|OBJECT]-(f:Fact)
RETURN f.id, f.subject, f.object
"""
ENTITIES_BY_ID = "UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN properties(e) ORDER BY e.id"
ENTITIES_BY_KEY = """
MATCH (e:Entity) WHERE e.id IN $keys OR e.name IN $keys RETURN properties(e) ORDER BY e.id
"""
FACTS_AMONG = "MATCH (f:Fact) WHERE f.subject IN $ids AND f.object IN $ids RETURN f.id"

DUMP_ENTITIES = "MATCH (e:Entity) RETURN properties(e) ORDER BY e.id"
DUMP_DOCUMENTS = """
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.published AS published, d.url AS url,
       d.publisher AS publisher, d.reliability AS reliability, d.file AS file,
       d.story AS story
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
        """Constraints and indexes; a new database is marked with the graph model, and one
        written by another model is refused."""
        with self._driver.session(database=self.database) as session:
            models = [record[0] for record in session.run(GRAPH_MODELS)]
            if models and models != [GRAPH_MODEL]:
                raise old_model_error(self.uri, models[0])
            if not models and session.run(ANY_DOCUMENT).single() is not None:
                raise old_model_error(self.uri, 1)  # the first model had no GraphModel node
            for statement in SCHEMA:
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes(300)").consume()
            if not models:
                session.run(MARK_GRAPH_MODEL, version=GRAPH_MODEL).consume()

    # -- writing --------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self._read(STORED_DOCUMENTS, batch=dict(ids=[doc_id])))

    def write(self, extractions: Sequence[Extraction]) -> WriteResult:
        def work(tx: neo4j.Transaction) -> list[str]:
            candidates: dict[str, GraphRows] = {}
            for x in extractions:  # a document twice in one batch is written once
                if x.document.id not in candidates:
                    candidates[x.document.id] = graph_rows(x)
            documents, entities, facts = self._stored_state(tx, list(candidates.values()))
            batch = [rows for doc_id, rows in candidates.items() if doc_id not in documents]
            if batch:
                self._write_entities(tx, batch, entities)
                self._write_documents(tx, batch)
                self._write_facts(tx, batch, facts)
            return [rows.document["id"] for rows in batch]

        written = self._transaction(work, write=True)
        return WriteResult(written=written, documents_skipped=len(extractions) - len(written))

    def _stored_state(self, tx: neo4j.Transaction, candidates: list[GraphRows]
                      ) -> tuple[set[str], dict[str, dict[str, Any]], set[str]]:
        """Which of the documents are stored, what is stored of their entities (by id) and
        which of their facts are stored: what the write needs to know, in one round trip."""
        documents, entities, facts = tx.run(
            STORED_STATE, batch=dict(
                document_ids=[rows.document["id"] for rows in candidates],
                entity_ids=list({e["id"] for rows in candidates for e in rows.entities}),
                fact_ids=list({f["id"] for rows in candidates for f in rows.facts}))).single()
        return (set(documents),
                {entity_id: {"aliases": aliases, "category": category, "in_catalog": in_catalog,
                             "latitude": latitude}
                 for entity_id, aliases, category, in_catalog, latitude in entities},
                set(facts))

    def _write_entities(self, tx: neo4j.Transaction, batch: list[GraphRows],
                        stored: dict[str, dict[str, Any]]) -> None:
        new, changed = entity_changes(merged_entities(batch), stored)
        if changed or any(new.values()):
            tx.run(WRITE_ENTITIES, batch=dict(new=new, changed=changed)).consume()

    def _write_documents(self, tx: neo4j.Transaction, batch: list[GraphRows]) -> None:
        documents = [rows.document for rows in batch]
        candidates = tx.run(NEAR_COPY_CANDIDATES, batch=dict(
            bands=sorted({b for d in documents for b in d["bands"]}))).data()
        links = near_copies.link(documents, candidates)
        docs = [{**rows.document, "mentions": rows.mentions} for rows in batch]
        tx.run(CREATE_DOCUMENTS, batch=dict(docs=docs)).consume()
        if links:
            tx.run(LINK_NEAR_COPIES, batch=dict(links=[vars(x) for x in links])).consume()

    def _write_facts(self, tx: neo4j.Transaction, batch: list[GraphRows],
                     stored: set[str]) -> None:
        new: dict[str, dict[str, dict[str, Any]]] = {rel: {} for rel in REL_TYPES}
        predicates = {}
        for rows in batch:
            for fact in rows.facts:
                predicates[fact["id"]] = fact["p"]
                if fact["id"] not in stored:
                    new[fact["rel"]].setdefault(fact["id"], fact)
        # A fact new in this batch and told once has that claim alone: its values come from
        # the batch's rows, and are written with the fact, without reading anything back.
        told = Counter(c["fact"] for rows in batch for c in rows.claims)
        alone = {fact_id for facts in new.values() for fact_id in facts if told[fact_id] == 1}
        values, items, places, credibility = summary_rows(*batch_claims(batch, alone))
        for summary in values:
            fact = new[predicates[summary["id"]].upper()][summary["id"]]
            new[fact["rel"]][fact["id"]] = {**fact, **summary}
        tx.run(LOCK_FACTS, batch=dict(ids=sorted(stored))).consume()
        tx.run(CREATE_FACTS, batch=dict(
            new={rel: list(facts.values()) for rel, facts in new.items()})).consume()
        tx.run(CREATE_CLAIMS, batch=dict(
            claims=[c for rows in batch for c in rows.claims],
            items=[i for rows in batch for i in rows.items])).consume()
        self._summarise(tx, sorted(set(predicates) - alone), predicates, items, places,
                        credibility)

    def _summarise(self, tx: neo4j.Transaction, fact_ids: list[str], predicates: dict[str, str],
                   items: list[dict[str, Any]] = (), places: list[dict[str, Any]] = (),
                   credibility: list[dict[str, Any]] = ()) -> None:
        """Set the values of the facts `fact_ids` from their stored claims, link their items
        and places and grade their claims (and those given, of facts written with their
        values), and delete the facts left without a claim. `predicates` gives each fact's
        predicate."""
        ids = dict(ids=fact_ids)
        facts, read_items, read_places, graded = summary_rows(
            [[plain(v) for v in record.values()] for record in tx.run(CLAIMS_OF_FACTS, batch=ids)],
            [list(record.values()) for record in tx.run(ITEMS_OF_CLAIMS, batch=ids)])
        edges: dict[str, list[dict[str, Any]]] = {rel: [] for rel in REL_TYPES}
        for fact in facts:
            edges[predicates[fact["id"]].upper()].append(fact)
        tx.run(WRITE_SUMMARIES, batch=dict(
            facts=facts, items=[*items, *read_items], places=[*places, *read_places],
            credibility=[*credibility, *graded], edges=edges)).consume()
        kept = {f["id"] for f in facts}
        gone = [fact_id for fact_id in fact_ids if fact_id not in kept]
        if gone:
            by_type: dict[str, list[str]] = {rel: [] for rel in REL_TYPES}
            for fact_id in gone:
                by_type[predicates[fact_id].upper()].append(fact_id)
            tx.run(DELETE_FACTS, batch=dict(ids=gone, gone=by_type)).consume()

    def delete_document(self, doc_id: str) -> bool:
        def work(tx: neo4j.Transaction) -> bool:
            if not list(tx.run(STORED_DOCUMENTS, batch=dict(ids=[doc_id]))):
                return False
            mentioned = [record[0] for record in tx.run(MENTIONED_ENTITIES, id=doc_id)]
            predicates = {fact_id: predicate
                          for fact_id, predicate in tx.run(DOCUMENT_CLAIMS, id=doc_id)}
            tx.run(LOCK_FACTS, batch=dict(ids=sorted(predicates))).consume()
            tx.run(DELETE_DOCUMENT_CLAIMS, id=doc_id).consume()
            tx.run(DROP_ITEMS, batch=dict(ids=sorted(predicates))).consume()
            self._summarise(tx, sorted(predicates), predicates)
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
            documents, catalog = tx.run(COUNT_DOCUMENTS, catalog=CATALOG_PUBLISHER).single()
            by_type = {t: n for t, n in tx.run(COUNT_ENTITIES)}
            by_predicate = {p: n for p, n in tx.run(COUNT_FACTS)}
            return {"documents": documents, "catalog_documents": catalog, "entities": by_type,
                    "relations": by_predicate}

        return self._transaction(work, write=False)

    @staticmethod
    def _facts(tx: neo4j.Transaction, fact_ids: list[str] | None) -> list[dict[str, Any]]:
        """The facts with these ids (every fact for None), as assemble_facts makes them."""
        where = "" if fact_ids is None else "WHERE f.id IN $ids"
        return assemble_facts(*([[plain(v) for v in record.values()]
                                 for record in tx.run(cypher.format(where=where), ids=fact_ids)]
                                for cypher in FACT_READS))

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph:
        def work(tx: neo4j.Transaction) -> Subgraph:
            seen, fact_ids = neighbourhood(entity_id, hops,
                                           lambda ids: list(tx.run(AROUND, ids=ids)))
            nodes = [complete(record[0], ENTITY_PROPERTIES)
                     for record in tx.run(ENTITIES_BY_ID, ids=seen)]
            return Subgraph(nodes=nodes, edges=self._facts(tx, fact_ids))

        return self._transaction(work, write=False)

    def subgraph_among(self, keys: Sequence[str]) -> Subgraph:
        def work(tx: neo4j.Transaction) -> Subgraph:
            nodes = [complete(record[0], ENTITY_PROPERTIES)
                     for record in tx.run(ENTITIES_BY_KEY, keys=list(keys))]
            ids = [n["id"] for n in nodes]
            facts = [record[0] for record in tx.run(FACTS_AMONG, ids=ids)]
            return Subgraph(nodes=nodes, edges=self._facts(tx, facts))

        return self._transaction(work, write=False)

    def dump(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        def work(tx: neo4j.Transaction):
            entities = [complete(record[0], ENTITY_PROPERTIES)
                        for record in tx.run(DUMP_ENTITIES)]
            documents = [plain(record.data()) for record in tx.run(DUMP_DOCUMENTS)]
            return entities, self._facts(tx, None), documents

        return self._transaction(work, write=False)

    def close(self) -> None:
        self._driver.close()
