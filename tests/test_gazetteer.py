"""The GeoNames gazetteer (kg.extract.gazetteer) and what extraction takes from it, on
sentences written for these tests."""
from __future__ import annotations

import pytest

from kg.catalog import default_catalog
from kg.extract import build_pipeline, extract, gazetteer
from kg.model import Document


def test_a_well_known_city_with_its_coordinates_and_country():
    place = gazetteer.lookup("Nairobi")

    assert place is not None
    assert (place.name, place.country_code, place.kind) == ("Nairobi", "KE", "city")
    assert place.latitude == pytest.approx(-1.28, abs=0.05)
    assert place.longitude == pytest.approx(36.82, abs=0.05)
    assert place.population > 1_000_000 and place.geonames_id > 0


def test_an_ambiguous_name_is_its_most_populous_namesake_unless_a_country_is_given():
    assert gazetteer.lookup("Tripoli").country_code == "LY"
    assert gazetteer.lookup("Tripoli", country_code="LB").country_code == "LB"
    namesakes = gazetteer.candidates("Tripoli")
    assert [p.population for p in namesakes] == sorted((p.population for p in namesakes), reverse=True)


def test_alternate_names_and_accents_are_folded_onto_the_canonical_name():
    assert gazetteer.lookup("Kiev").name == "Kyiv"
    assert gazetteer.lookup("kyïv").name == "Kyiv"


@pytest.mark.parametrize("word", ["Blorptavia", "", "  ", "the"])
def test_an_unknown_word_is_no_place(word):
    assert gazetteer.lookup(word) is None


def test_iso_codes_map_to_the_catalog_countries():
    catalog = default_catalog()

    assert gazetteer.country_ids(catalog)["SY"] == "country:syria"
    assert gazetteer.iso_codes(catalog)["country:kenya"] == "KE"


def test_catalog_towns_take_the_coordinates_of_their_namesake_in_the_same_country():
    catalog = default_catalog()

    lebanese = gazetteer.catalog_place(catalog, "place:tripoli-lebanon")
    assert lebanese is not None and lebanese.country_code == "LB"
    assert gazetteer.catalog_place(catalog, "place:sahel") is None  # a region: no point


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def places(nlp, text: str) -> dict[str, tuple]:
    return {e.name: (e.latitude, e.longitude, e.geonames_id, e.aliases)
            for e in extract(Document.from_text(text), nlp=nlp).entities if e.type == "Place"}


def test_a_city_outside_the_catalog_is_a_place_with_coordinates(nlp):
    assert not any("Kisangani" in e.spellings for e in default_catalog().of_type("Place"))

    found = places(nlp, "The militia moved its mortars to Kisangani after the rains.")

    latitude, longitude, geonames_id, _ = found["Kisangani"]
    assert latitude == pytest.approx(0.52, abs=0.05) and longitude == pytest.approx(25.19, abs=0.05)
    assert geonames_id == gazetteer.lookup("Kisangani").geonames_id


def test_a_place_goes_by_its_gazetteer_name_and_keeps_the_text_form_as_alias(nlp):
    found = places(nlp, "Shelling was reported in Kiev on Monday, and later around Kyiv.")

    assert found["Kyiv"][3] == ["Kiev", "Kyiv"]
    assert found["Kyiv"][0] is not None


def test_catalog_places_carry_coordinates_too(nlp):
    found = places(nlp, "Drones struck a depot in Damascus overnight.")

    assert found["Damascus"][0] == pytest.approx(33.51, abs=0.05)


def test_rdf_export_gives_places_wgs84_coordinates_and_their_geonames_feature(tmp_path):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import XSD

    from kg.model import Entity, Evidence, Extraction, Relation
    from kg.rdf import GEO, KGO, entity_iri, export_rdf
    from kg.store.embedded import EmbeddedStore

    doc = Document.from_text("Rebels shelled Dorsk.")
    dorsk = Entity(id="place:dorsk", name="Dorsk", type="Place", aliases=["Dorsk"],
                   latitude=48.5, longitude=37.25, geonames_id=1234567)
    rebels = Entity(id="group:rebels", name="Rebels", type="Group", aliases=["Rebels"])
    evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text))
    store = EmbeddedStore(path=tmp_path / "db")
    store.write([Extraction(document=doc, entities=[dorsk, rebels], relations=[
        Relation(s=rebels.id, p="attacked", o=dorsk.id, evidence=evidence)])])

    graph = Graph().parse(data=export_rdf(store=store, format="turtle"), format="turtle")
    store.close()

    node = entity_iri("place:dorsk")
    assert graph.value(node, GEO.lat) == Literal("48.5", datatype=XSD.decimal)
    assert graph.value(node, GEO.long) == Literal("37.25", datatype=XSD.decimal)
    assert graph.value(node, KGO.geonames) == URIRef("https://sws.geonames.org/1234567/")
    assert graph.value(entity_iri("group:rebels"), GEO.lat) is None


def test_a_name_after_a_kind_of_place_is_a_place_the_gazetteer_knows():
    from kg.extract import extract
    from kg.model import Document

    x = extract(Document.from_text("The convoy reached the capital Bamako on Friday, then the town of Gao."))
    assert {"Bamako", "Gao"} <= {e.name for e in x.entities if e.type == "Place"}, x.entities
