"""What a relation carries besides its ends: the date of its sentence (or of the event it
continues), whether it is hedged, how many weapons, where it happened."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract import patterns
from kg.extract.dates import in_dateline, joined_over_trailing_joiner, read_date_span
from kg.extract.entities import DATE_SPANS
from kg.extract.hedges import has_hedge_phrase, is_hedged
from kg.extract.mentions import MentionIndex
from kg.extract.relations.raw import RawRelation
from kg.extract.relations.state import DocumentState


def sentence_dates(doc: Doc, index: MentionIndex) -> dict[int, list]:
    """Sentence start -> (date span, its reading, its root), the dateline's date left out."""
    dates: dict[int, list] = {}
    for span in joined_over_trailing_joiner(list(doc.spans[DATE_SPANS])):
        if not in_dateline(span):
            reading = read_date_span(span)
            if reading:
                dates.setdefault(index.sentence_start(span.start), []).append((span, reading, span.root))
    return dates


def narrative_date(sent: Span, index: MentionIndex, dates: dict[int, list]) -> list:
    """"In 1950, three bombers landed in Ruritania. Its crews were interned. Its engineers
    copied them.": an undated sentence telling the past goes on with the one date of the
    last dated sentence before it in its paragraph, through undated ones telling the past
    (one commenting in the present, "this suggests that...", ends the story). Events only:
    an alliance or a war told beside a dated event need not date from it."""
    doc = sent.doc
    while sent.start > 0 and tells_the_past(sent.root):
        before = doc[index.sentence_start(sent.start - 1)].sent
        if "\n" in doc.text[before.start_char:sent.start_char]:
            return []
        found = dates.get(before.start, [])
        if found:
            return found if len({reading for _, reading, _ in found}) == 1 else []
        sent = before
    return []


def tells_the_past(verb: Token) -> bool:
    """"boarded", "was seized": the simple past of a story; "had supplied" tells of a time
    before the story's, so it is no continuation."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries)


def qualify(rel: RawRelation, state: DocumentState) -> None:
    index, dates = state.index, state.dates
    timeless = rel.p in patterns.word_set("dates", "timeless_predicates")
    sent = rel.sentence
    trigger = rel.trigger
    anchor = trigger if trigger is not None else rel.s.root
    dated_by, candidates = anchor, dates.get(sent.start, [])
    if not candidates and rel.told_at is not None:
        dated_by = rel.told_at
        candidates = dates.get(index.sentence_start(dated_by.i), [])
    if not candidates and rel.p not in patterns.word_set("dates", "lasting_predicates"):
        candidates = narrative_date(sent, index, dates)
    if candidates and not timeless:
        attached = [(span, d) for span, d, root in candidates if dated_by in root.ancestors or root.head == dated_by]
        best = attached or [(span, d) for span, d, _ in candidates]
        best.sort(key=lambda x: abs(x[0].start - dated_by.i))
        rel.date = best[0][1]
    if sent.start not in state.phrase_cues:
        state.phrase_cues[sent.start] = has_hedge_phrase(sent.text)
    key = (anchor.i, sent.start)
    if key not in state.hedges:  # a trigger's facts share its clause, so read it once
        state.hedges[key] = is_hedged(anchor, sent, phrase_cue=state.phrase_cues[sent.start])
    rel.hedged = state.hedges[key]
    if rel.weapons:
        rel.quantity = quantity(rel.weapons)
        rel.counts = item_counts(rel.weapons, rel.quantity)
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


def quantity(weapons: list[Span]) -> int | None:
    for w in weapons:
        node = w.root
        while node.dep_ in ("compound", "conj", "appos") and node.head is not node:
            node = node.head
        for child in node.children:
            # the number of a designation ("Vexa 2", "AR 15") counts nothing
            if child.dep_ == "nummod" and not w.start <= child.i < w.end:
                tokens = [t for t in child.subtree if t.i <= child.i]
                value = parse_number(tokens)
                if value is not None:
                    return value
    return None


def item_counts(weapons: list[Span], total: int | None) -> dict[int, int]:
    """The count of each weapon the text counts on its own, by the weapon's start character:
    the one weapon of a counted event, or a weapon with a number of its own outside any
    coordination ("twelve Vexa launchers and four Orn radars"). A number over a
    coordination ("30 Vexa and Orn launchers") counts the group, so nobody gets it."""
    if len(weapons) == 1:
        return {weapons[0].start_char: total} if total is not None else {}
    roots = {w.root.i for w in weapons}
    claimed: dict[int, list[Span]] = {}
    for w in weapons:
        node = w.root
        if node.dep_ == "conj" or any(c.dep_ == "conj" and c.i in roots for c in node.children):
            continue
        while node.dep_ in ("compound", "appos") and node.head is not node:
            node = node.head
        for child in node.children:
            if child.dep_ == "nummod" and not w.start <= child.i < w.end:
                claimed.setdefault(child.i, []).append(w)
    counts = {}
    for number, owners in claimed.items():
        if len(owners) == 1:
            value = parse_number([t for t in owners[0].doc[number].subtree if t.i <= number])
            if value is not None:
                counts[owners[0].start_char] = value
    return counts


@lru_cache(maxsize=1)
def number_words() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    data = patterns.load("numbers")
    return data["units"], data["multipliers"], patterns.word_set("numbers", "fillers")


def parse_number(tokens: list[Token]) -> int | None:
    units, multipliers, fillers = number_words()
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
        elif text in fillers:
            continue
        else:
            break
    return total + current if seen else None
