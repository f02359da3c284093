"""How much of the extraction score the catalog carries: the dev set scored with the full
catalog and with one from which every weapon system, group and place that the dev gold names
has been removed, a stand-in for the names in new reports that no catalog will ever hold.

    .venv/bin/python bench/catalog_ablation.py [--dev DIR] [--kg PATH] [--keep] [--json OUT]

A row goes when its name or an alias has a normalised form (score.py's forms()) that any gold
entity's name or alias of the dev set has, whatever the gold entity's type. Countries and
equipment categories stay whole. References of kept rows to removed ids are dropped, so the
ablated catalog has no dangling references. Both runs go through score.py and the installed
`kg extract`, the ablated one with $KG_CATALOG_DIR set to the ablated copy; they run side by
side.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.catalog import CATALOG_DIR, read_catalog

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
SCORER = EVAL_DIR / "score.py"
sys.path.insert(0, str(EVAL_DIR))
from score import forms, prf  # noqa: E402  (the scorer's own normalisation, not a copy)

ABLATED_FILES = ("weapon_systems.csv", "groups.csv", "places.csv")
REFERENCE_COLUMNS = ("copy_of", "variant_of", "part_of", "located_in", "origin", "country")


def gold_forms(dev: Path) -> set[str]:
    """Every normalised form of every gold entity's name and aliases in dev/*.gold.json."""
    found: set[str] = set()
    for path in sorted(dev.glob("*.gold.json")):
        for entity in json.loads(path.read_text(encoding="utf-8")).get("entities", []):
            found |= forms(entity)
    return found


def _values(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def ablate_catalog(*, source: Path, target: Path, removed_forms: set[str]) -> dict[str, dict]:
    """Copy the catalog folder source to target without the rows of ABLATED_FILES whose name
    or an alias has a form in removed_forms, and without references to the removed ids.
    Returns per file: rows before, rows removed, references dropped from kept rows."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    tables = {name: _read(source / name) for name in ABLATED_FILES if (source / name).exists()}
    removed_ids: set[str] = set()
    report: dict[str, dict] = {}
    for name, (_, rows) in tables.items():
        doomed = [r for r in rows
                  if forms({"name": r["name"], "aliases": _values(r.get("aliases"))}) & removed_forms]
        removed_ids |= {r["id"] for r in doomed}
        report[name] = {"rows": len(rows), "removed": len(doomed), "references_dropped": 0}
    for name, (columns, rows) in tables.items():
        kept = [r for r in rows if r["id"] not in removed_ids]
        for row in kept:
            for column in REFERENCE_COLUMNS:
                if column in row:
                    refs = _values(row[column])
                    alive = [ref for ref in refs if ref not in removed_ids]
                    report[name]["references_dropped"] += len(refs) - len(alive)
                    row[column] = "|".join(alive)
        with (target / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
    return report


def start_scoring(*, dev: Path, kg: Path, figures: Path, errors: Path,
                  catalog_dir: Path | None) -> subprocess.Popen:
    """score.py over dev through `kg extract`, with the project's catalog or catalog_dir's;
    its stderr goes to the file errors (a pipe could fill while the other run is awaited)."""
    env = {k: v for k, v in os.environ.items() if k != "KG_CATALOG_DIR"}
    if catalog_dir is not None:
        env["KG_CATALOG_DIR"] = str(catalog_dir)
    command = f"{shlex.quote(str(kg))} extract {{text}} --json --published={{published}}"
    with errors.open("w") as log:  # the child holds its own copy of the file
        return subprocess.Popen(
            [sys.executable, str(SCORER), str(dev), "--cmd", command, "--json", str(figures)],
            env=env, stdout=subprocess.DEVNULL, stderr=log)


def entity_type_figures(figures: dict) -> dict[str, dict]:
    """P/R/F1 per entity type over the whole set (score.py's JSON has them per document only)."""
    counts = Counter()
    for doc in figures["documents"].values():
        for entity_type, v in doc["entity_types"].items():
            for k in ("tp", "fp", "fn"):
                counts[(entity_type, k)] += v[k]
    return {t: prf(counts[(t, "tp")], counts[(t, "fp")], counts[(t, "fn")])
            for t in sorted({t for t, _ in counts})}


def summary(figures: dict, failures: list[str]) -> dict:
    return {"entities": figures["entities"], "relations": figures["relations"],
            "entity_types": entity_type_figures(figures), "extractor_failures": failures}


def print_table(removed: dict[str, dict], runs: dict[str, dict]) -> None:
    print("catalog rows removed (their name or an alias is a dev gold name):")
    for name, r in removed.items():
        print(f"  {name:22s} {r['removed']:5d} of {r['rows']:5d}   references dropped {r['references_dropped']}")
    labels = list(runs)
    print(f"\n{'':24s}" + "".join(f"{label:>24s}" for label in labels))

    def prf_cells(v):
        return f"{v['p']:.3f} / {v['r']:.3f} / {v['f1']:.3f}"
    for part in ("entities", "relations"):
        print(f"{part + ' P / R / F1':24s}" + "".join(f"{prf_cells(runs[x][part]):>24s}" for x in labels))
    types = sorted({t for run in runs.values() for t in run["entity_types"]})
    for t in types:
        cells = [runs[x]["entity_types"].get(t, {}).get("f1") for x in labels]
        print(f"{'  ' + t + ' F1':24s}" + "".join(f"{'-' if c is None else f'{c:.3f}':>24s}" for c in cells))
    for label, run in runs.items():
        for failure in run["extractor_failures"]:
            print(f"{label}: {failure}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=EVAL_DIR / "dev", help="folder of gold files and texts")
    ap.add_argument("--kg", type=Path, default=Path(sys.executable).parent / "kg", help="the kg command")
    ap.add_argument("--keep", action="store_true", help="keep the ablated catalog folder")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    a = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kg-catalog-ablation-"))
    catalog_dir = work / "catalog"
    removed = ablate_catalog(source=CATALOG_DIR, target=catalog_dir, removed_forms=gold_forms(a.dev))
    dangling = read_catalog(catalog_dir).dangling_references()
    assert not dangling, f"the ablated catalog has dangling references: {dangling[:10]}"

    catalogs = {"full catalog": None, "ablated catalog": catalog_dir}
    jobs = {label: start_scoring(dev=a.dev, kg=a.kg, figures=work / f"{i}.json",
                                 errors=work / f"{i}.stderr", catalog_dir=d)
            for i, (label, d) in enumerate(catalogs.items())}
    runs = {}
    for i, (label, job) in enumerate(jobs.items()):
        job.wait()
        stderr = (work / f"{i}.stderr").read_text()
        if job.returncode != 0:
            print(f"{label}: score.py exited {job.returncode}\n{stderr[-2000:]}", file=sys.stderr)
            return 1
        failures = [line for line in stderr.splitlines() if "extractor failed" in line]
        runs[label] = summary(json.loads((work / f"{i}.json").read_text()), failures)

    print_table(removed, runs)
    if a.json:
        a.json.write_text(json.dumps({"dev": str(a.dev), "removed": removed, "runs": runs}, indent=2))
    if a.keep:
        print(f"\nablated catalog kept in {catalog_dir}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
