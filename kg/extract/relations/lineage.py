"""Where a weapon comes from as a design: who produces it ("manufactures", "builds"), and
which model it copies or varies ("a copy of", "based on", "a variant of", "its own
version, the Vexa-2")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.catalog import Catalog
from kg.extract.mentions import MentionIndex
from kg.extract.relations.frame import Frame
from kg.extract.relations.origins import is_licensed
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import EQUIPMENT_TYPES


def frame_produce(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    """The state that makes a model is its origin, not a holder of it: making, developing or
    testing is not having (SCHEMA Conventions: Maker is not holder)."""
    out: list[RawRelation] = []
    makers = f.agents()
    weapons = f.patients(EQUIPMENT_TYPES)
    for m, cm in makers:
        for w, cw in weapons:
            if w.label_ != "WeaponSystem":
                continue
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
    originals = f.refs(f.prep_objects("of", "from", "on", "to"), ("WeaponSystem",)) or [
        (m, 0.9) for m in following_models(f, ("of", "from", "on"))]
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
    if not copies and trigger.pos_ == "NOUN":
        # "the Vexa-3, a copy of ...", however the parser attached the second noun phrase
        comma = trigger.left_edge.i - 1
        named = f.index.at(trigger.doc[comma - 1]) if comma > sent.start and trigger.doc[comma].text == "," else None
        if named is not None and named.label_ == "WeaponSystem" and named.end == comma:
            copies = [(named, 0.9)]
    if not copies:
        # "a version of the Vexa-1, the Vexa-2,": the apposition of the original names it
        copies = [(m, cy * 0.9) for y, cy in originals for c in y.root.children if c.dep_ == "appos"
                  for m in [f.index.at(c)] if m is not None and m.label_ == "WeaponSystem"]
    if predicate == "variant_of" and is_licensed(trigger):
        predicate = "copy_of"  # "a licence-built version": licensed production is a copy (SCHEMA)
    for x, cx in copies:
        for y, cy in originals:
            if cy < 1.0:
                y = catalog_original(x, y, predicate, f.index, state.catalog)
            emit(out, relation(x, predicate, y, sent, 0.8 * cx * cy, trigger))
    return out


def following_models(f: Frame, preps: tuple[str, ...]) -> list[Span]:
    """The model named right after the trigger's preposition where the parser hung it
    elsewhere ("a copy of the Soviet T-54A" read with "Soviet" as the object)."""
    doc, out = f.trigger.doc, []
    for prep in (c for c in f.trigger.children if c.dep_ == "prep" and c.lower_ in preps):
        for i in range(prep.i + 1, min(prep.i + 5, len(doc))):
            m = f.index.at(doc[i])
            if m is not None and m.label_ == "WeaponSystem":
                out.append(m)
                break
    return out


def frame_evolve(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    """"the Vexa-1 evolved into the Vexa-2", "was developed into": the subject is the
    original, what it became its variant."""
    out: list[RawRelation] = []
    originals = f.refs(f.children("nsubj", "nsubjpass"), ("WeaponSystem",))
    variants = f.refs(f.prep_objects("into"), ("WeaponSystem",))
    for x, cx in variants:
        for y, cy in originals:
            emit(out, relation(x, "variant_of", y, sent, 0.75 * cx * cy, f.trigger))
    return out


def local_copies(mention: Span, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"the Vexa tank (a locally produced Kestrel-2)", "the Vexa, a licence-built Kestrel": a
    model set beside another as its local or licensed production copies it (SCHEMA)."""
    root = mention.root
    if root.dep_ != "appos":
        return []
    cues = trigger_words("local_production_cues")
    words = {t.lower_ for t in root.lefts} | {t.lower_ for left in root.lefts for t in left.subtree}
    if not (words & cues or is_licensed(root)):
        return []
    head = root.head
    copies = [(m, c) for m, c in state.index.referents(head, ("WeaponSystem",)) if m != mention] or [
        (m, 0.9) for m in state.index.in_subtree(head, ("WeaponSystem",), exclude={t.i for t in root.subtree})]
    return [relation(x, "copy_of", mention, sent, 0.7 * c, root) for x, c in copies]


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
