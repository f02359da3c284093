"""Extraction: Document -> Extraction (entities and relations, every fact with its evidence).

    nlp = build_pipeline()            # once; cached
    extraction = extract(document)    # or extract_many(documents, n_process=2)
"""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from kg.catalog import Catalog
from kg.extract.assemble import extraction_from_doc
from kg.extract.pipeline import build_pipeline
from kg.model import Document, Extraction

__all__ = ["build_pipeline", "extract", "extract_many"]


def extract(document: Document, *, nlp: Language | None = None) -> Extraction:
    nlp = nlp or build_pipeline()
    return extraction_from_doc(nlp(document.text), document, catalog=_catalog_of(nlp))


def extract_many(documents: Iterable[Document], *, nlp: Language | None = None, n_process: int = 1,
                 batch_size: int = 8) -> Iterator[Extraction]:
    """Extractions in input order; n_process > 1 parses in worker processes."""
    nlp = nlp or build_pipeline()
    catalog = _catalog_of(nlp)
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield extraction_from_doc(doc, document, catalog=catalog)


def _catalog_of(nlp: Language) -> Catalog:
    return nlp.get_pipe("kg_relations").catalog
