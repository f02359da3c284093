"""What the relation pass carries from sentence to sentence of one document: who handed
things over or attacked last, who has been said to have which weapon, which event "the
shipment" refers back to. One DocumentState is made per Doc and handed to every rule."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.catalog import Catalog
from kg.extract.hedges import is_hedged
from kg.extract.mentions import MentionIndex
from kg.extract.relations.raw import emit, relation

EVENT_WINDOW = 2  # sentences after a handover or seizure in which "the shipment" still means it
# sentences after a handover or seizure told as done in which a list of items with no actor
# of its own ("Among the weapons were ...") still tells what it involved
LISTING_WINDOW = 6
TOPIC_SENTENCES = 2  # a handover or seizure told this early (headline, lead) is the report's topic

Scored = list[tuple[Span, float]]  # mentions with the confidence they fill a role


@dataclass
class Event:
    """A handover or seizure told: its parties, its sentence, and whether it is told as done
    (not planned, suspected or intended: "bound for", "believed to be smuggling")."""

    parties: Scored
    sentence: int
    done: bool
    told_at: Token  # the verb that tells it: its sentence dates what a later list adds to it


@dataclass
class DocumentState:
    catalog: Catalog
    index: MentionIndex
    dates: dict[int, list]  # sentence start -> (date span, its reading, its root)
    sentence_number: int = 0
    last_givers: Scored = field(default_factory=list)  # who handed things over last, for passives without agent
    operators: dict[str, list[Span]] = field(default_factory=dict)  # weapon -> actors said to have it
    # the actors of the last handover or seizure told, and in which sentence: "the
    # contract", "the shipment" in the next sentences refer back to it
    event_holders: Scored = field(default_factory=list)
    event_sentence: int = -EVENT_WINDOW - 1
    events: list[Event] = field(default_factory=list)  # every handover or seizure told, in order
    # who attacked last and with what, for "the target was X" after it
    last_attack: tuple[Scored, Scored, Token | None] = ([], [], None)
    phrase_cues: dict[int, bool] = field(default_factory=dict)  # sentence start -> holds a multi-word hedge cue
    hedges: dict[tuple[int, int], bool] = field(default_factory=dict)  # (anchor token, sentence start) -> hedged

    def note_event(self, *parties: Scored) -> None:
        """Remember who took part in the handover or seizure this sentence tells."""
        actors = [(m, c) for party in parties for m, c in party]
        if actors:
            self.event_holders = actors
            self.event_sentence = self.sentence_number
            verb = clause_verb(actors[0][0])
            done = not told_as_hedged(actors[0][0], verb)
            last = self.events[-1] if self.events else None
            if last is not None and last.sentence == self.sentence_number and last.done == done:
                # "handed a shipment of drones to X": the verb and its noun tell one event
                last.parties += [(m, c) for m, c in actors if m not in [p for p, _ in last.parties]]
            else:
                self.events.append(Event(actors, self.sentence_number, done, verb))

    def recent_event_holders(self) -> Scored:
        """The parties of the event told within the last EVENT_WINDOW sentences, if any."""
        return self.event_holders if self.sentence_number - self.event_sentence <= EVENT_WINDOW else []

    def listed_event(self) -> Event | None:
        """The handover or seizure that a list of items with no actor of its own goes on with:
        the last one told as done within LISTING_WINDOW sentences, else the report's topic,
        one told as done in its first TOPIC_SENTENCES sentences."""
        for event in reversed(self.events):
            if self.sentence_number - event.sentence > LISTING_WINDOW:
                break
            if event.done and event.sentence < self.sentence_number:
                return event
        topic = next((e for e in self.events if e.sentence < TOPIC_SENTENCES), None)
        return topic if topic is not None and topic.done else None

    def has_all(self, out: list, actors: Scored, weapons: Scored, sent: Span, trigger: Token | None,
                factor: float = 0.7) -> None:
        """Every actor has every weapon; the report has now said they operate it."""
        for actor, ca in actors:
            for weapon, cw in weapons:
                emit(out, relation(actor, "has_equipment", weapon, sent, factor * ca * cw, trigger))
                self.operators.setdefault(weapon.id_ or weapon.text, []).append(actor)


def clause_verb(party: Span) -> Token:
    """The verb above a party's mention: the clause that tells the event."""
    node = party.root
    while node.head is not node and not (node.pos_ in ("VERB", "AUX") and node.dep_ != "amod"):
        node = node.head
    return node


def told_as_hedged(party: Span, node: Token) -> bool:
    """Whether the clause that names a party of an event reports it as planned, possible,
    suspected or under way rather than done ("was smuggling rifles to X", "to be handed to
    X"): the verb above the party's mention (`node`) carries the hedge or the tense."""
    auxiliaries = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
    under_way = node.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxiliaries)
    return under_way or any(a.tag_ == "TO" for a in auxiliaries) or is_hedged(node, party.sent)
