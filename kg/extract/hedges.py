"""Hedges: whether a fact is reported as future, planned, possible or alleged."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract import patterns


@lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], tuple[str, ...]]:
    data = patterns.load("hedge_cues")
    return frozenset(w.lower() for w in data["words"]), tuple(p.lower() for p in data["phrases"])


def clause_tokens(trigger: Token) -> list[Token]:
    """The trigger, the verbs above it up to the sentence root, and their direct modifiers:
    where "reportedly", "will" or "according to" attach."""
    out = []
    node = trigger
    while True:
        out.append(node)
        out.extend(node.children)
        if node.head is node or node.dep_ in ("ROOT",):
            break
        node = node.head
    return out


def is_hedged(trigger: Token | None, sentence: Span) -> bool:
    words, phrases = _cues()
    text = sentence.text.lower()
    if any(p in text for p in phrases):
        return True
    tokens = clause_tokens(trigger) if trigger is not None else list(sentence)
    return any(t.lower_ in words or (t.lemma_.lower() in words and t.pos_ in ("VERB", "AUX")) for t in tokens)
