"""The `kg` commands end to end on the embedded store, through typer's CliRunner."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORT = (
    "ALEPPO, 3 March 2019 - Fighters of Jaysh al-Islam handed over twelve T-72 tanks to the "
    "Syrian Arab Army (SAA) near Damascus on Saturday, local sources said.\n\n"
    "The group had captured the tanks from the Republican Guard in 2014.\n"
)


@pytest.fixture()
def run(tmp_path, monkeypatch):
    """Invoke kg with an embedded store in a fresh data directory."""
    monkeypatch.delenv("KG_NEO4J_URI", raising=False)
    monkeypatch.setenv("KG_DB", str(tmp_path / "db"))
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(app, [str(a) for a in args])
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


@pytest.fixture()
def ingested(run):
    run("ingest", EXAMPLES)
    return run


def test_every_command_explains_itself(run):
    for command in ("ingest", "extract", "query", "export", "view", "stats", "entities"):
        result = run(command, "--help")
        assert "Usage" in result.output and len(result.stdout) > 300, command


def test_ingest_examples_then_stats_and_entities(ingested):
    stats = json.loads(ingested("stats", "--json").stdout)
    assert stats["store"] == "embedded"
    assert stats["documents"] == len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")])
    assert stats["entities"]["Group"] > 0 and stats["entities"]["WeaponSystem"] > 0
    assert stats["relations"].get("transferred_to", 0) > 0
    groups = json.loads(ingested("entities", "--type", "Group", "--json").stdout)
    assert groups and all(g["type"] == "Group" for g in groups)
    found = json.loads(ingested("entities", "--search", "jaysh", "--json").stdout)
    assert [e["name"] for e in found] == ["Jaysh al-Islam"]


def test_ingest_is_idempotent(ingested):
    before = json.loads(ingested("stats", "--json").stdout)
    again = json.loads(ingested("ingest", EXAMPLES, "--json").stdout)
    assert again["documents_written"] == 0 and again["documents_skipped"] == before["documents"]
    assert json.loads(ingested("stats", "--json").stdout) == before


def test_extract_prints_the_contract_json(run, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = json.loads(run("extract", report, "--json", "--published", "2019-03-04").stdout)
    assert set(out) >= {"doc_id", "source", "entities", "relations"}
    names = {e["name"] for e in out["entities"]}
    assert {"Jaysh al-Islam", "Syrian Arab Army", "T-72"} <= names
    transfer = [r for r in out["relations"] if r["p"] == "transferred_to"]
    assert transfer and transfer[0]["s"] == "Jaysh al-Islam"
    assert transfer[0]["o"] == "Syrian Arab Army"
    ev = transfer[0]["evidence"]
    assert REPORT[ev["start"]:ev["end"]] == ev["sentence"]


def test_query_saved_with_params_in_three_formats(ingested):
    table = ingested("query", "transfers").output
    assert "supplier" in table and "Jaysh al-Islam" in table
    rows = json.loads(ingested("query", "arsenal", "--param", "actor=Syrian Arab Army",
                               "--format", "json").stdout)
    assert rows and all(set(r) == {"equipment", "type", "category", "hedged", "sources"} for r in rows)
    csv_out = ingested("query", "MATCH (e:Entity) WHERE e.type = $t RETURN count(*) AS n",
                       "-p", "t=Country", "-f", "csv").output
    assert csv_out.splitlines()[0] == "n" and int(csv_out.splitlines()[1]) > 0
    listing = ingested("query", "--list").output
    assert "transfers" in listing and "weapons-by-origin" in listing


def test_query_errors_are_one_line(ingested):
    result = ingested("query", "MATCH (n RETURN n", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    result = ingested("query", "// requires: neo4j\nMATCH (n) RETURN n", ok=False)
    assert result.exit_code == 1 and "needs Neo4j" in result.output


def test_queries_lists_each_question_with_an_example_and_view_draws_a_result(ingested, tmp_path):
    listing = ingested("queries").output
    assert "custody-chain" in listing and "kg query custody-chain --param system='T-72'" in listing
    questions = json.loads(ingested("queries", "--json").output)
    assert len(questions) >= 15 and all(q["question"] for q in questions)
    page = tmp_path / "chain.html"
    drawn = ingested("query", "custody-chain", "-p", "system=T-72", "--view", "-o", page).output
    assert page.is_file() and "entities" in drawn
    assert "Jaysh al-Islam" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt"])
def test_export_parses_as_rdf(ingested, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    ingested("export", "--format", fmt, "-o", out)
    graph = Graph().parse(out, format={"turtle": "turtle", "json-ld": "json-ld", "nt": "nt"}[fmt])
    from kg.rdf import KGO
    from rdflib import RDF

    assert len(graph) > 100
    assert list(graph.subjects(RDF.type, KGO.Fact)), "facts are exported with their qualifiers"
    sentences = [str(o) for o in graph.objects(None, None) if "Jaysh al-Islam" in str(o)]
    assert sentences, "provenance sentences travel with the export"


def test_view_writes_an_offline_page(ingested, tmp_path):
    page = tmp_path / "view.html"
    result = ingested("view", "SAA", "--hops", "2", "-o", page)
    assert "entities" in result.output
    html = page.read_text(encoding="utf-8")
    assert "vis.DataSet" in html and "Syrian Arab Army" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "no network needed to open it"


def test_view_of_unknown_entity_says_what_to_do(ingested):
    result = ingested("view", "Nonexistent Brigade", ok=False)
    assert result.exit_code == 1 and "kg entities --search" in result.output


def test_bad_input_is_reported_and_the_rest_ingested(run, tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(REPORT, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "in" / "latin1.txt").write_bytes("Les forces de l'armée syrienne".encode("latin-1"))
    missing = tmp_path / "nowhere.txt"
    result = run("ingest", tmp_path / "in", missing, ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 4
    for name in ("empty.txt", "binary.txt", "latin1.txt", "nowhere.txt"):
        assert sum(name in line for line in errors) == 1, name
    assert "1 documents written" in result.output
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["documents"] == 1


def test_extract_of_a_bad_file_is_one_line(run, tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00" * 100)
    result = run("extract", binary, "--json", ok=False)
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "x.txt" in result.output


@pytest.mark.neo4j
def test_kg_neo4j_uri_switches_every_command_to_neo4j(run, tmp_path, monkeypatch, neo4j_server):
    from conftest import clear_neo4j

    clear_neo4j(neo4j_server)
    monkeypatch.setenv("KG_NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("KG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run("ingest", report)
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["store"] == "neo4j" and stats["documents"] == 1
    assert not (tmp_path / "db").exists(), "the embedded store was not touched"
    rows = json.loads(run("query", "transfers", "-f", "json").stdout)
    assert rows[0]["supplier"] == "Jaysh al-Islam"


def test_neo4j_down_is_one_line_naming_the_uri(run, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "x")
    result = run("stats", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "bolt://127.0.0.1:9" in result.output and result.output.count("\n") == 1
