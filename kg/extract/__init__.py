"""Extraction: Document -> Extraction (entities and relations, every fact with its evidence).

    nlp = build_pipeline()            # once; cached
    extraction = extract(document)    # or extract_many(documents, n_process=2)
"""
from __future__ import annotations

import multiprocessing
from typing import Iterable, Iterator

from spacy.language import Language

from kg.catalog import Catalog
from kg.extract.assemble import extraction_from_doc
from kg.extract.pipeline import build_pipeline
from kg.extract.typography import fold_typography
from kg.iterate import batched
from kg.model import Document, Extraction

__all__ = ["build_pipeline", "extract", "extract_many"]


def extract(document: Document, *, nlp: Language | None = None) -> Extraction:
    nlp = nlp or build_pipeline()
    return extraction_from_doc(nlp(fold_typography(document.text)), document, catalog=_catalog_of(nlp))


def extract_many(documents: Iterable[Document], *, nlp: Language | None = None, n_process: int = 1,
                 batch_size: int = 8) -> Iterator[Extraction]:
    """Extractions in input order. With n_process > 1 each worker process runs the whole
    extraction on batches of documents and sends back only the Extraction values: sending
    parsed Docs back (nlp.pipe's n_process) would leave resolution to one process."""
    nlp = nlp or build_pipeline()
    if n_process <= 1:
        catalog = _catalog_of(nlp)
        pairs = ((fold_typography(d.text), d) for d in documents)
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield extraction_from_doc(doc, document, catalog=catalog)
        return
    yield from _extract_in_workers(documents, nlp=nlp, n_process=n_process, batch_size=batch_size)


_worker_nlp: Language | None = None  # the pipeline a forked worker inherits


def _extract_batch(batch: list[Document]) -> list[Extraction]:
    nlp = _worker_nlp or build_pipeline()
    catalog = _catalog_of(nlp)
    return [extraction_from_doc(doc, d, catalog=catalog) for doc, d in
            zip(nlp.pipe([fold_typography(d.text) for d in batch], batch_size=len(batch)), batch)]


def _extract_in_workers(documents: Iterable[Document], *, nlp: Language, n_process: int,
                        batch_size: int) -> Iterator[Extraction]:
    global _worker_nlp
    methods = multiprocessing.get_all_start_methods()
    # fork shares the built pipeline with the workers; elsewhere each worker builds its own
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _worker_nlp = nlp
    try:
        with context.Pool(n_process) as pool:
            for extractions in pool.imap(_extract_batch, batched(documents, batch_size)):
                yield from extractions
    finally:
        _worker_nlp = None


def _catalog_of(nlp: Language) -> Catalog:
    return nlp.get_pipe("kg_relations").catalog
