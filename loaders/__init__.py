"""Loaders: files of reporting -> Documents holding each report's own body text.

    iter_files(paths)                        the loadable files under the given files and folders
    load_path(path, published=, publisher=, max_bytes=)
                                             the Documents in one file; LoadError if it cannot be read

One module per format: text (.txt, .md, no extension), html (.html, .htm), feed (.xml, .rss,
.atom) and dataset (.csv, .jsonl, .json). Every body goes through text.clean_text.
"""
from __future__ import annotations

import os
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.model import Document
from loaders.errors import LoadError
from loaders.dataset import load_dataset
from loaders.feed import load_feed
from loaders.files import MAX_BYTES
from loaders.html import load_html
from loaders.text import load_text

__all__ = ["LoadError", "MAX_BYTES", "iter_files", "load_path"]

Loader = Callable[..., list[Document]]
# A folder's own documentation describes the folder; it is not a report in it.
FOLDER_DOCS = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE", "COPYING"})
LOADERS: dict[str, Loader] = {
    "": load_text, ".txt": load_text, ".md": load_text,
    ".html": load_html, ".htm": load_html,
    ".xml": load_feed, ".rss": load_feed, ".atom": load_feed,
    ".csv": load_dataset, ".jsonl": load_dataset, ".json": load_dataset,
}


def load_path(path: Path, *, published: str | None = None, publisher: str | None = None,
              max_bytes: int = MAX_BYTES) -> list[Document]:
    """The documents in one file. `published` (ISO 8601) overrides the date the file states;
    `publisher` names the outlet of documents whose file names none (a plain text file)."""
    path = Path(path)
    loader = LOADERS.get(path.suffix.lower())
    if loader is None and path.exists() and not path.is_dir():
        known = ", ".join(suffix for suffix in LOADERS if suffix)
        raise LoadError(path, f"unsupported file type '{path.suffix}'; kg loads {known} and files"
                              " without an extension")
    # A missing path or a folder has no loader either; reading it as text says which it is.
    documents = (loader or load_text)(path, published=published, max_bytes=max_bytes)
    if publisher:
        documents = [d if d.publisher else replace(d, publisher=publisher) for d in documents]
    return documents


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each given file, and the loadable files under each given folder (recursively, sorted;
    hidden files and folders and the folder's README/LICENSE skipped). A file named explicitly
    is yielded whatever it is, so that load_path can say why it cannot be loaded."""
    seen: set[Path] = set()
    for path in map(Path, paths):
        if not path.exists():
            raise LoadError(path, "no such file or directory")
        for file in (folder_files(path) if path.is_dir() else [path]):
            if file not in seen:
                seen.add(file)
                yield file


def folder_files(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        files += [Path(root, name) for name in names
                  if not name.startswith(".") and Path(name).suffix.lower() in LOADERS
                  and Path(name).stem.upper() not in FOLDER_DOCS]
    return sorted(files)
