"""The catalog: the entities this domain names, read from the CSV files in ontology/catalog/.

Every file has the columns id, name, aliases, source, plus its own; multi-valued cells
separate values with "|". Ids carry their type as a prefix (weapon:, category:, group:,
country:, place:) so that a cross-reference such as part_of can point into any file.
See ontology/catalog/README.md for the columns of each file.
"""
from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
CATALOG_DIR = ONTOLOGY_DIR / "catalog"

# file name -> entity type of its rows
CATALOG_FILES = {
    "weapon_systems.csv": "WeaponSystem",
    "equipment_categories.csv": "EquipmentCategory",
    "groups.csv": "Group",
    "countries.csv": "Country",
    "places.csv": "Place",
}
ID_PREFIXES = {"WeaponSystem": "weapon", "EquipmentCategory": "category", "Group": "group",
               "Country": "country", "Place": "place"}


@dataclass(frozen=True, kw_only=True)
class CatalogEntry:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    source: str = ""
    # per-file columns; empty where a file does not have them
    category: str | None = None  # WeaponSystem: contract category; EquipmentCategory: same scale
    origin: tuple[str, ...] = ()  # WeaponSystem: country ids
    copy_of: tuple[str, ...] = ()  # WeaponSystem: weapon ids
    variant_of: tuple[str, ...] = ()  # WeaponSystem: weapon ids
    part_of: tuple[str, ...] = ()  # Group: group or country ids
    country: str | None = None  # Group, Place: country id
    located_in: tuple[str, ...] = ()  # Place: place or country ids
    demonyms: tuple[str, ...] = ()  # Country: "Syrian", "Syrians"
    capital: str | None = None  # Country: the capital's name ("Damascus"), a metonym for the state
    continues: tuple[str, ...] = ()  # Country: states it legally continues (Germany: West Germany)
    kind: str | None = None  # Group, Place: free-form sub-kind ("militia", "city", "air base")
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (cell or "").split("|") if v.strip())


def _entry(row: dict[str, str], entity_type: str, path: Path, line: int) -> CatalogEntry:
    prefix = ID_PREFIXES[entity_type] + ":"
    if not row.get("id", "").startswith(prefix) or not row.get("name"):
        raise ValueError(f"{path.name}:{line}: id must start with {prefix!r} and name must be set")
    known = {"id", "name", "aliases", "source", "category", "origin", "copy_of", "variant_of",
             "part_of", "country", "located_in", "demonyms", "capital", "continues", "kind"}
    return CatalogEntry(
        id=row["id"].strip(), type=entity_type, name=row["name"].strip(),
        aliases=_split(row.get("aliases")), source=(row.get("source") or "").strip(),
        category=(row.get("category") or "").strip() or None,
        origin=_split(row.get("origin")), copy_of=_split(row.get("copy_of")),
        variant_of=_split(row.get("variant_of")), part_of=_split(row.get("part_of")),
        country=(row.get("country") or "").strip() or None,
        located_in=_split(row.get("located_in")), demonyms=_split(row.get("demonyms")),
        capital=(row.get("capital") or "").strip() or None,
        continues=_split(row.get("continues")),
        kind=(row.get("kind") or "").strip() or None,
        extra={k: v for k, v in row.items() if k not in known and k and v},
    )


class Catalog:
    """All catalog entries, by id."""

    def __init__(self, entries: list[CatalogEntry], *, digest: str = ""):
        # content hash of the files read: what caches built from the catalog are keyed by
        self.digest = digest
        self.by_id: dict[str, CatalogEntry] = {}
        # of_type is asked once per country while the pipeline is built (capitals, forces)
        self.by_type: dict[str, list[CatalogEntry]] = {}
        for e in entries:
            if e.id in self.by_id:
                raise ValueError(f"catalog id {e.id} is defined twice")
            self.by_id[e.id] = e
            self.by_type.setdefault(e.type, []).append(e)

    def __iter__(self):
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, entity_id: str) -> CatalogEntry | None:
        return self.by_id.get(entity_id)

    def of_type(self, entity_type: str) -> list[CatalogEntry]:
        return list(self.by_type.get(entity_type, ()))

    def made_by(self, weapon_id: str, country_id: str) -> bool | None:
        """Whether the catalog records the country (or a state it continues) as the weapon's
        origin; None where the catalog knows no origin for it."""
        weapon, country = self.get(weapon_id), self.get(country_id)
        if weapon is None or not weapon.origin:
            return None
        states = {country_id, *(country.continues if country else ())}
        return bool(states & set(weapon.origin))

    def dangling_references(self) -> list[str]:
        """Cross-references that name no entry: a data error to fix in the CSV files."""
        problems = []
        for e in self:
            refs = [*e.origin, *e.copy_of, *e.variant_of, *e.part_of, *e.located_in, *e.continues]
            refs += [e.country] if e.country else []
            problems += [f"{e.id} -> {r}" for r in refs if r not in self.by_id]
        return problems


def read_catalog(directory: Path = CATALOG_DIR) -> Catalog:
    entries = []
    digest = hashlib.sha256()
    for file_name, entity_type in CATALOG_FILES.items():
        path = directory / file_name
        if not path.exists():
            continue
        digest.update(file_name.encode() + b"\0" + path.read_bytes() + b"\0")
        with path.open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                entries.append(_entry(row, entity_type, path, line))
    return Catalog(entries, digest=digest.hexdigest())


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The project's catalog, or the one in $KG_CATALOG_DIR (a folder of the same CSV files:
    bench/catalog_ablation.py runs extraction with entries taken out)."""
    override = os.environ.get("KG_CATALOG_DIR")
    return read_catalog(Path(override) if override else CATALOG_DIR)
