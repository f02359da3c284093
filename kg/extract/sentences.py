"""Sentence starts the parser must respect: a line break ends a sentence. Headings, list
bullets and datelines are lines of their own, and a fact never runs across them."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    # spaCy keeps any whitespace other than one space as a token of its own
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
