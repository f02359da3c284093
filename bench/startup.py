"""Start-up of `kg extract`: the wall time of `kg extract FILE --json` on a one-line text file,
with a cold pipeline cache (an empty $KG_CACHE_DIR: the pipeline is built and saved) and a
warm one (its saved state is read back), against `python -c "import spacy"` in the same run.

    .venv/bin/python bench/startup.py [--runs 10] [--cold-runs 3] [--json]

The three commands take turns, run after run, so that other work on the machine weighs on
each alike; medians are reported, and each as a multiple of the import's median (the
figure that carries over between machines). Target: warm <= 1.0 s.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ONE_LINE = "The Brennish Navy received twelve T-72 tanks from Russia in May 2021.\n"  # invented


def wall_time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(*, runs: int, cold_runs: int) -> dict:
    with tempfile.TemporaryDirectory() as work:
        report = Path(work, "report.txt")
        report.write_text(ONE_LINE, encoding="utf-8")
        extract = [str(BIN / "kg"), "extract", str(report), "--json"]
        warm_env = {**os.environ, "KG_CACHE_DIR": str(Path(work, "warm"))}
        subprocess.run(extract, env=warm_env, check=True, stdout=subprocess.DEVNULL)  # fills it
        times: dict[str, list[float]] = {"import spacy": [], "cold": [], "warm": []}
        for run in range(runs):
            times["import spacy"].append(wall_time([sys.executable, "-c", "import spacy"],
                                                   dict(os.environ)))
            times["warm"].append(wall_time(extract, warm_env))
            if run < cold_runs:
                cold_env = {**os.environ, "KG_CACHE_DIR": str(Path(work, f"cold{run}"))}
                times["cold"].append(wall_time(extract, cold_env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["import spacy"]
    return {"date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}",
            "runs": {name: len(values) for name, values in times.items()},
            "median_s": {name: round(m, 3) for name, m in medians.items()},
            "x_import_spacy": {name: round(m / base, 2) for name, m in medians.items()},
            "load_average": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(runs=args.runs, cold_runs=args.cold_runs)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['date']}, {figures['machine']}, load average {figures['load_average']}")
    for name, median in figures["median_s"].items():
        print(f"  {name:14s} median {median:6.3f} s  {figures['x_import_spacy'][name]:5.2f} x "
              f"import spacy  ({figures['runs'][name]} runs)")


if __name__ == "__main__":
    main()
