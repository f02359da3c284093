"""What an event the report told of held: "the contract included 300 rifles", "the first
shipment of 50 mortars ...", "the exhibition, organised by X, features ...". The parties of
the handover or seizure told just before have it, and so does whoever organised a display.
A list of items with no actor of its own ("Among the weapons were ...", "The cargo included
...", "Also seen were ...") goes on with the last handover or seizure told as done, or with
the one the report is about: its parties have the items."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.relations.frame import Frame, verb_of
from kg.extract.relations.raw import RawRelation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES

CONTENT_DEPS = ("dobj", "attr")
MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")  # "Iranian missiles": no actor of the sentence's own


def event_contents(token: Token, lemma: str, sent: Span, state: DocumentState) -> list[RawRelation]:
    """`token` is an event noun or a content verb."""
    index = state.index
    event_nouns = trigger_words("event_nouns")
    if lemma in trigger_words("content_verbs") and verb_of(token):
        events = [c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() in event_nouns]
        contents = [c for c in token.children if c.dep_ in CONTENT_DEPS] if events else []
    elif token.pos_ == "NOUN" and lemma in event_nouns and token.dep_ in ("nsubj", "nsubjpass"):
        events = [token]
        contents = [o for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                    for o in prep.children if o.dep_ == "pobj"]
    else:
        return []
    weapons = equipment_in(contents, state)
    organisers = [(m, c) for e in events for acl in e.children if acl.dep_ == "acl"
                  for m, c in Frame(acl, index).agents()]
    holders = state.recent_event_holders() + organisers
    if not (weapons and holders):
        return listed_items(token, lemma, sent, state)
    out: list[RawRelation] = []
    state.has_all(out, holders, weapons, sent, token, 0.6)
    if organisers:
        state.note_event(holders)
    return out


def equipment_in(phrases: list[Token], state: DocumentState) -> list[tuple[Span, float]]:
    index = state.index
    return [(m, 1.0) for c in phrases for m in dict.fromkeys(
        [r for r, _ in index.referents(c, EQUIPMENT_TYPES)] + index.in_subtree(c, EQUIPMENT_TYPES))]


def listed_items(token: Token, lemma: str, sent: Span, state: DocumentState) -> list[RawRelation]:
    """"Among the weapons were 40 mortars", "The cargo included rifles", "Also seen were three
    howitzers": a content verb or copula whose subject (or "among" phrase) refers back to what
    an event moved, or a passive verb of seeing with no agent, in a sentence naming no actor
    but as a modifier of a noun."""
    if lemma not in trigger_words("content_verbs") or not verb_of(token):
        return []
    references = trigger_words("event_nouns") | trigger_words("cargo_nouns")
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    among = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "among"
             for o in p.children if o.dep_ == "pobj"]
    refers_back = any(t.lemma_.lower() in references for t in subjects + among)
    seen = lemma in trigger_words("sighting_verbs") and not any(c.dep_ == "agent" for c in token.children)
    if not (refers_back or seen):
        return []
    if any(m.label_ in ACTOR_TYPES and m.root.dep_ not in MODIFIER_DEPS for m in state.index.in_sentence(sent)):
        return []
    contents = [c for c in token.children if c.dep_ in CONTENT_DEPS]
    contents += [c for aux in token.children if aux.dep_ in ("aux", "auxpass") for c in aux.children
                 if c.dep_ in CONTENT_DEPS]
    if seen and not refers_back:
        contents += subjects
    weapons = equipment_in(contents, state)
    out: list[RawRelation] = []
    event = state.listed_event()
    if weapons and event is not None:
        state.has_all(out, event.parties, weapons, sent, token, 0.55)
        for rel in out:
            rel.told_at = event.told_at  # dated, where the list is not, by the event it goes on with
    return out
