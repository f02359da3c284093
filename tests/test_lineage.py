"""Ingest links catalogued systems to their family, each link told by a catalog document."""
from __future__ import annotations

from kg.catalog import default_catalog
from kg.lineage import PUBLISHER, catalog_lineage
from kg.model import Document, Entity, Extraction


def mentioning(*entity_ids: str) -> Extraction:
    catalog = default_catalog()
    entities = [Entity(id=i, name=catalog.get(i).name, type="WeaponSystem", in_catalog=True)
                for i in entity_ids]
    return Extraction(document=Document.from_text("A report naming fighters."),
                      entities=entities, relations=[])


def test_each_catalogued_system_is_linked_up_to_its_family_root():
    links = catalog_lineage([mentioning("weapon:j-5a")], catalog=default_catalog())

    assert [(x.relations[0].s, x.relations[0].p, x.relations[0].o) for x in links] == [
        ("weapon:j-5a", "copy_of", "weapon:mig-17pf"),
        ("weapon:mig-17", "variant_of", "weapon:mig-15"),
        ("weapon:mig-17pf", "variant_of", "weapon:mig-17")]
    assert {x.document.publisher for x in links} == {PUBLISHER}
    assert all("Wikipedia" in x.document.text for x in links)  # the row's source, cited
    assert catalog_lineage([mentioning("weapon:j-5a")], catalog=default_catalog())[0].document.id \
        == links[0].document.id  # the same text, the same document: written once


def test_systems_of_one_family_meet_in_the_store(store):
    first, second = mentioning("weapon:mig-17f"), mentioning("weapon:j-5a")
    store.write([first, second, *catalog_lineage([first, second], catalog=default_catalog())])

    rows = store.query(
        "MATCH (a:Entity {id: 'weapon:mig-17f'})-[:COPY_OF|VARIANT_OF*1..4]-(b:Entity "
        "{id: 'weapon:j-5a'}) RETURN count(*) > 0").rows
    assert rows == [[True]]
