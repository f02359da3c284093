"""What an event the report told of held: "the contract included 300 rifles", "the first
shipment of 50 mortars ...", "the exhibition, organised by X, features ...". The parties of
the handover or seizure told just before have it, and so does whoever organised a display."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.relations.frame import Frame, verb_of
from kg.extract.relations.raw import RawRelation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import EQUIPMENT_TYPES


def event_contents(token: Token, lemma: str, sent: Span, state: DocumentState) -> list[RawRelation]:
    """`token` is an event noun or a content verb."""
    index = state.index
    event_nouns = trigger_words("event_nouns")
    if lemma in trigger_words("content_verbs") and verb_of(token):
        events = [c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() in event_nouns]
        contents = [c for c in token.children if c.dep_ in ("dobj", "attr")] if events else []
    elif token.pos_ == "NOUN" and lemma in event_nouns and token.dep_ in ("nsubj", "nsubjpass"):
        events = [token]
        contents = [o for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for o in prep.children if o.dep_ == "pobj"]
    else:
        return []
    weapons = [(m, 1.0) for c in contents for m in dict.fromkeys(
        [r for r, _ in index.referents(c, EQUIPMENT_TYPES)] + index.in_subtree(c, EQUIPMENT_TYPES))]
    if not weapons:
        return []
    organisers = [(m, c) for e in events for acl in e.children if acl.dep_ == "acl"
                  for m, c in Frame(acl, index).agents()]
    holders = state.recent_event_holders() + organisers
    out: list[RawRelation] = []
    state.has_all(out, holders, weapons, sent, token, 0.6)
    if organisers:
        state.note_event(holders)
    return out
