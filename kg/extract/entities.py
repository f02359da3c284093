"""Entity mentions: EntityRuler patterns from the catalog, and the component that turns the
statistical model's labels into the contract's types (Group, Country, Place, WeaponSystem,
EquipmentCategory), corrects its known errors and finds generic equipment phrases.

Mentions are doc.ents whose label is a contract type and whose id_ is the catalog id where
the catalog knows the entity. DATE spans go to doc.spans["kg_dates"].
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

import numpy as np
from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import NOUN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.catalog import Catalog, CatalogEntry, default_catalog
from kg.extract import gazetteer, patterns
from kg.extract.group_names import acts_armed, led_or_irregular, partisan_groups, state_forces_or_state, state_organ
from kg.extract.model_names import (SHORT_NUMBER, calibre_start, designations, equipment_head, glued_designation_part,
                                    hyphened_modifier_start, is_designator, model_name_in, models_before_classes,
                                    models_by_use, names_an_equipment_phrase, names_listed_before)
from kg.model import ENTITY_TYPES

DATE_SPANS = "kg_dates"
SINGLE_ITEM_DETERMINERS = {"a", "an", "another", "the", "this", "that", "each", "every", "one"}
# user_data keys (plain, serialisable values so that docs cross process boundaries)
CATEGORY_NAMES = "kg_category_names"  # "start:end" -> canonical name of generic equipment
CORE_MENTIONS = "kg_core_mentions"  # "start:end" of an extended mention -> [start, end, label, id] of its name
UNCOUNTED = {"aircraft", "ammunition", "equipment", "artillery", "materiel", "hardware", "gear", "munitions"}


# ---------------------------------------------------------------- catalog -> ruler patterns

def plural(word: str) -> str:
    low = word.lower()
    if low in UNCOUNTED or not word[-1:].isalpha():
        return word + "s" if word[-1:].isdigit() else word
    if low.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def spelling_variants(text: str, *, countable: bool) -> set[str]:
    """Hyphen/space/no-space forms ("Zelzal-2", "Zelzal 2", "Zelzal2") and plurals."""
    forms = {text}
    if "-" in text:
        forms |= {text.replace("-", " "), text.replace("-", "")}
    if " " in text and any(c.isdigit() for c in text):
        forms |= {text.replace(" ", "-"), text.replace(" ", "")}
    if countable:
        forms |= {f[: f.rfind(" ") + 1] + plural(f[f.rfind(" ") + 1:]) for f in list(forms)}
    return {f for f in forms if f.strip()}


def is_case_safe(text: str, entity_type: str) -> bool:
    """Match case-insensitively only where no ordinary English word could be meant: names
    with digits, several words, or generic (lower-case) category names."""
    if entity_type == "EquipmentCategory":
        return True
    if any(c.isdigit() for c in text):
        return True
    words = text.split()
    return len(words) > 1 and not all(w.isupper() for w in words)


def state_forces(catalog: Catalog, country_id: str) -> CatalogEntry | None:
    """The state's armed forces: the catalog group of that country whose kind says so."""
    for group in catalog.of_type("Group"):
        if group.country == country_id and (group.kind or "").lower() in {"armed forces", "military"}:
            return group
    return None


def capital_place(catalog: Catalog, country: CatalogEntry) -> CatalogEntry | None:
    return places_by_spelling(catalog).get(country.capital) if country.capital else None


@lru_cache(maxsize=4)
def places_by_spelling(catalog: Catalog) -> dict[str, CatalogEntry]:
    """The first catalog place of each spelling (read once, not once per country)."""
    table: dict[str, CatalogEntry] = {}
    for place in catalog.of_type("Place"):
        for spelling in place.spellings:
            table.setdefault(spelling, place)
    return table


def catalog_patterns(catalog: Catalog) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Phrase patterns for the catalog: (case-insensitive ones, case-sensitive ones)."""
    groups = patterns.load("groups")
    places = patterns.load("places")
    folded: dict[tuple, dict[str, Any]] = {}
    exact: dict[tuple, dict[str, Any]] = {}

    def add(entry_type: str, entry_id: str | None, text: str, countable: bool = False) -> None:
        for form in spelling_variants(text, countable=countable):
            safe = is_case_safe(form, entry_type)
            key = (form.lower() if safe else form, entry_type, entry_id)
            pattern = {"label": entry_type, "pattern": form}
            if entry_id:
                pattern["id"] = entry_id
            (folded if safe else exact).setdefault(key, pattern)

    for entry in catalog:
        countable = entry.type in ("WeaponSystem", "EquipmentCategory")
        for spelling in entry.spellings:
            add(entry.type, entry.id, spelling, countable)
        if entry.type != "Country":
            continue
        names = [*entry.demonyms, *entry.spellings]
        # a bare demonym is left to the statistical model and the type component: put in the
        # ruler it would cut multi-word names ("Syrian Arab Army") before the NER sees them
        for demonym in entry.demonyms:
            for noun in groups["state_self_nouns"]:
                add("Country", entry.id, f"{demonym} {noun}")
            capital = capital_place(catalog, entry)
            for noun in places["capital_nouns"]:
                add("Place", capital.id if capital else None, f"{demonym} {noun}")
        forces = state_forces(catalog, entry.id)
        for name in [*names, *([entry.capital] if entry.capital else [])]:
            for noun in groups["state_force_nouns"]:
                add("Group", forces.id if forces else None, f"{name} {noun}")
    return list(folded.values()), list(exact.values())



# ---------------------------------------------------------------- label mapping component



def capitals(catalog: Catalog) -> dict[str, CatalogEntry]:
    """Countries by the catalog id of their capital's Place entry."""
    out = {}
    for country in catalog.of_type("Country"):
        place = capital_place(catalog, country)
        if place is not None:
            out.setdefault(place.id, country)  # Moscow: Russia, listed before the Soviet Union
    return out


@lru_cache(maxsize=8)
def catalog_lookup(catalog: Catalog) -> dict[str, CatalogEntry]:
    """Countries by lower-cased name, alias and demonym."""
    table = {}
    for entry in catalog.of_type("Country"):
        for form in (*entry.spellings, *entry.demonyms):
            table[form.lower()] = entry
            # "US" for "U.S.": abbreviations are written with and without full stops
            if form.replace(".", "").isupper():
                table.setdefault(form.replace(".", "").lower(), entry)
    return table




def statistical_type(span: Span, countries: dict[str, CatalogEntry]) -> tuple[str | None, str | None]:
    """(contract type, catalog id) of a span the statistical model labelled, per type_rules.json."""
    rules = patterns.load("type_rules")
    groups = patterns.load("groups")
    label = span.label_
    words = [t.lower_ for t in span if not t.is_punct]
    text = span.text.lower().removeprefix("the ").strip()
    country = countries.get(text)
    # "Vexa rocket", "Kestrel missile": a name before an equipment noun (its own head, or
    # part of a longer equipment phrase such as "rocket launcher")
    names_equipment = country is None and names_an_equipment_phrase(span)
    for rule in rules["rules"]:
        if label not in rule["if_labels"]:
            continue
        if rule.get("followed_by_equipment_head") and not names_equipment:
            continue
        if "first_word_in" in rule and not (words and words[0] in groups[rule["first_word_in"]]):
            continue
        if "last_word_in" in rule and not (words and words[-1] in groups[rule["last_word_in"]]):
            continue
        if rule.get("not_country") and country is not None:
            continue
        if rule.get("not_designator") and is_designator(span.text):
            continue
        if rule.get("designator") and not is_designator(span[0].text):
            continue
        if rule.get("acts_armed") and not acts_armed(span):
            continue
        return rule["type"], None
    mapped = rules["label_map"].get(label)
    if mapped == "Country":
        return ("Country", country.id) if country else (None, None)
    return mapped, None


def extend_right(span: Span, nouns: Iterable[str]) -> int:
    """End of span after the longest run of the given (possibly multi-word) nouns that follows."""
    doc = span.doc
    if span.end >= len(doc):
        return span.end
    following = doc[span.end].lower_
    best = span.end
    for noun in nouns:
        parts = noun.split()
        if parts[0] != following:
            continue
        end = span.end + len(parts)
        if end <= len(doc) and all(doc[span.end + k].lower_ == part for k, part in enumerate(parts)):
            best = max(best, end)
    return best


def category_phrase(token: Token, taken: set[int]) -> tuple[int, int, str] | None:
    """(start, end, canonical name) of the generic equipment phrase headed by token, if any."""
    nouns = patterns.load("equipment_nouns")
    lemma = token.lemma_.lower()
    if token.i in taken or token.pos_ != "NOUN":
        return None
    needs_modifier = lemma in nouns["needs_modifier"]
    if not (equipment_head(token) or needs_modifier):
        return None
    if token.dep_ == "compound" and not (
            token.head.lemma_.lower() in nouns["heads"] or token.head.lemma_.lower() in nouns["needs_modifier"]):
        if token.head.lemma_.lower() not in nouns["compound_heads_ok"]:
            return None
    elif token.dep_ == "compound":
        return None  # the phrase is headed further right
    vague = set(nouns["vague_modifiers"])
    doc = token.doc
    start = token.i
    while start > 0:
        left = doc[start - 1]
        modifier = left.dep_ in ("compound", "amod", "nmod", "npadvmod") or left.text == "-" or (
            left.dep_ == "punct" and left.text == "," and start - 2 >= 0 and doc[start - 2].dep_ == "amod")
        if not modifier or left.i in taken or left.like_num or not left.is_ancestor(token) and left.head != token \
                and not (left.head.i < token.i and left.head.i >= start - 1):
            break
        if left.tag_ in ("VBN", "VBD") and left.i > 0 and doc[left.i - 1].dep_ == "nsubj":
            break  # "the army shipped shells" misparsed as "shipped shells": the verb is no modifier
        start -= 1
    while start < token.i and (doc[start].is_punct or doc[start].i in taken):
        start += 1
    start = calibre_start(doc, start, taken, nouns["calibre_units"])
    words = [t for t in doc[start:token.i] if not t.is_punct]
    specific = [t for t in words if t.lower_ not in vague and t.text != "-" and not t.like_num]
    if needs_modifier and not specific:
        return None
    if any(t.lower_ in {"this", "these", "that", "those"} for t in token.lefts) and not specific:
        return None  # a reference back to something named earlier
    if any(t.dep_ == "det" and t.lower_ == "the" for t in token.lefts) and not specific:
        return None
    # drop vague words ("Western-made heavy") at the front of the phrase from mention and name
    while start < token.i and (doc[start].lower_ in vague or doc[start].is_punct
                               or doc[start + 1].text == "-" and doc[start + 2].lower_ in vague):
        start += 1
    head = token.lemma_.lower() if token.tag_ in ("NNS", "NNPS") else token.lower_
    name_tokens = [t.text.lower() for t in token.doc[start:token.i] if t.lower_ not in vague]
    name = re.sub(r"\s*-\s*", "-", " ".join([*name_tokens, head])).strip()
    if name in nouns["non_equipment_compounds"]:
        return None
    return start, token.i + 1, name





def joined_dates(dates: list[Span]) -> list[Span]:
    """"2013 and 2014", "June 1947 to October 1949": two DATE mentions joined by one word are
    one span of time."""
    joiners = set(patterns.load("dates")["span_joiners"])
    out: list[Span] = []
    for span in dates:
        if out and span.start - out[-1].end == 1 and span.doc[out[-1].end].lower_ in joiners:
            out[-1] = Span(span.doc, out[-1].start, span.end, label="DATE")
        else:
            out.append(span)
    return out


@Language.factory("kg_entity_types", default_config={})
def make_entity_types(nlp: Language, name: str):
    return EntityTypes()


class EntityTypes:
    """Maps statistical labels to contract types, fixes known errors, extends mentions
    ("Houthi forces", "northern Syria", "Timbuktu region") and adds generic equipment."""

    def __init__(self, catalog: Catalog | None = None):
        self.catalog_in_use(catalog or default_catalog())

    def catalog_in_use(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.countries = catalog_lookup(catalog)
        self.capitals = capitals(catalog)

    def __call__(self, doc: Doc) -> Doc:
        groups = patterns.load("groups")
        places = patterns.load("places")
        dates, mentions = [], []
        for ent in doc.ents:
            if ent.label_ in ("DATE",):
                dates.append(ent)
                continue
            if ent.label_ in ENTITY_TYPES:
                mentions.append(Span(doc, ent.start, ent.end, label=ent.label_, span_id=ent.id_ or 0))
                continue
            entity_type, entity_id = statistical_type(ent, self.countries)
            if entity_type in (None, "Group") and gazetteer.used_as_place(ent):
                entity_type, entity_id = "Place", None
            if entity_type is None:
                continue
            start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            if start >= ent.end:
                continue
            mentions.append(Span(doc, start, ent.end, label=entity_type, span_id=entity_id or 0))
        mentions = [m for m in mentions if self.is_name(m)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += designations(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.unlabelled_countries(doc, taken) + gazetteer.unlabelled_places(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += models_by_use(doc, taken, self.countries)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.places_by_kind(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.defined_abbreviations(doc, mentions, taken)
        mentions = [self.metonym(self.extended(m, groups, places)) for m in mentions]
        mentions = [state_forces_or_state(m, self.countries) for m in mentions]
        mentions += [organ for m in mentions if m.label_ == "Country" for organ in [state_organ(m)] if organ]
        mentions += [group for m in mentions if m.label_ == "Country" for group in [led_or_irregular(m)] if group]
        mentions += partisan_groups(doc)
        mentions = [m for m in mentions if not self.is_generic_equipment(m) and not self.is_heading(m)
                    and not self.in_a_title(m)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        # only nouns head an equipment phrase; found on the Doc's array of parts of speech, as
        # a Token object made for every word costs more than the check
        for i in np.flatnonzero(doc.to_array(POS) == NOUN).tolist():
            found = category_phrase(doc[i], taken)
            if found:
                start, end, canonical = found
                model = model_name_in(doc, start, i, self.countries)
                if model is not None:
                    for named in [model, *names_listed_before(doc, model.start, taken, self.countries)]:
                        mentions.append(named)
                        taken |= set(range(named.start, named.end))
                    continue
                span = Span(doc, start, end, label="EquipmentCategory")
                if self.is_generic_equipment(span):
                    continue
                doc.user_data.setdefault(CATEGORY_NAMES, {})[f"{span.start_char}:{span.end_char}"] = canonical
                mentions.append(span)
                taken |= set(range(start, end))
        mentions += models_before_classes(doc, mentions, self.countries)
        mentions = filter_spans(mentions)
        for mention in mentions:
            if not mention.id_:  # Doc.ents keeps a token's earlier entity id unless it is cleared
                for token in mention:
                    token.ent_id = 0
        doc.ents = [m for m in mentions if not self.names_a_model(m, mentions)]
        doc.spans[DATE_SPANS] = joined_dates(dates)
        return doc

    @staticmethod
    def is_name(span: Span) -> bool:
        """Drops fragments the model sometimes labels ("'s", "North and")."""
        if span.label_ == "EquipmentCategory":
            return True
        if span.label_ == "Group" and not span.id_ and len(span) == 1 and \
                span[0].lower_ in patterns.word_set("groups", "group_heads"):
            return False  # "Defense", "Army" alone: a fragment of a longer title
        words = [t for t in span if any(c.isalpha() for c in t.text)]
        return bool(words) and (span[0].is_upper or span[0].is_title or span[0].like_num or span[0].text[0].isupper()
                                or span.id_ != "") and span[-1].pos_ not in ("CCONJ", "ADP", "DET")

    def unlabelled_countries(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Demonyms and country names the model left unlabelled ("Syrian-made", "Soviet")."""
        out = []
        for token in doc:
            if token.i in taken or not token.text[:1].isupper():
                continue
            entry = self.countries.get(token.lower_)
            if entry is not None:
                out.append(Span(doc, token.i, token.i + 1, label="Country", span_id=entry.id))
        return out

    @staticmethod
    def places_by_kind(doc: Doc, taken: set[int]) -> list[Span]:
        """A name that a kind of place introduces ("the village of Orn", "a base at Orn", "a
        camp near Orn Dorsk") is a place, gazetteer or not."""
        places = patterns.load("places")
        kinds = set(places["settlement_nouns"]) | set(places["facility_nouns"])
        out = []
        for token in doc:
            i = token.i
            # the statistical model's label does not count: what it called an organisation or
            # a person here ("the base at El Vexa") no rule kept as an entity
            if i < 2 or i in taken or token.pos_ != "PROPN" or not token.is_title:
                continue
            before, kind = doc[i - 1], doc[i - 2]
            if before.lower_ not in ("of", "at", "near", "in") or kind.pos_ != "NOUN" or kind.lemma_.lower() not in kinds:
                continue
            end = i + 1
            while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            out.append(Span(doc, i, end, label="Place"))
            taken |= set(range(i, end))
        return out

    @staticmethod
    def defined_abbreviations(doc: Doc, mentions: list[Span], taken: set[int]) -> list[Span]:
        """"the Vexan Liberation Front (VLF) ... VLF fighters": an abbreviation the text
        defines after a name is a mention of the same kind wherever it stands later, written
        as defined (case-sensitive: "IS" defined, "is" is no mention)."""
        defined: dict[str, Span] = {}
        for m in mentions:
            if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")" \
                    and doc[m.end + 1].text.isupper() and 2 <= len(doc[m.end + 1].text) <= 6:
                defined.setdefault(doc[m.end + 1].text, m)
        out = []
        if not defined:
            return out
        for token in doc:
            m = defined.get(token.text)
            if m is not None and token.i not in taken and token.i > m.end + 1:
                out.append(Span(doc, token.i, token.i + 1, label=m.label_, span_id=m.id_ or 0))
        return out

    @staticmethod
    def in_a_title(span: Span) -> bool:
        """A place named inside the title of an agreement or an operation ("the Vexton
        Accords", "Operation Shield of Vexton") is no place the report is about."""
        if span.label_ != "Place":
            return False
        doc = span.doc
        words = patterns.load("places")
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.is_title and after.lower_ in words["title_nouns"]:
            return True
        i = span.start - 1
        while i >= max(0, span.start - 5) and (doc[i].is_title or doc[i].lower_ in ("for", "of", "the")):
            if doc[i].lower_ == "operation" and doc[i].is_title:
                return True
            i -= 1
        return False

    @staticmethod
    def is_heading(span: Span) -> bool:
        """A lone unknown name on its own line is a heading ("Background"), not a mention."""
        sent = span.sent
        return not span.id_ and span.start == sent.start and span.end >= sent.end - (1 if sent[-1].is_punct else 0)

    def names_a_model(self, span: Span, mentions: list[Span]) -> bool:
        """An equipment noun that is the head, apposition or predicate of a model's name
        ("M1 Abrams battle tank", "the Burkan-1 is a short-range ballistic missile") or a
        reference back to one ("the missile") is not a category of its own."""
        if span.label_ != "EquipmentCategory":
            return False
        head = span.root
        models = [m for m in mentions if m.label_ == "WeaponSystem"]
        for model in models:
            node = model.root
            for _ in range(3):
                if node.dep_ not in ("compound", "nmod", "amod", "npadvmod", "appos") or node.head is node:
                    break
                node = node.head
                if node.i == head.i:
                    return True
            if head.dep_ == "appos" and head.head.i in range(model.start, model.end):
                return True
            if model.end == span.start:  # "Fateh-110 missiles", however the parser attached it
                return True
        if head.dep_ in ("attr",):
            subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(m.label_ == "WeaponSystem" and m.root.i in (s.i for s in subjects) or
                   m.label_ == "WeaponSystem" and any(s.is_ancestor(m.root) or s == m.root for s in subjects)
                   for m in models):
                return True
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        specific = [t for t in span if t.i != head.i and not t.is_punct]
        if not specific and head.tag_ == "NN" and determiners & SINGLE_ITEM_DETERMINERS:
            return True  # "a launcher", "another missile", "the ship": one item, not a class
        if not determiners & {"the", "this", "these", "that", "those", "its"}:
            return False
        if not specific:
            return any(m.start < span.start for m in models)
        # "the ballistic missile" after the Vexa-1 missile was named: the model again, not a class
        category = equipment_head(head)
        return category is not None and any(m.start < span.start and self.model_category(m) == category for m in models)

    def model_category(self, model: Span) -> str | None:
        entry = self.catalog.get(model.id_) if model.id_ else None
        if entry is not None and entry.category:
            return entry.category
        following = model.doc[model.end] if model.end < len(model.doc) else None
        return equipment_head(following) if following is not None else None

    @staticmethod
    def is_generic_equipment(span: Span) -> bool:
        """"weapons", "heavy weapons", "military equipment": too vague to be a category, whatever
        the catalog lists."""
        if span.label_ != "EquipmentCategory":
            return False
        nouns = patterns.load("equipment_nouns")
        if span.root.lemma_.lower() not in nouns["needs_modifier"] and span.root.lower_ not in nouns["too_generic"]:
            return False
        vague = set(nouns["vague_modifiers"])
        return not [t for t in span if t.i != span.root.i and not t.is_punct and t.lower_ not in vague]

    def metonym(self, span: Span) -> Span:
        """A capital that acts (subject, "by" agent, possessor) is its state: "Moscow supplied"."""
        country = self.capitals.get(span.id_) if span.label_ == "Place" else None
        if country is None:
            return span
        root = span.root
        acts = root.dep_ in ("nsubj", "poss") or (root.dep_ == "pobj" and (
            root.head.dep_ == "agent" or root.head.lower_ in ("to", "from", "with", "by", "against")))
        if not acts:
            return span
        return Span(span.doc, span.start, span.end, label="Country", span_id=country.id)

    def extended(self, span: Span, groups: dict, places: dict) -> Span:
        doc = span.doc
        start, end = span.start, span.end
        if span.label_ == "WeaponSystem":
            # "T-72B3" + "M" as the tokenizer split "T-72B3M", a shorter alias before a number
            # ("Qaher" in "Qaher 7"): the longer designation is another model
            while glued_designation_part(doc, end):
                end += 1
            if end < len(doc) and doc[end - 1].is_alpha and SHORT_NUMBER.match(doc[end].text):
                end += 1
        elif span.label_ == "EquipmentCategory":
            names = doc.user_data.setdefault(CATEGORY_NAMES, {})
            start = calibre_start(doc, start, set(), patterns.load("equipment_nouns")["calibre_units"])
            if start != span.start:  # "155 mm artillery shells": a class of its own, named with its calibre
                entry = self.catalog.get(span.id_) if span.id_ else None
                base = entry.name if entry else names.get(f"{span.start_char}:{span.end_char}", span.text.lower())
                calibre = " ".join(t.lower_ for t in doc[start:span.start] if t.text != "-")
                extended = Span(doc, start, end, label=span.label_)
                names[f"{extended.start_char}:{extended.end_char}"] = f"{calibre} {base}"
                return extended
            start = hyphened_modifier_start(doc, start)
            vague = set(patterns.load("equipment_nouns")["vague_modifiers"])
            if all(t.lower_ in vague for t in doc[start:span.start] if t.is_alpha):
                start = span.start  # "long-range drones": no longer class than the drone
            if start != span.start:
                # "laser-guided bombs", "vehicle-borne improvised explosive devices": a hyphened
                # modifier makes a longer class than the catalog's, and the longest name wins;
                # it is named as written, the head made singular
                extended = Span(doc, start, end, label=span.label_)
                names[f"{extended.start_char}:{extended.end_char}"] = "".join(
                    t.lower_ + t.whitespace_ for t in doc[start:end - 1]) + doc[end - 1].lemma_.lower()
                return extended
        elif span.label_ == "Group":
            end = extend_right(span, groups["member_nouns"])
            if end == span.end and len(span) > 1 and span[-1].lower_ in groups["member_nouns"] and not span.id_:
                # "VLF fighters" labelled whole: the name inside is "VLF"
                core = doc.user_data.setdefault(CORE_MENTIONS, {})
                core[f"{span.start_char}:{span.end_char}"] = [span.start_char, span[-2].idx + len(span[-2]),
                                                              span.label_, span.id_]
                return span
        elif span.label_ == "Place":
            end = extend_right(span, places["facility_nouns"])
        if span.label_ in ("Place", "Country") and start > 0 and doc[start - 1].lower_ in places["directions"] \
                and doc[start - 1].pos_ in ("ADJ", "PROPN", "NOUN"):
            start -= 1
        if (start, end) == (span.start, span.end):
            return span
        label = "Place" if span.label_ == "Country" else span.label_
        # "Eastern Ghouta region" is Eastern Ghouta; "western Ghouta" is a place of its own
        keep_id = span.id_ if label in ("Group", "Place") and label == span.label_ and start == span.start else 0
        extended = Span(doc, start, end, label=label, span_id=keep_id or 0)
        if label == "WeaponSystem":
            return extended  # another model, not a longer name of the same one
        core = doc.user_data.setdefault(CORE_MENTIONS, {})
        core[f"{extended.start_char}:{extended.end_char}"] = [span.start_char, span.end_char, span.label_, span.id_]
        return extended
