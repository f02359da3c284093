"""A trigger's frame: its arguments read from the parse (subject or passive agent, object,
prepositional complements), resolved to mentions through kg.extract.mentions."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.extract.relations.triggers import trigger_words
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES

PLACES = ("Place", "Country")
TARGETS = ("Place", "Group", "Country")


def verb_of(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


class Frame:
    """The arguments of one trigger."""

    def __init__(self, trigger: Token, index: MentionIndex):
        self.trigger = trigger
        self.index = index
        self.passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        # "X are present in Ruritania and operated by Y": a verb joined to another shares its
        # subject, and a participle there with a "by" agent is passive
        self.shared_subjects: list[Token] = []
        if trigger.dep_ == "conj" and verb_of(trigger.head) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
            self.shared_subjects = [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if trigger.tag_ == "VBN" and any(c.dep_ == "agent" for c in trigger.children):
                self.passive = True

    def children(self, *deps: str) -> list[Token]:
        own = [c for c in self.trigger.children if c.dep_ in deps]
        subject = "nsubjpass" if self.passive else "nsubj"
        return own + (self.shared_subjects if subject in deps else [])

    def prep_objects(self, *preps: str, token: Token | None = None, deep: bool = False) -> list[Token]:
        """Objects of the trigger's prepositions; with `deep`, also of prepositions the parser
        hung on a noun further down ("delivered mortars to the rebels" read as "mortars to
        ...", "passing rifles taken ... during Operation X to the Vexa militia")."""
        out = []
        if deep:
            below = self.children("dobj", "nsubjpass") + [o for p in self.children("prep") for o in p.children
                                                          if o.dep_ == "pobj"]
            for t in (t for phrase in below for t in phrase.subtree):
                if t.dep_ in ("prep", "dative", "agent") and t.lower_ in preps:
                    out += [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
        for child in (token or self.trigger).children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
                out += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            elif child.dep_ == "prt":  # "hand over to": the particle may take the preposition
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ in preps:
                        out += [c for c in grand.children if c.dep_ == "pobj"]
        return out

    def refs(self, tokens: list[Token], types: tuple[str, ...]) -> list[tuple[Span, float]]:
        out: list[tuple[Span, float]] = []
        for t in tokens:
            for m, c in self.index.referents(t, types):
                if m not in [x for x, _ in out]:
                    out.append((m, c))
        return out

    def agents(self) -> list[tuple[Span, float]]:
        """Who does it: the subject, the passive's "by" agent, or the subject of the clause
        this one depends on ("Vexa Legion fighters operating in ..." -> Vexa Legion)."""
        trigger = self.trigger
        if self.passive or trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl", "amod"):
            by = self.prep_objects("by")
            return self.refs(by, ACTOR_TYPES)
        subjects = self.children("nsubj")
        if subjects:
            found = self.refs(subjects, ACTOR_TYPES)
            if not found:
                # "Ruritanian air force transport planes ... supply": the owner of the subject acts
                found = [(m, 0.7) for s in subjects for m in self.index.in_subtree(s, ACTOR_TYPES)]
            return found
        if trigger.pos_ == "NOUN":
            owners = [c for c in trigger.children if c.dep_ in ("poss", "compound", "amod")]
            found = self.refs(owners, ACTOR_TYPES) + self.refs(self.prep_objects("by", "of"), ACTOR_TYPES)
            if found:
                return found
        node = trigger
        for _ in range(4):
            if node.dep_ in ("acl", "relcl") and trigger.tag_ != "VBN":
                return self.refs([node.head], ACTOR_TYPES)
            if node.dep_ == "ROOT" and verb_of(node):
                return self.nearest_actor_before()
            if node.dep_ in ("xcomp", "advcl", "conj", "pcomp", "pobj", "prep", "ccomp", "dobj") or (
                    trigger.pos_ == "NOUN" and node.dep_ not in ("ROOT",)):
                node = node.head
                if trigger.pos_ == "NOUN" and node.lemma_.lower() in trigger_words("stance_verbs"):
                    return []  # "Vexland condemned deliveries of rifles to Ruritania": not the supplier
                subjects = [c for c in node.children if c.dep_ == "nsubj"]
                agents = [o for c in node.children if c.dep_ == "agent" for o in c.children]
                if agents or subjects:
                    return [(m, c * 0.9) for m, c in self.refs(agents or subjects, ACTOR_TYPES)]
                continue
            break
        return []

    def nearest_actor_before(self) -> list[tuple[Span, float]]:
        """When the parse gives the main verb no subject, the closest actor before it in the
        sentence that is not inside a prepositional phrase is taken, at lower confidence."""
        sent = self.trigger.sent
        for i in range(self.trigger.i - 1, sent.start - 1, -1):
            m = self.index.at(self.trigger.doc[i])
            if m is not None and m.label_ in ACTOR_TYPES and m.root.dep_ not in ("pobj", "poss", "amod", "compound"):
                return [(m, 0.6)]
        return []

    def patients(self, types: tuple[str, ...]) -> list[tuple[Span, float]]:
        """What it is done to: the object, or the passive subject, or the noun a participle
        modifies ("mortars seized from ...")."""
        if self.passive:
            return self.refs(self.children("nsubjpass"), types)
        if self.trigger.dep_ in ("acl", "relcl") and self.trigger.tag_ == "VBN":
            return self.refs([self.trigger.head], types)
        found = self.refs(self.children("dobj", "attr"), types)
        return found

    def equipment(self) -> list[tuple[Span, float]]:
        """The equipment involved: in the object, the passive subject, "with"/"of" complements."""
        trigger = self.trigger
        heads = self.children("dobj", "nsubjpass")
        heads += self.prep_objects("with", "of", "including")
        if trigger.dep_ in ("acl", "relcl"):
            heads.append(trigger.head)
        found: list[tuple[Span, float]] = []
        for head in heads:
            for m, c in self.index.referents(head, EQUIPMENT_TYPES):
                if m not in [x for x, _ in found]:
                    found.append((m, c))
            for m in self.index.in_subtree(head, EQUIPMENT_TYPES):
                if m not in [x for x, _ in found]:
                    found.append((m, 0.9))
            for t in head.subtree:
                if t.i != head.i and self.index.at(t) is None and self.index.is_reference(t):
                    for m, c in self.index.referents(t, EQUIPMENT_TYPES):
                        if m not in [x for x, _ in found]:
                            found.append((m, c))
        return found


def sentence_equipment(f: Frame, sent: Span) -> list[tuple[Span, float]]:
    """Equipment named anywhere in the sentence, for a trigger whose own phrases name none
    ("12 howitzers were among the arms that changed hands")."""
    return [(m, 0.6) for m in f.index.in_sentence(sent) if m.label_ in EQUIPMENT_TYPES]
