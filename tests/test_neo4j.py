"""What only Neo4j has: its schema, type labels, connection errors, and the server script."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.store.base import REL_TYPES, StoreError
from kg.store.neo4j import (
    CLAIMS_OF_FACTS, CREATE_CLAIMS, CREATE_DOCUMENTS, CREATE_FACTS, DELETE_FACTS,
    ITEMS_OF_CLAIMS, LOCK_FACTS, NEAR_COPY_CANDIDATES, STORED_DOCUMENTS, STORED_STATE, WRITE_ENTITIES, WRITE_SUMMARIES,
    Neo4jStore,
)

SERVER_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-server"

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_one_clear_line(message: str) -> None:
    assert "Traceback" not in message and 'File "' not in message
    assert "\n" not in message


def test_constraints_and_indexes_exist_after_first_use(neo4j_store):
    constraints = {(row["type"], tuple(row["labelsOrTypes"]), tuple(row["properties"]))
                   for row in neo4j_store.query(
                       "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties").records()}
    indexes = {(tuple(row["labelsOrTypes"]), tuple(row["properties"]))
               for row in neo4j_store.query(
                   "SHOW INDEXES YIELD labelsOrTypes, properties "
                   "WHERE labelsOrTypes IS NOT NULL").records()}

    assert ("UNIQUENESS", ("Entity",), ("id",)) in constraints
    assert ("UNIQUENESS", ("Document",), ("id",)) in constraints
    for rel in REL_TYPES:
        assert ("RELATIONSHIP_UNIQUENESS", (rel,), ("id",)) in constraints
    assert (("Entity",), ("name",)) in indexes
    assert (("Entity",), ("type",)) in indexes


def test_entities_carry_their_type_as_a_second_label(neo4j_store):
    doc = Document.from_text("Syria operates the T-72.")
    evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text))
    neo4j_store.write([Extraction(
        document=doc,
        entities=[Entity(id="weapon:t-72", name="T-72", type="WeaponSystem", category="tank"),
                  Entity(id="country:syria", name="Syria", type="Country")],
        relations=[Relation(s="country:syria", p="has_equipment", o="weapon:t-72",
                            evidence=evidence)])])

    assert neo4j_store.query("MATCH (e:Entity:WeaponSystem) RETURN e.id").rows == [
        ["weapon:t-72"]]
    [[labels]] = neo4j_store.query("MATCH (e:Country) RETURN labels(e)").rows
    assert sorted(labels) == ["Country", "Entity"]
    [[node]] = neo4j_store.query("MATCH (e:WeaponSystem) RETURN e").rows
    assert node["_labels"] == ["Entity", "WeaponSystem"]


WRITE_STATEMENTS = {
    "STORED_DOCUMENTS": STORED_DOCUMENTS, "STORED_STATE": STORED_STATE,
    "WRITE_ENTITIES": WRITE_ENTITIES, "CREATE_DOCUMENTS": CREATE_DOCUMENTS,
    "NEAR_COPY_CANDIDATES": NEAR_COPY_CANDIDATES,
    "CREATE_FACTS": CREATE_FACTS, "LOCK_FACTS": LOCK_FACTS, "CREATE_CLAIMS": CREATE_CLAIMS,
    "CLAIMS_OF_FACTS": CLAIMS_OF_FACTS, "ITEMS_OF_CLAIMS": ITEMS_OF_CLAIMS,
    "WRITE_SUMMARIES": WRITE_SUMMARIES, "DELETE_FACTS": DELETE_FACTS,
}


@pytest.mark.parametrize("statement", list(WRITE_STATEMENTS.values()), ids=list(WRITE_STATEMENTS))
def test_write_statements_seek_every_id_whatever_the_statistics(neo4j_server, neo4j_store,
                                                                 statement):
    """replan=skip keeps a plan made with the statistics of its moment, and one made with a
    single batch in the graph scanned a relationship type for every fact id, for a whole
    ingest: so every lookup by id is pinned to an index seek."""
    lookups = re.findall(r"MATCH .*\{(?:id|key): .*", statement)
    assert lookups and all("USING INDEX SEEK" in lookup for lookup in lookups)

    def operators(plan: dict) -> list[str]:
        return [plan["operatorType"],
                *(op for child in plan.get("children", []) for op in operators(child))]

    explain = statement.replace("CYPHER replan=skip", "CYPHER replan=force EXPLAIN", 1)
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.user, neo4j_server.password)) as driver:
        plan = driver.execute_query(explain).summary.plan
    assert not [op for op in operators(plan) if "Scan" in op]


def test_a_closed_port_is_one_clear_error_naming_the_uri():
    uri = f"bolt://127.0.0.1:{free_port()}"

    with pytest.raises(StoreError) as caught:
        Neo4jStore(uri=uri, user="neo4j", password="whatever")

    message = str(caught.value)
    assert uri in message
    assert "scripts/neo4j-server start" in message and "docker compose up -d" in message
    assert_one_clear_line(message)


def test_wrong_credentials_are_one_clear_error_naming_the_uri(neo4j_server):
    # a user that does not exist, so the real user is not locked out by failed attempts
    with pytest.raises(StoreError) as caught:
        Neo4jStore(uri=neo4j_server.uri, user="kg-test-nobody", password="wrong")

    message = str(caught.value)
    assert neo4j_server.uri in message
    assert "KG_NEO4J_USER" in message and "KG_NEO4J_PASSWORD" in message
    assert_one_clear_line(message)


def test_a_bad_query_is_a_store_error_with_neo4j_s_reason(neo4j_store):
    with pytest.raises(StoreError, match="SyntaxError"):
        neo4j_store.query("MATCH (n RETURN n")


def script(*args: str, run_dir) -> subprocess.CompletedProcess:
    env = dict(os.environ, KG_NEO4J_RUN_DIR=str(run_dir))
    return subprocess.run([sys.executable, str(SERVER_SCRIPT), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_server_script_reports_the_server_it_started(neo4j_server):
    if neo4j_server.run_dir is None:
        pytest.skip("KG_NEO4J_URI names a server this session did not start")

    status = script("status", run_dir=neo4j_server.run_dir)
    env = script("env", run_dir=neo4j_server.run_dir)

    assert status.returncode == 0 and neo4j_server.uri in status.stdout
    assert env.returncode == 0
    assert env.stdout.strip() == (f"export KG_NEO4J_URI={neo4j_server.uri} KG_NEO4J_USER=neo4j "
                                  f"KG_NEO4J_PASSWORD={neo4j_server.password}")


def test_server_script_with_nothing_running(tmp_path):
    status = script("status", run_dir=tmp_path)
    env = script("env", run_dir=tmp_path)
    stops = [script("stop", run_dir=tmp_path) for _ in range(2)]

    assert status.returncode == 3 and "not running" in status.stdout
    assert env.returncode == 1 and "scripts/neo4j-server start" in env.stderr
    assert [s.returncode for s in stops] == [0, 0]
    assert script("restart", run_dir=tmp_path).returncode == 2


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "bolt://127.0.0.1:notaport"])
def test_a_uri_kg_cannot_use_is_one_clear_error(uri):
    with pytest.raises(StoreError, match="cannot use Neo4j URI") as caught:
        Neo4jStore(uri=uri, user="neo4j", password="whatever")

    assert_one_clear_line(str(caught.value))


def test_concurrent_writers_merge_into_one_fact_and_keep_every_alias(neo4j_server, neo4j_store):
    """Two processes ingesting at once race to create the same entities and facts: the
    loser of each race retries and merges into the winner's, losing nothing."""
    from concurrent.futures import ThreadPoolExecutor

    def report(writer: int, n: int) -> Extraction:
        doc = Document.from_text(f"Report {n} of writer {writer}: Syria operates the T-72.")
        evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text))
        return Extraction(
            document=doc,
            entities=[Entity(id="weapon:t-72", name="T-72", type="WeaponSystem",
                             aliases=[f"T-72 ({writer}-{n})"]),
                      Entity(id="country:syria", name="Syria", type="Country")],
            relations=[Relation(s="country:syria", p="has_equipment", o="weapon:t-72",
                                evidence=evidence, hedged=writer == 0)])

    stores = [Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user,
                         password=neo4j_server.password) for _ in range(2)]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for n in range(5):
                list(pool.map(lambda w: stores[w].write([report(w, n)]), range(2)))
    finally:
        for store in stores:
            store.close()

    [[count, sources, hedged, claims]] = neo4j_store.query(
        "MATCH (f:Fact {predicate: 'has_equipment'}) "
        "RETURN count(f), f.sources, f.hedged, COUNT { (f)<-[:SUPPORTS]-(:Claim) }").rows
    assert (count, sources, hedged, claims) == (1, 10, False, 10)
    [t72] = neo4j_store.entities(search="t-72")
    assert sorted(t72["aliases"]) == sorted(f"T-72 ({w}-{n})" for w in range(2) for n in range(5))
