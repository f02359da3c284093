"""The data files under ontology/patterns/: trigger lemmas, cue lists, vocabularies.

They are data so that a new conflict's wording is a change of a JSON file, not of code.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

PATTERNS_DIR = Path(__file__).resolve().parents[2] / "ontology" / "patterns"


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """One pattern file by stem ("relation_triggers"), without its "_doc" keys."""
    data = json.loads((PATTERNS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def word_set(name: str, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load(name)[key])
