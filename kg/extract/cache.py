"""The built pipeline's expensive state on disk, so that `kg extract` does not build it on
every start.

Building the pipeline tokenizes every catalog spelling for the rulers (1.5 s) and loads the
tokenizer's special cases three times (0.3 s); what that produces (the rulers' token keys,
the adjusted tokenizer) is saved once, and later starts add it back (0.2 s).

The file is named by a hash of everything the state is made from: the catalog, every file
in ontology/patterns/, the source of kg/extract/ and what it reads the catalog with, spaCy's
version and the model's. Any change there names another file, so a stale state is never
read; the files last written are kept (KEEP_FILES, for runs with other catalogs), older ones
deleted. A file is written under a temporary name and renamed into place, so readers see a
whole file or none; its content is checked against a digest stored in it, and one that
fails (cut short, corrupted, an older format) reads as absent. A cache folder that cannot be
written just means no caching.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import spacy
import srsly

from kg.catalog import Catalog
from kg.extract.patterns import PATTERNS_DIR

FORMAT = b"kg-pipeline-state 1\n"
KEEP_FILES = 8  # 1.4 MB each
EXTRACT_DIR = Path(__file__).resolve().parent
# outside kg/extract/, what the saved state is computed from
KG_SOURCES = (EXTRACT_DIR.parent / "catalog.py", EXTRACT_DIR.parent / "model.py")


def cache_dir() -> Path:
    """$KG_CACHE_DIR, else $XDG_CACHE_HOME/kg, else ~/.cache/kg."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"]).expanduser()
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "kg"


def state_key(*, catalog: Catalog, model: str, patterns_dir: Path = PATTERNS_DIR) -> str:
    """The content hash the state built from these inputs is filed under."""
    digest = hashlib.sha256(FORMAT)
    digest.update(f"catalog {catalog.digest}\nspacy {spacy.__version__}\n".encode())
    digest.update(f"model {model} {metadata.version(model)}\n".encode())
    # whole folders, so that a new component or pattern file is part of the key unasked
    for path in [*folder_files(patterns_dir), *folder_files(EXTRACT_DIR), *KG_SOURCES]:
        data = path.read_bytes()
        digest.update(f"{path.name} {len(data)}\n".encode() + data)
    return digest.hexdigest()[:32]


def folder_files(folder: Path) -> list[Path]:
    """The files under folder, without hidden ones and compiled Python (which the first
    import writes, and which would change the key between the first start and the next)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not any(
        part.startswith((".", "__pycache__")) for part in p.relative_to(folder).parts))


def state_path(key: str) -> Path:
    return cache_dir() / f"pipeline-{key}.msgpack"


def read_state(key: str) -> dict[str, Any] | None:
    """The saved state, or None where there is none or it is unreadable."""
    try:
        data = state_path(key).read_bytes()
    except OSError:
        return None
    header, payload = data[:len(FORMAT) + 32], data[len(FORMAT) + 32:]
    if header != FORMAT + hashlib.sha256(payload).digest():
        return None
    try:
        state = srsly.msgpack_loads(payload)
    except ValueError:
        return None
    return state if isinstance(state, dict) else None


def write_state(key: str, state: dict[str, Any]) -> None:
    """Save the state; quietly nothing where the cache folder cannot be written."""
    payload = srsly.msgpack_dumps(state)
    path = state_path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT + hashlib.sha256(payload).digest() + payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return
    with contextlib.suppress(OSError):
        saved = sorted(path.parent.glob("pipeline-*.msgpack"), key=lambda p: p.stat().st_mtime)
        for old in saved[:-KEEP_FILES]:
            old.unlink()
