"""Seizures: who took equipment from whom ("captured", "seized", "shot down"). The captor
and the one it was taken from both have it; the captor is present where it seized it."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import PLACES, Frame, sentence_equipment
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState
from kg.model import ACTOR_TYPES


def frame_capture(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    captors = f.agents()
    taken_from = f.prep_objects("from", deep=True)
    victims = f.refs(taken_from, ACTOR_TYPES)
    if not victims:
        for by in f.prep_objects("by"):  # "captured by X from Y" read as "X from Y"
            victims += f.refs(f.prep_objects("from", token=by), ACTOR_TYPES)
    if not victims:
        # "captured Vexa militia rifles", "Ruritanian army mortars, captured by ...": the
        # owner named in the phrase of what was taken
        taken = [f.trigger.head] if f.trigger.dep_ in ("acl", "relcl") else f.children("dobj", "nsubjpass")
        for noun in taken:
            # the owner among the noun's modifiers, however deep ("a US RQ-170 drone")
            for child in (t for left in noun.lefts for t in left.subtree):
                m = f.index.at(child)
                if m is not None and m.label_ in ACTOR_TYPES and child.dep_ in ("compound", "nmod", "poss", "amod") \
                        and m not in [c for c, _ in captors] and m not in [v for v, _ in victims]:
                    victims.append((m, 0.7))
    if not victims:
        # "captured ... during raids on a depot of the X"
        for prep in f.children("prep"):
            if prep.lower_ in ("during", "in", "at", "after"):
                victims += [(m, 0.8) for m in f.index.in_subtree(prep, ACTOR_TYPES)
                            if m not in [c for c, _ in captors]]
    weapons = f.equipment() or (sentence_equipment(f, sent) if captors else [])
    names = [w for w, _ in weapons]
    state.note_event(captors, victims)
    for c, cc in captors:
        for v, cv in victims:
            emit(out, relation(c, "captured_from", v, sent, 0.8 * cc * cv, f.trigger, names))
        # who seizes something somewhere is present there ("seized the freighter in the X
        # Sea", "seized from the rebels in Ruritania")
        where = f.prep_objects("in", deep=True) + [o for t in taken_from for o in f.prep_objects("in", token=t)]
        for p, cp in f.refs(where, PLACES):
            emit(out, relation(c, "operates_in", p, sent, 0.6 * cc * cp, f.trigger))
    state.has_all(out, captors, weapons, sent, f.trigger, 0.75)
    state.has_all(out, victims, weapons, sent, f.trigger, 0.65)
    return out
