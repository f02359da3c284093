"""Use: who operates, deploys or fires equipment has it, is present where it uses it, and
fights whom it uses it against."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import PLACES, Frame
from kg.extract.relations.raw import RawRelation, emit, relate, relation
from kg.extract.relations.state import DocumentState
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES


def frame_use(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    users = f.agents()
    weapons = f.patients(EQUIPMENT_TYPES) if not f.passive else f.equipment()
    if not weapons and f.trigger.dep_ in ("acl", "relcl"):
        weapons = f.refs([f.trigger.head], EQUIPMENT_TYPES)
    state.has_all(out, users, weapons, sent, f.trigger, 0.75)
    enemies = f.refs(f.prep_objects("against"), ACTOR_TYPES + ("Place",))
    names = [w for w, _ in weapons]
    # "deployed Vexa batteries in Ruritania", "a drone had flown over Ruritanian
    # territory": who uses equipment somewhere is present there
    where = f.prep_objects("in", "over", "into", "across")
    where += [o for obj in f.children("dobj") for o in f.prep_objects("in", "over", "into", token=obj)]
    relate(out, users, "operates_in", f.refs(where, PLACES), sent, 0.55, f.trigger)
    for u, cu in users:
        for e, ce in enemies:
            if e.label_ in ACTOR_TYPES:
                emit(out, relation(u, "fought_against", e, sent, 0.6 * cu * ce, f.trigger))
            emit(out, relation(u, "attacked", e, sent, 0.6 * cu * ce, f.trigger, names))
    return out
