"""A weapon's maker as its own phrase names it ("Ruritanian-made", "built in Vexland", "of
Ruritanian origin"), or as the catalog records it where the sentence names both. A state
named so that did not design the model holds it rather than made it."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.extract.relations.raw import RawRelation, emit, relation
from kg.extract.relations.state import DocumentState
from kg.extract.relations.triggers import trigger_words


def is_licensed(token: Token) -> bool:
    """"license-built", "built under licence": made by a licensee, not by the designer."""
    cues = trigger_words("licence_cues")
    doc = token.doc
    near = [c.lower_ for c in token.subtree] + [doc[i].lower_ for i in range(max(0, token.i - 2), token.i)]
    return any(w in cues for w in near)


def origin_modifiers(mention: Span, index: MentionIndex, *, phrase: Token | None = None):
    """Countries a weapon's own noun phrase names as its maker: a demonym or country before
    it ("Ruritanian", "Vexan-built"), "from Ruritania", "produced in Vexland", "of
    Ruritanian origin", also where the phrase is the predicate of the weapon. `phrase` is
    the head of a phrase referring back to the weapon ("the rifle ... is of Vexan
    origin"), read instead of the mention's own. Returns those makers and the countries
    that built it under licence."""
    origin_verbs = trigger_words("origin_verbs")
    found: list[tuple[Span, float]] = []
    licensees: list[Span] = []
    root = phrase or mention.root
    heads = [root]
    # ("punct": the tagger misreads hyphenated designations before their noun)
    while root.dep_ in ("compound", "nmod", "amod", "punct") and root.i < root.head.i <= root.i + 3:
        root = root.head
        heads.append(root)
    for child in root.children:
        if child.dep_ == "appos":
            heads.append(child)
    if root.dep_ == "appos":
        heads.append(root.head)
    subject = root
    if root.dep_ == "conj":
        # a modifier before a list ("Ruritanian-made X and Y") covers its members
        while subject.dep_ == "conj":
            subject = subject.head
        heads.append(subject)
    if subject.dep_ in ("nsubj", "nsubjpass"):
        for sib in subject.head.children:
            if sib.dep_ in ("attr", "acomp") and sib.i > subject.i:
                heads.append(sib)
        if subject.head.lemma_ == "be":
            heads.append(subject.head)  # "X and Y are of Vexan origin", "X is from Vexland"
    for head in heads:
        country = maker_before(head if head.i not in range(mention.start, mention.end) else mention[0],
                               index, origin_verbs)
        if country is not None:
            found.append(country)
        licensed = is_licensed(head)
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "in"):
                for pobj in [p for p in prep.children if p.dep_ == "pobj"]:
                    for m in [index.at(t) for t in (pobj, *pobj.conjuncts)]:
                        if m is None or m.label_ != "Country":
                            continue
                        if prep.lower_ == "in" and head.lemma_.lower() in origin_verbs and licensed:
                            licensees.append(m)  # built under licence: has it, did not design it
                        elif prep.lower_ == "from" or head.lemma_.lower() in origin_verbs:
                            found.append((m, 0.7))
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.lemma_.lower() == "origin":
                        for mod in pobj.children:
                            m = index.at(mod)
                            if m is not None and m.label_ == "Country":
                                found.append((m, 0.75))
            if prep.dep_ == "acl" and prep.lemma_.lower() in origin_verbs:
                for p in prep.children:
                    if p.dep_ == "prep" and p.lower_ in ("in", "by"):
                        for pobj in p.children:
                            m = index.at(pobj)
                            if m is not None and m.label_ == "Country":
                                found.append((m, 0.75))
    return found, licensees


def maker_before(token: Token, index: MentionIndex, origin_verbs: frozenset[str]) -> tuple[Span, float] | None:
    """A country named just before a weapon's phrase as its maker: "Ruritanian Vexa-2",
    "Vexan-made X-9", "the Vexan-built AR-7". Read on the surface, a few words back, since
    the parser often misreads hyphenated designations."""
    doc = token.doc
    i = token.i - 1
    stop = max(index.sentence_start(token.i), token.i - 6)
    while i >= stop:
        t = doc[i]
        m = index.at(t)
        if m is not None:
            if m.label_ != "Country":
                return None
            hyphened = doc[i + 2].lower_ if i + 2 < len(doc) and doc[i + 1].text == "-" else None
            if hyphened in trigger_words("supplier_participles"):
                return None  # "US-provided Humvees": who supplied them, not who made them
            made = hyphened is not None and doc[i + 2].lemma_.lower() in origin_verbs
            adjacent = m.end == token.i
            if made or adjacent or t.dep_ in ("amod", "npadvmod", "compound", "nmod"):
                return m, 0.8 if made else 0.7
            return None
        if t.pos_ in ("AUX", "ADP", "CCONJ", "PRON", "NUM") or t.pos_ == "VERB" and t.tag_ != "VBN" \
                and t.lemma_.lower() not in origin_verbs or t.is_punct and t.text != "-":
            return None
        i -= 1
    return None


def origin_facts(out: list, weapon: Span, makers: list[tuple[Span, float]], sent: Span,
                 state: DocumentState) -> None:
    for country, conf in makers:
        if state.catalog.made_by(weapon.id_, country.id_) is False:
            # "a Vexan AR-7", "the Ruritanian-built X-9": a state that did not design the
            # model holds it
            emit(out, relation(country, "has_equipment", weapon, sent, conf))
        else:
            emit(out, relation(weapon, "origin_country", country, sent, conf))


def reference_origins(token: Token, sent: Span, state: DocumentState) -> list[RawRelation]:
    """The origin a subject referring back to a weapon is said to have ("the rifle ... is
    of Vexan origin")."""
    index = state.index
    out: list[RawRelation] = []
    if index.is_equipment_noun(token) and index.is_reference(token):
        for weapon, conf in index.referents(token, ("WeaponSystem",)):
            makers, _ = origin_modifiers(weapon, index, phrase=token)
            origin_facts(out, weapon, [(m, c * conf) for m, c in makers], sent, state)
    return out


def catalog_facts(sent: Span, state: DocumentState) -> list[RawRelation]:
    """A weapon's origin and the original it copies, as the catalog records them, where the
    sentence names both ends: the text puts them together, the catalog says how they
    relate ("the Vexans ... the X-9", "the Vexa-2 ... the AR-7"). Lower confidence than a
    stated fact. Variants and places are left out: reports name a weapon beside its
    family, or a base beside its country, without stating the link, and the annotation
    does not read one there."""
    catalog = state.catalog
    out: list[RawRelation] = []
    mentions = state.index.in_sentence(sent)
    for m in mentions:
        entry = catalog.get(m.id_) if m.label_ == "WeaponSystem" and m.id_ else None
        if entry is None:
            continue
        for other in mentions:
            if other.label_ == "Country" and catalog.made_by(m.id_, other.id_) or \
                    other.label_ == "WeaponSystem" and other.id_ in entry.copy_of:
                predicate = "origin_country" if other.label_ == "Country" else "copy_of"
                emit(out, relation(m, predicate, other, sent, 0.55))
    return out
