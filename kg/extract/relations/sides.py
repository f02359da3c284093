"""Who sides with or against whom, and who holds where, where a phrase says it rather than a
verb: places an actor holds or is based in ("the Red Hand-held town of Vexton", "the
Vexland-based Red Hand"); equipment an actor supplied ("Vexan-supplied rifles"); a backer compounded before the side it backs ("the
Ruritania-backed Red Hand", "Vexan-aligned militias"), a hostile act aimed "against" an actor ("waged an insurgency
against Ruritania", "used drones against the Vexan army"), and actors who attack together
("Ruritania and Vexland struck the port": allies, unless they struck "each other"), and
who supports an act ("with support from Vexland"), and the members of a coalition or of a
joint undertaking ("a joint statement by Ruritania and Vexland")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.extract.relations.frame import PLACES, Frame
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState, Scored
from kg.extract.relations.triggers import frames_of, trigger_words
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES

# frames that read their own "against" phrase (an attack on an actor, fighting, an alliance
# against a common enemy)
OWN_AGAINST = {"attack", "fight", "ally"}


def side_facts(sent: Span, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    doc = sent.doc
    for token in sent:
        participle = doc[token.i + 1] if token.text == "-" and token.i + 1 < sent.end else None
        if participle is not None:
            for words, rule in HYPHEN_COMPOUNDS:
                if participle.lower_ in trigger_words(words):
                    emit(out, *rule(participle, sent, state))
        elif token.lower_ == "against" and token.dep_ == "prep":
            emit(out, *against(token, sent, state))
        elif token.lower_ == "joint" and token.dep_ == "amod" or token.lemma_.lower() in trigger_words(
                "coalition_nouns") and token.pos_ == "NOUN":
            emit(out, *joint_members(token.head if token.lower_ == "joint" else token, sent, state))
    return out


def joint_members(noun: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"a coalition of X, Y and Z", "a joint statement by X and Y", "X and Y issued a joint
    statement": the members of one joint body or undertaking are allies of one another."""
    f = Frame(noun, state.index)
    members = f.refs(f.prep_objects("of", "by", "between", "including"), ACTOR_TYPES)
    if not members:
        # who issued or made it: the subject of the clause it belongs to (even a verb of
        # saying, "condemned in a joint statement", which Frame.agents sets aside)
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        members = f.refs([c for c in verb.children if c.dep_ == "nsubj"], ACTOR_TYPES) if verb is not None else []
    return [relation(a, "allied_with", b, sent, 0.6 * ca * cb, noun)
            for i, (a, ca) in enumerate(members) for b, cb in members[i + 1:] if a != b]


def hyphen_compound(participle: Token, index: MentionIndex) -> tuple[Span | None, Token]:
    """For "X-<participle> Y" ("Vexan-backed", "Vexa-held"): the mention X before the hyphen,
    and the noun the compound describes (Y, past its other modifiers)."""
    before = index.at(participle.doc[participle.i - 2]) if participle.i >= 2 else None
    described = participle.head
    while described.dep_ in ("amod", "compound") and described.head is not described:
        described = described.head
    return before, described


def backed(participle: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"the Ruritania-backed Red Hand": the actor before the hyphen backs the one the
    participle describes (SCHEMA Conventions: Backers)."""
    index = state.index
    backer, described = hyphen_compound(participle, index)
    if backer is None or backer.label_ not in ACTOR_TYPES:
        return []
    sides = index.referents(described, ACTOR_TYPES)
    return [relation(backer, "allied_with", side, sent, 0.7 * c, participle) for side, c in sides if side != backer]


def held_or_based(participle: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"the Red Hand-controlled port of Vexton": the actor before the hyphen operates in the
    place described; "the Vexland-based Red Hand": the actor described operates in the place
    before the hyphen."""
    index = state.index
    before, described = hyphen_compound(participle, index)
    if before is None:
        return []
    if before.label_ in ACTOR_TYPES and participle.lower_ != "based":
        places = index.referents(described, PLACES)
        places += [(m, 0.9) for prep in described.children if prep.dep_ == "prep" and prep.lower_ == "of"
                   for o in prep.children for m, _ in index.referents(o, PLACES)]  # "the X-held town of Y"
        return [relation(before, "operates_in", p, sent, 0.7 * c, participle) for p, c in places if p != before]
    if before.label_ in PLACES and participle.lower_ == "based":
        return [relation(a, "operates_in", before, sent, 0.7 * c, participle)
                for a, c in index.referents(described, ACTOR_TYPES) if a != before]
    return []


def supplied(participle: Token, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """"captured US-supplied Humvees from the Vexan army": the supplier had the equipment and
    handed it to whoever the sentence says had it (the one it was taken from, its owner)."""
    index = state.index
    supplier, described = hyphen_compound(participle, index)
    if supplier is None or supplier.label_ not in ACTOR_TYPES:
        return []
    items = [(m, c) for m, c in index.referents(described, EQUIPMENT_TYPES)]
    out: list[RawRelation | None] = []
    state.has_all(out, [(supplier, 1.0)], items, sent, participle, 0.7)
    verb = described.head if described.dep_ in ("dobj", "nsubjpass") else None
    frame = Frame(verb, index) if verb is not None else None
    holders = frame.refs(frame.prep_objects("from", deep=True), ACTOR_TYPES) if frame is not None else []
    holders += [(m, 0.8) for c in described.children if c.dep_ == "poss" for m, _ in index.referents(c, ACTOR_TYPES)]
    names = [m for m, _ in items]
    out += [relation(supplier, "transferred_to", h, sent, 0.6 * c, participle, names) for h, c in holders if h != supplier]
    return out


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


def attack_sides(f: Frame, attackers: Scored, sent: Span) -> list[RawRelation | None]:
    """Actors named together as the doers of one attack, and those who supported it ("with
    support from Vexland", "supported by Vexland"), are all allies of one another; where the
    doers attacked "each other" ("Ruritania and Vexland shelled each other's towns") they
    fought, each attacking the other."""
    words = [t.lower_ for t in sent]
    mutual = any(a in ("each", "one") and b in ("other", "another") for a, b in zip(words, words[1:]))
    pairs = [(a, ca, b, cb) for i, (a, ca) in enumerate(attackers) for b, cb in attackers[i + 1:] if a != b]
    if mutual:
        return [r for a, ca, b, cb in pairs for r in (
            relation(a, "fought_against", b, sent, 0.6 * ca * cb, f.trigger),
            relation(a, "attacked", b, sent, 0.6 * ca * cb, f.trigger),
            relation(b, "attacked", a, sent, 0.6 * ca * cb, f.trigger))]
    if any("fight" in frames_of(t, t.lemma_.lower()) for t in f.children("nsubj")):
        return []  # "clashes between X and Y killed dozens": the two sides, not allies
    side = list(attackers)
    side += [h for h in supporters(f, attackers) if h[0] not in [m for m, _ in side]]
    return [relation(a, "allied_with", b, sent, 0.6 * ca * cb, f.trigger)
            for i, (a, ca) in enumerate(side) for b, cb in side[i + 1:] if a != b]


def supporters(f: Frame, doers: Scored) -> Scored:
    """Who supports an act: "with support from X", "with the help of X", "with Vexan
    support" on the act or on the clause that tells it, and "supported by X" on its doers."""
    clause = f.trigger
    while clause.pos_ == "NOUN" and clause.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") and clause.head is not clause:
        clause = clause.head  # "conducted strikes with support from X"
    nouns = f.prep_objects("with", deep=True) + (f.prep_objects("with", token=clause) if clause is not f.trigger else [])
    found: Scored = []
    for noun in nouns:
        if noun.lemma_.lower() not in trigger_words("support_nouns"):
            continue
        found += f.refs(f.prep_objects("from", "of", "by", token=noun), ACTOR_TYPES) + [
            (m, 1.0) for c in noun.children if c.dep_ in ("amod", "compound", "poss")
            for m, _ in f.index.referents(c, ACTOR_TYPES)]
    backers = trigger_words("backer_participles")
    for doer, _ in doers:
        for acl in doer.root.children:
            if acl.dep_ == "acl" and acl.lower_ in backers:  # "X, supported by Y, struck ..."
                found += f.refs(f.prep_objects("by", token=acl), ACTOR_TYPES)
    return found


# which rule reads each kind of participle after "X-": its word list (relation_triggers.json)
HYPHEN_COMPOUNDS = (("backer_participles", backed), ("presence_participles", held_or_based),
                    ("supplier_participles", supplied))
