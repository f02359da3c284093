"""Views escape what documents say, and RDF export keeps qualifiers and provenance."""
from __future__ import annotations

import re

import pytest
from rdflib import XSD, Graph, Literal

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.rdf import KGO, entity_iri, export_rdf
from kg.store.base import Subgraph
from kg.store.embedded import EmbeddedStore
from kg.view import render_subgraph

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def test_text_from_documents_cannot_break_out_of_the_page():
    subgraph = Subgraph(
        nodes=[{"id": "group:x", "name": HOSTILE, "type": "Group", "aliases": [HOSTILE]},
               {"id": "place:y", "name": "Y", "type": "Place", "aliases": []}],
        edges=[{"id": "fact:1", "s": "group:x", "p": "attacked", "o": "place:y",
                "confidence": 0.9, "sources": 1, "items": [{"weapon": "group:x", "quantity": 2}],
                "claims": [{"doc_id": "doc:1", "title": HOSTILE, "sentence": HOSTILE}]}])
    page = render_subgraph(subgraph, title=HOSTILE, centre="group:x")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;" in page  # the heading, escaped
    assert "\\u003c/script\\u003e" in page  # names and sentences, escaped inside the JSON
    assert not re.search(r"""(src|href)=["']https?://""", page)


@pytest.fixture()
def store(tmp_path):
    text = "Iran supplied Zelzal-2 rockets to Hezbollah in 2006, reportedly."
    doc = Document.from_text(text, title="t", published="2007-01-02")
    ev = Evidence(doc_id=doc.id, sentence=text, start=0, end=len(text))
    entities = [Entity(id="country:iran", name="Iran", type="Country", aliases=["Iran"]),
                Entity(id="group:hezbollah", name="Hezbollah", type="Group", aliases=["Hezbollah"]),
                Entity(id="weapon:zelzal-2", name="Zelzal-2", type="WeaponSystem",
                       category="artillery_rocket", aliases=["Zelzal-2"])]
    relations = [Relation(s="country:iran", p="transferred_to", o="group:hezbollah", evidence=ev,
                          date="2006", weapons=["weapon:zelzal-2"], hedged=True, confidence=0.6),
                 Relation(s="country:iran", p="allied_with", o="group:hezbollah", evidence=ev,
                          date={"start": "2006", "end": "2007"})]
    s = EmbeddedStore(path=tmp_path / "db")
    s.write([Extraction(document=doc, entities=entities, relations=relations)])
    yield s
    s.close()


def test_rdf_export_keeps_qualifiers_and_sources(store):
    graph = Graph().parse(data=export_rdf(store=store, format="turtle"), format="turtle")
    iran, hezbollah = entity_iri("country:iran"), entity_iri("group:hezbollah")
    assert (iran, KGO.transferred_to, hezbollah) in graph
    fact = next(graph.subjects(KGO.predicate, KGO.transferred_to))
    assert graph.value(fact, KGO.date) == Literal("2006", datatype=XSD.gYear)
    assert graph.value(fact, KGO.weapon) == entity_iri("weapon:zelzal-2")
    assert graph.value(fact, KGO.hedged).toPython() is True
    evidence = graph.value(fact, KGO.evidence)
    assert "Zelzal-2" in str(graph.value(evidence, KGO.sentence))
    assert graph.value(evidence, KGO.sentenceStart).toPython() == 0
    span = next(graph.subjects(KGO.predicate, KGO.allied_with))
    assert str(graph.value(span, KGO.dateStart)) == "2006"
    assert str(graph.value(span, KGO.dateEnd)) == "2007"


@pytest.mark.parametrize("fmt,parser", [("json-ld", "json-ld"), ("nt", "nt")])
def test_every_rdf_format_round_trips(store, fmt, parser):
    turtle = Graph().parse(data=export_rdf(store=store, format="turtle"), format="turtle")
    other = Graph().parse(data=export_rdf(store=store, format=fmt), format=parser)
    assert len(other) == len(turtle) > 20


def test_unknown_format_is_refused(store):
    with pytest.raises(ValueError, match="turtle"):
        export_rdf(store=store, format="rdfxml")


def test_export_uses_only_terms_the_ontology_declares(store):
    from kg.catalog import ONTOLOGY_DIR

    ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    declared = set(ontology.subjects())
    exported = Graph().parse(data=export_rdf(store=store, format="turtle"), format="turtle")
    used = {t for triple in exported for t in (triple[1], triple[2])
            if str(t).startswith(str(KGO))}
    assert used and used <= declared, sorted(used - declared)
