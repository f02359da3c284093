"""Presence: who is stationed, based or active somewhere, takes, enters or leaves a place, or
runs an operation there, operates there."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import PLACES, Frame
from kg.extract.relations.raw import RawRelation, relate
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import ACTOR_TYPES


def frame_presence(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    actors = f.agents() if not f.passive else f.refs(f.children("nsubjpass"), ACTOR_TYPES)
    if f.trigger.dep_ in ("relcl", "acl") and not actors:
        actors = f.refs([f.trigger.head], ACTOR_TYPES)
    places = f.refs(f.prep_objects("in", "across", "throughout", "inside", "near", "to", "into"), PLACES)
    if not places and f.trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in f.trigger.children):
        places = f.refs([f.trigger.head], PLACES)  # "a camp in X, where Y's units are stationed"
    relate(out, actors, "operates_in", places, sent, 0.7, f.trigger)
    return out


def frame_control(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    """"seized the town of Vexton", "took control of Vexton", "entered the capital",
    "was pushed out of Vexton": who takes, enters or leaves a place was present there."""
    out: list[RawRelation] = []
    if f.passive and f.trigger.lemma_.lower() in ("push", "expel"):
        actors = f.refs(f.children("nsubjpass"), ACTOR_TYPES)  # the one pushed out was there
    else:
        actors = f.agents()
    heads = f.patients(PLACES) if not f.passive or f.trigger.lemma_.lower() not in ("push", "expel") else []
    # the place taken itself, not the owner a modifier names ("seized a Vexan border post")
    places = [(m, c) for m, c in heads if m.label_ in PLACES and m.root.dep_ not in ("amod", "compound", "poss", "nmod")]
    for noun in f.children("dobj"):
        if noun.lemma_.lower() == "control":  # "took control of X"
            places += f.refs(f.prep_objects("of", "over", token=noun), PLACES)
    if f.trigger.lemma_.lower() in ("withdraw", "retreat", "push", "expel"):
        left = f.prep_objects("from", "of") + [o for out_ in f.children("prep", "prt") if out_.lower_ == "out"
                                              for o in f.prep_objects("of", token=out_)]
        places += f.refs(left, PLACES)
    if f.trigger.pos_ == "NOUN":
        places += f.refs(f.prep_objects("of", "in"), PLACES)
    relate(out, actors, "operates_in", places, sent, 0.65, f.trigger)
    return out


def operations_in(sent: Span, state: DocumentState) -> list[RawRelation]:
    """"Vexan military operations in Kestrel and Orn", "the Red Hand's campaign in Orn": the
    owner of an operation somewhere operates there."""
    out: list[RawRelation] = []
    nouns = trigger_words("presence_nouns")
    for token in sent:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns:
            continue
        f = Frame(token, state.index)
        owners = f.refs([c for c in token.children if c.dep_ in ("poss", "amod", "compound", "nmod")], ACTOR_TYPES)
        relate(out, owners, "operates_in", f.refs(f.prep_objects("in", "across", "inside"), PLACES), sent, 0.65, token)
    return out
