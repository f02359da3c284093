"""The catalog ablation bench's filter: rows whose name or alias the gold names go, with the
references kept rows make to them; countries stay whole. bench/ is not a package, so the
script is loaded from its path."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from kg.catalog import read_catalog

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bench" / "catalog_ablation.py"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval is not beside the repository")

CATALOG = {
    "weapon_systems.csv": [
        "id,name,aliases,category,origin,copy_of,variant_of,source",
        "weapon:falx-9,Falx-9,Sicklebolt,atgm,country:norland,,,invented",
        "weapon:falx-9b,Falx-9B,,atgm,country:norland,weapon:falx-9,,invented",
        "weapon:pilum,Pilum rocket,Pilum-R|Dartfire,artillery_rocket,country:norland,weapon:falx-9b,"
        "weapon:falx-9|weapon:other-kept,invented",
        "weapon:other-kept,Vexel,,other,,,,invented",
    ],
    "groups.csv": [
        "id,name,aliases,kind,country,part_of,source",
        "group:norland-forces,Norland Armed Forces,Norlandic forces,armed forces,country:norland,"
        "country:norland,invented",
        "group:ember-brigade,Ember Brigade,,brigade,country:norland,group:norland-forces,invented",
    ],
    "places.csv": [
        "id,name,aliases,kind,country,located_in,source",
        "place:north-march,North March,,region,country:norland,country:norland,invented",
        "place:cinder-port,Cinder Port,Cinderhaven,port,country:norland,place:north-march|country:norland,invented",
    ],
    "countries.csv": [
        "id,name,aliases,demonyms,capital,continues,source",
        "country:norland,Norland,Republic of Norland,Norlandic,Cinderhaven,,invented",
    ],
    "equipment_categories.csv": [
        "id,name,aliases,category,source",
        "category:rocket,rocket,,other,invented",
    ],
}


def ablation_module():
    spec = importlib.util.spec_from_file_location("catalog_ablation", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def test_rows_the_gold_names_go_with_the_references_to_them(tmp_path):
    source, target = tmp_path / "catalog", tmp_path / "ablated"
    source.mkdir()
    for name, lines in CATALOG.items():
        (source / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    bench = ablation_module()
    gold = [{"name": "Sickle-bolts", "type": "WeaponSystem", "aliases": []},  # an alias, plural
            {"name": "North March", "type": "Place", "aliases": []},  # a name
            {"name": "Norland", "type": "Country", "aliases": ["Norlandic"]}]
    removed_forms = set().union(*(bench.forms(entity) for entity in gold))

    report = bench.ablate_catalog(source=source, target=target, removed_forms=removed_forms)

    weapons, places = rows(target / "weapon_systems.csv"), rows(target / "places.csv")
    assert set(weapons) == {"weapon:falx-9b", "weapon:pilum", "weapon:other-kept"}
    assert weapons["weapon:falx-9b"]["copy_of"] == ""
    assert weapons["weapon:pilum"]["variant_of"] == "weapon:other-kept"
    assert weapons["weapon:pilum"]["copy_of"] == "weapon:falx-9b"
    assert set(places) == {"place:cinder-port"}
    assert places["place:cinder-port"]["located_in"] == "country:norland"
    # a Country gold name removes no country and no group that merely shares a word with it
    assert (target / "countries.csv").read_bytes() == (source / "countries.csv").read_bytes()
    assert set(rows(target / "groups.csv")) == {"group:norland-forces", "group:ember-brigade"}
    assert report["weapon_systems.csv"] == {"rows": 4, "removed": 1, "references_dropped": 2}
    assert report["places.csv"] == {"rows": 2, "removed": 1, "references_dropped": 1}
    assert report["groups.csv"]["removed"] == 0
    assert read_catalog(target).dangling_references() == []
