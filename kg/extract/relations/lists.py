"""Items listed line by line after a colon ("The package includes:" then "- 155 mm rounds;",
"- 20 armoured vehicles;"), as official releases and inventories are written: each line's
equipment belongs to the event the colon sentence continues, so its parties have it."""
from __future__ import annotations

from spacy.tokens import Span

from kg.extract.relations.raw import RawRelation
from kg.extract.relations.state import DocumentState, Scored
from kg.extract.relations.triggers import trigger_words
from kg.model import EQUIPMENT_TYPES

BULLETS = {"-", "–", "—", "•", "*", "·", "▪", "●"}
MAX_ITEM_TOKENS = 30  # a list line names items; a long line is prose again


def opens_list(sent: Span, state: DocumentState) -> Scored:
    """The holders whose items the next lines list: the parties of the event just told, where
    this sentence ends in a colon and says what the event held ("The package includes:")."""
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].text != ":":
        return []
    cues = trigger_words("content_verbs") | trigger_words("event_nouns")
    if not any(t.lemma_.lower() in cues for t in words):
        return []
    return state.recent_event_holders()


def is_list_item(sent: Span) -> bool:
    """A line of a list: it starts a line, with a bullet or without a verb of its own."""
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > MAX_ITEM_TOKENS:
        return False
    text = sent.doc.text
    before = text[text.rfind("\n", 0, sent.start_char) + 1:sent.start_char].strip()
    bulleted = words[0].text in BULLETS or before in BULLETS and before != ""
    if before and not bulleted:
        return False  # not at the start of its line
    return bulleted or (words[0].like_num and len(words) > 1 and words[1].text in (".", ")")) \
        or not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in words)


def list_item_facts(sent: Span, holders: Scored, state: DocumentState) -> list[RawRelation]:
    out: list[RawRelation] = []
    items = [(m, 0.9) for m in state.index.in_sentence(sent) if m.label_ in EQUIPMENT_TYPES]
    state.has_all(out, holders, items, sent, None, 0.6)
    return out
