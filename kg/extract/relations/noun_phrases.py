"""Facts stated inside noun phrases rather than by a verb: makers ("Ruritanian-made X"),
owners ("Vexa Legion trucks", "Ruritania's drones"), places ("X in Y", "Y's X", "northern
Ruritania", "Vexton, Ruritania"), units ("the Ruritanian army's 3rd Brigade"), presence
("the rebels in Vexland") and allies ("a Ruritanian-Vexan operation")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import patterns
from kg.extract.entities import CORE_MENTIONS
from kg.extract.mentions import MentionIndex
from kg.extract.relations.alliance import acting_through, joint_partners
from kg.extract.relations.frame import PLACES
from kg.extract.relations.lineage import local_copies
from kg.extract.relations.origins import origin_facts, origin_modifiers
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState
from kg.extract.state_organs import organ_heads
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES
from kg.resolve import alias_index, fold


def noun_phrase_facts(sent: Span, state: DocumentState) -> list[RawRelation]:
    index = state.index
    out: list[RawRelation] = []
    places = patterns.load("places")
    for mention in index.in_sentence(sent):
        head = mention.root
        if mention.label_ == "WeaponSystem":
            emit(out, *local_copies(mention, sent, state))
            makers, licensees = origin_modifiers(mention, index)
            origin_facts(out, mention, makers, sent, state)
            for country in licensees:
                emit(out, relation(country, "has_equipment", mention, sent, 0.7))
            for owner in owner_modifiers(mention, index):
                emit(out, relation(owner, "has_equipment", mention, sent, 0.7))
        if mention.label_ == "WeaponSystem" and mention.root.dep_ == "attr":
            # "the rocket is a Ruritanian-made Vexa 2": one model said to be another
            subjects = [c for c in mention.root.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject, conf in index.referents(subjects[0], ("WeaponSystem",)) if subjects else []:
                emit(out, relation(subject, "copy_of", mention, sent, 0.5 * conf, mention.root.head))
        if mention.label_ == "EquipmentCategory":
            for owner in owner_modifiers(mention, index):
                emit(out, relation(owner, "has_equipment", mention, sent, 0.7))
        if mention.label_ in ("Place", "Group", "Country"):
            target = "located_in" if mention.label_ == "Place" else "operates_in"
            heads = [head]
            if mention.label_ != "Place" and head.dep_ == "pobj" and head.head.lower_ in ("of", "from"):
                heads.append(head.head.head)  # "members of X in Y", "rebels from X in Y"
            complements = [pc for h in heads for pc in place_complements(h, index, places)]
            if mention.label_ == "Country":
                complements = []  # a state's presence is stated by its forces, not its name
            for p, c in complements:
                if mention.label_ == "Place" or p.label_ in PLACES:
                    emit(out, relation(mention, target, p, sent, 0.75 * c))
            for owner in possessors(mention, index, ("Country",)):
                if mention.label_ == "Place":
                    rel = "located_in"
                else:  # "Vexland's navy" belongs to it; "Vexland's Red Hand rebels" are only there
                    rel = "part_of" if is_state_organ(mention, owner, state) else "operates_in"
                emit(out, relation(mention, rel, owner, sent, 0.75))
        if mention.label_ == "Place":
            emit(out, *place_apposition(mention, index, sent))
            core = sent.doc.user_data.get(CORE_MENTIONS, {}).get(f"{mention.start_char}:{mention.end_char}")
            if not core and len(mention) > 1 and mention[0].lower_ in places["directions"]:
                # "northern Ruritania": the named part lies in the named whole
                whole = demonym_country(mention[1], sent, state) if len(mention) == 2 else None
                if whole is not None:
                    emit(out, relation(mention, "located_in", whole, sent, 0.8))
            if core and mention[0].lower_ in places["directions"]:
                inner = sent.doc.char_span(core[0], core[1])
                if inner is not None:
                    inner_span = Span(sent.doc, inner.start, inner.end, label=core[2], span_id=core[3] or 0)
                    emit(out, relation(mention, "located_in", inner_span, sent, 0.8))
            if mention.text.lower().endswith(tuple(places["capital_nouns"])) and len(mention) >= 2:
                country = demonym_country(mention[0], sent, state)
                if country is not None:
                    emit(out, relation(mention, "located_in", country, sent, 0.8))
        if mention.label_ == "Group":
            emit(out, *unit_facts(mention, sent, state))
        if mention.label_ in ACTOR_TYPES:
            emit(out, *joint_partners(mention, index, sent))
            emit(out, *acting_through(mention, index, sent))
    return out


def demonym_country(token: Token, sent: Span, state: DocumentState) -> Span | None:
    from kg.extract.entities import catalog_lookup
    entry = catalog_lookup(state.catalog).get(token.lower_)
    if entry is None:
        return None
    return Span(sent.doc, token.i, token.i + 1, label="Country", span_id=entry.id)


def owner_modifiers(mention: Span, index: MentionIndex) -> list[Span]:
    """Groups and possessive countries before equipment ("Vexa Legion trucks", "Ruritanian
    Guard X-9", "Vexland's drones"); before a generic class, which has no maker, a
    country's adjective too ("Ruritanian armored vehicles", not "Ruritanian-made")."""
    out = []
    doc = mention.doc
    i = mention.start - 1
    lo = mention.root.left_edge.i if mention.root.left_edge.i < mention.start else mention.start
    while i >= lo:
        m = index.at(doc[i])
        if m is not None:
            after = doc[m.end] if m.end < len(doc) else None
            possessive = after is not None and after.tag_ == "POS"
            adjective = mention.label_ == "EquipmentCategory" and m.root.dep_ in ("amod", "compound", "nmod") \
                and (after is None or after.text != "-")
            if m.label_ == "Group" or (m.label_ == "Country" and (possessive or adjective)):
                out.append(m)
                break
            if m.label_ in EQUIPMENT_TYPES:
                break
            i = m.start - 1
            continue
        i -= 1
    return out


def place_complements(head: Token, index: MentionIndex, places: dict) -> list[tuple[Span, float]]:
    """Places named by "in"/"near" on the phrase itself; a list after the place ("in X, Y,
    as well as Z") is left to the rules that read it as a list."""
    out = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in places["in_preps"]:
            for pobj in child.children:
                m = index.at(pobj) if pobj.dep_ == "pobj" else None
                if m is not None and m.label_ in PLACES:
                    out.append((m, 1.0))
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in places["location_verbs"]:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in places["in_preps"]:
                    for pobj in prep.children:
                        out += index.referents(pobj, PLACES)
    return out


def possessors(mention: Span, index: MentionIndex, types: tuple[str, ...]) -> list[Span]:
    """Owners named with "'s" on the mention, or on the kind of place it is set beside
    ("Vexland's capital Vexton")."""
    out = []
    heads = [mention.root]
    if mention.label_ == "Place" and mention.root.head.lemma_.lower() in patterns.load("places")["settlement_nouns"]:
        heads.append(mention.root.head)
    for head in heads:
        for child in head.children:
            if child.dep_ == "poss":
                m = index.at(child)
                if m is not None and m.label_ in types and m not in out:
                    out.append(m)
    return out


def is_state_organ(group: Span, state_mention: Span, state: DocumentState) -> bool:
    """The catalog puts the group under that state or within a force of it, or its name ends
    in an organ noun ("army", "navy", "ministry")."""
    entry = state.catalog.get(group.id_) if group.id_ else None
    if entry is not None and (state_mention.id_ in entry.part_of or entry.country == state_mention.id_ and entry.part_of):
        return True
    words = tuple(w.lower() for w in group.text.split())
    return any(words[-len(h):] == h for h in organ_heads())


def place_apposition(mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
    """"Vexton, Ruritania" / "Port Alba, Southern Province": a place followed by a comma and
    a place or country that does not continue a list; "the Ruritanian port of Vexton"."""
    doc = mention.doc
    out = []
    if mention.end + 1 < sent.end and doc[mention.end].text == ",":
        nxt = index.at(doc[mention.end + 1])
        if nxt is not None and nxt.label_ in PLACES and nxt.start == mention.end + 1:
            after = doc[nxt.end] if nxt.end < sent.end else None
            before = doc[mention.start - 1] if mention.start > sent.start else None
            is_list = (after is not None and (after.lower_ in ("and", "or") or (
                after.text == "," and nxt.end + 1 < sent.end and index.at(doc[nxt.end + 1]) is not None
                and index.at(doc[nxt.end + 1]).label_ == nxt.label_))) or (
                before is not None and before.text == "," and mention.start >= 2
                and index.at(doc[mention.start - 2]) is not None)
            if not is_list:
                out.append(relation(mention, "located_in", nxt, sent, 0.7))
    root = mention.root
    places = patterns.load("places")
    kinds = set(places["settlement_nouns"])
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        for mod in noun.children:
            m = index.at(mod)
            if m is not None and m.label_ == "Country" and mod.i < noun.i:
                out.append(relation(mention, "located_in", m, sent, 0.75))
        if noun.lemma_.lower() in kinds and index.at(noun) is None:
            # "the town of Vexton in Kestrel province": where the town is, Vexton is
            out += [relation(mention, "located_in", p, sent, 0.7 * c) for p, c in place_complements(noun, index, places)]
    for child in root.children:
        if child.dep_ == "appos" and index.at(child) is None and child.lemma_.lower() in kinds:
            # "Vexton, a town in Kestrel province", "Vexton, the capital of Kestrel"
            wheres = place_complements(child, index, places) + [
                (m, 0.9) for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for o in prep.children for m, _ in index.referents(o, PLACES)]
            out += [relation(mention, "located_in", p, sent, 0.7 * c) for p, c in wheres if p != mention]
        elif child.dep_ == "prep" and child.lower_ == "of" and mention[-1].lower_ in kinds:
            # "the Kestrel region of Ruritania"
            out += [relation(mention, "located_in", m, sent, 0.7) for o in child.children
                    for m, _ in index.referents(o, PLACES) if m != mention]
    return out


def unit_facts(mention: Span, sent: Span, state: DocumentState) -> list[RawRelation | None]:
    """part_of where the text puts a unit under its force or state: "RA Presidential Guard"
    (a force's abbreviation), "Ruritania's Border Guard Corps", "Vexan VLA", "Ruritanian
    (RAF)", "the Air Force's Northern Command"; the catalog's parent of a unit where the
    same sentence names both. A state's name inside a group's own name ("Ruritanian Navy",
    "Vexan Intelligence") is left alone: reports name units that way without stating the
    relation, and the annotation does not read it as one."""
    index, catalog = state.index, state.catalog
    doc = mention.doc
    out = []
    before = mention.start - 1
    if before >= sent.start and doc[before].text == "(":
        before -= 1
    if before >= sent.start:
        m = index.at(doc[before])
        if m is not None and m.label_ in ("Group", "Country") and m.end in (mention.start, mention.start - 1):
            if not (m.label_ == "Country" and doc[before].tag_ == "POS"):
                out.append(relation(mention, "part_of", m, sent, 0.75))
        if doc[before].tag_ == "POS" and before - 1 >= sent.start:
            owner = index.at(doc[before - 1])
            if owner is not None and owner.label_ == "Group":
                out.append(relation(mention, "part_of", owner, sent, 0.75))
    if len(mention) >= 2 and mention[0].is_upper:
        # "RA Presidential Guard": a force's abbreviation opening a unit's name
        leader = alias_index(catalog).get(("Group", fold(mention[0].text)))
        if leader and leader != mention.id_:
            out.append(relation(mention, "part_of", Span(doc, mention.start, mention.start + 1, label="Group",
                                                         span_id=leader), sent, 0.7))
    entry = catalog.get(mention.id_) if mention.id_ else None
    for parent_id in entry.part_of if entry else ():
        # the catalog's parent, where the sentence names it too: stated, not assumed
        near = [m for m in index.in_sentence(sent) if m.id_ == parent_id and m.label_ in ("Group", "Country")]
        if near:
            out.append(relation(mention, "part_of", near[0], sent, 0.6))
    return out
