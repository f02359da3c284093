"""Every query in queries/ runs on both stores and returns the same rows on the examples."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import clear_neo4j
from kg import api
from kg.catalog import default_catalog
from kg.grading import load_reliability, reliability_of
from kg.lineage import catalog_lineage
from kg.model import Extraction
from kg.store.base import StoreError
from kg.store.embedded import NEO4J_ONLY_MARKER, EmbeddedStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GRADES = EXAMPLES.parent / "grading" / "source-reliability.csv"  # as `make demo` ingests
SAVED = api.saved_queries()
PORTABLE = [q for q in SAVED if not NEO4J_ONLY_MARKER.search(q.cypher)]


def comparable(rows: list[list]) -> list[tuple]:
    """Rows with list values sorted: stores may keep a merged list in another order."""
    return [tuple(tuple(sorted(map(str, v))) if isinstance(v, list) else v for v in row)
            for row in rows]


@pytest.fixture(scope="module")
def extractions():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    grades = load_reliability(GRADES)
    reports = [Extraction(document=replace(x.document,
                                           reliability=reliability_of(x.document.publisher, grades)),
                          entities=x.entities, relations=x.relations)
               for path in files for x in api.extract_file(path)]
    return reports + catalog_lineage(reports, catalog=default_catalog())  # as `kg ingest` does


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


def test_every_query_states_its_question_what_its_rows_mean_and_an_example_of_each_parameter():
    assert len(SAVED) >= 15
    for saved in SAVED:
        header = [line for line in saved.cypher.splitlines() if line.startswith("//")]
        assert saved.description and any(line.startswith("// rows:") for line in header), saved.name
        used = set(re.findall(r"\$(\w+)", saved.cypher))
        assert used == set(saved.examples), (saved.name, used, saved.examples)


def test_no_query_joins_lists_or_unwinds():
    for saved in SAVED:
        body = "\n".join(line for line in saved.cypher.splitlines() if not line.startswith("//"))
        assert "UNWIND" not in body.upper() and not re.search(r"\bIN\s+\w+\.\w+", body), saved.name


@pytest.mark.parametrize("saved", PORTABLE, ids=[q.name for q in PORTABLE])
def test_query_has_rows_on_the_embedded_store(embedded, saved):
    result = embedded.query(saved.cypher, saved.examples)
    assert result.rows, f"{saved.name} returns nothing on the examples"


def rows_of(store, name: str, **params) -> list[dict]:
    [saved] = [q for q in SAVED if q.name == name]
    return store.query(saved.cypher, {**saved.examples, **params}).records()


def test_the_analysts_questions_on_the_example_corpus(embedded):
    """The rows of the questions the graph model was designed for (README "The graph
    model"), on examples/; each is one plain pattern, the same on both stores (below)."""
    # 1. transfers of systems made in a country, a row per weapon
    assert {"giver": "Iran", "receiver": "Syria", "weapon": "Fateh-110", "quantity": None,
            "date": None, "hedged": False, "sources": 1} in rows_of(embedded, "transfers-by-origin")
    # 2. the custody chain of the T-72, dated steps in date order, across documents
    chain = [(r["date"], r["step"], r["subject"], r["object"])
             for r in rows_of(embedded, "custody-chain", system="T-72")]
    assert chain[:3] == [("2013/2014", "captured_from", "Jaysh al-Islam", "Republican Guard"),
                         ("2013/2014", "has_equipment", "Republican Guard", "T-72"),
                         ("2018-04-19", "transferred_to", "Jaysh al-Islam", "Syrian Arab Army")]
    # 3. every source of one fact, each with its own values
    sources = rows_of(embedded, "sources-of-fact")
    assert [(r["publisher"], r["published"], r["date"], r["quantity"]) for r in sources] == [
        (None, "2018-04-21", "2018-04-20", 37),
        ("Frontline Digest", "2018-04-22", "2018-04-19", 40),
        ("Levant Conflict Monitor", "2018-04-22", "2018-04-19", 40)]
    assert all(r["sentence"] and r["sentence_end"] > r["sentence_start"] for r in sources)
    # 4. facts with two independent sources: the monitor's story, republished, counts once
    corroborated = rows_of(embedded, "corroborated-facts")
    assert {"subject": "Jaysh al-Islam", "predicate": "transferred_to",
            "object": "Syrian Arab Army", "independent_sources": 2, "sources": 3} in corroborated
    # 5. the two accounts of the handover disagree on the day and the count
    assert [(r["document"][:20], r["date"], r["quantity"])
            for r in rows_of(embedded, "conflicting-reports")] == [
        ("Jaysh al-Islam hands", "2018-04-20", 37), ("Rebels surrender 40 ", "2018-04-19", 40),
        ("Syrian army takes ov", "2018-04-19", 40)]
    # 6. lineage both ways: the Burkan-1's family, with the catalog's links, reaches the
    # Qiam-1 that another report names
    assert [(r["system"], r["link"], r["original"], r["sources"])
            for r in rows_of(embedded, "lineage")] == [
        ("Burkan-1", "VARIANT_OF", "Scud", 2), ("Burkan-1", "VARIANT_OF", "Scud-B", 1),
        ("Burkan-1", "VARIANT_OF", "Scud-D", 1), ("Qiam-1", "VARIANT_OF", "Scud-C", 1),
        ("Scud-B", "VARIANT_OF", "Scud", 1), ("Scud-C", "VARIANT_OF", "Scud-B", 1),
        ("Scud-D", "VARIANT_OF", "Scud-B", 1)]
    # 7. the shortest chain between two actors runs through actor-to-actor facts only
    assert rows_of(embedded, "connections") == [
        {"chain": ["Jaysh al-Islam", "Syrian Arab Army", "Syria"],
         "predicates": ["TRANSFERRED_TO", "PART_OF"], "steps": 2}]
    # 8. the weapons in most events
    assert rows_of(embedded, "most-involved-weapons")[0] == {
        "weapon": "Maysalun", "type": "WeaponSystem", "events": 2}
    # 9. a group's timeline, in date order with precision
    timeline = [(r["date"], r["precision"], r["predicate"], r["object"])
                for r in rows_of(embedded, "timeline")]
    assert timeline[:4] == [("2013", "year", "captured_from", "Syrian Missile Force"),
                            ("2013", "year", "has_equipment", "Maysalun"),
                            ("2013/2014", "span", "captured_from", "Republican Guard"),
                            ("2018-02-23", "day", "attacked", "Damascus")]
    # 10. a fact dated only "2010" is found for 2009 to 2011, and not for 2011 alone
    assert ("2010", "Syria", "transferred_to", "Hezbollah") in [
        (r["date"], r["subject"], r["predicate"], r["object"]) for r in rows_of(embedded, "period")]
    assert all(r["date"] != "2010" for r in rows_of(embedded, "period", from_date="2011-01-01"))


def test_claims_carry_their_source_s_reliability_and_their_credibility(embedded):
    graded = {(r["publisher"], r["subject"], r["predicate"], r["object"]):
              (r["reliability"], r["credibility"]) for r in rows_of(embedded, "source-grading")}
    # the two stories of the handover rule out each other's day or count
    handover = ("Jaysh al-Islam", "transferred_to", "Syrian Arab Army")
    assert graded[("Levant Conflict Monitor", *handover)] == ("B", 5)
    assert graded[(None, *handover)] == ("F", 5)
    # told by two independent stories and contradicted by none: probably true
    assert graded[(None, "Syrian Arab Army", "part_of", "Syria")][1] == 2
    assert {grade for _, grade in graded.values()} <= {1, 2, 3, 4, 5}


@pytest.mark.neo4j
@pytest.mark.parametrize("saved", PORTABLE, ids=[q.name for q in PORTABLE])
def test_query_returns_the_same_rows_on_both_stores(embedded, neo4j, saved):
    params = saved.examples
    on_embedded = embedded.query(saved.cypher, params)
    on_neo4j = neo4j.query(saved.cypher, params)
    assert on_embedded.columns == on_neo4j.columns
    assert comparable(on_embedded.rows) == comparable(on_neo4j.rows)


@pytest.mark.neo4j
def test_a_query_marked_for_neo4j_runs_there_and_is_refused_here(embedded, neo4j):
    """Every query of the library is portable; one an analyst writes with a Neo4j-only
    feature says so in its header and gets a clear refusal from the embedded store."""
    cypher = ("// requires: neo4j\n"
              "MATCH (e:Entity) RETURN e.name AS name, [a IN e.aliases WHERE a <> e.name] AS other "
              "ORDER BY name LIMIT 1")
    assert neo4j.query(cypher).columns == ["name", "other"]
    with pytest.raises(StoreError, match="needs Neo4j"):
        embedded.query(cypher)
