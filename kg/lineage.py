"""The catalog's lineage in the graph: a weapon system's variants and copies linked to their
family, so that MiG-17PF, J-5A and MiG-17 mentioned in different reports are one family.

Extraction states only what a text says (no catalog-only facts); ingest adds, for every
catalogued weapon system a batch mentions, the catalog's copy_of and variant_of links up
to the family's root, each as a fact told by a small Document of the catalog's own that
cites the row's source. Its publisher is "kg catalog", so queries can tell the catalog's
word from the reporting's; it is written once, like any document (its id is its text).
"""
from __future__ import annotations

from collections.abc import Iterable

from kg.catalog import Catalog, CatalogEntry
from kg.model import Document, Entity, Evidence, Extraction, Relation

PUBLISHER = "kg catalog"
SOURCE = "ontology/catalog/weapon_systems.csv"
WORDING = {"copy_of": "a copy", "variant_of": "a variant"}


def _entity(entry: CatalogEntry) -> Entity:
    return Entity(id=entry.id, name=entry.name, type=entry.type, aliases=[entry.name],
                  category=entry.category, in_catalog=True)


def catalog_lineage(extractions: Iterable[Extraction], *, catalog: Catalog) -> list[Extraction]:
    """One Extraction per catalog link above the catalogued weapon systems of `extractions`."""
    todo = [e.id for x in extractions for e in x.entities
            if e.type == "WeaponSystem" and e.in_catalog]
    seen, links = set(todo), []
    while todo:
        entry = catalog.get(todo.pop())
        if entry is None:
            continue
        for predicate in ("copy_of", "variant_of"):
            for parent_id in getattr(entry, predicate):
                parent = catalog.get(parent_id)
                if parent is None:
                    continue
                links.append((entry, predicate, parent))
                if parent_id not in seen:
                    seen.add(parent_id)
                    todo.append(parent_id)
    out = []
    for child, predicate, parent in sorted(links, key=lambda link: (link[0].id, link[1], link[2].id)):
        text = (f"{child.name} is {WORDING[predicate]} of {parent.name}, according to the kg "
                f"catalog (source: {child.source or 'not given'}).")
        document = Document.from_text(text, title=f"Catalog: {child.name}", publisher=PUBLISHER,
                                      source=SOURCE)
        evidence = Evidence(doc_id=document.id, sentence=text, start=0, end=len(text))
        out.append(Extraction(document=document, entities=[_entity(child), _entity(parent)],
                              relations=[Relation(s=child.id, p=predicate, o=parent.id,
                                                  evidence=evidence, confidence=1.0)]))
    return out
