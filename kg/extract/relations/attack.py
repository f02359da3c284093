"""Attacks and fighting: who attacked which place or force, with what ("fired at", "struck",
"the strike on"), and who fought whom ("clashed with", "fighting between X and Y")."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.frame import PLACES, TARGETS, Frame, verb_of
from kg.extract.relations.raw import RawRelation, emit, relate, relation
from kg.extract.relations.sides import attack_sides
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES


def frame_attack(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    attackers = f.agents()
    aimed_at = f.prep_objects("on", "at", "against", "upon", "into")
    # "at the X airfield in Y, as well as another airfield in Z": the parser hangs a listed
    # target on the nearest noun, so every unnamed noun joined below counts
    aimed_at += [t for a in aimed_at for t in a.subtree
                 if t.dep_ == "conj" and t.pos_ == "NOUN" and f.index.at(t) is None]
    targets = f.refs(aimed_at, TARGETS)
    objects = f.patients(TARGETS + EQUIPMENT_TYPES) if f.trigger.pos_ != "NOUN" else []
    launches = f.trigger.lemma_.lower() in trigger_words("launch_verbs")
    # "fired rockets": the object is the weapon; "attacked ships", "hit a convoy": the object
    # is what was hit, and the attack is on the place where it was
    hit = [] if launches else [(m, c) for m, c in objects if m.label_ in EQUIPMENT_TYPES]
    unnamed = [t for t in f.children("dobj") if f.index.at(t) is None and t.pos_ == "NOUN"]
    if hit or unnamed:
        # "attacked an army post in Vexton", "ambushed a convoy near Vexton": an unnamed
        # site, located by the place of the verb or of the object (SCHEMA Conventions:
        # Facilities; a force whose post it was is attacked too)
        sites = f.prep_objects("in", "near", "off", "outside", "at") + [
            o for d in f.children("dobj") for o in f.prep_objects("in", "near", "off", "outside", "at", token=d)]
        targets += [(m, c * 0.8) for m, c in f.refs(sites, ("Place",))]
    weapons = [(m, c) for m, c in objects if m.label_ in EQUIPMENT_TYPES and (launches or m not in [h for h, _ in hit])]
    if not attackers and f.trigger.pos_ != "NOUN":
        # "the rocket was fired at X", "drones attacked X": the weapon's operator named
        # earlier in the report fired it
        launched = weapons + f.refs(f.children("nsubj", "nsubjpass"), EQUIPMENT_TYPES)
        clause = f.trigger
        while not launched and clause.dep_ in ("acl", "advcl", "conj", "xcomp", "pobj", "prep", "npadvmod") \
                and clause.head is not clause:
            clause = clause.head  # "was fired on 4 June, aimed at X": the verb above names it
            if verb_of(clause):
                launched = f.refs([c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")], EQUIPMENT_TYPES)
        weapons = weapons or launched
        attackers = [(owner, 0.5) for w, _ in launched for owner in state.operators.get(w.id_ or w.text, [])[-1:]]
    targets += [(m, c) for m, c in objects if m.label_ in TARGETS]
    weapons += f.refs(f.prep_objects("with", "by"), EQUIPMENT_TYPES)
    told_at = None
    if f.trigger.pos_ == "NOUN" and f.trigger.dep_ == "nsubj" and f.trigger.head.lemma_ == "be":
        # "the target was Vexton": of the attack told last, unless the phrase names its own
        targets += f.refs([c for c in f.trigger.head.children if c.dep_ == "attr"], TARGETS)
        if not attackers:
            attackers, weapons, told_at = state.last_attack
    if told_at is None:
        emit(out, *attack_sides(f, attackers, sent))
    if f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in trigger_words("target_nouns") and not targets:
        return out  # the doers of "strikes" are allies all the same
    if attackers and told_at is None:
        state.last_attack = ([(a, c * 0.7) for a, c in attackers], weapons, f.trigger)
    elif f.trigger.pos_ != "NOUN":
        # "another rocket was fired": the same attackers again, at a new time
        state.last_attack = (*state.last_attack[:2], f.trigger)
    names = [w for w, _ in weapons]
    relate(out, attackers, "attacked", targets, sent, 0.75, f.trigger, names)
    # "attacked Vexland from the Kestrel plateau": where they attacked from, they were
    relate(out, attackers, "operates_in", f.refs(f.prep_objects("from"), ("Place",)), sent, 0.6, f.trigger)
    # who attacks a state or a force fights it (about half the attacks on an actor the dev
    # annotation reads so: a fact at that precision still raises F1, at lower confidence)
    relate(out, attackers, "fought_against", [(t, c) for t, c in targets if t.label_ in ACTOR_TYPES],
           sent, 0.5, f.trigger)
    for rel in out:
        rel.told_at = told_at
    state.has_all(out, attackers, weapons, sent, f.trigger, 0.7)
    return out


def frame_fight(f: Frame, sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    sides = f.agents()
    others = f.refs(f.prep_objects("against", "with") + f.children("dobj"), ACTOR_TYPES)
    if f.passive:
        others += f.patients(ACTOR_TYPES)  # "an offensive of X was repelled by Y"
    between_pair = False
    if f.trigger.pos_ == "NOUN" or f.trigger.dep_ in ("nsubj", "nsubjpass"):
        # "fighting between X and Y", "clashes broke out between X and Y"
        between = f.prep_objects("between")
        if not between and f.trigger.dep_ == "nsubj":
            between = f.prep_objects("between", token=f.trigger.head)
        pair = f.refs(between, ACTOR_TYPES)
        if len(pair) >= 2:
            sides, others = pair[:1], pair[1:]
            between_pair = True
    # "clashes between X and Y in Vexton", "X fought Y in Vexton": both sides were there (not
    # "the Vexan conflict in Y", whose adjective names where, not who)
    if f.trigger.pos_ != "NOUN" or between_pair:
        where = f.prep_objects("in", "near", "around")
        if not where and f.trigger.dep_ == "nsubj":
            where = f.prep_objects("in", "near", "around", token=f.trigger.head)
        relate(out, sides + others, "operates_in", f.refs(where, PLACES), sent, 0.6, f.trigger)
    if not others and f.trigger.pos_ != "NOUN" and len(sides) >= 2 and not f.prep_objects("alongside", "together"):
        # "the army and the rebels have fought since April": the sides fought each other
        sides, others = sides[:1], sides[1:]
    for a, ca in sides:
        for b, cb in others:
            emit(out, relation(a, "fought_against", b, sent, 0.7 * ca * cb, f.trigger))
        for b, cb in f.refs(f.prep_objects("alongside"), ACTOR_TYPES):
            emit(out, relation(a, "allied_with", b, sent, 0.7 * ca * cb, f.trigger))
    return out
