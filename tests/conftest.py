"""Shared fixtures: a real Neo4j for the whole session, and a fresh store of each kind.

Neo4j comes from KG_NEO4J_URI / KG_NEO4J_USER / KG_NEO4J_PASSWORD when set (refused if
its database holds a graph, since the tests empty it, unless KG_NEO4J_TEST_WIPE=1), else
from scripts/neo4j-server, started in a run directory of this session and stopped at its
end.
Without Java 17+ (or, before the first download, Maven) the Neo4j tests are skipped, except
under CI (CI set), where they fail: CI must test both stores. A server that has what it
needs and still does not start fails them everywhere.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

SERVER_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-server"
START_TIMEOUT = 300  # a first start also downloads the jars
MISSING_PREREQUISITE = 4  # the script's exit code when Java 17+ (or Maven) is missing


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    run_dir: Path | None  # set when this session started the server with the script


def cannot_start(reason: str) -> None:
    """No Java here: skip, except under CI, which must test both stores."""
    if os.environ.get("CI"):
        pytest.fail(f"Neo4j is needed under CI and cannot start: {reason}", pytrace=False)
    pytest.skip(f"Neo4j tests skipped: {reason} (set KG_NEO4J_URI to use a running server)")


def server_script(*args: str, run_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KG_NEO4J_RUN_DIR=str(run_dir))
    return subprocess.run([sys.executable, str(SERVER_SCRIPT), *args], env=env,
                          capture_output=True, text=True, timeout=START_TIMEOUT)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory):
    if os.environ.get("KG_NEO4J_URI"):
        server = Neo4jServer(uri=os.environ["KG_NEO4J_URI"],
                             user=os.environ.get("KG_NEO4J_USER", "neo4j"),
                             password=os.environ.get("KG_NEO4J_PASSWORD", ""), run_dir=None)
        try:
            kept = holds_data(server)
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError) as e:
            pytest.fail(f"cannot use KG_NEO4J_URI={server.uri}: {e}", pytrace=False)
        # the tests empty the database: never a graph someone kept there
        if kept and not os.environ.get("KG_NEO4J_TEST_WIPE"):
            pytest.fail(f"KG_NEO4J_URI={server.uri} holds a graph, and the Neo4j tests delete "
                        "everything in it: point KG_NEO4J_URI at a scratch database (or unset "
                        "it to have one started), or set KG_NEO4J_TEST_WIPE=1", pytrace=False)
        yield server
        clear_neo4j(server)  # leaves it empty, so the next session accepts it
        return
    run_dir = tmp_path_factory.mktemp("neo4j-run")
    try:
        started = server_script("start", run_dir=run_dir)
    except subprocess.TimeoutExpired:
        server_script("stop", run_dir=run_dir)
        pytest.fail(f"scripts/neo4j-server start took over {START_TIMEOUT} s "
                    f"(logs in {run_dir / 'logs'})", pytrace=False)
    if started.returncode == MISSING_PREREQUISITE:
        cannot_start(started.stderr.strip().removeprefix("neo4j-server: "))
    if started.returncode != 0:
        server_script("stop", run_dir=run_dir)
        pytest.fail(f"scripts/neo4j-server start failed:\n{started.stdout}{started.stderr}",
                    pytrace=False)
    try:
        env = dict(word.split("=", 1) for word in
                   server_script("env", run_dir=run_dir).stdout.split()[1:])
        yield Neo4jServer(uri=env["KG_NEO4J_URI"], user=env["KG_NEO4J_USER"],
                          password=env["KG_NEO4J_PASSWORD"], run_dir=run_dir)
    finally:
        server_script("stop", run_dir=run_dir)


def holds_data(server: Neo4jServer) -> bool:
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        return driver.execute_query("MATCH (n) RETURN count(n) > 0 AS any").records[0]["any"]


def clear_neo4j(server: Neo4jServer) -> None:
    """Empty the database in slices, relationships first, so a big leftover graph (a hub's
    relationships, say) does not need one huge transaction."""
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        for statement in ("MATCH ()-[r]->() WITH r LIMIT $slice DELETE r RETURN count(*) AS n",
                          "MATCH (n) WITH n LIMIT $slice DELETE n RETURN count(*) AS n"):
            while driver.execute_query(statement, slice=10_000).records[0]["n"]:
                pass


@pytest.fixture()
def neo4j_store(neo4j_server: Neo4jServer):
    from kg.store.neo4j import Neo4jStore

    clear_neo4j(neo4j_server)
    store = Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user,
                       password=neo4j_server.password)
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh, empty store of each kind; the same test runs against both."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    from kg.store.embedded import EmbeddedStore

    embedded = EmbeddedStore(path=tmp_path / "db")
    yield embedded
    embedded.close()


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, built once for every extraction test."""
    from kg.extract import build_pipeline

    return build_pipeline()
