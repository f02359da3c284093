"""The catalog (ontology/catalog/*.csv) and the ontology files (ontology/kg.ttl, shapes.ttl)."""
from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from kg.catalog import CATALOG_DIR, CATALOG_FILES, ID_PREFIXES, ONTOLOGY_DIR, read_catalog

SCHEMA_TYPES = ["Group", "Country", "Place", "WeaponSystem", "EquipmentCategory"]
SCHEMA_PREDICATES = ["copy_of", "variant_of", "origin_country", "has_equipment", "captured_from",
                     "transferred_to", "attacked", "located_in", "part_of", "joined", "allied_with",
                     "fought_against", "operates_in"]
CATEGORIES = {"tank", "armored_vehicle", "artillery", "mlrs", "artillery_rocket", "ballistic_missile",
              "cruise_missile", "atgm", "manpads", "air_defense", "mortar", "aircraft", "helicopter",
              "uav", "ship", "small_arms", "ammunition", "other"}
MIN_SIZES = {"WeaponSystem": 400, "Group": 200, "Country": 200, "Place": 250, "EquipmentCategory": 80}
KGO = "https://w3id.org/kg-osint/ontology#"
SLUG = re.compile(r"^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$")


def norm(s: str) -> str:
    """Fold case, spaces, hyphens and punctuation, as the scorer does."""
    return re.sub(r"[\W_]+", "", s.casefold())


@pytest.fixture(scope="module")
def catalog():
    return read_catalog()


def shared_aliases_documented() -> dict[tuple[str, str], set[str]]:
    """The README's list of aliases deliberately shared by two entries of one type."""
    text = (CATALOG_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## Deliberately shared aliases", 1)[1].split("\n## ", 1)[0]
    shared = {}
    for m in re.finditer(r"^- `([^`]+)` \((\w+)\): (.+)$", section, re.M):
        shared[(m.group(2), norm(m.group(1)))] = {i.strip() for i in m.group(3).split(",")}
    return shared


def test_loads_all_files(catalog):
    for file_name in CATALOG_FILES:
        assert (CATALOG_DIR / file_name).exists(), file_name
    assert len(catalog) > 0


def test_headers_are_as_documented():
    expected = {
        "weapon_systems.csv": ["id", "name", "aliases", "category", "origin", "copy_of", "variant_of", "source"],
        "equipment_categories.csv": ["id", "name", "aliases", "category", "source"],
        "groups.csv": ["id", "name", "aliases", "kind", "country", "part_of", "source"],
        "countries.csv": ["id", "name", "aliases", "demonyms", "capital", "continues", "iso", "source"],
        "places.csv": ["id", "name", "aliases", "kind", "country", "located_in", "source"],
    }
    for file_name, header in expected.items():
        with (CATALOG_DIR / file_name).open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == header, file_name


def test_no_dangling_references(catalog):
    assert catalog.dangling_references() == []


def test_ids_unique_and_well_formed():
    seen = set()
    for file_name, entity_type in CATALOG_FILES.items():
        with (CATALOG_DIR / file_name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                i = row["id"]
                assert i not in seen, f"duplicate id {i}"
                seen.add(i)
                assert SLUG.match(i), f"bad id {i!r}"
                assert i.startswith(ID_PREFIXES[entity_type] + ":"), i


def test_cross_references_point_at_the_right_types(catalog):
    for e in catalog:
        for r in e.origin:
            assert r.startswith("country:"), (e.id, r)
        for r in (*e.copy_of, *e.variant_of):
            assert r.startswith("weapon:") and r != e.id, (e.id, r)
        for r in e.part_of:
            assert r.split(":")[0] in ("group", "country") and r != e.id, (e.id, r)
        for r in e.located_in:
            assert r.split(":")[0] in ("place", "country") and r != e.id, (e.id, r)
        if e.country:
            assert e.country.startswith("country:"), (e.id, e.country)


def test_categories_from_contract(catalog):
    for e in catalog.of_type("WeaponSystem") + catalog.of_type("EquipmentCategory"):
        assert e.category is None or e.category in CATEGORIES, (e.id, e.category)
    assert all(e.category for e in catalog.of_type("WeaponSystem"))


def test_every_row_has_a_source(catalog):
    assert [e.id for e in catalog if not e.source.strip()] == []


def test_sizes(catalog):
    for entity_type, minimum in MIN_SIZES.items():
        assert len(catalog.of_type(entity_type)) >= minimum, entity_type


def case_safe(text: str) -> bool:
    """Spellings the extractor matches case-insensitively: with digits, or of several words."""
    if any(c.isdigit() for c in text):
        return True
    words = text.split()
    return len(words) > 1 and not all(w.isupper() for w in words)


def generated_forms(text: str) -> set[str]:
    """Forms the extractor derives from a spelling itself: hyphen/space variants."""
    forms = {text}
    if "-" in text:
        forms |= {text.replace("-", " "), text.replace("-", "")}
    if " " in text and any(c.isdigit() for c in text):
        forms |= {text.replace(" ", "-"), text.replace(" ", "")}
    return forms


def test_names_and_aliases_are_clean(catalog):
    for e in catalog:
        for s in e.spellings:
            assert s == s.strip() and s, (e.id, s)
            assert "|" not in s, (e.id, s)
        # an alias the extractor would derive from the name or an earlier alias is redundant
        for k, alias in enumerate(e.aliases):
            earlier = e.spellings[: k + 1]
            for other in earlier:
                for form in generated_forms(other):
                    same = alias == form or (case_safe(alias) and alias.lower() == form.lower())
                    assert not same, (e.id, alias, other)


def test_no_alias_claimed_twice_within_a_type(catalog):
    shared = shared_aliases_documented()
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in catalog:
        extra = e.demonyms if e.type == "Country" else ()
        for s in (*e.spellings, *extra):
            claims[(e.type, norm(s))].add(e.id)
    clashes = {k: v for k, v in claims.items() if len(v) > 1 and shared.get(k) != v}
    assert clashes == {}
    # the documented list is not stale
    for k, ids in shared.items():
        assert claims.get(k) == ids, k


def test_one_main_armed_forces_per_country(catalog):
    """kind "armed forces" marks the group that "<demonym> forces" resolves to."""
    seen: dict[str, str] = {}
    for g in catalog.of_type("Group"):
        if (g.kind or "").lower() == "armed forces" and g.country:
            assert g.country not in seen, (g.id, seen.get(g.country))
            seen[g.country] = g.id
    for country in ("united-states", "russia", "ukraine", "syria", "iran", "israel", "china", "mali"):
        assert f"country:{country}" in seen, country


def test_every_country_has_a_capital(catalog):
    missing = [e.id for e in catalog.of_type("Country") if not e.capital]
    assert missing == []


def test_dev_set_names_are_covered(catalog):
    """A sample of names the contract's examples use."""
    spellings = defaultdict(set)
    for e in catalog:
        for s in (*e.spellings, *(e.demonyms if e.type == "Country" else ())):
            spellings[e.type].add(norm(s))
    for entity_type, names in {
        "WeaponSystem": ["T-72", "BM-21 Grad", "Grad", "Zelzal-2", "Maysalun", "MIM-104 Patriot", "SA-22",
                         "Ilyushin Il-76", "Shahed-136", "Bayraktar TB2", "Orlan-10", "Lancet", "Burkan-1"],
        "Group": ["Syrian Arab Army", "SAA", "Republican Guard", "Jaysh al-Islam", "ISIS",
                  "United States Armed Forces", "Islamic Revolutionary Guard Corps", "People's Liberation Army",
                  "Wagner Group", "Russian military", "Ukrainian army", "NATO"],
        "Country": ["Syria", "Syrian", "Soviet Union", "Czechoslovakia", "U.S.", "Russian Federation"],
        "Place": ["Damascus", "Eastern Qalamun", "Sirte", "Erbil", "Taif"],
        "EquipmentCategory": ["anti-tank guided missile", "ATGM", "mortar", "battle tank", "drone", "UAV"],
    }.items():
        for n in names:
            assert norm(n) in spellings[entity_type], (entity_type, n)


# ---------------------------------------------------------------- ontology files

@pytest.fixture(scope="module")
def ontology():
    rdflib = pytest.importorskip("rdflib")
    g = rdflib.Graph()
    g.parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    return g


def test_kg_ttl_has_every_contract_term(ontology):
    from rdflib import OWL, RDF, RDFS, URIRef
    for t in SCHEMA_TYPES + ["Entity", "Actor", "Document", "Fact", "Evidence"]:
        assert (URIRef(KGO + t), RDF.type, OWL.Class) in ontology, t
    for t in SCHEMA_TYPES:
        assert (URIRef(KGO + t), RDFS.subClassOf, None) in ontology, t
    for p in SCHEMA_PREDICATES:
        assert (URIRef(KGO + p), RDF.type, OWL.ObjectProperty) in ontology, p
        assert (URIRef(KGO + p), RDFS.domain, None) in ontology, p
        assert (URIRef(KGO + p), RDFS.range, None) in ontology, p
    for p in ["allied_with", "fought_against"]:
        assert (URIRef(KGO + p), RDF.type, OWL.SymmetricProperty) in ontology, p
    for p in ["date", "datePrecision", "quantity", "hedged", "confidence", "name", "alias", "category",
              "sentence", "sentenceStart", "sentenceEnd"]:
        assert (URIRef(KGO + p), RDF.type, OWL.DatatypeProperty) in ontology, p
    for p in ["subject", "predicate", "object", "weapon", "place", "source", "evidence"]:
        assert (URIRef(KGO + p), RDF.type, OWL.ObjectProperty) in ontology, p


def test_kg_ttl_labels_and_comments_everywhere(ontology):
    from rdflib import OWL, RDF, RDFS, URIRef
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(KGO):
                assert ontology.value(term, RDFS.label) is not None, term
                assert ontology.value(term, RDFS.comment) is not None, term


def test_shapes_parse_and_use_the_ontology(ontology):
    rdflib = pytest.importorskip("rdflib")
    shapes = rdflib.Graph()
    shapes.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = {str(o) for o in shapes.objects(None, sh.targetClass)}
    for t in SCHEMA_TYPES + ["Fact", "Evidence", "Document"]:
        assert KGO + t in targets, t
    used = {str(o) for o in shapes.all_nodes() if str(o).startswith(KGO)}
    defined = {str(s) for s in ontology.subjects() if str(s).startswith(KGO)}
    assert used <= defined, used - defined
