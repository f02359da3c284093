"""kg's Python API: the same operations as the CLI, as keyword-only functions that return
data. README.md ("The Python API") has a runnable example; tests/test_api.py runs it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.grading import reliability_of
from kg.model import Document, Extraction
from kg.store.base import QueryResult, Store, StoreError

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


@dataclass
class IngestReport:
    files: int = 0
    documents_written: int = 0
    documents_skipped: int = 0  # already in the store
    errors: list[str] = field(default_factory=list)  # one line each: "<file>: <reason>"


def extract_file(path: Path, *, published: str | None = None,
                 publisher: str | None = None) -> list[Extraction]:
    """Load a file (text, HTML, feed or dataset) and extract each document in it; no store."""
    from kg.extract import extract_many
    from loaders import load_path

    return list(extract_many(load_path(path, published=published, publisher=publisher)))


def extract_files(paths: Sequence[Path], *, published: str | None = None,
                  publisher: str | None = None, errors: list[str]) -> Iterator[Extraction]:
    """Extract each document in every file under `paths` (folders walked as `ingest` walks
    them), in order, as they are done; no store. A path that cannot be loaded adds a line to
    `errors` ("<file>: <reason>") and the others go on. The pipeline is built once for all."""
    from kg.extract import extract_many
    from loaders import LoadError, load_path

    def documents() -> Iterator[Document]:
        for path in list_files(paths, errors=errors):
            try:
                yield from load_path(path, published=published, publisher=publisher)
            except LoadError as e:
                errors.append(str(e))

    return extract_many(documents())


def ingest(paths: Sequence[Path], *, store: Store, published: str | None = None,
           publisher: str | None = None, reliability: dict[str, str] | None = None,
           batch_size: int = 50, on_file: Callable[[Path], None] | None = None) -> IngestReport:
    """Load, extract and write every file under `paths`. A file that cannot be loaded is
    reported in `errors` and the others go on. Documents already stored are not extracted
    again; each batch of documents is written in one transaction, so a crash loses at most
    the batch in flight and the re-run completes it without duplicates. Each batch also
    writes the catalog's lineage of the weapon systems it names (kg.lineage); those catalog
    documents are not counted in the report."""
    from kg.catalog import default_catalog
    from kg.extract import extract_many
    from kg.lineage import catalog_lineage
    from loaders import LoadError, load_path

    report = IngestReport()
    pending = []

    def flush() -> None:
        if pending:
            extractions = list(extract_many(pending))
            # the catalog's lineage of the systems named, in the same transaction; its
            # documents are not the reports this report counts
            lineage = catalog_lineage(extractions, catalog=default_catalog())
            written = set(store.write(extractions + lineage).written)
            reports = {x.document.id for x in extractions}
            report.documents_written += len(reports & written)
            report.documents_skipped += len(reports - written)
            pending.clear()

    for path in list_files(paths, errors=report.errors):
        report.files += 1
        try:
            documents = [replace(d, reliability=reliability_of(d.publisher, reliability or {}))
                         for d in load_path(path, published=published, publisher=publisher)]
        except LoadError as e:
            report.errors.append(str(e))
        else:
            for document in documents:
                if store.has_document(document.id) or any(d.id == document.id for d in pending):
                    report.documents_skipped += 1
                else:
                    pending.append(document)
            if len(pending) >= batch_size:
                flush()
        if on_file:
            on_file(path)
    flush()
    return report


def list_files(paths: Iterable[Path], *, errors: list[str]) -> list[Path]:
    """The loadable files under `paths`; a path that cannot be read adds a line to `errors`."""
    from loaders import LoadError, iter_files

    files = []
    for path in paths:
        try:
            files.extend(iter_files([path]))
        except LoadError as e:
            errors.append(str(e))
    return files


@dataclass(frozen=True)
class SavedQuery:
    """A query of the library: its question (the first // line), its parameters with the
    example value its header gives for each (`// params: name: meaning, e.g. VALUE; ...`),
    and its Cypher."""

    name: str
    description: str
    cypher: str
    examples: dict[str, Any] = field(default_factory=dict)


_PARAM = re.compile(r"(\w+):[^;]*?\be\.g\.\s*([^;]+)")


def saved_queries() -> list[SavedQuery]:
    """The analysts' query library: queries/*.cypher, described by their leading // lines."""
    out = []
    for path in sorted(QUERIES_DIR.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        header = [line[2:].strip() for line in text.splitlines() if line.startswith("//")]
        params = next((line.removeprefix("params:") for line in header
                       if line.startswith("params:")), "")
        examples = {name: parse_params([f"{name}={value.strip()}"])[name]
                    for name, value in _PARAM.findall(params)}
        out.append(SavedQuery(name=path.stem, description=header[0] if header else "",
                              cypher=text, examples=examples))
    return out


def resolve_query(query: str) -> str:
    """Cypher text from a file path, a saved query's name, or the Cypher itself."""
    path = Path(query)
    if path.suffix == ".cypher" and path.is_file():
        return path.read_text(encoding="utf-8")
    for saved in saved_queries():
        if saved.name == query.removesuffix(".cypher"):
            return saved.cypher
    return query


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """key=value pairs; values are read as JSON where they parse (numbers, true, lists),
    else kept as text."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param {pair!r}: expected key=value")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


def run_query(*, store: Store, query: str, params: dict[str, Any] | None = None) -> QueryResult:
    return store.query(resolve_query(query), params or {})


def result_keys(result: QueryResult) -> list[str]:
    """Every text in a query's rows (in lists and node dicts too), as entity ids or names
    the result may hold: what `kg query --view` draws."""
    keys: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            keys.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict) and "id" in value:
            walk(value["id"])

    for row in result.rows:
        walk(row)
    return list(dict.fromkeys(keys))


def find_entity(*, store: Store, name: str) -> dict[str, Any]:
    """The stored entity an analyst means by an id, a canonical name or an alias."""
    candidates = store.entities(search=name)
    folded = name.casefold()
    for test in (lambda e: e["id"] == name, lambda e: e["name"].casefold() == folded,
                 lambda e: any(a.casefold() == folded for a in e["aliases"] or [])):
        exact = [e for e in candidates if test(e)]
        if exact:
            return max(exact, key=lambda e: e["documents"])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise StoreError(f"no entity called {name!r} in the {store.name} store; "
                         "list them with `kg entities --search TEXT`")
    names = ", ".join(f"{e['name']} ({e['type']})" for e in candidates[:8])
    raise StoreError(f"{name!r} is ambiguous: {names}; give one of these names or an id")
