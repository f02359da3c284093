"""Where a weapon comes from as a design: who produces it ("manufactures", "builds"), and
which model it copies or varies ("a copy of", "based on", "a variant of", "its own
version, the Vexa-2")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.catalog import Catalog
from kg.extract.mentions import MentionIndex
from kg.extract.relations.frame import Frame
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import EQUIPMENT_TYPES


def frame_produce(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    makers = f.agents()
    weapons = f.patients(EQUIPMENT_TYPES)
    for m, cm in makers:
        for w, cw in weapons:
            if w.label_ != "WeaponSystem":
                continue
            emit(out, relation(m, "has_equipment", w, sent, 0.7 * cm * cw, f.trigger))
            # who makes a weapon is its origin; who copies one ("decided to copy the X-9") is not
            if m.label_ == "Country" and f.trigger.lemma_.lower() in trigger_words("origin_verbs"):
                emit(out, relation(w, "origin_country", m, sent, 0.7 * cm * cw, f.trigger))
    return out


def frame_copy(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    return derived(f, sent, state, "copy_of")


def frame_variant(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    return derived(f, sent, state, "variant_of")


def derived(f: Frame, sent: Span, state: DocumentState, predicate: str) -> list[RawRelation]:
    """copy_of / variant_of: X (the subject, or what the trigger describes) and Y (the
    "of"/"from"/"on" complement)."""
    out: list[RawRelation] = []
    trigger = f.trigger
    originals = f.refs(f.prep_objects("of", "from", "on", "to"), ("WeaponSystem",))
    if trigger.pos_ != "NOUN" and not f.passive and trigger.dep_ not in ("acl", "amod", "relcl"):
        originals += f.refs(f.children("dobj"), ("WeaponSystem",))
    if trigger.lemma_.lower() == "member" and not any(
            t.lemma_.lower() in trigger_words("lineage_nouns") for t in trigger.subtree):
        return out
    copies: list[tuple[Span, float]] = []
    if trigger.pos_ == "NOUN":
        copies += f.refs([c for c in trigger.children if c.dep_ == "appos"], ("WeaponSystem",))
        if trigger.dep_ in ("attr", "appos", "oprd") or trigger.head.lemma_ == "be":
            head = trigger.head
            if trigger.dep_ == "appos":
                copies += f.index.referents(head, ("WeaponSystem",))
            else:
                copies += f.refs([c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")],
                                 ("WeaponSystem",))
        if not originals and copies:
            # "its own copy, the Vexa-2" / "the X-9, a faithful copy": the original is the
            # weapon named last before, other than the copy
            prior = f.index.antecedent(trigger, ("WeaponSystem",), skip=[m for m, _ in copies])
            if prior is not None:
                originals.append((prior, 0.6))
    elif trigger.dep_ in ("acl", "amod", "relcl"):
        copies += f.index.referents(trigger.head, ("WeaponSystem",))
    elif f.passive:
        copies += f.refs(f.children("nsubjpass"), ("WeaponSystem",))
        for subj in f.children("nsubjpass"):
            copies += [(m, 0.8) for m in f.index.in_subtree(subj, ("WeaponSystem",))]
    else:
        copies += [(m, c) for m, c in f.refs(f.children("nsubj"), ("WeaponSystem",))]
    if not copies:
        copies = described_as(trigger, f)
    for x, cx in copies:
        for y, cy in originals:
            if cy < 1.0:
                y = catalog_original(x, y, predicate, f.index, state.catalog)
            emit(out, relation(x, predicate, y, sent, 0.8 * cx * cy, trigger))
    return out


def described_as(trigger: Token, f: Frame) -> list[tuple[Span, float]]:
    """What a verb of saying describes as a copy or variant: "experts identify it as being
    based on Y", "described the rifle as a weapon made by copying Y": the object of the
    verb the trigger's "as" phrase hangs on."""
    node = trigger
    for _ in range(6):
        if node.dep_ == "prep" and node.lower_ == "as":
            return f.refs([c for c in node.head.children if c.dep_ == "dobj"], ("WeaponSystem",))
        if node.dep_ not in ("pcomp", "pobj", "acl", "agent", "prep") or node.head is node:
            break
        node = node.head
    return []


def catalog_original(copy: Span, guess: Span, predicate: str, index: MentionIndex, catalog: Catalog) -> Span:
    """The original a reference back ("the missile", "the rocket") denotes for this copy:
    among the weapons the report named before, the one the catalog records as what the
    copy copies or varies, else the nearest that fits (the guess)."""
    entry = catalog.get(copy.id_) if copy.id_ else None
    known = set(entry.copy_of if predicate == "copy_of" else entry.variant_of) if entry else set()
    if not known or guess.id_ in known:
        return guess
    named = [m for m in index.ordered if m.id_ in known and m.start < copy.start]
    return named[-1] if named else guess
