"""The embedded store: ladybug (an in-process Cypher graph database of the Kuzu line).

All of this store's Cypher lives here, and so do the differences between its dialect and
Neo4j's: a declared schema, one label per node (so the entity type is a property),
label(r) for type(r), and walk semantics on variable-length paths unless `* TRAIL` is
asked for. Analysts' queries are written in the portable Cypher of queries/README.md and
translated by `portable_to_ladybug` before they run.

Write shape: per batch, one transaction; facts are written with
`UNWIND $rows AS r MATCH (a {id: r.s}) WITH a, r MATCH (b {id: r.o}) MERGE ...`, the
shape measured as fast here (a comma-joined MATCH of both ends is a cross product).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ladybug

from kg.lineage import PUBLISHER as CATALOG_PUBLISHER
from kg.model import Extraction
from kg.store import near_copies
from kg.store.base import (
    FACT_READS, GRAPH_MODEL, REL_TYPES, GraphRows, QueryResult, StoreError, Subgraph, WriteResult,
    assemble_facts, graph_rows, iso, neighbourhood, old_model_error, rel_type, summary_rows,
)

DATABASE_FILE = "graph.lbug"

_DATE_COLUMNS = "date STRING, date_start DATE, date_end DATE, date_precision STRING"
_SCHEMA = [
    "CREATE NODE TABLE IF NOT EXISTS GraphModel(version INT64 PRIMARY KEY)",
    "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, name STRING, type STRING, "
    "category STRING, aliases STRING[], in_catalog BOOL, latitude DOUBLE, longitude DOUBLE, "
    "geonames_id INT64)",
    "CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, title STRING, "
    "published STRING, published_date DATE, url STRING, publisher STRING, reliability STRING, "
    "file STRING, "
    "story STRING, minhash INT64[], text STRING)",
    "CREATE NODE TABLE IF NOT EXISTS SignatureBand(key STRING PRIMARY KEY)",
    "CREATE NODE TABLE IF NOT EXISTS Fact(id STRING PRIMARY KEY, predicate STRING, "
    f"subject STRING, object STRING, {_DATE_COLUMNS}, quantity INT64, hedged BOOL, "
    "confidence DOUBLE, sources INT64, independent_sources INT64, conflicting BOOL)",
    "CREATE NODE TABLE IF NOT EXISTS Claim(id STRING PRIMARY KEY, sentence STRING, "
    f"sentence_start INT64, sentence_end INT64, {_DATE_COLUMNS}, quantity INT64, "
    "place STRING, hedged BOOL, confidence DOUBLE, extractor STRING, credibility INT64)",
    "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS SUBJECT(FROM Fact TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS OBJECT(FROM Fact TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS INVOLVES(FROM Fact TO Entity, quantity INT64)",
    "CREATE REL TABLE IF NOT EXISTS AT(FROM Fact TO Entity)",
    "CREATE REL TABLE IF NOT EXISTS REPORTS(FROM Document TO Claim)",
    "CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Claim TO Fact)",
    "CREATE REL TABLE IF NOT EXISTS NAMES(FROM Claim TO Entity, quantity INT64)",
    "CREATE REL TABLE IF NOT EXISTS NEAR_COPY_OF(FROM Document TO Document, similarity DOUBLE)",
    "CREATE REL TABLE IF NOT EXISTS HAS_BAND(FROM Document TO SignatureBand)",
    *(f"CREATE REL TABLE IF NOT EXISTS {t}(FROM Entity TO Entity, id STRING, {_DATE_COLUMNS}, "
      "hedged BOOL, confidence DOUBLE, sources INT64, conflicting BOOL)" for t in REL_TYPES),
]

_WRITE_ENTITIES = """
UNWIND $rows AS r
WITH r, CAST(r.latitude AS DOUBLE) AS latitude, CAST(r.longitude AS DOUBLE) AS longitude,
     CAST(r.geonames_id AS INT64) AS geonames_id
MERGE (e:Entity {id: r.id})
ON CREATE SET e.name = r.name, e.type = r.type, e.category = r.category,
              e.aliases = r.aliases, e.in_catalog = r.in_catalog,
              e.latitude = latitude, e.longitude = longitude, e.geonames_id = geonames_id
ON MATCH SET e.aliases = list_distinct(list_concat(e.aliases, r.aliases)),
             e.category = coalesce(e.category, r.category),
             e.in_catalog = e.in_catalog OR r.in_catalog,
             e.latitude = coalesce(e.latitude, latitude), e.longitude = coalesce(e.longitude, longitude),
             e.geonames_id = coalesce(e.geonames_id, geonames_id)
"""
_WRITE_DOCUMENT = """
CREATE (d:Document {id: $id, title: $title, published: $published,
                    published_date: CAST($published_date AS DATE), url: $url,
                    publisher: $publisher, reliability: $reliability, file: $file, story: $story,
                    minhash: CAST($minhash AS INT64[]), text: $text})
WITH d UNWIND $mentions AS eid
MATCH (e:Entity {id: eid}) CREATE (d)-[:MENTIONS]->(e)
"""
_WRITE_BANDS = """
MATCH (d:Document {id: $id})
UNWIND $bands AS key
MERGE (b:SignatureBand {key: key})
CREATE (d)-[:HAS_BAND]->(b)
"""
_STORED_FACTS = "MATCH (f:Fact) WHERE f.id IN $ids RETURN f.id"
# reports, and the catalog's own documents (kg.lineage); counted apart, as ladybug's sum()
# of no rows is null
_COUNT_REPORTS = ("MATCH (d:Document) WHERE d.publisher IS NULL OR d.publisher <> $catalog "
                  "RETURN count(d)")
_COUNT_CATALOG_DOCUMENTS = "MATCH (d:Document {publisher: $catalog}) RETURN count(d)"
_NEAR_COPY_CANDIDATES = """
UNWIND $bands AS key
MATCH (:SignatureBand {key: key})<-[:HAS_BAND]-(d:Document)
RETURN DISTINCT d.id AS id, d.minhash AS minhash, d.story AS story
"""
_LINK_NEAR_COPY = """
MATCH (d:Document {id: $doc_id}) WITH d MATCH (o:Document {id: $copy_of})
CREATE (d)-[:NEAR_COPY_OF {similarity: $similarity}]->(o)
"""
_CREATE_FACTS = """
UNWIND $rows AS r
MATCH (a:Entity {id: r.s}) WITH a, r MATCH (b:Entity {id: r.o})
CREATE (f:Fact {id: r.id, predicate: r.p, subject: r.s, object: r.o})
CREATE (f)-[:SUBJECT]->(a)
CREATE (f)-[:OBJECT]->(b)
"""
# {rel} is one of REL_TYPES, never text from outside.
_CREATE_FACT_EDGES = """
UNWIND $rows AS r
MATCH (a:Entity {{id: r.s}}) WITH a, r MATCH (b:Entity {{id: r.o}})
CREATE (a)-[:{rel} {{id: r.id}}]->(b)
"""
_CREATE_CLAIMS = """
UNWIND $rows AS r
MATCH (d:Document {id: r.doc_id}) WITH d, r MATCH (f:Fact {id: r.fact})
CREATE (c:Claim {id: r.id, sentence: r.sentence,
                 sentence_start: CAST(r.sentence_start AS INT64),
                 sentence_end: CAST(r.sentence_end AS INT64), date: r.date,
                 date_start: CAST(r.date_start AS DATE), date_end: CAST(r.date_end AS DATE),
                 date_precision: r.date_precision, quantity: CAST(r.quantity AS INT64),
                 place: r.place, hedged: r.hedged, confidence: CAST(r.confidence AS DOUBLE),
                 extractor: r.extractor})
CREATE (d)-[:REPORTS]->(c)
CREATE (c)-[:SUPPORTS]->(f)
"""
_CREATE_CLAIM_ITEMS = """
UNWIND $rows AS r
MATCH (c:Claim {id: r.claim}) WITH c, r MATCH (w:Entity {id: r.weapon})
CREATE (c)-[:NAMES {quantity: CAST(r.quantity AS INT64)}]->(w)
"""
_CLAIMS_OF_FACTS = """
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f:Fact) WHERE f.id IN $ids
RETURN f.id, c.id, d.id, d.story, c.date, c.date_start, c.date_end, c.date_precision,
       c.quantity, c.place, c.hedged, c.confidence
"""
_ITEMS_OF_CLAIMS = """
MATCH (f:Fact)<-[:SUPPORTS]-(c:Claim)-[n:NAMES]->(w:Entity) WHERE f.id IN $ids
RETURN c.id, w.id, n.quantity
"""
_FACT_ENDS = "MATCH (f:Fact) WHERE f.id IN $ids RETURN f.id, f.predicate, f.subject"
_SET_FACTS = """
UNWIND $rows AS r
MATCH (f:Fact {id: r.id})
SET f.date = r.date, f.date_start = CAST(r.date_start AS DATE),
    f.date_end = CAST(r.date_end AS DATE), f.date_precision = r.date_precision,
    f.quantity = CAST(r.quantity AS INT64), f.hedged = r.hedged,
    f.confidence = CAST(r.confidence AS DOUBLE), f.sources = CAST(r.sources AS INT64),
    f.independent_sources = CAST(r.independent_sources AS INT64), f.conflicting = r.conflicting
"""
# {rel} is one of REL_TYPES; the edge is found from its subject, a primary-key lookup
_SET_FACT_EDGES = """
UNWIND $rows AS r
MATCH (a:Entity {{id: r.s}})-[e:{rel}]->(:Entity) WHERE e.id = r.id
SET e.date = r.date, e.date_start = CAST(r.date_start AS DATE),
    e.date_end = CAST(r.date_end AS DATE), e.date_precision = r.date_precision,
    e.hedged = r.hedged, e.confidence = CAST(r.confidence AS DOUBLE),
    e.sources = CAST(r.sources AS INT64), e.conflicting = r.conflicting
"""
_DROP_FACT_LINKS = [
    "MATCH (f:Fact)-[i:INVOLVES]->(:Entity) WHERE f.id IN $ids DELETE i",
    "MATCH (f:Fact)-[i:AT]->(:Entity) WHERE f.id IN $ids DELETE i",
]
_SET_CREDIBILITY = """
UNWIND $rows AS r
MATCH (c:Claim {id: r.id}) SET c.credibility = CAST(r.credibility AS INT64)
"""
_CREATE_FACT_ITEMS = """
UNWIND $rows AS r
MATCH (f:Fact {id: r.fact}) WITH f, r MATCH (w:Entity {id: r.weapon})
CREATE (f)-[:INVOLVES {quantity: CAST(r.quantity AS INT64)}]->(w)
"""
_CREATE_FACT_PLACES = """
UNWIND $rows AS r
MATCH (f:Fact {id: r.fact}) WITH f, r MATCH (p:Entity {id: r.place})
CREATE (f)-[:AT]->(p)
"""
# {rel} is one of REL_TYPES
_DELETE_FACT_EDGES = """
UNWIND $rows AS r
MATCH (a:Entity {{id: r.s}})-[e:{rel}]->(:Entity) WHERE e.id = r.id DELETE e
"""
_DELETE_FACTS = "MATCH (f:Fact) WHERE f.id IN $ids DETACH DELETE f"

_DOCUMENT_CLAIMS = """
MATCH (:Document {id: $id})-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f:Fact) RETURN f.id
"""
_DELETE_DOCUMENT_CLAIMS = "MATCH (:Document {id: $id})-[:REPORTS]->(c:Claim) DETACH DELETE c"

NEO4J_ONLY_MARKER = re.compile(r"^\s*//\s*requires:\s*neo4j\b", re.IGNORECASE | re.MULTILINE)
_TYPE_CALL = re.compile(r"\btype\s*\(", re.IGNORECASE)
# allShortestPaths((a)-[:T*..6]-(b)) -> (a)-[:T* ALL SHORTEST 1..6]-(b)
_SHORTEST = re.compile(
    r"\b(allShortestPaths|shortestPath)\s*\(\s*(\([^()]*\))\s*-\s*\[([^\]*]*)\*\s*(\d*)\s*\.\.\s*"
    r"(\d+)\s*\]\s*-\s*(>?)\s*(\([^()]*\))\s*\)", re.IGNORECASE)
# a variable-length relationship pattern: [r:A|B*1..2] -> [r:A|B* TRAIL 1..2]
_VAR_LENGTH = re.compile(r"(\[[^\]]*?)\*(?!\s*TRAIL)\s*(\d*\s*(?:\.\.\s*\d*)?)\s*\]", re.IGNORECASE)
# [n IN list | expression] -> list_transform(list, n -> expression)
_COMPREHENSION = re.compile(r"\[\s*(\w+)\s+IN\s+([^\[\]|]+?)\s*\|\s*([^\[\]]+?)\s*\]", re.IGNORECASE)
# reduce(s = '', n IN list | s + expression) -> list_to_string('', list_transform(list, n -> expression))
_STRING_REDUCE = re.compile(
    r"\breduce\s*\(\s*(\w+)\s*=\s*''\s*,\s*(\w+)\s+IN\s+(\w+\(\w+\)|[\w.]+)\s*\|\s*\1\s*\+\s*"
    r"([^()]+?)\)", re.IGNORECASE)


def _shortest(m: re.Match) -> str:
    kind = "ALL SHORTEST" if m.group(1).lower() == "allshortestpaths" else "SHORTEST"
    return f"{m.group(2)}-[{m.group(3)}* {kind} {m.group(4) or 1}..{m.group(5)}]-{m.group(6)}{m.group(7)}"


def portable_to_ladybug(cypher: str) -> str:
    """Translate the portable Cypher of queries/ into ladybug's dialect (queries/README.md
    lists what is translated)."""
    if NEO4J_ONLY_MARKER.search(cypher):
        raise StoreError("this query needs Neo4j (its header says `// requires: neo4j`); "
                         "set KG_NEO4J_URI to run it against a Neo4j server")
    cypher = _TYPE_CALL.sub("label(", cypher)
    cypher = _STRING_REDUCE.sub(lambda m: f"list_to_string('', list_transform({m.group(3)}, "
                                          f"{m.group(2)} -> {m.group(4)}))", cypher)
    cypher = _COMPREHENSION.sub(lambda m: f"list_transform({m.group(2)}, {m.group(1)} -> "
                                          f"{m.group(3)})", cypher)
    cypher = _SHORTEST.sub(_shortest, cypher)
    return _VAR_LENGTH.sub(lambda m: f"{m.group(1)}* TRAIL {m.group(2).strip() or '1..30'}]",
                           cypher)


def _plain(value: Any) -> Any:
    """ladybug values as plain Python: nodes and relationships become their property dicts,
    with "_labels" (nodes) or "_type" (relationships) as Neo4jStore.query gives them."""
    if isinstance(value, dict):
        if "_LABEL" not in value:
            return {k: _plain(v) for k, v in value.items()}
        out = {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
        if "_SRC" in value:
            out["_type"] = value["_LABEL"]
        else:
            out["_labels"] = [value["_LABEL"]]
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return iso(value)  # dates as ISO text, as Neo4jStore.query gives them


class EmbeddedStore:
    """A graph in one database file inside a data directory; no server, no set-up."""

    name = "embedded"

    def __init__(self, *, path: Path):
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(str(self.path / DATABASE_FILE))
            self._conn = ladybug.Connection(self._db)
        except (OSError, RuntimeError) as e:
            raise StoreError(f"cannot open the embedded store at {self.path}: {e} "
                             "(is another kg process using it? choose another with --db)") from e
        self._check_model()

    def _check_model(self) -> None:
        """Create the schema in a new store; refuse one written by another graph model."""
        tables = {row[0] for row in self._run("CALL show_tables() RETURN name").rows}
        if "GraphModel" in tables:
            found = [row[0] for row in self._run("MATCH (m:GraphModel) RETURN m.version").rows]
            if found != [GRAPH_MODEL]:
                self.close()
                raise old_model_error(str(self.path), found[0] if found else "unknown")
            return
        if tables:  # the first model had no GraphModel table
            self.close()
            raise old_model_error(str(self.path), 1)
        for statement in _SCHEMA:
            self._run(statement)
        self._run("CREATE (:GraphModel {version: $version})", {"version": GRAPH_MODEL})

    # -- plumbing -------------------------------------------------------------------------
    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run one statement and read its result completely: a result left open when the
        database closes loses the write-ahead log."""
        result = self._conn.execute(cypher, params or {})
        try:
            columns = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append([_plain(v) for v in result.get_next()])
            return QueryResult(columns, rows)
        finally:
            result.close()

    def _transaction(self, work) -> Any:
        self._run("BEGIN TRANSACTION")
        try:
            out = work()
        except BaseException:
            try:
                self._run("ROLLBACK")
            except RuntimeError:
                pass  # a failed statement has already rolled ladybug's transaction back
            raise
        self._run("COMMIT")
        return out

    # -- writing --------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self._run("MATCH (d:Document {id: $id}) RETURN d.id", {"id": doc_id}).rows)

    def _stored_documents(self, doc_ids: list[str]) -> set[str]:
        found = self._run("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id", {"ids": doc_ids})
        return {row[0] for row in found.rows}

    def _write_document(self, rows: GraphRows) -> None:
        self._run(_WRITE_ENTITIES, {"rows": rows.entities})
        candidates = self._run(_NEAR_COPY_CANDIDATES, {"bands": rows.document["bands"]})
        links = near_copies.link([rows.document], candidates.records())
        self._run(_WRITE_DOCUMENT, {**{k: v for k, v in rows.document.items() if k != "bands"},
                                    "mentions": rows.mentions})
        self._run(_WRITE_BANDS, {"id": rows.document["id"], "bands": rows.document["bands"]})
        for found in links:
            self._run(_LINK_NEAR_COPY, vars(found))
        stored = {row[0] for row in self._run(_STORED_FACTS,
                                              {"ids": [f["id"] for f in rows.facts]}).rows}
        new = [f for f in rows.facts if f["id"] not in stored]
        if new:
            self._run(_CREATE_FACTS, {"rows": new})
            for rel in sorted({f["rel"] for f in new}):
                self._run(_CREATE_FACT_EDGES.format(rel=rel),
                          {"rows": [f for f in new if f["rel"] == rel]})
        if rows.claims:
            self._run(_CREATE_CLAIMS, {"rows": rows.claims})
        if rows.items:
            self._run(_CREATE_CLAIM_ITEMS, {"rows": rows.items})

    def _summarise(self, fact_ids: list[str]) -> None:
        """Set each fact's values from its claims again; delete the facts left without one."""
        if not fact_ids:
            return
        ids = {"ids": fact_ids}
        ends = {fact_id: (predicate, subject)
                for fact_id, predicate, subject in self._run(_FACT_ENDS, ids).rows}
        facts, items, places, credibility = summary_rows(
            self._run(_CLAIMS_OF_FACTS, ids).rows, self._run(_ITEMS_OF_CLAIMS, ids).rows)
        for statement in _DROP_FACT_LINKS:
            self._run(statement, ids)
        if facts:
            self._run(_SET_FACTS, {"rows": facts})
            self._run(_SET_CREDIBILITY, {"rows": credibility})
        for rel in REL_TYPES:
            edges = [{**f, "s": ends[f["id"]][1]} for f in facts
                     if rel_type(ends[f["id"]][0]) == rel]
            if edges:
                self._run(_SET_FACT_EDGES.format(rel=rel), {"rows": edges})
        if items:
            self._run(_CREATE_FACT_ITEMS, {"rows": items})
        if places:
            self._run(_CREATE_FACT_PLACES, {"rows": places})
        kept = {f["id"] for f in facts}
        gone = [fact_id for fact_id in ends if fact_id not in kept]
        for rel in REL_TYPES:
            edges = [{"id": fact_id, "s": ends[fact_id][1]} for fact_id in gone
                     if rel_type(ends[fact_id][0]) == rel]
            if edges:
                self._run(_DELETE_FACT_EDGES.format(rel=rel), {"rows": edges})
        if gone:
            self._run(_DELETE_FACTS, {"ids": gone})

    def write(self, extractions: Sequence[Extraction]) -> WriteResult:
        stored = self._stored_documents([x.document.id for x in extractions])
        todo, seen = [], set(stored)
        for x in extractions:
            if x.document.id not in seen:
                seen.add(x.document.id)
                todo.append(graph_rows(x))

        def work() -> None:
            for rows in todo:
                self._write_document(rows)
            # once for the batch: a fact several of its documents tell is read back once
            self._summarise(sorted({f["id"] for rows in todo for f in rows.facts}))

        if todo:
            self._transaction(work)
        return WriteResult(written=[rows.document["id"] for rows in todo],
                           documents_skipped=len(extractions) - len(todo))

    def delete_document(self, doc_id: str) -> bool:
        if not self.has_document(doc_id):
            return False

        def work() -> None:
            touched = sorted({row[0] for row in self._run(_DOCUMENT_CLAIMS, {"id": doc_id}).rows})
            self._run(_DELETE_DOCUMENT_CLAIMS, {"id": doc_id})
            self._summarise(touched)
            self._run("MATCH (d:Document {id: $id}) DETACH DELETE d", {"id": doc_id})
            self._run("MATCH (e:Entity) WHERE NOT EXISTS { MATCH (:Document)-[:MENTIONS]->(e) } "
                      "DETACH DELETE e")

        self._transaction(work)
        return True

    # -- reading --------------------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        try:
            return self._run(portable_to_ladybug(cypher), params)
        except RuntimeError as e:
            raise StoreError(f"query failed on the embedded store: {e}") from e

    def entities(self, *, type: str | None = None, search: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
        # clauses are added only when their value is given: ladybug cannot type a null parameter
        where, params = [], {"search": ""}
        if type:
            where.append("e.type = $type")
            params["type"] = type
        if search:
            # bound with WITH first: ladybug cannot read a parameter inside a list predicate
            where.append("(lower(e.name) CONTAINS term OR "
                         "any(a IN e.aliases WHERE lower(a) CONTAINS term))")
            params["search"] = search.lower()
        cypher = ("MATCH (e:Entity) WITH e, $search AS term "
                  + ("WHERE " + " AND ".join(where) if where else "")
                  + " OPTIONAL MATCH (d:Document)-[:MENTIONS]->(e)"
                  " RETURN e.id AS id, e.name AS name, e.type AS type, e.category AS category,"
                  " e.aliases AS aliases, count(d) AS documents ORDER BY name, id")
        if limit is not None:
            cypher += " LIMIT $limit"
            params["limit"] = int(limit)
        return self._run(cypher, params).records()

    def stats(self) -> dict[str, Any]:
        documents, catalog = (self._run(cypher, {"catalog": CATALOG_PUBLISHER}).rows[0][0]
                              for cypher in (_COUNT_REPORTS, _COUNT_CATALOG_DOCUMENTS))
        by_type = self._run("MATCH (e:Entity) RETURN e.type, count(*) ORDER BY e.type").rows
        by_predicate = self._run("MATCH (f:Fact) RETURN f.predicate, count(*) "
                                 "ORDER BY f.predicate").rows
        return {"documents": documents, "catalog_documents": catalog,
                "entities": {t: n for t, n in by_type},
                "relations": {p: n for p, n in by_predicate}}

    def _facts(self, fact_ids: list[str] | None) -> list[dict[str, Any]]:
        """The facts with these ids (every fact for None), as assemble_facts makes them."""
        where = "" if fact_ids is None else "WHERE f.id IN $ids"
        params = {} if fact_ids is None else {"ids": fact_ids}
        return assemble_facts(
            *(self._run(cypher.format(where=where), params).rows for cypher in FACT_READS))

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph:
        seen, fact_ids = neighbourhood(entity_id, hops, lambda ids: self._run(
            "MATCH (e:Entity)<-[:SUBJECT|OBJECT]-(f:Fact) WHERE e.id IN $ids "
            "RETURN f.id, f.subject, f.object", {"ids": ids}).rows)
        nodes = self._run("MATCH (e:Entity) WHERE e.id IN $ids RETURN e ORDER BY e.id",
                          {"ids": seen})
        return Subgraph(nodes=[{k: v for k, v in row[0].items() if k != "_labels"}
                               for row in nodes.rows],
                        edges=self._facts(fact_ids))

    def subgraph_among(self, keys: Sequence[str]) -> Subgraph:
        nodes = [{k: v for k, v in row[0].items() if k != "_labels"} for row in self._run(
            "MATCH (e:Entity) WHERE e.id IN $keys OR e.name IN $keys RETURN e ORDER BY e.id",
            {"keys": list(keys)}).rows]
        ids = [n["id"] for n in nodes]
        facts = [row[0] for row in self._run(
            "MATCH (f:Fact) WHERE f.subject IN $ids AND f.object IN $ids RETURN f.id",
            {"ids": ids}).rows]
        return Subgraph(nodes=nodes, edges=self._facts(facts))

    def dump(self):
        entities = [row[0] for row in self._run("MATCH (e:Entity) RETURN e ORDER BY e.id").rows]
        for e in entities:
            e.pop("_labels", None)
        documents = self._run(
            "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.published AS published, "
            "d.url AS url, d.publisher AS publisher, d.reliability AS reliability, "
            "d.file AS file, d.story AS story "
            "ORDER BY d.id").records()
        return entities, self._facts(None), documents

    def close(self) -> None:
        # the connection first: closing the database under a live connection loses the WAL
        self._conn.close()
        self._db.close()
