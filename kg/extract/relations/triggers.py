"""The trigger lists of ontology/patterns/relation_triggers.json: which lemmas open which
frames, and the word lists the rules consult."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Token

from kg.extract import patterns

SUBJECT_DEPS = np.array([get_string_id("nsubj"), get_string_id("nsubjpass")], dtype=np.uint64)


@lru_cache(maxsize=1)
def trigger_table() -> dict[tuple[str, str], list[str]]:
    """(lemma, "VERB"|"NOUN") -> frames it opens."""
    table: dict[tuple[str, str], list[str]] = {}
    for frame, spec in patterns.load("relation_triggers").items():
        if not isinstance(spec, dict):
            continue
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for lemma in spec.get(key, []):
                table.setdefault((lemma.split()[0], pos), []).append(frame)
    return table


@lru_cache(maxsize=None)
def trigger_words(key: str) -> frozenset[str]:
    """A word list of relation_triggers.json ("stance_verbs", "event_nouns", ...)."""
    return patterns.word_set("relation_triggers", key)


@lru_cache(maxsize=1)
def cue_lemma_ids() -> np.ndarray:
    """String ids of every lemma a relation rule starts from (triggers, event nouns, content
    verbs), lower-case and capitalised, as the lemmatiser leaves a sentence's first word."""
    words = {lemma for lemma, _ in trigger_table()} | trigger_words("event_nouns") | trigger_words("content_verbs")
    return np.array(sorted({get_string_id(form) for w in words for form in (w, w.capitalize())}), dtype=np.uint64)


def frames_of(token: Token, lemma: str) -> list[str]:
    """The frames a token opens, by its lemma and whether it is a verb or a noun."""
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        pos = "VERB"
    elif token.pos_ == "NOUN":
        pos = "NOUN"
    else:
        return []
    return trigger_table().get((lemma, pos), [])
