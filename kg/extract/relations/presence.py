"""Presence: who is stationed, based or active somewhere operates there."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import PLACES, Frame
from kg.extract.relations.raw import RawRelation, relate
from kg.extract.relations.state import DocumentState
from kg.model import ACTOR_TYPES


def frame_presence(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    actors = f.agents() if not f.passive else f.refs(f.children("nsubjpass"), ACTOR_TYPES)
    if f.trigger.dep_ in ("relcl", "acl") and not actors:
        actors = f.refs([f.trigger.head], ACTOR_TYPES)
    places = f.refs(f.prep_objects("in", "across", "throughout", "inside", "near"), PLACES)
    if not places and f.trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in f.trigger.children):
        places = f.refs([f.trigger.head], PLACES)  # "a camp in X, where Y's units are stationed"
    relate(out, actors, "operates_in", places, sent, 0.7, f.trigger)
    return out
