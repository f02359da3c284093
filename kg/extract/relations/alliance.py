"""Alliances and membership: who sides with whom ("allied with", "fought alongside", "an
alliance between X and Y"), who joined which group, who acts through whom ("X, through
the Y militia, ..."), and allies named as a hyphened pair ("a Ruritanian-Vexan operation")."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.mentions import MentionIndex
from kg.extract.relations.frame import Frame, verb_of
from kg.extract.relations.raw import RawRelation, relate, relation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import ACTOR_TYPES


def frame_ally(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    sides = f.agents()
    partners = f.refs(f.prep_objects("with", "alongside"), ACTOR_TYPES)
    if f.trigger.pos_ != "NOUN":
        partners += f.refs(f.children("dobj"), ACTOR_TYPES)
        if f.passive or f.trigger.tag_ == "VBN" and f.trigger.dep_ in ("acl", "relcl"):
            partners += f.patients(ACTOR_TYPES)  # "the Red Hand, backed by Ruritania"
    elif f.trigger.lemma_.lower() in trigger_words("support_nouns"):
        # "support for X", "lent support to X" (the parser may hang "to X" on the verb)
        partners += f.refs(f.prep_objects("to", "for"), ACTOR_TYPES)
        if f.trigger.dep_ == "dobj":
            partners += f.refs(f.prep_objects("to", "for", token=f.trigger.head) + [
                c for c in f.trigger.head.children if c.dep_ == "dative"], ACTOR_TYPES)
    else:
        pair = f.refs(f.prep_objects("between"), ACTOR_TYPES)
        if len(pair) >= 2:
            sides, partners = pair[:1], pair[1:]
        elif f.trigger.dep_ == "conj" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in f.trigger.children):
            # "the council and its foreign helpers, the Vexa Legion": its = the council
            sides = f.index.referents(f.trigger.head, ACTOR_TYPES)
            named = f.refs([c for c in f.trigger.children if c.dep_ == "appos"], ACTOR_TYPES)
            partners = named or [(m, c) for m, c in f.refs([f.trigger], ACTOR_TYPES) if m not in [x for x, _ in sides]]
    relate(out, sides, "allied_with", partners, sent, 0.7, f.trigger)
    enemies = f.refs(f.prep_objects("against"), ACTOR_TYPES)
    relate(out, sides, "fought_against", enemies, sent, 0.65, f.trigger)
    return out


def frame_join(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    members = [(m, c) for m, c in f.agents() if m.label_ == "Group"]
    targets = f.refs(f.children("dobj") + f.prep_objects("into", "to", "with"), ("Group",))
    relate(out, members, "joined", targets, sent, 0.75, f.trigger)
    return out


def acting_through(mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
    """"Ruritania, through the Vexa Legion, continues to ...", "X acts through its
    proxies": the one an actor acts through is its ally."""
    root = mention.root
    if root.dep_ != "pobj" or root.head.lower_ != "through" or not verb_of(root.head.head):
        return []
    verb = root.head.head
    principals = [(m, c) for m, c in Frame(verb, index).agents() if m != mention]
    return [relation(p, "allied_with", mention, sent, 0.6 * c, verb) for p, c in principals]


def joint_partners(mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
    """Allies named as a hyphened pair before a joint undertaking: "a Ruritanian-Vexan
    operation", "French-Belgian exercises"."""
    pair = index.hyphened_pair(mention)
    head = mention.root.head
    while head.dep_ in ("compound", "amod") and head.head is not head:
        head = head.head  # "Ruritanian-Vexan government operation"
    if len(pair) < 2 or pair[0].label_ not in ACTOR_TYPES or \
            head.lemma_.lower() not in trigger_words("joint_nouns"):
        return []
    return [relation(pair[0], "allied_with", mention, sent, 0.6, head)]
