"""Handovers: who gives equipment to whom ("supplied", "sold", "the delivery of"), and who
gets it from whom ("bought", "received", "purchases of"). Both ends have what changed hands."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import Frame, sentence_equipment
from kg.extract.relations.raw import RawRelation, relate
from kg.extract.relations.state import DocumentState
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES


def frame_transfer(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    if f.trigger.tag_ == "VBN" and f.trigger.lemma_.lower() in ("arm", "equip") and (
            f.passive or f.trigger.dep_ in ("acl", "relcl")):
        # "fighters armed with rifles", "the base was equipped with mortars": who has them,
        # whoever gave them; the giver, where named ("by"), hands them over below
        holders = f.patients(ACTOR_TYPES)
        state.has_all(out, holders, f.refs(f.prep_objects("with"), EQUIPMENT_TYPES), sent, f.trigger, 0.75)
        if not f.prep_objects("by"):
            return out
    givers = f.agents()
    receivers = f.refs(f.prep_objects("to", "for", deep=True), ACTOR_TYPES) + f.refs(f.children("dative"), ACTOR_TYPES)
    if not receivers and f.trigger.dep_ == "compound":
        # "an assistance package for Ukraine", "an arms shipment to the rebels"
        receivers = f.refs(f.prep_objects("to", "for", token=f.trigger.head), ACTOR_TYPES)
    weapons = f.equipment() or sentence_equipment(f, sent)
    if not givers and receivers and f.passive:
        givers = [(m, c * 0.6) for m, c in state.last_givers]
    if givers:
        state.last_givers = givers
    if not givers:
        # "rifles bound from Ruritania to the Vexa militia"
        givers = f.refs(f.prep_objects("from"), ACTOR_TYPES)
    if f.trigger.pos_ != "NOUN" and not receivers:
        # "supplied the Ruritanian army with tanks", "continue to supply the rebels"
        receivers = f.refs(f.children("dobj"), ACTOR_TYPES)
    names = [w for w, _ in weapons]
    state.note_event(givers, receivers)
    relate(out, givers, "transferred_to", receivers, sent, 0.85, f.trigger, names)
    state.has_all(out, givers, weapons, sent, f.trigger, 0.75)
    state.has_all(out, receivers, weapons, sent, f.trigger, 0.75)
    return out


def frame_acquire(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    receivers = f.agents()
    sources = f.refs(f.prep_objects("from"), ACTOR_TYPES)
    if not sources:
        # "purchases of rifles in Ruritania": bought in a country, from that state
        sources = [(m, c * 0.7) for m, c in f.refs(f.prep_objects("in"), ("Country",))]
    beneficiaries = f.refs(f.prep_objects("for"), ACTOR_TYPES)
    weapons = f.equipment()
    names = [w for w, _ in weapons]
    state.note_event(sources, receivers)
    relate(out, sources, "transferred_to", receivers, sent, 0.8, f.trigger, names)
    relate(out, receivers, "transferred_to", beneficiaries, sent, 0.6, f.trigger, names)
    state.has_all(out, receivers, weapons, sent, f.trigger, 0.75)
    state.has_all(out, sources, weapons, sent, f.trigger, 0.7)
    return out
