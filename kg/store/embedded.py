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

from kg.model import Extraction
from kg.store.base import (
    REL_TYPES, GraphRows, QueryResult, StoreError, Subgraph, WriteResult, fact_dict, graph_rows,
)

DATABASE_FILE = "graph.lbug"

_FACT_COLUMNS = (
    "id STRING, date STRING, date_precision STRING, weapons STRING[], quantity INT64, "
    "place STRING, hedged BOOL, confidence DOUBLE, doc_ids STRING[], sentences STRING[], "
    "sentence_starts INT64[], sentence_ends INT64[], source_confidences DOUBLE[], "
    "source_hedged BOOL[]"
)
_SCHEMA = [
    "CREATE NODE TABLE IF NOT EXISTS Entity(id STRING PRIMARY KEY, name STRING, type STRING, "
    "category STRING, aliases STRING[], in_catalog BOOL)",
    "CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, title STRING, "
    "published STRING, url STRING, publisher STRING, source STRING, text STRING)",
    "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO Entity)",
    *(f"CREATE REL TABLE IF NOT EXISTS {t}(FROM Entity TO Entity, {_FACT_COLUMNS})"
      for t in REL_TYPES),
    # a Place's coordinates came later: added so that a store made before them gets them too
    *(f"ALTER TABLE Entity ADD IF NOT EXISTS {column}"
      for column in ("latitude DOUBLE", "longitude DOUBLE", "geonames_id INT64")),
]
_FACT_TYPES = "|".join(REL_TYPES)

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
             e.latitude = coalesce(e.latitude, latitude), e.longitude = coalesce(e.longitude, longitude),
             e.geonames_id = coalesce(e.geonames_id, geonames_id)
"""
_WRITE_DOCUMENT = """
CREATE (d:Document {id: $id, title: $title, published: $published, url: $url,
                    publisher: $publisher, source: $source, text: $text})
WITH d UNWIND $mentions AS eid
MATCH (e:Entity {id: eid}) CREATE (d)-[:MENTIONS]->(e)
"""
# {rel} is one of REL_TYPES, never text from outside.
_WRITE_FACTS = """
UNWIND $rows AS r
WITH r, CAST(r.quantity AS INT64) AS quantity, CAST(r.weapons AS STRING[]) AS weapons,
     CAST(r.confidence AS DOUBLE) AS confidence, CAST(r.sentence_start AS INT64) AS sentence_start,
     CAST(r.sentence_end AS INT64) AS sentence_end
MATCH (a:Entity {{id: r.s}}) WITH a, r, quantity, weapons, confidence, sentence_start, sentence_end
MATCH (b:Entity {{id: r.o}})
MERGE (a)-[f:{rel} {{id: r.id}}]->(b)
ON CREATE SET f.date = r.date, f.date_precision = r.date_precision, f.weapons = weapons,
    f.quantity = quantity, f.place = r.place, f.hedged = r.hedged,
    f.confidence = confidence, f.doc_ids = [r.doc_id], f.sentences = [r.sentence],
    f.sentence_starts = [sentence_start], f.sentence_ends = [sentence_end],
    f.source_confidences = [confidence], f.source_hedged = [r.hedged]
ON MATCH SET f.weapons = list_distinct(list_concat(f.weapons, weapons)),
    f.quantity = coalesce(f.quantity, quantity), f.place = coalesce(f.place, r.place),
    f.hedged = f.hedged AND r.hedged,
    f.confidence = CASE WHEN confidence > f.confidence THEN confidence ELSE f.confidence END,
    f.doc_ids = list_append(f.doc_ids, r.doc_id),
    f.sentences = list_append(f.sentences, r.sentence),
    f.sentence_starts = list_append(f.sentence_starts, sentence_start),
    f.sentence_ends = list_append(f.sentence_ends, sentence_end),
    f.source_confidences = list_append(f.source_confidences, confidence),
    f.source_hedged = list_append(f.source_hedged, r.hedged)
"""
_SOURCE_LISTS = ("doc_ids", "sentences", "sentence_starts", "sentence_ends",
                 "source_confidences", "source_hedged")

NEO4J_ONLY_MARKER = re.compile(r"^\s*//\s*requires:\s*neo4j\b", re.IGNORECASE | re.MULTILINE)
_TYPE_CALL = re.compile(r"\btype\s*\(", re.IGNORECASE)
# a variable-length relationship pattern: [r:A|B*1..2] -> [r:A|B* TRAIL 1..2]
_VAR_LENGTH = re.compile(r"(\[[^\]]*?)\*(?!\s*TRAIL)\s*(\d*\s*(?:\.\.\s*\d*)?)\s*\]", re.IGNORECASE)


def portable_to_ladybug(cypher: str) -> str:
    """Translate the portable Cypher of queries/ into ladybug's dialect."""
    if NEO4J_ONLY_MARKER.search(cypher):
        raise StoreError("this query needs Neo4j (its header says `// requires: neo4j`); "
                         "set KG_NEO4J_URI to run it against a Neo4j server")
    cypher = _TYPE_CALL.sub("label(", cypher)
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
    return value


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
        for statement in _SCHEMA:
            self._run(statement)

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
        for rel, facts in rows.facts.items():
            self._run(_WRITE_FACTS.format(rel=rel), {"rows": facts})
        # the Document node last: it marks the document as completely written
        self._run(_WRITE_DOCUMENT, {**rows.document, "mentions": rows.mentions})

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

        if todo:
            self._transaction(work)
        return WriteResult(documents_written=len(todo),
                           documents_skipped=len(extractions) - len(todo))

    def delete_document(self, doc_id: str) -> bool:
        if not self.has_document(doc_id):
            return False

        def work() -> None:
            facts = self._run(
                f"MATCH (:Entity)-[f:{_FACT_TYPES}]->(:Entity) WHERE list_contains(f.doc_ids, $doc) "
                "RETURN label(f), f", {"doc": doc_id})
            for rel, props in facts.rows:
                keep = [i for i, d in enumerate(props["doc_ids"]) if d != doc_id]
                if not keep:
                    self._run(f"MATCH ()-[f:{rel} {{id: $id}}]->() DELETE f", {"id": props["id"]})
                    continue
                lists = {k: [props[k][i] for i in keep] for k in _SOURCE_LISTS}
                self._run(
                    f"MATCH ()-[f:{rel} {{id: $id}}]->() SET "
                    + ", ".join(f"f.{k} = $lists.{k}" for k in _SOURCE_LISTS)
                    + ", f.hedged = $hedged, f.confidence = $confidence",
                    {"id": props["id"], "lists": lists, "hedged": all(lists["source_hedged"]),
                     "confidence": max(lists["source_confidences"])})
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
        documents = self._run("MATCH (d:Document) RETURN count(d)").rows[0][0]
        by_type = self._run("MATCH (e:Entity) RETURN e.type, count(*) ORDER BY e.type").rows
        by_rel = self._run(f"MATCH (:Entity)-[f:{_FACT_TYPES}]->(:Entity) "
                           "RETURN label(f), count(*) ORDER BY label(f)").rows
        return {"documents": documents,
                "entities": {t: n for t, n in by_type},
                "relations": {rel.lower(): n for rel, n in by_rel}}

    def subgraph(self, entity_id: str, *, hops: int = 1) -> Subgraph:
        seen: set[str] = {entity_id}
        frontier, edges = [entity_id], {}
        for _ in range(max(hops, 0)):
            around = [(rel, props, a, b, a, b) for rel, props, a, b in self._run(
                f"MATCH (a:Entity)-[f:{_FACT_TYPES}]->(b:Entity) WHERE a.id IN $ids "
                "RETURN label(f), f, a.id, b.id", {"ids": frontier}).rows]
            around += [(rel, props, s, o, o, s) for rel, props, s, o in self._run(
                f"MATCH (a:Entity)-[f:{_FACT_TYPES}]->(b:Entity) WHERE b.id IN $ids "
                "RETURN label(f), f, a.id, b.id", {"ids": frontier}).rows]
            frontier = []
            for rel, props, s, o, _near, far in around:
                edges[props["id"]] = fact_dict(rel, s, o, props)
                if far not in seen:
                    seen.add(far)
                    frontier.append(far)
            if not frontier:
                break
        nodes = self._run("MATCH (e:Entity) WHERE e.id IN $ids RETURN e", {"ids": sorted(seen)})
        return Subgraph(nodes=[{k: v for k, v in row[0].items() if k != "_labels"}
                               for row in nodes.rows],
                        edges=list(edges.values()))

    def dump(self):
        entities = [row[0] for row in self._run("MATCH (e:Entity) RETURN e ORDER BY e.id").rows]
        for e in entities:
            e.pop("_labels", None)
        facts = [fact_dict(rel, s, o, props) for rel, props, s, o in self._run(
            f"MATCH (a:Entity)-[f:{_FACT_TYPES}]->(b:Entity) RETURN label(f), f, a.id, b.id "
            "ORDER BY f.id").rows]
        documents = self._run(
            "MATCH (d:Document) RETURN d.id AS id, d.title AS title, d.published AS published, "
            "d.url AS url, d.publisher AS publisher, d.source AS source ORDER BY d.id").records()
        return entities, facts, documents

    def close(self) -> None:
        # the connection first: closing the database under a live connection loses the WAL
        self._conn.close()
        self._db.close()
