"""Who sides with or against whom where a phrase says it rather than a verb of alliance or
combat: a backer compounded before the side it backs ("the Ruritania-backed Red Hand",
"Vexan-aligned militias"), a hostile act aimed "against" an actor ("waged an insurgency
against Ruritania", "used drones against the Vexan army"), and actors who attack together
("Ruritania and Vexland struck the port": allies, unless they struck "each other"), and
who supports an act ("with support from Vexland")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.relations.frame import Frame
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState, Scored
from kg.extract.relations.triggers import frames_of, trigger_words
from kg.model import ACTOR_TYPES

# frames that read their own "against" phrase (an attack on an actor, fighting, an alliance
# against a common enemy)
OWN_AGAINST = {"attack", "fight", "ally"}


def side_facts(sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    index = state.index
    doc = sent.doc
    backers = trigger_words("backer_participles")
    for token in sent:
        if token.text == "-" and token.i + 1 < sent.end and doc[token.i + 1].lower_ in backers:
            emit(out, *backed(doc[token.i + 1], sent, state))
        elif token.lower_ == "against" and token.dep_ == "prep":
            emit(out, *against(token, sent, state))
    return out


def backed(participle: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"the Ruritania-backed Red Hand": the actor before the hyphen backs the one the
    participle describes (SCHEMA Conventions: Backers)."""
    index = state.index
    backer = index.at(participle.doc[participle.i - 2]) if participle.i >= 2 else None
    if backer is None or backer.label_ not in ACTOR_TYPES:
        return []
    described = participle.head
    while described.dep_ in ("amod", "compound") and described.head is not described:
        described = described.head
    sides = index.referents(described, ACTOR_TYPES)
    return [relation(backer, "allied_with", side, sent, 0.7 * c, participle) for side, c in sides if side != backer]


def against(preposition: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """A hostile act aimed against an actor: its doer fought against it. Only acts the
    trigger file lists as hostile ("insurgency", "uprising", "use", "wage") count: sanctions,
    protests or rulings "against" a state are no fighting."""
    head = preposition.head
    lemma = head.lemma_.lower()
    if lemma not in trigger_words("hostile_acts") or OWN_AGAINST & set(frames_of(head, lemma)):
        return []
    enemies = [m for o in preposition.children if o.dep_ == "pobj" for m in state.index.referents(o, ACTOR_TYPES)]
    doers = Frame(head, state.index).agents()
    return [relation(d, "fought_against", e, sent, 0.6 * cd * ce, head)
            for d, cd in doers for e, ce in enemies if d != e]


def joint_attackers(attackers: Scored, sent: Span, trigger: Token) -> list[RawRelation | None]:
    """Actors named together as the subject of one attack are allies; where they attacked
    "each other" ("Ruritania and Vexland shelled each other's towns") they fought, each
    attacking the other."""
    if len(attackers) < 2:
        return []
    words = [t.lower_ for t in sent]
    mutual = any(a in ("each", "one") and b in ("other", "another") for a, b in zip(words, words[1:]))
    pairs = [(a, ca, b, cb) for i, (a, ca) in enumerate(attackers) for b, cb in attackers[i + 1:] if a != b]
    if not mutual:
        return [relation(a, "allied_with", b, sent, 0.6 * ca * cb, trigger) for a, ca, b, cb in pairs]
    return [r for a, ca, b, cb in pairs for r in (
        relation(a, "fought_against", b, sent, 0.6 * ca * cb, trigger),
        relation(a, "attacked", b, sent, 0.6 * ca * cb, trigger),
        relation(b, "attacked", a, sent, 0.6 * ca * cb, trigger))]


def supporters(f: Frame, actors: Scored, sent: Span) -> list[RawRelation | None]:
    """"struck the port with support from Ruritania", "with the help of Vexan aircraft": who
    supports an act sides with its doers."""
    out = []
    for noun in f.prep_objects("with", deep=True):
        if noun.lemma_.lower() not in trigger_words("support_nouns"):
            continue
        helpers = f.refs(f.prep_objects("from", "of", "by", token=noun), ACTOR_TYPES) + [
            (m, 1.0) for c in noun.children if c.dep_ in ("amod", "compound", "poss")
            for m, _ in f.index.referents(c, ACTOR_TYPES)]
        out += [relation(h, "allied_with", a, sent, 0.6 * ch * ca, noun) for h, ch in helpers for a, ca in actors]
    return out
