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


def has_hedge_phrase(sentence_text: str) -> bool:
    """Whether the sentence holds a multi-word cue ("is believed to", "according to unconfirmed")."""
    _, phrases = _cues()
    text = sentence_text.lower()
    return any(p in text for p in phrases)


def is_hedged(trigger: Token | None, sentence: Span, *, phrase_cue: bool | None = None) -> bool:
    """`phrase_cue`: has_hedge_phrase of the sentence, when the caller has it already (Span.text
    rebuilds the text from the tokens on every call)."""
    words, _ = _cues()
    if phrase_cue if phrase_cue is not None else has_hedge_phrase(sentence.text):
        return True
    tokens = clause_tokens(trigger) if trigger is not None else list(sentence)
    return any(t.lower_ in words or (t.lemma_.lower() in words and t.pos_ in ("VERB", "AUX")) for t in tokens)
