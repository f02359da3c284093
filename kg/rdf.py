"""RDF export of a store's graph, in the terms of ontology/kg.ttl.

Each fact is written twice over: as a plain triple (entity kgo:transferred_to entity) for
simple graph queries, and as a kgo:Fact node carrying its qualifiers and one kgo:source per
reporting document with the sentence and its offsets, so provenance survives the export.
Term names are the contract's names (../shared/eval/SCHEMA.md): kgo:WeaponSystem,
kgo:copy_of, ...
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from kg.model import parse_date_text
from kg.store.base import Store

KGO = Namespace("https://w3id.org/kg-osint/ontology#")
KGID = Namespace("https://w3id.org/kg-osint/id/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")  # W3C WGS84 Basic Geo Vocabulary
GEONAMES_FEATURE = "https://sws.geonames.org/{}/"

FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt"}


def entity_iri(entity_id: str) -> URIRef:
    prefix, _, local = entity_id.partition(":")
    return KGID[f"{quote(prefix, safe='')}/{quote(local, safe='-._~')}"]


def _date_literal(text: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}.get(len(text))
    if text.startswith("--"):
        datatype = XSD.gMonthDay
    return Literal(text, datatype=datatype) if datatype else Literal(text)


def _add_fact(graph: Graph, fact: dict[str, Any]) -> None:
    s, o, p = entity_iri(fact["s"]), entity_iri(fact["o"]), KGO[fact["p"]]
    graph.add((s, p, o))
    node = entity_iri(fact["id"])
    graph.add((node, RDF.type, KGO.Fact))
    graph.add((node, KGO.subject, s))
    graph.add((node, KGO.predicate, p))
    graph.add((node, KGO.object, o))
    _add_date(graph, node, fact)
    for item in fact["items"]:
        graph.add((node, KGO.weapon, entity_iri(item["weapon"])))
    if fact.get("quantity") is not None:
        graph.add((node, KGO.quantity, Literal(int(fact["quantity"]))))
    if fact.get("place"):
        graph.add((node, KGO.place, entity_iri(fact["place"])))
    graph.add((node, KGO.hedged, Literal(bool(fact.get("hedged")))))
    graph.add((node, KGO.confidence, Literal(float(fact.get("confidence") or 0.0),
                                            datatype=XSD.decimal)))
    for claim in fact["claims"]:
        evidence = entity_iri(claim["id"])
        graph.add((node, KGO.evidence, evidence))
        graph.add((evidence, RDF.type, KGO.Evidence))
        graph.add((evidence, KGO.source, entity_iri(claim["doc_id"])))
        graph.add((evidence, KGO.sentence, Literal(claim["sentence"])))
        graph.add((evidence, KGO.sentenceStart, Literal(int(claim["sentence_start"]))))
        graph.add((evidence, KGO.sentenceEnd, Literal(int(claim["sentence_end"]))))


def _add_date(graph: Graph, node: URIRef, fact: dict[str, Any]) -> None:
    date = parse_date_text(fact.get("date"))
    if isinstance(date, str):
        graph.add((node, KGO.date, _date_literal(date)))
    elif isinstance(date, dict):
        for key, term in (("start", KGO.dateStart), ("end", KGO.dateEnd)):
            if date.get(key):
                graph.add((node, term, _date_literal(date[key])))
    if fact.get("date_precision"):
        graph.add((node, KGO.datePrecision, Literal(fact["date_precision"])))


def to_graph(store: Store) -> Graph:
    entities, facts, documents = store.dump()
    graph = Graph()
    graph.bind("kgo", KGO)
    graph.bind("kgid", KGID)
    graph.bind("geo", GEO)
    for e in entities:
        node = entity_iri(e["id"])
        graph.add((node, RDF.type, KGO[e["type"]]))
        graph.add((node, KGO.name, Literal(e["name"])))
        graph.add((node, RDFS.label, Literal(e["name"])))
        for alias in e.get("aliases") or []:
            graph.add((node, KGO.alias, Literal(alias)))
        if e.get("category"):
            graph.add((node, KGO.category, Literal(e["category"])))
        if e.get("latitude") is not None and e.get("longitude") is not None:
            graph.add((node, GEO.lat, Literal(str(e["latitude"]), datatype=XSD.decimal)))
            graph.add((node, GEO.long, Literal(str(e["longitude"]), datatype=XSD.decimal)))
        if e.get("geonames_id") is not None:
            graph.add((node, KGO.geonames, URIRef(GEONAMES_FEATURE.format(int(e["geonames_id"])))))
    for d in documents:
        node = entity_iri(d["id"])
        graph.add((node, RDF.type, KGO.Document))
        for key, term in (("title", KGO.title), ("published", KGO.published), ("url", KGO.url),
                          ("publisher", KGO.publisher), ("file", KGO.loadedFrom)):
            if d.get(key):
                graph.add((node, term, Literal(d[key])))
    for fact in facts:
        _add_fact(graph, fact)
    return graph


def export_rdf(*, store: Store, format: str) -> str:
    """The whole graph serialised as Turtle, JSON-LD or N-Triples."""
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose one of {', '.join(FORMATS)}")
    return to_graph(store).serialize(format=FORMATS[format])
