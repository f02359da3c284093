"""What the extraction tests read from an Extraction: its facts by entity names."""
from __future__ import annotations

from kg.extract import extract
from kg.model import Document


def facts(nlp, text: str, **metadata) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) canonical names of the relations read from `text`."""
    x = extract(Document.from_text(text, **metadata), nlp=nlp)
    names = {e.id: e.name for e in x.entities}
    return {(names[r.s], r.p, names[r.o]) for r in x.relations}


def allied(found: set[tuple[str, str, str]], a: str, b: str) -> bool:
    return (a, "allied_with", b) in found or (b, "allied_with", a) in found


def fought(found: set[tuple[str, str, str]], a: str, b: str) -> bool:
    return (a, "fought_against", b) in found or (b, "fought_against", a) in found
