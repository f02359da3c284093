"""What the relation pass carries from sentence to sentence of one document: who handed
things over or attacked last, who has been said to have which weapon, which event "the
shipment" refers back to. One DocumentState is made per Doc and handed to every rule."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.catalog import Catalog
from kg.extract.mentions import MentionIndex
from kg.extract.relations.raw import emit, relation

EVENT_WINDOW = 2  # sentences after a handover or seizure in which "the shipment" still means it

Scored = list[tuple[Span, float]]  # mentions with the confidence they fill a role


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

    def recent_event_holders(self) -> Scored:
        """The parties of the event told within the last EVENT_WINDOW sentences, if any."""
        return self.event_holders if self.sentence_number - self.event_sentence <= EVENT_WINDOW else []

    def has_all(self, out: list, actors: Scored, weapons: Scored, sent: Span, trigger: Token | None,
                factor: float = 0.7) -> None:
        """Every actor has every weapon; the report has now said they operate it."""
        for actor, ca in actors:
            for weapon, cw in weapons:
                emit(out, relation(actor, "has_equipment", weapon, sent, factor * ca * cw, trigger))
                self.operators.setdefault(weapon.id_ or weapon.text, []).append(actor)
