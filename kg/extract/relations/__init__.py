"""Relation rules over the dependency parse. Each trigger lemma (ontology/patterns/
relation_triggers.json) opens a frame whose roles are read from the parse (frame.py);
one module per kind of event or phrase holds its rules, and FRAMES maps each frame name of
the trigger file to its rule, so a new frame is a module and an entry here. Facts the
contract says follow from others are added by the rules: who hands equipment over or
attacks with it also has it. What one sentence leaves for the next (who handed over or
attacked last, who has what) is a DocumentState made per Doc and passed to every rule."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from spacy.attrs import DEP, LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.catalog import Catalog, default_catalog
from kg.extract.mentions import MentionIndex
from kg.extract.relations import alliance, attack, capture, lineage, presence, transfer, use
from kg.extract.relations.contents import event_contents
from kg.extract.relations.frame import Frame
from kg.extract.relations.noun_phrases import noun_phrase_facts
from kg.extract.relations.origins import catalog_facts, reference_origins
from kg.extract.relations.qualifiers import qualify, sentence_dates
from kg.extract.relations.lists import is_list_item, list_item_facts, opens_list
from kg.extract.relations.raw import RawRelation
from kg.extract.relations.sides import side_facts
from kg.extract.relations.state import DocumentState, Scored
from kg.extract.relations.triggers import SUBJECT_DEPS, cue_lemma_ids, frames_of, trigger_words

RELATIONS = "kg_relations"  # user_data key: list of RawRelation.as_data()

FrameRule = Callable[[Frame, Span, DocumentState], list[RawRelation]]
FRAMES: dict[str, FrameRule] = {
    "transfer": transfer.frame_transfer,
    "acquire": transfer.frame_acquire,
    "capture": capture.frame_capture,
    "use": use.frame_use,
    "produce": lineage.frame_produce,
    "attack": attack.frame_attack,
    "fight": attack.frame_fight,
    "ally": alliance.frame_ally,
    "join": alliance.frame_join,
    "copy": lineage.frame_copy,
    "variant": lineage.frame_variant,
    "evolve": lineage.frame_evolve,
    "presence": presence.frame_presence,
    "control": presence.frame_control,
}


class RelationRules:
    def __init__(self, catalog: Catalog | None = None):
        self.catalog_in_use(catalog or default_catalog())

    def catalog_in_use(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc, self.catalog)
        state = DocumentState(catalog=self.catalog, index=index, dates=sentence_dates(doc, index))
        out: list[RawRelation] = []
        event_words = trigger_words("event_nouns") | trigger_words("content_verbs")
        # The tokens any rule below starts from, found on the Doc's arrays: making a Token
        # object for every word costs more than most rules.
        lemmas, deps = doc.to_array([LEMMA, DEP]).T
        starts = set(np.flatnonzero(np.isin(lemmas, cue_lemma_ids()) | np.isin(deps, SUBJECT_DEPS)).tolist())
        listing: Scored = []  # holders of the event whose items the lines after a colon list
        for state.sentence_number, sent in enumerate(doc.sents):
            found: list[RawRelation] = []
            if listing and is_list_item(sent):
                found += list_item_facts(sent, listing, state)
            else:
                listing = []
            for i in sorted(starts.intersection(range(sent.start, sent.end))):
                token = doc[i]
                lemma = token.lemma_.lower()
                for frame_name in frames_of(token, lemma):
                    found += FRAMES[frame_name](Frame(token, index), sent, state)
                if lemma in event_words:
                    found += event_contents(token, lemma, sent, state)
                if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN" and index.at(token) is None:
                    found += reference_origins(token, sent, state)
            found += noun_phrase_facts(sent, state)
            found += side_facts(sent, state)
            found += presence.operations_in(sent, state)
            found += catalog_facts(sent, state)
            listing = listing or opens_list(sent, state)
            for rel in found:
                qualify(rel, state)
            out += found
        doc.user_data[RELATIONS] = [r.as_data() for r in out]
        return doc


@Language.factory("kg_relations", default_config={})
def make_relation_rules(nlp: Language, name: str):
    return RelationRules()
