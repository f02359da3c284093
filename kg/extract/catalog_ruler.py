"""The catalog's spellings as entity mentions: spaCy's EntityRuler for phrase patterns, made
from token keys instead of pattern Docs.

A spelling's key is the hash of each of its tokens' text (LOWER or ORTH), which is what the
phrase matcher stores of a pattern Doc anyway. Keys can be saved and added back without
tokenizing the catalog's ~30k spellings again (1.5 s of every start-up): kg/extract/cache.py
keeps them on disk. Matching and annotating are the EntityRuler's (spaCy 3.8) line for line,
so that mentions, and the order ties between them are broken in, stay the same.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

ENT_ID_SEP = "||"  # the EntityRuler's: a pattern with an id matches as "label||id"

# One pattern: [label, catalog id or None, the hashes of its tokens' text]
KeyedPattern = list[Any]


@Language.factory("kg_catalog_ruler", default_config={"attr": "LOWER"})
def make_catalog_ruler(nlp: Language, name: str, attr: str) -> CatalogRuler:
    return CatalogRuler(nlp.vocab, attr=attr)


class CatalogRuler:
    """Adds mentions where a catalog spelling's tokens match; never over existing entities."""

    def __init__(self, vocab: Vocab, *, attr: str):
        self.attr = attr
        self.phrase_matcher = PhraseMatcher(vocab, attr=attr)
        self.ent_ids: dict[int, tuple[str, str]] = {}  # match key -> (label, catalog id)

    def keyed(self, patterns: list[dict[str, Any]], *, nlp: Language) -> list[KeyedPattern]:
        """EntityRuler-style phrase patterns ({"label", "pattern", "id"}) as keyed patterns,
        tokenized by the pipeline's tokenizer (as the EntityRuler's add_patterns does)."""
        texts = (p["pattern"] for p in patterns)
        return [[p["label"], p.get("id"), doc.to_array(IDS[self.attr]).tolist()]
                for p, doc in zip(patterns, nlp.tokenizer.pipe(texts))]

    def add(self, patterns: Iterable[KeyedPattern]) -> None:
        """Add keyed patterns, in order (the matcher's trie is filled as the EntityRuler fills
        it; consecutive patterns of one key go in one call, which is what saves the time)."""
        strings = self.phrase_matcher.vocab.strings
        for (label, ent_id), run in groupby(patterns, key=lambda p: (p[0], p[1])):
            key = f"{label}{ENT_ID_SEP}{ent_id}" if ent_id else label
            if ent_id:
                self.ent_ids[strings.add(key)] = (label, ent_id)
            self.phrase_matcher.add(key, [p[2] for p in run])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.phrase_matcher(doc)
        final_matches = set([(m_id, start, end) for m_id, start, end in matches if start != end])
        final_matches = sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        entities = list(doc.ents)
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in final_matches:
            if any(t.ent_type for t in doc[start:end]):
                continue
            # end - 1: the boundaries are inclusive
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self.ent_ids:
                    label, ent_id = self.ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities
        return doc
