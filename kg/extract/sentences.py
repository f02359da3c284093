"""Sentence starts the parser must respect: a line break ends a sentence. Headings, list
bullets and datelines are lines of their own, and a fact never runs across them."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws or "\n" in previous.text:
            token.is_sent_start = True
        elif not previous.is_space:
            token.is_sent_start = None if token.is_sent_start is None else token.is_sent_start
    return doc
