"""A relation between mentions as the rules find it, and how the rules make and collect them."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.dates import DateMention


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
    counts: dict[int, int] = field(default_factory=dict)  # a weapon's start character -> its count
    date: DateMention | None = None
    place: Span | None = None
    hedged: bool = False
    # the trigger of an earlier event this one continues ("the target was X" after "a
    # missile was fired on 3 March"): its sentence dates this one when it has no date
    told_at: Token | None = None

    def as_data(self) -> dict:
        """Plain values (character offsets), so that a Doc carrying them can be serialised."""
        def mention(span: Span | None):
            return None if span is None else [span.start_char, span.end_char, span.label_, span.id_]

        return {"s": mention(self.s), "p": self.p, "o": mention(self.o),
                "sentence": [self.sentence.start_char, self.sentence.end_char],
                "confidence": self.confidence, "weapons": [mention(w) for w in self.weapons],
                "quantity": self.quantity, "counts": [[k, v] for k, v in self.counts.items()],
                "place": mention(self.place), "hedged": self.hedged,
                "date": None if self.date is None else self.date.as_data()}


def relation(s: Span, p: str, o: Span, sent: Span, conf: float, trigger: Token | None = None,
             weapons: list[Span] | None = None) -> RawRelation | None:
    """The relation, or None where both ends are one thing."""
    if s is None or o is None or s == o or (s.id_ and s.id_ == o.id_):
        return None
    # lengths first: Span.text rebuilds the string from its tokens
    if s.end_char - s.start_char == o.end_char - o.start_char and s.text == o.text:
        return None
    return RawRelation(s=s, p=p, o=o, sentence=sent, confidence=conf, trigger=trigger, weapons=weapons or [])


def emit(out: list, *rels: RawRelation | None) -> None:
    out.extend(r for r in rels if r is not None)


def relate(out: list, subjects, predicate: str, objects, sent: Span, factor: float,
           trigger: Token | None, weapons: list[Span] | None = None) -> None:
    """Every subject with every object; a pair's confidence is the factor times theirs."""
    for s, cs in subjects:
        for o, co in objects:
            emit(out, relation(s, predicate, o, sent, factor * cs * co, trigger, weapons))
