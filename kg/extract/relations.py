"""Relation rules over the dependency parse. Each trigger lemma (ontology/patterns/
relation_triggers.json) opens a frame whose roles are read from the parse: subject or passive
agent, object, prepositional complements; arguments resolve to mentions through
kg.extract.mentions (lists, appositions, references back). Facts the contract says follow
from others are added here: who hands equipment over or attacks with it also has it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, LEMMA
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.catalog import Catalog, default_catalog
from kg.extract import patterns
from kg.extract.dates import DateMention, in_dateline, read_date_span
from kg.extract.entities import CORE_MENTIONS, DATE_SPANS
from kg.extract.hedges import has_hedge_phrase, is_hedged
from kg.extract.mentions import MentionIndex
from kg.model import ACTOR_TYPES, EQUIPMENT_TYPES
from kg.resolve import alias_index, fold

RELATIONS = "kg_relations"  # user_data key: list of RawRelation.as_data()
PLACES = ("Place", "Country")
TARGETS = ("Place", "Group", "Country")
EVENT_WINDOW = 2  # sentences after a handover or seizure in which "the shipment" still means it


@dataclass
class RawRelation:
    """A relation between mentions, before mentions are resolved to entities."""

    s: Span
    p: str
    o: Span
    sentence: Span
    confidence: float
    trigger: Token | None = None
    weapons: list[Span] = field(default_factory=list)
    quantity: int | None = None
    date: DateMention | None = None
    place: Span | None = None
    hedged: bool = False
    # the trigger of an earlier event this one continues ("the target was X" after "a
    # missile was fired on 27 October"): its sentence dates this one when it has no date
    told_at: Token | None = None

    def as_data(self) -> dict:
        """Plain values (character offsets), so that a Doc carrying them can be serialised."""
        def mention(span: Span | None):
            return None if span is None else [span.start_char, span.end_char, span.label_, span.id_]

        def partial(p):
            return None if p is None else [p.year, p.month, p.day]

        return {"s": mention(self.s), "p": self.p, "o": mention(self.o),
                "sentence": [self.sentence.start_char, self.sentence.end_char],
                "confidence": self.confidence, "weapons": [mention(w) for w in self.weapons],
                "quantity": self.quantity, "place": mention(self.place), "hedged": self.hedged,
                "date": None if self.date is None else [partial(self.date.start), partial(self.date.end),
                                                        self.date.is_span]}


@lru_cache(maxsize=1)
def trigger_table() -> dict[tuple[str, str], list[str]]:
    """(lemma, "VERB"|"NOUN") -> frames it opens."""
    table: dict[tuple[str, str], list[str]] = {}
    for frame, spec in patterns.load("relation_triggers").items():
        if not isinstance(spec, dict):
            continue
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for lemma in spec.get(key, []):
                table.setdefault((lemma.split()[0], pos), []).append(frame)
    return table


@lru_cache(maxsize=1)
def cue_lemma_ids() -> np.ndarray:
    """String ids of every lemma a relation rule starts from (triggers, event nouns, content
    verbs), lower-case and capitalised, as the lemmatiser leaves a sentence's first word."""
    words = {lemma for lemma, _ in trigger_table()} | trigger_words("event_nouns") | trigger_words("content_verbs")
    return np.array(sorted({get_string_id(form) for w in words for form in (w, w.capitalize())}), dtype=np.uint64)


SUBJECT_DEPS = np.array([get_string_id("nsubj"), get_string_id("nsubjpass")], dtype=np.uint64)


@lru_cache(maxsize=None)
def trigger_words(key: str) -> frozenset[str]:
    """A word list of relation_triggers.json ("stance_verbs", "event_nouns", ...)."""
    return patterns.word_set("relation_triggers", key)


@lru_cache(maxsize=1)
def number_words() -> tuple[dict[str, int], dict[str, int]]:
    data = patterns.load("numbers")
    return data["units"], data["multipliers"]


def parse_number(tokens: list[Token]) -> int | None:
    units, multipliers = number_words()
    total, current, seen = 0, 0, False
    for t in tokens:
        text = t.lower_.replace(",", "")
        if text.isdigit():
            current += int(text)
            seen = True
        elif text in units:
            current += units[text]
            seen = True
        elif "-" in text and all(p in units for p in text.split("-")):
            current += sum(units[p] for p in text.split("-"))
            seen = True
        elif text in multipliers and seen:
            current = max(current, 1) * multipliers[text]
            if multipliers[text] >= 1000:
                total, current = total + current, 0
        elif text in ("than", "more", "over", "some", "about", "around", "nearly", "least", "at", "up", "to",
                      "approximately", "almost"):
            continue
        else:
            break
    return total + current if seen else None


def is_licensed(token: Token) -> bool:
    """"license-built", "built under licence": made by a licensee, not by the designer."""
    cues = trigger_words("licence_cues")
    doc = token.doc
    near = [c.lower_ for c in token.subtree] + [doc[i].lower_ for i in range(max(0, token.i - 2), token.i)]
    return any(w in cues for w in near)


def verb_of(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


class Frame:
    """The arguments of one trigger."""

    def __init__(self, trigger: Token, index: MentionIndex):
        self.trigger = trigger
        self.index = index
        self.passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        # "X are present in Libya and operated by Y": a verb joined to another shares its
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
        hung on a noun further down ("delivered drones to the Houthis" read as "drones to
        ...", "transferring weapons seized ... during Operation X to the Contras")."""
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
        this one depends on ("Wagner forces operating in ..." -> Wagner forces)."""
        trigger = self.trigger
        if self.passive or trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl", "amod"):
            by = self.prep_objects("by")
            return self.refs(by, ACTOR_TYPES)
        subjects = self.children("nsubj")
        if subjects:
            found = self.refs(subjects, ACTOR_TYPES)
            if not found:
                # "Russian military cargo aircraft ... supply": the owner of the subject acts
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
                    return []  # "Russia criticised supplies of weapons to Ukraine": not the supplier
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
        modifies ("equipment captured from ...")."""
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


class RelationRules:
    def __init__(self, catalog: Catalog | None = None):
        self.catalog_in_use(catalog or default_catalog())

    def catalog_in_use(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.origin_verbs = trigger_words("origin_verbs")

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc, self.catalog)
        out: list[RawRelation] = []
        self.last_givers: list[tuple[Span, float]] = []  # who handed things over last, for passives without agent
        self.operators: dict[str, list[Span]] = {}  # weapon -> actors the report has said have it
        self.phrase_cues: dict[int, bool] = {}  # sentence start -> holds a multi-word hedge cue
        self.hedges: dict[tuple[int, int], bool] = {}  # (anchor token, sentence start) -> hedged
        # the actors of the last handover or seizure told, and in which sentence: "the
        # contract", "the shipment" in the next sentences refer back to it
        self.event_holders: list[tuple[Span, float]] = []
        self.event_sentence = -EVENT_WINDOW - 1
        # who attacked last and with what, for "the target was X" after it
        self.last_attack: tuple[list[tuple[Span, float]], list[tuple[Span, float]], Token | None] = ([], [], None)
        dates: dict[int, list] = {}  # sentence start -> (date span, its reading, its root)
        for span in doc.spans[DATE_SPANS]:
            if not in_dateline(span):
                reading = read_date_span(span)
                if reading:
                    dates.setdefault(index.sentence_start(span.start), []).append((span, reading, span.root))
        event_words = trigger_words("event_nouns") | trigger_words("content_verbs")
        # The tokens any rule below starts from, found on the Doc's arrays: making a Token
        # object for every word costs more than most rules.
        lemmas, deps = doc.to_array([LEMMA, DEP]).T
        starts = set(np.flatnonzero(np.isin(lemmas, cue_lemma_ids()) | np.isin(deps, SUBJECT_DEPS)).tolist())
        for self.sentence_number, sent in enumerate(doc.sents):
            found: list[RawRelation] = []
            for i in sorted(starts.intersection(range(sent.start, sent.end))):
                token = doc[i]
                lemma = token.lemma_.lower()
                for frame_name in self.frames_of(token, lemma):
                    found += getattr(self, f"frame_{frame_name}")(Frame(token, index), sent)
                if lemma in event_words:
                    found += self.event_contents(token, lemma, index, sent)
                if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN" and index.at(token) is None:
                    found += self.reference_origins(token, index, sent)
            found += self.noun_phrase_facts(sent, index)
            found += self.catalog_facts(sent, index)
            for rel in found:
                self.qualify(rel, index, dates)
            out += found
        doc.user_data[RELATIONS] = [r.as_data() for r in out]
        return doc

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def frames_of(token: Token, lemma: str) -> list[str]:
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            pos = "VERB"
        elif token.pos_ == "NOUN":
            pos = "NOUN"
        else:
            return []
        return trigger_table().get((lemma, pos), [])

    @staticmethod
    def rel(s: Span, p: str, o: Span, sent: Span, conf: float, trigger: Token | None = None,
            weapons: list[Span] | None = None) -> RawRelation | None:
        if s is None or o is None or s == o or (s.id_ and s.id_ == o.id_):
            return None
        # lengths first: Span.text rebuilds the string from its tokens
        if s.end_char - s.start_char == o.end_char - o.start_char and s.text == o.text:
            return None
        return RawRelation(s=s, p=p, o=o, sentence=sent, confidence=conf, trigger=trigger, weapons=weapons or [])

    def emit(self, out: list, *rels: RawRelation | None) -> None:
        out.extend(r for r in rels if r is not None)

    @staticmethod
    def sentence_equipment(f: Frame, sent: Span) -> list[tuple[Span, float]]:
        """Equipment named anywhere in the sentence, for a trigger whose own phrases name none
        ("37 tanks were among the weapons that were handed over")."""
        return [(m, 0.6) for m in f.index.in_sentence(sent) if m.label_ in EQUIPMENT_TYPES]

    def relate(self, out: list, subjects, predicate: str, objects, sent: Span, factor: float,
               trigger: Token | None, weapons: list[Span] | None = None) -> None:
        """Every subject with every object; a pair's confidence is the factor times theirs."""
        for s, cs in subjects:
            for o, co in objects:
                self.emit(out, self.rel(s, predicate, o, sent, factor * cs * co, trigger, weapons))

    def has_all(self, out: list, actors, weapons, sent, trigger, factor: float = 0.7) -> None:
        for actor, ca in actors:
            for weapon, cw in weapons:
                self.emit(out, self.rel(actor, "has_equipment", weapon, sent, factor * ca * cw, trigger))
                self.operators.setdefault(weapon.id_ or weapon.text, []).append(actor)

    def note_event(self, *parties: list[tuple[Span, float]]) -> None:
        """Remember who took part in the handover or seizure this sentence tells."""
        actors = [(m, c) for party in parties for m, c in party]
        if actors:
            self.event_holders = actors
            self.event_sentence = self.sentence_number

    def event_contents(self, token: Token, lemma: str, index: MentionIndex, sent: Span) -> list[RawRelation]:
        """Equipment a sentence lists as what an event held ("The contract included 200
        MG 34 machine guns", "The first shipment of 200 rifles ...", "The display, organised
        by X, features ..."): the parties of the handover or seizure told just before have
        it, and so does whoever organised a display. `token` is an event noun or a content
        verb."""
        event_nouns = trigger_words("event_nouns")
        if lemma in trigger_words("content_verbs") and verb_of(token):
            events = [c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() in event_nouns]
            contents = [c for c in token.children if c.dep_ in ("dobj", "attr")] if events else []
        elif token.pos_ == "NOUN" and lemma in event_nouns and token.dep_ in ("nsubj", "nsubjpass"):
            events = [token]
            contents = [o for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                        for o in prep.children if o.dep_ == "pobj"]
        else:
            return []
        weapons = [(m, 1.0) for c in contents for m in dict.fromkeys(
            [r for r, _ in index.referents(c, EQUIPMENT_TYPES)] + index.in_subtree(c, EQUIPMENT_TYPES))]
        if not weapons:
            return []
        organisers = [(m, c) for e in events for acl in e.children if acl.dep_ == "acl"
                      for m, c in Frame(acl, index).agents()]
        recent = self.sentence_number - self.event_sentence <= EVENT_WINDOW
        holders = (self.event_holders if recent else []) + organisers
        out: list[RawRelation] = []
        self.has_all(out, holders, weapons, sent, token, 0.6)
        if organisers:
            self.note_event(holders)
        return out

    # ------------------------------------------------------------------ frames

    def frame_transfer(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        givers = f.agents()
        receivers = f.refs(f.prep_objects("to", "for", deep=True), ACTOR_TYPES) + f.refs(f.children("dative"), ACTOR_TYPES)
        weapons = f.equipment() or self.sentence_equipment(f, sent)
        if not givers and receivers and f.passive:
            givers = [(m, c * 0.6) for m, c in self.last_givers]
        if givers:
            self.last_givers = givers
        if not givers:
            # "weapons bound from Iran to Hezbollah"
            givers = f.refs(f.prep_objects("from"), ACTOR_TYPES)
        if f.trigger.pos_ != "NOUN" and not receivers:
            # "supplied Wagner forces with fighter aircraft", "continue to supply Wagner fighters"
            receivers = f.refs(f.children("dobj"), ACTOR_TYPES)
        names = [w for w, _ in weapons]
        self.note_event(givers, receivers)
        self.relate(out, givers, "transferred_to", receivers, sent, 0.85, f.trigger, names)
        self.has_all(out, givers, weapons, sent, f.trigger, 0.75)
        self.has_all(out, receivers, weapons, sent, f.trigger, 0.75)
        return out

    def frame_acquire(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        receivers = f.agents()
        sources = f.refs(f.prep_objects("from"), ACTOR_TYPES)
        if not sources:
            # "purchases of weapons in Czechoslovakia": bought in a country, from that state
            sources = [(m, c * 0.7) for m, c in f.refs(f.prep_objects("in"), ("Country",))]
        beneficiaries = f.refs(f.prep_objects("for"), ACTOR_TYPES)
        weapons = f.equipment()
        names = [w for w, _ in weapons]
        self.note_event(sources, receivers)
        self.relate(out, sources, "transferred_to", receivers, sent, 0.8, f.trigger, names)
        self.relate(out, receivers, "transferred_to", beneficiaries, sent, 0.6, f.trigger, names)
        self.has_all(out, receivers, weapons, sent, f.trigger, 0.75)
        self.has_all(out, sources, weapons, sent, f.trigger, 0.7)
        return out

    def frame_capture(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        captors = f.agents()
        taken_from = f.prep_objects("from", deep=True)
        victims = f.refs(taken_from, ACTOR_TYPES)
        if not victims:
            for by in f.prep_objects("by"):  # "captured by X from Y" read as "X from Y"
                victims += f.refs(f.prep_objects("from", token=by), ACTOR_TYPES)
        if not victims:
            # "captured Hamas rifles", "German army weapons, captured by ...": the owner named
            # in the phrase of what was taken
            taken = [f.trigger.head] if f.trigger.dep_ in ("acl", "relcl") else f.children("dobj", "nsubjpass")
            for noun in taken:
                for child in noun.children:
                    m = f.index.at(child)
                    if m is not None and m.label_ in ACTOR_TYPES and child.dep_ in ("compound", "nmod", "poss", "amod") \
                            and m not in [c for c, _ in captors]:
                        victims.append((m, 0.7))
        if not victims:
            # "captured ... during attacks on a depot of the X"
            for prep in f.children("prep"):
                if prep.lower_ in ("during", "in", "at", "after"):
                    victims += [(m, 0.8) for m in f.index.in_subtree(prep, ACTOR_TYPES)
                                if m not in [c for c, _ in captors]]
        weapons = f.equipment() or (self.sentence_equipment(f, sent) if captors else [])
        names = [w for w, _ in weapons]
        self.note_event(captors, victims)
        for c, cc in captors:
            for v, cv in victims:
                self.emit(out, self.rel(c, "captured_from", v, sent, 0.8 * cc * cv, f.trigger, names))
            # who seizes something somewhere is present there ("seized the ship in the X Sea",
            # "seized from the PLO in Lebanon")
            where = f.prep_objects("in", deep=True) + [o for t in taken_from for o in f.prep_objects("in", token=t)]
            for p, cp in f.refs(where, PLACES):
                self.emit(out, self.rel(c, "operates_in", p, sent, 0.6 * cc * cp, f.trigger))
        self.has_all(out, captors, weapons, sent, f.trigger, 0.75)
        self.has_all(out, victims, weapons, sent, f.trigger, 0.65)
        return out

    def frame_use(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        users = f.agents()
        weapons = f.patients(EQUIPMENT_TYPES) if not f.passive else f.equipment()
        if not weapons and f.trigger.dep_ in ("acl", "relcl"):
            weapons = f.refs([f.trigger.head], EQUIPMENT_TYPES)
        self.has_all(out, users, weapons, sent, f.trigger, 0.75)
        enemies = f.refs(f.prep_objects("against"), ACTOR_TYPES + ("Place",))
        names = [w for w, _ in weapons]
        # "deployed Patriots in Iraq", "a CIA drone had flown over Iranian territory": who
        # uses equipment somewhere is present there
        where = f.prep_objects("in", "over", "into", "across")
        where += [o for obj in f.children("dobj") for o in f.prep_objects("in", "over", "into", token=obj)]
        self.relate(out, users, "operates_in", f.refs(where, PLACES), sent, 0.55, f.trigger)
        for u, cu in users:
            for e, ce in enemies:
                if e.label_ in ACTOR_TYPES:
                    self.emit(out, self.rel(u, "fought_against", e, sent, 0.6 * cu * ce, f.trigger))
                self.emit(out, self.rel(u, "attacked", e, sent, 0.6 * cu * ce, f.trigger, names))
        return out

    def frame_produce(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        makers = f.agents()
        weapons = f.patients(EQUIPMENT_TYPES)
        for m, cm in makers:
            for w, cw in weapons:
                if w.label_ != "WeaponSystem":
                    continue
                self.emit(out, self.rel(m, "has_equipment", w, sent, 0.7 * cm * cw, f.trigger))
                # who makes a weapon is its origin; who copies one ("decided to copy the B-29") is not
                if m.label_ == "Country" and f.trigger.lemma_.lower() in self.origin_verbs:
                    self.emit(out, self.rel(w, "origin_country", m, sent, 0.7 * cm * cw, f.trigger))
        return out

    def frame_attack(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        attackers = f.agents()
        aimed_at = f.prep_objects("on", "at", "against", "upon", "into")
        # "at the X airbase in Y, as well as another airbase in Z": the parser hangs a listed
        # target on the nearest noun, so every unnamed noun joined below counts
        aimed_at += [t for a in aimed_at for t in a.subtree
                     if t.dep_ == "conj" and t.pos_ == "NOUN" and f.index.at(t) is None]
        targets = f.refs(aimed_at, TARGETS)
        objects = f.patients(TARGETS + EQUIPMENT_TYPES) if f.trigger.pos_ != "NOUN" else []
        if not objects and f.trigger.pos_ != "NOUN" and any(
                f.index.at(t) is None and t.pos_ == "NOUN" for t in f.children("dobj")):
            # "attacked a military camp in Gundam": an unnamed site, located by the verb's place
            targets += [(m, c * 0.8) for m, c in f.refs(f.prep_objects("in", "near"), ("Place",))]
        weapons = [(m, c) for m, c in objects if m.label_ in EQUIPMENT_TYPES]
        if not attackers and f.trigger.pos_ != "NOUN":
            # "the missile was fired at X", "UAVs attacked X": the weapon's operator named
            # earlier in the report fired it
            launched = weapons + f.refs(f.children("nsubj", "nsubjpass"), EQUIPMENT_TYPES)
            clause = f.trigger
            while not launched and clause.dep_ in ("acl", "advcl", "conj", "xcomp", "pobj", "prep", "npadvmod") \
                    and clause.head is not clause:
                clause = clause.head  # "was fired on 2 May, aimed at X": the verb above names it
                if verb_of(clause):
                    launched = f.refs([c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")], EQUIPMENT_TYPES)
            weapons = weapons or launched
            attackers = [(owner, 0.5) for w, _ in launched for owner in self.operators.get(w.id_ or w.text, [])[-1:]]
        targets += [(m, c) for m, c in objects if m.label_ in TARGETS]
        weapons += f.refs(f.prep_objects("with", "by"), EQUIPMENT_TYPES)
        told_at = None
        if f.trigger.pos_ == "NOUN" and f.trigger.dep_ == "nsubj" and f.trigger.head.lemma_ == "be":
            # "the target was Mecca": of the attack told last, unless the phrase names its own
            targets += f.refs([c for c in f.trigger.head.children if c.dep_ == "attr"], TARGETS)
            if not attackers:
                attackers, weapons, told_at = self.last_attack
        if f.trigger.pos_ == "NOUN" and f.trigger.lemma_.lower() in ("attack", "strike", "target") and not targets:
            return out
        if attackers and told_at is None:
            self.last_attack = ([(a, c * 0.7) for a, c in attackers], weapons, f.trigger)
        elif f.trigger.pos_ != "NOUN":
            # "another missile was fired": the same attackers again, at a new time
            self.last_attack = (*self.last_attack[:2], f.trigger)
        names = [w for w, _ in weapons]
        self.relate(out, attackers, "attacked", targets, sent, 0.75, f.trigger, names)
        for rel in out:
            rel.told_at = told_at
        self.has_all(out, attackers, weapons, sent, f.trigger, 0.7)
        return out

    def frame_fight(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        sides = f.agents()
        others = f.refs(f.prep_objects("against", "with") + f.children("dobj"), ACTOR_TYPES)
        if f.trigger.pos_ == "NOUN":
            pair = f.refs(f.prep_objects("between"), ACTOR_TYPES)
            if len(pair) >= 2:
                sides, others = pair[:1], pair[1:]
        for a, ca in sides:
            for b, cb in others:
                self.emit(out, self.rel(a, "fought_against", b, sent, 0.7 * ca * cb, f.trigger))
            for b, cb in f.refs(f.prep_objects("alongside"), ACTOR_TYPES):
                self.emit(out, self.rel(a, "allied_with", b, sent, 0.7 * ca * cb, f.trigger))
        return out

    def frame_ally(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        sides = f.agents()
        partners = f.refs(f.prep_objects("with", "alongside"), ACTOR_TYPES)
        if f.trigger.pos_ != "NOUN":
            partners += f.refs(f.children("dobj"), ACTOR_TYPES)
        else:
            pair = f.refs(f.prep_objects("between"), ACTOR_TYPES)
            if len(pair) >= 2:
                sides, partners = pair[:1], pair[1:]
            elif f.trigger.dep_ == "conj" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in f.trigger.children):
                # "the junta and its Russian assistants, the Wagner": its = the junta
                sides = f.index.referents(f.trigger.head, ACTOR_TYPES)
                named = f.refs([c for c in f.trigger.children if c.dep_ == "appos"], ACTOR_TYPES)
                partners = named or [(m, c) for m, c in f.refs([f.trigger], ACTOR_TYPES) if m not in [x for x, _ in sides]]
        self.relate(out, sides, "allied_with", partners, sent, 0.7, f.trigger)
        enemies = f.refs(f.prep_objects("against"), ACTOR_TYPES)
        self.relate(out, sides, "fought_against", enemies, sent, 0.65, f.trigger)
        return out

    def frame_join(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        members = [(m, c) for m, c in f.agents() if m.label_ == "Group"]
        targets = f.refs(f.children("dobj") + f.prep_objects("into", "to", "with"), ("Group",))
        self.relate(out, members, "joined", targets, sent, 0.75, f.trigger)
        return out

    def _derived(self, f: Frame, sent: Span, predicate: str) -> list[RawRelation]:
        """copy_of / variant_of: X (the subject, or what the trigger describes) and Y (the
        "of"/"from"/"on" complement)."""
        out: list[RawRelation] = []
        trigger = f.trigger
        originals = f.refs(f.prep_objects("of", "from", "on", "to"), ("WeaponSystem",))
        if trigger.pos_ != "NOUN" and not f.passive and trigger.dep_ not in ("acl", "amod", "relcl"):
            originals += f.refs(f.children("dobj"), ("WeaponSystem",))
        if trigger.lemma_.lower() == "member" and not any(
                t.lemma_.lower() in ("family", "series", "line") for t in trigger.subtree):
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
                # "its own copy, the Toophan" / "the Tu-4, a nearly-perfect copy": the original
                # is the weapon named last before, other than the copy
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
            copies = self.described_as(trigger, f)
        for x, cx in copies:
            for y, cy in originals:
                if cy < 1.0:
                    y = self.catalog_original(x, y, predicate, f.index)
                self.emit(out, self.rel(x, predicate, y, sent, 0.8 * cx * cy, trigger))
        return out

    @staticmethod
    def described_as(trigger: Token, f: Frame) -> list[tuple[Span, float]]:
        """What a verb of saying describes as a copy or variant: "analysts identify it as
        being based on Y", "described the drone as an aircraft made by reverse engineering of
        Y": the object of the verb the trigger's "as" phrase hangs on."""
        node = trigger
        for _ in range(6):
            if node.dep_ == "prep" and node.lower_ == "as":
                return f.refs([c for c in node.head.children if c.dep_ == "dobj"], ("WeaponSystem",))
            if node.dep_ not in ("pcomp", "pobj", "acl", "agent", "prep") or node.head is node:
                break
            node = node.head
        return []

    def catalog_original(self, copy: Span, guess: Span, predicate: str, index: MentionIndex) -> Span:
        """The original a reference back ("the missile", "the rocket") denotes for this copy:
        among the weapons the report named before, the one the catalog records as what the
        copy copies or varies, else the nearest that fits (the guess)."""
        entry = self.catalog.get(copy.id_) if copy.id_ else None
        known = set(entry.copy_of if predicate == "copy_of" else entry.variant_of) if entry else set()
        if not known or guess.id_ in known:
            return guess
        named = [m for m in index.ordered if m.id_ in known and m.start < copy.start]
        return named[-1] if named else guess

    def frame_copy(self, f: Frame, sent: Span) -> list[RawRelation]:
        return self._derived(f, sent, "copy_of")

    def frame_variant(self, f: Frame, sent: Span) -> list[RawRelation]:
        return self._derived(f, sent, "variant_of")

    def frame_presence(self, f: Frame, sent: Span) -> list[RawRelation]:
        out: list[RawRelation] = []
        actors = f.agents() if not f.passive else f.refs(f.children("nsubjpass"), ACTOR_TYPES)
        if f.trigger.dep_ in ("relcl", "acl") and not actors:
            actors = f.refs([f.trigger.head], ACTOR_TYPES)
        places = f.refs(f.prep_objects("in", "across", "throughout", "inside", "near"), PLACES)
        if not places and f.trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in f.trigger.children):
            places = f.refs([f.trigger.head], PLACES)  # "a camp in X, where Y's units are stationed"
        self.relate(out, actors, "operates_in", places, sent, 0.7, f.trigger)
        return out

    # ------------------------------------------------------------------ phrase-level facts

    def noun_phrase_facts(self, sent: Span, index: MentionIndex) -> list[RawRelation]:
        """Facts stated inside noun phrases: origins ("Iranian-made X", "X from Germany"),
        owners ("Wagner utility trucks"), places ("X in Y", "Y's X", "northern Syria"),
        units ("SAA Republican Guard", "Iran's IRGC") and presence ("the Houthis in Yemen")."""
        out: list[RawRelation] = []
        places = patterns.load("places")
        for mention in index.in_sentence(sent):
            head = mention.root
            if mention.label_ == "WeaponSystem":
                makers, licensees = self.origin_modifiers(mention, index)
                self.origin_facts(out, mention, makers, sent)
                for country in licensees:
                    self.emit(out, self.rel(country, "has_equipment", mention, sent, 0.7))
                for owner in self.owner_modifiers(mention, index):
                    self.emit(out, self.rel(owner, "has_equipment", mention, sent, 0.7))
            if mention.label_ == "WeaponSystem" and mention.root.dep_ == "attr":
                # "the missile is an Iranian-made Qiam 1": one model said to be another
                subjects = [c for c in mention.root.head.children if c.dep_ in ("nsubj", "nsubjpass")]
                for subject, conf in index.referents(subjects[0], ("WeaponSystem",)) if subjects else []:
                    self.emit(out, self.rel(subject, "copy_of", mention, sent, 0.5 * conf, mention.root.head))
            if mention.label_ == "EquipmentCategory":
                for owner in self.owner_modifiers(mention, index):
                    self.emit(out, self.rel(owner, "has_equipment", mention, sent, 0.7))
            if mention.label_ in ("Place", "Group", "Country"):
                target = "located_in" if mention.label_ == "Place" else "operates_in"
                heads = [head]
                if mention.label_ != "Place" and head.dep_ == "pobj" and head.head.lower_ in ("of", "from"):
                    heads.append(head.head.head)  # "members of X in Y", "rebels from X in Y"
                complements = [pc for h in heads for pc in self.place_complements(h, index, places)]
                if mention.label_ == "Country":
                    complements = []  # a state's presence is stated by its forces, not its name
                for p, c in complements:
                    if mention.label_ == "Place" or p.label_ in PLACES:
                        self.emit(out, self.rel(mention, target, p, sent, 0.75 * c))
                for owner in self.possessors(mention, index, ("Country",)):
                    rel = "located_in" if mention.label_ == "Place" else "part_of"
                    self.emit(out, self.rel(mention, rel, owner, sent, 0.75))
            if mention.label_ == "Place":
                self.emit(out, *self.place_apposition(mention, index, sent))
                core = sent.doc.user_data.get(CORE_MENTIONS, {}).get(f"{mention.start_char}:{mention.end_char}")
                if not core and len(mention) > 1 and mention[0].lower_ in places["directions"]:
                    # "northern Syria": the named part lies in the named whole
                    whole = self.demonym_country(mention[1], index, sent) if len(mention) == 2 else None
                    if whole is not None:
                        self.emit(out, self.rel(mention, "located_in", whole, sent, 0.8))
                if core and mention[0].lower_ in places["directions"]:
                    inner = sent.doc.char_span(core[0], core[1])
                    if inner is not None:
                        inner_span = Span(sent.doc, inner.start, inner.end, label=core[2], span_id=core[3] or 0)
                        self.emit(out, self.rel(mention, "located_in", inner_span, sent, 0.8))
                if mention.text.lower().endswith(tuple(places["capital_nouns"])) and len(mention) >= 2:
                    country = self.demonym_country(mention[0], index, sent)
                    if country is not None:
                        self.emit(out, self.rel(mention, "located_in", country, sent, 0.8))
            if mention.label_ == "Group":
                self.emit(out, *self.unit_facts(mention, index, sent))
            if mention.label_ in ACTOR_TYPES:
                self.emit(out, *self.joint_partners(mention, index, sent))
                self.emit(out, *self.acting_through(mention, index, sent))
        return out

    def acting_through(self, mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
        """"Russia, through the Wagner Group, continues to ...", "Iran acts through its
        proxies": the one an actor acts through is its ally."""
        root = mention.root
        if root.dep_ != "pobj" or root.head.lower_ != "through" or not verb_of(root.head.head):
            return []
        verb = root.head.head
        principals = [(m, c) for m, c in Frame(verb, index).agents() if m != mention]
        return [self.rel(p, "allied_with", mention, sent, 0.6 * c, verb) for p, c in principals]

    def joint_partners(self, mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
        """Allies named as a hyphened pair before a joint undertaking: "a US-Israeli
        operation", "Russian-Syrian exercises"."""
        pair = index.hyphened_pair(mention)
        head = mention.root.head
        while head.dep_ in ("compound", "amod") and head.head is not head:
            head = head.head  # "US-Israeli government operation"
        if len(pair) < 2 or pair[0].label_ not in ACTOR_TYPES or \
                head.lemma_.lower() not in trigger_words("joint_nouns"):
            return []
        return [self.rel(pair[0], "allied_with", mention, sent, 0.6, head)]

    def catalog_facts(self, sent: Span, index: MentionIndex) -> list[RawRelation]:
        """A weapon's origin and the original it copies, as the catalog records them, where the
        sentence names both ends: the text puts them together, the catalog says how they
        relate ("the Soviets ... the Tu-4", "the Toophan ... the BGM-71 TOW"). Lower confidence
        than a stated fact. Variants and places are left out: reports name a weapon beside
        its family, or a base beside its country, without stating the link, and the
        annotation does not read one there."""
        out: list[RawRelation] = []
        mentions = index.in_sentence(sent)
        for m in mentions:
            entry = self.catalog.get(m.id_) if m.label_ == "WeaponSystem" and m.id_ else None
            if entry is None:
                continue
            for other in mentions:
                if other.label_ == "Country" and self.catalog.made_by(m.id_, other.id_) or \
                        other.label_ == "WeaponSystem" and other.id_ in entry.copy_of:
                    predicate = "origin_country" if other.label_ == "Country" else "copy_of"
                    self.emit(out, self.rel(m, predicate, other, sent, 0.55))
        return out

    def reference_origins(self, token: Token, index: MentionIndex, sent: Span) -> list[RawRelation]:
        """The origin a subject referring back to a weapon is said to have ("the missile ...
        is of Iranian origin")."""
        out: list[RawRelation] = []
        if index.is_equipment_noun(token) and index.is_reference(token):
            for weapon, conf in index.referents(token, ("WeaponSystem",)):
                makers, _ = self.origin_modifiers(weapon, index, phrase=token)
                self.origin_facts(out, weapon, [(m, c * conf) for m, c in makers], sent)
        return out

    def origin_facts(self, out: list, weapon: Span, makers: list[tuple[Span, float]], sent: Span) -> None:
        for country, conf in makers:
            if self.catalog.made_by(weapon.id_, country.id_) is False:
                # "a Saudi Patriot", "the Chinese-built MiG-17F": a state that did not design
                # the model holds it
                self.emit(out, self.rel(country, "has_equipment", weapon, sent, conf))
            else:
                self.emit(out, self.rel(weapon, "origin_country", country, sent, conf))

    def demonym_country(self, token: Token, index: MentionIndex, sent: Span) -> Span | None:
        from kg.extract.entities import catalog_lookup
        entry = catalog_lookup(self.catalog).get(token.lower_)
        if entry is None:
            return None
        return Span(sent.doc, token.i, token.i + 1, label="Country", span_id=entry.id)

    def origin_modifiers(self, mention: Span, index: MentionIndex, *, phrase: Token | None = None):
        """Countries a weapon's own noun phrase names as its maker: a demonym or country before
        it ("Iranian", "US-made", "Soviet-built"), "from Germany", "produced in Syria", "of
        Iranian origin", also where the phrase is the predicate of the weapon. `phrase` is
        the head of a phrase referring back to the weapon ("the missile ... is of Iranian
        origin"), read instead of the mention's own. Returns those makers and the countries
        that built it under licence."""
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
            # a modifier before a list ("Iranian-made X and Y") covers its members
            while subject.dep_ == "conj":
                subject = subject.head
            heads.append(subject)
        if subject.dep_ in ("nsubj", "nsubjpass"):
            for sib in subject.head.children:
                if sib.dep_ in ("attr", "acomp") and sib.i > subject.i:
                    heads.append(sib)
            if subject.head.lemma_ == "be":
                heads.append(subject.head)  # "X and Y are of Iranian origin", "X is from Iran"
        for head in heads:
            country = self.maker_before(head if head.i not in range(mention.start, mention.end) else mention[0],
                                        index, self.origin_verbs)
            if country is not None:
                found.append(country)
            licensed = is_licensed(head)
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "in"):
                    for pobj in [p for p in prep.children if p.dep_ == "pobj"]:
                        for m in [index.at(t) for t in (pobj, *pobj.conjuncts)]:
                            if m is None or m.label_ != "Country":
                                continue
                            if prep.lower_ == "in" and head.lemma_.lower() in self.origin_verbs and licensed:
                                licensees.append(m)  # built under licence: has it, did not design it
                            elif prep.lower_ == "from" or head.lemma_.lower() in self.origin_verbs:
                                found.append((m, 0.7))
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.lemma_.lower() == "origin":
                            for mod in pobj.children:
                                m = index.at(mod)
                                if m is not None and m.label_ == "Country":
                                    found.append((m, 0.75))
                if prep.dep_ == "acl" and prep.lemma_.lower() in self.origin_verbs:
                    for p in prep.children:
                        if p.dep_ == "prep" and p.lower_ in ("in", "by"):
                            for pobj in p.children:
                                m = index.at(pobj)
                                if m is not None and m.label_ == "Country":
                                    found.append((m, 0.75))
        return found, licensees

    @staticmethod
    def maker_before(token: Token, index: MentionIndex, origin_verbs: set[str]) -> tuple[Span, float] | None:
        """A country named just before a weapon's phrase as its maker: "Iranian Zelzal-2",
        "US-made M1", "the Soviet-built MiG-17". Read on the surface, a few words back, since
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
                made = i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lemma_.lower() in origin_verbs
                adjacent = m.end == token.i
                if made or adjacent or t.dep_ in ("amod", "npadvmod", "compound", "nmod"):
                    return m, 0.8 if made else 0.7
                return None
            if t.pos_ in ("AUX", "ADP", "CCONJ", "PRON", "NUM") or t.pos_ == "VERB" and t.tag_ != "VBN" \
                    and t.lemma_.lower() not in origin_verbs or t.is_punct and t.text != "-":
                return None
            i -= 1
        return None

    def owner_modifiers(self, mention: Span, index: MentionIndex) -> list[Span]:
        """Groups and possessive countries before equipment ("Wagner utility trucks",
        "Chinese PLA MiG-17", "Iran's drones"); before a generic class, which has no maker,
        a country's adjective too ("Russian armored vehicles", not "Russian-made")."""
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

    def place_complements(self, head: Token, index: MentionIndex, places: dict) -> list[tuple[Span, float]]:
        """Places named by "in"/"near" on the phrase itself; a list after the place ("in X, Y,
        as well as Z") is left to the rules that read it as a list."""
        out = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in places["in_preps"]:
                for pobj in child.children:
                    m = index.at(pobj) if pobj.dep_ == "pobj" else None
                    if m is not None and m.label_ in PLACES:
                        out.append((m, 1.0))
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("locate", "base", "situate", "station"):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in places["in_preps"]:
                        for pobj in prep.children:
                            out += index.referents(pobj, PLACES)
        return out

    def possessors(self, mention: Span, index: MentionIndex, types: tuple[str, ...]) -> list[Span]:
        out = []
        for child in mention.root.children:
            if child.dep_ == "poss":
                m = index.at(child)
                if m is not None and m.label_ in types:
                    out.append(m)
        return out

    def place_apposition(self, mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
        """"Erbil, Kurdistan Region" / "Damietta, Egypt": a place followed by a comma and a
        place or country that does not continue a list; "the Israeli port of Ashdod"."""
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
                    out.append(self.rel(mention, "located_in", nxt, sent, 0.7))
        root = mention.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
            noun = root.head.head
            for mod in noun.children:
                m = index.at(mod)
                if m is not None and m.label_ == "Country" and mod.i < noun.i:
                    out.append(self.rel(mention, "located_in", m, sent, 0.75))
        return out

    def unit_facts(self, mention: Span, index: MentionIndex, sent: Span) -> list[RawRelation | None]:
        """part_of where the text puts a unit under its force or state: "SAA Republican Guard",
        "Iran's Islamic Revolutionary Guard Corps", "Chinese PLA", "Taiwanese (ROCAF)",
        "the Air Force's Central Command"; the catalog's parent of a unit where the same
        sentence names both. A state's name inside a group's own name ("Israeli
        Navy", "Syrian Intelligence") is left alone: reports name units that way without
        stating the relation, and the annotation does not read it as one."""
        doc = mention.doc
        out = []
        before = mention.start - 1
        if before >= sent.start and doc[before].text == "(":
            before -= 1
        if before >= sent.start:
            m = index.at(doc[before])
            if m is not None and m.label_ in ("Group", "Country") and m.end in (mention.start, mention.start - 1):
                if not (m.label_ == "Country" and doc[before].tag_ == "POS"):
                    out.append(self.rel(mention, "part_of", m, sent, 0.75))
            if doc[before].tag_ == "POS" and before - 1 >= sent.start:
                owner = index.at(doc[before - 1])
                if owner is not None and owner.label_ == "Group":
                    out.append(self.rel(mention, "part_of", owner, sent, 0.75))
        if len(mention) >= 2 and mention[0].is_upper:
            # "SAA Republican Guard": a force's abbreviation opening a unit's name
            leader = alias_index(self.catalog).get(("Group", fold(mention[0].text)))
            if leader and leader != mention.id_:
                out.append(self.rel(mention, "part_of", Span(doc, mention.start, mention.start + 1, label="Group",
                                                             span_id=leader), sent, 0.7))
        entry = self.catalog.get(mention.id_) if mention.id_ else None
        for parent_id in entry.part_of if entry else ():
            # the catalog's parent, where the sentence names it too: stated, not assumed
            near = [m for m in index.in_sentence(sent) if m.id_ == parent_id and m.label_ in ("Group", "Country")]
            if near:
                out.append(self.rel(mention, "part_of", near[0], sent, 0.6))
        return out

    # ------------------------------------------------------------------ qualifiers

    def qualify(self, rel: RawRelation, index: MentionIndex, dates: dict[int, list]) -> None:
        sent = rel.sentence
        trigger = rel.trigger
        anchor = trigger if trigger is not None else rel.s.root
        dated_by, candidates = anchor, dates.get(sent.start, [])
        if not candidates and rel.told_at is not None:
            dated_by = rel.told_at
            candidates = dates.get(index.sentence_start(dated_by.i), [])
        if candidates:
            attached = [(span, d) for span, d, root in candidates if dated_by in root.ancestors or root.head == dated_by]
            best = attached or [(span, d) for span, d, _ in candidates]
            best.sort(key=lambda x: abs(x[0].start - dated_by.i))
            rel.date = best[0][1]
        if sent.start not in self.phrase_cues:
            self.phrase_cues[sent.start] = has_hedge_phrase(sent.text)
        key = (anchor.i, sent.start)
        if key not in self.hedges:  # a trigger's facts share its clause, so read it once
            self.hedges[key] = is_hedged(anchor, sent, phrase_cue=self.phrase_cues[sent.start])
        rel.hedged = self.hedges[key]
        if rel.weapons:
            rel.quantity = self.quantity(rel.weapons)
        if trigger is not None and rel.p in ("transferred_to", "captured_from", "attacked"):
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at", "near"):
                    for m in index.in_subtree(child, ("Place",)):
                        if m != rel.o:
                            rel.place = m
                            break
            if rel.place is None and rel.s.root.head is not None:
                for child in rel.s.root.head.children if rel.s.root.dep_ == "pobj" else rel.s.root.children:
                    if child.dep_ == "prep" and child.lower_ == "in":
                        for m in index.in_subtree(child, ("Place",)):
                            rel.place = m
                            break

    @staticmethod
    def quantity(weapons: list[Span]) -> int | None:
        for w in weapons:
            node = w.root
            while node.dep_ in ("compound", "conj", "appos") and node.head is not node:
                node = node.head
            for child in node.children:
                # the number of a designation ("Qiam 1", "MG 34") counts nothing
                if child.dep_ == "nummod" and not w.start <= child.i < w.end:
                    tokens = [t for t in child.subtree if t.i <= child.i]
                    value = parse_number(tokens)
                    if value is not None:
                        return value
        return None


@Language.factory("kg_relations", default_config={})
def make_relation_rules(nlp: Language, name: str):
    return RelationRules()
