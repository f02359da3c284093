"""Every query in queries/ runs on both stores and returns the same rows on the examples."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import clear_neo4j
from kg import api
from kg.store.base import StoreError
from kg.store.embedded import NEO4J_ONLY_MARKER, EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# sample parameters, chosen so that each query has rows on the example corpus
PARAMS = {
    "weapons-by-origin": {"country": "Iran"},
    "arsenal": {"actor": "Syrian Arab Army"},
    "corroborated-facts": {"min_sources": 1},
    "evidence": {"a": "Jaysh al-Islam", "b": "Syrian Arab Army"},
    "documents-mentioning": {"name": "Syrian Arab Army"},
    "connections": {"a": "Jaysh al-Islam", "b": "Iran"},
}
SAVED = api.saved_queries()
PORTABLE = [q for q in SAVED if not NEO4J_ONLY_MARKER.search(q.cypher)]
NEO4J_ONLY = [q for q in SAVED if NEO4J_ONLY_MARKER.search(q.cypher)]


def comparable(rows: list[list]) -> list[tuple]:
    """Rows with list values sorted: stores may keep a merged list in another order."""
    return [tuple(tuple(sorted(map(str, v))) if isinstance(v, list) else v for v in row)
            for row in rows]


@pytest.fixture(scope="module")
def extractions():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    return [x for path in files for x in api.extract_file(path)]


@pytest.fixture(scope="module")
def embedded(extractions, tmp_path_factory):
    store = EmbeddedStore(path=tmp_path_factory.mktemp("queries") / "db")
    store.write(extractions)
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j(extractions, neo4j_server):
    from kg.store.neo4j import Neo4jStore

    clear_neo4j(neo4j_server)
    store = Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user,
                       password=neo4j_server.password)
    store.write(extractions)
    yield store
    store.close()


def test_every_query_has_sample_parameters():
    for saved in SAVED:
        if "// params:" in saved.cypher:
            assert saved.name in PARAMS, saved.name


@pytest.mark.parametrize("saved", PORTABLE, ids=[q.name for q in PORTABLE])
def test_query_has_rows_on_the_embedded_store(embedded, saved):
    result = embedded.query(saved.cypher, PARAMS.get(saved.name, {}))
    assert result.rows, f"{saved.name} returns nothing on the examples"


@pytest.mark.neo4j
@pytest.mark.parametrize("saved", PORTABLE, ids=[q.name for q in PORTABLE])
def test_query_returns_the_same_rows_on_both_stores(embedded, neo4j, saved):
    params = PARAMS.get(saved.name, {})
    on_embedded = embedded.query(saved.cypher, params)
    on_neo4j = neo4j.query(saved.cypher, params)
    assert on_embedded.columns == on_neo4j.columns
    assert comparable(on_embedded.rows) == comparable(on_neo4j.rows)


@pytest.mark.neo4j
@pytest.mark.parametrize("saved", NEO4J_ONLY, ids=[q.name for q in NEO4J_ONLY])
def test_neo4j_only_queries_run_there_and_are_refused_here(embedded, neo4j, saved):
    assert neo4j.query(saved.cypher, PARAMS.get(saved.name, {})).columns
    with pytest.raises(StoreError, match="needs Neo4j"):
        embedded.query(saved.cypher, PARAMS.get(saved.name, {}))
