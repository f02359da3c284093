"""Throughput of kg's whole extraction (extract_many: catalog rulers, type mapping, relation
rules, dates, hedges, resolution) against the bare spaCy pipeline it is built on (the same
model, the same documents, the same run), in one process and in two.

    .venv/bin/python bench/extract_speed.py [--repeat 4] [--rounds 3] [--json]

Documents: the dev texts (../shared/eval/dev, when present) and examples/, loaded with the
project's loaders, repeated --repeat times. Each round times bare then kg on the same list;
the best round of each is reported, so a burst of other work on the machine costs neither.
Target: kg time <= 1.25 x bare time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import spacy

from kg.extract import build_pipeline, extract_many
from kg.extract.pipeline import model_name
from loaders import iter_files, load_path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT.parent / "shared" / "eval" / "dev", ROOT / "examples"]


def documents(repeat: int):
    docs = []
    for folder in SOURCES:
        if folder.is_dir():
            for path in iter_files([folder]):
                if path.suffix.lower() in (".txt", ".html", ".htm", ".md", ""):
                    docs += load_path(path)
    return docs * repeat


def seconds(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure(docs, *, n_process: int, rounds: int) -> dict:
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(model_name())
    nlp = build_pipeline()
    batch = 8
    # warm both (model weights, caches) before timing
    list(bare.pipe(texts[:4], batch_size=batch))
    list(extract_many(docs[:4], nlp=nlp, batch_size=batch))
    bare_times, kg_times = [], []
    for _ in range(rounds):
        bare_times.append(seconds(lambda: list(bare.pipe(texts, n_process=n_process, batch_size=batch))))
        kg_times.append(seconds(lambda: list(extract_many(docs, nlp=nlp, n_process=n_process,
                                                          batch_size=batch))))
    bare_s, kg_s = min(bare_times), min(kg_times)
    return {"n_process": n_process, "documents": len(docs), "words": words,
            "bare_seconds": round(bare_s, 3), "kg_seconds": round(kg_s, 3),
            "bare_words_per_second": round(words / bare_s), "kg_words_per_second": round(words / kg_s),
            "ratio_kg_over_bare": round(kg_s / bare_s, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=4, help="times the document set is repeated")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    docs = documents(a.repeat)
    results = [measure(docs, n_process=n, rounds=a.rounds) for n in (1, 2)]
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, " \
              f"spaCy {spacy.__version__}, {model_name()}"
    if a.json:
        print(json.dumps({"machine": machine, "results": results}, indent=2))
        return 0
    print(machine)
    for r in results:
        print(f"n_process={r['n_process']}: {r['documents']} documents, {r['words']} words | "
              f"bare {r['bare_words_per_second']} words/s ({r['bare_seconds']} s) | "
              f"kg {r['kg_words_per_second']} words/s ({r['kg_seconds']} s) | "
              f"kg/bare time {r['ratio_kg_over_bare']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
