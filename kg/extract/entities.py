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
from kg.model import ENTITY_TYPES

DATE_SPANS = "kg_dates"
SINGLE_ITEM_DETERMINERS = {"a", "an", "another", "the", "this", "that", "each", "every", "one"}
SHORT_CODE = re.compile(r"^[A-Z]{1,3}$")  # "MG 34", "P 18": letters, then a number
SHORT_NUMBER = re.compile(r"^\d{1,3}[A-Z]?$")
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


@lru_cache(maxsize=1)
def designator_re() -> tuple[re.Pattern, re.Pattern]:
    rules = patterns.load("type_rules")
    return re.compile(rules["designator_regex"]), re.compile(rules["designator_block_regex"])


# ---------------------------------------------------------------- label mapping component

def is_designator(text: str) -> bool:
    allowed, blocked = designator_re()
    return bool(allowed.match(text)) and not blocked.match(text)


def equipment_head(token: Token) -> str | None:
    nouns = patterns.load("equipment_nouns")
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return nouns["heads"].get(lemma) or nouns["heads"].get(token.lower_)


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


def acts_armed(span: Span) -> bool:
    """The name is the doer of an armed act ("X fired rockets", "claimed by X"), is followed by
    a member noun ("X fighters"), or owns equipment ("X rockets")."""
    root, doc = span.root, span.doc
    acts = patterns.word_set("groups", "armed_acts")
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in patterns.word_set("groups", "member_nouns"):
        return True
    if root.dep_ in ("compound", "poss", "nmod") and equipment_head(root.head) is not None:
        return True
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "by" else root.head
    doer = root.dep_ == "nsubj" or root.dep_ == "pobj" and root.head.lower_ == "by"
    while doer and verb.dep_ in ("xcomp", "aux") and verb.head is not verb:
        verb = verb.head
    if not doer or verb.lemma_.lower() not in acts:
        return False
    if verb.lemma_.lower() not in patterns.word_set("groups", "armed_acts_by_object"):
        return True
    # "fired rockets", "claimed the attack", not "fired a manager" or "launched a phone"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + ([root.head.head] if root.dep_ == "pobj" else [])
    return any(equipment_head(o) is not None or o.lemma_.lower() in patterns.word_set("groups", "armed_act_objects")
               for o in objects)


def names_an_equipment_phrase(span: Span) -> bool:
    """The name opens an equipment phrase: its own head ("Vexa rocket"), part of a longer one
    ("rocket launcher"), or one whose modifiers come first ('"Vexa" cruise missiles', "Vexa
    unmanned aerial vehicles")."""
    doc = span.doc
    if span[-1].lower_ in patterns.word_set("groups", "group_heads"):
        return False  # "Navy ships", "Army trucks": a force's equipment, not a model's name
    i = span.end
    while i < len(doc) and doc[i].text in ('"', "'", "’", "”") and i < span.end + 1:
        i += 1
    for j in range(i, min(i + 4, len(doc))):
        token = doc[j]
        if equipment_head(token) is not None:
            return token.dep_ != "compound" or (token.head.i > token.i and equipment_head(token.head) is not None)
        if token.pos_ not in ("ADJ", "NOUN", "VERB") or token.dep_ not in ("amod", "compound", "nmod"):
            return False
    return False


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


def glued_designation_part(doc: Doc, i: int) -> bool:
    """Token i continues the designation before it without a space: "T-72B3" + "M", "Scud" +
    "-" + "B" (the tokenizer splits a hyphen before a letter), not "Scud" + "-based"."""
    if i >= len(doc) or doc[i - 1].whitespace_:
        return False
    if doc[i].text.isalnum():
        return True
    after = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].text == "-" and not doc[i].whitespace_ and after is not None and (
        after.text[:1].isupper() or after.text[:1].isdigit())


def hyphened_modifier_start(doc: Doc, start: int) -> int:
    """Where a phrase starts with the hyphened modifiers written right before it ("laser-" in
    "laser-guided bomb", "vehicle-borne" before "improvised explosive device")."""
    def glued(i: int) -> bool:  # token i, a hyphen, token i + 2, no spaces between
        return i >= 0 and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_ \
            and doc[i].is_alpha and doc[i].ent_type_ in ("", "EquipmentCategory")
    while True:
        if start >= 2 and glued(start - 2):
            start -= 2  # "laser-" + "guided bomb"
        elif start >= 3 and glued(start - 3) and doc[start - 1].is_alpha:
            start -= 3  # "vehicle-borne" + "improvised explosive device"
        else:
            return start


def calibre_start(doc: Doc, start: int, taken: set[int], units: list[str]) -> int:
    """Where a phrase starts with its calibre ("155 mm artillery shell", "a 120-mm mortar"),
    read from the words, since the parser hangs the number anywhere: a number, an optional
    hyphen and a unit right before the phrase, or a unit that opens it."""
    unit = start if doc[start].lower_ in units else start - 1
    if unit < 1 or doc[unit].lower_ not in units:
        return start
    number = unit - 1 - (doc[unit - 1].text == "-")
    if number >= 0 and doc[number].like_num and number not in taken and unit not in taken:
        return number
    return start


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
        mentions += self.designations(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.unlabelled_countries(doc, taken) + gazetteer.unlabelled_places(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.models_by_use(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.places_by_kind(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self.defined_abbreviations(doc, mentions, taken)
        mentions = [self.metonym(self.extended(m, groups, places)) for m in mentions]
        mentions = [self.state_forces_or_state(m) for m in mentions]
        mentions += [organ for m in mentions if m.label_ == "Country" for organ in [self.state_organ(m)] if organ]
        mentions += [group for m in mentions if m.label_ == "Country" for group in [self.led_or_irregular(m)] if group]
        mentions += self.partisan_groups(doc)
        mentions = [m for m in mentions if not self.is_generic_equipment(m) and not self.is_heading(m)
                    and not self.in_a_title(m)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        # only nouns head an equipment phrase; found on the Doc's array of parts of speech, as
        # a Token object made for every word costs more than the check
        for i in np.flatnonzero(doc.to_array(POS) == NOUN).tolist():
            found = category_phrase(doc[i], taken)
            if found:
                start, end, canonical = found
                model = self.model_name_in(doc, start, i)
                if model is not None:
                    for named in [model, *self.names_listed_before(doc, model.start, taken)]:
                        mentions.append(named)
                        taken |= set(range(named.start, named.end))
                    continue
                span = Span(doc, start, end, label="EquipmentCategory")
                if self.is_generic_equipment(span):
                    continue
                doc.user_data.setdefault(CATEGORY_NAMES, {})[f"{span.start_char}:{span.end_char}"] = canonical
                mentions.append(span)
                taken |= set(range(start, end))
        mentions += self.models_before_classes(doc, mentions)
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

    @staticmethod
    def designations(doc: Doc, taken: set[int]) -> list[Span]:
        """Equipment designations the catalog does not know, whatever the statistical model
        made of them: codes ("T-90M", "Su-30SM", "Tor-M2"), read over the tokens the
        tokenizer split without a space between ("T-72B3" + "M"); a designation word and a
        number ("Type 79", "Mark 48"); letters and a number ("MG 34"); a name and a number
        before an equipment noun ("Qaher 2 missiles"); and a name after the code ("AIM-9
        Sidewinder"). Read here rather than by a ruler: compiled regexes over the tokens cost
        a fraction of a token-pattern matcher."""
        allowed, blocked = designator_re()
        rules = patterns.load("type_rules")
        words, not_names = set(rules["designation_words"]), set(rules["designation_blocked_words"])
        out = []
        i = 0
        while i < len(doc):
            end = None
            if i not in taken:
                glued = doc[i].text
                for j in range(i + 1, min(i + 6, len(doc) + 1)):
                    if j > i + 1:
                        if doc[j - 2].whitespace_ or j - 1 in taken:
                            break
                        glued += doc[j - 1].text
                    if allowed.match(glued) and not blocked.match(glued):
                        end = j
            number = doc[i + 1] if i + 1 < len(doc) and i + 1 not in taken else None
            if end is None and number is not None and i not in taken and SHORT_NUMBER.match(number.text):
                word = doc[i].text
                after = doc[i + 2] if i + 2 < len(doc) else None
                if word in words or SHORT_CODE.match(word):
                    end = i + 2
                elif word.istitle() and word not in not_names and doc[i].pos_ in ("PROPN", "NOUN") \
                        and after is not None and equipment_head(after) is not None:
                    end = i + 2
            if end is None:
                i += 1
                continue
            if end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title \
                    and doc[end].text not in not_names:
                end += 1  # "AIM-9 Sidewinder"
            out.append(Span(doc, i, end, label="WeaponSystem"))
            i = end
        return out

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
            if not (before.lower_ == "of" and kind.lemma_.lower() in kinds and kind.pos_ == "NOUN"
                    or before.lower_ in ("at", "near", "in") and kind.lemma_.lower() in kinds and kind.pos_ == "NOUN"):
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

    def models_by_use(self, doc: Doc, taken: set[int]) -> list[Span]:
        """A capitalised name no one labelled that is the object of a verb of fielding or
        receiving equipment ("began receiving Kestrels", "pilots flew the Vexa") names a
        model, and so do the names listed with it."""
        verbs = patterns.word_set("type_rules", "equipment_verbs")

        def unclaimed(t: Token) -> bool:
            # a plural the model took for a person is a fleet ("Kestrels"), not a person
            return t.i not in taken and t.tag_ in ("NNP", "NNPS") and t.lower_ not in self.countries and (
                not t.ent_type_ or t.ent_type_ in ("PRODUCT", "PERSON") and t.text.endswith("s"))

        out = []
        for token in doc:
            if token.dep_ != "dobj" or not unclaimed(token) or token.head.lemma_.lower() not in verbs:
                continue
            for name in (token, *token.conjuncts):
                if unclaimed(name):
                    start = min(t.i for t in name.subtree if t.dep_ == "compound" and t.tag_ == "NNP") \
                        if any(t.dep_ == "compound" and t.tag_ == "NNP" for t in name.lefts) else name.i
                    out.append(Span(doc, start, name.i + 1, label="WeaponSystem"))
                    taken |= set(range(start, name.i + 1))
        return out

    def model_name_in(self, doc: Doc, start: int, head: int) -> Span | None:
        """"the Vexa missile", "Kestrel drones": a capitalised name opening an equipment phrase
        is the model's name, not a modifier of a class (not a sentence's first word, a
        demonym or a word of the class itself)."""
        end = start
        while end < head and self.is_model_word(doc[end]):
            end += 1
        return Span(doc, start, end, label="WeaponSystem") if end > start else None

    def is_model_word(self, token: Token, taken: set[int] = frozenset()) -> bool:
        return token.pos_ in ("PROPN", "NOUN") and token.is_title and not token.is_sent_start and token.i not in taken \
            and token.lower_ not in self.countries and equipment_head(token) is None \
            and token.lower_ not in patterns.word_set("groups", "group_heads")

    def models_before_classes(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """"Tiger armoured personnel carriers" where the catalog matched the class: the name
        before it (and those listed with it) are models of that class."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for m in [m for m in mentions if m.label_ == "EquipmentCategory" and m.start > 0]:
            if self.is_model_word(doc[m.start - 1], taken):
                start = m.start - 1
                while start > 0 and self.is_model_word(doc[start - 1], taken):
                    start -= 1  # "Storm Shadow missiles"
                model = Span(doc, start, m.start, label="WeaponSystem")
                for named in [model, *self.names_listed_before(doc, model.start, taken)]:
                    out.append(named)
                    taken |= set(range(named.start, named.end))
        return out

    def names_listed_before(self, doc: Doc, start: int, taken: set[int]) -> list[Span]:
        """"the Vexa, Kestrel and Storm carriers": the names listed before the one that opens
        an equipment phrase are models of that class too."""
        out, i = [], start - 1
        while i > 0 and doc[i].lower_ in (",", "and", "or") and i not in taken:
            j = i - 1 if doc[i - 1].lower_ not in (",", "and", "or") else i - 2  # ", and"
            if j < 0 or not self.is_model_word(doc[j], taken):
                break
            out.append(Span(doc, j, j + 1, label="WeaponSystem"))
            i = j - 1
        return out

    def state_organ(self, country: Span) -> Span | None:
        """A state's organ named by its demonym or name and an organ noun the catalog does not
        list ("the Chilean coast guard", "Peru's defence ministry", "Jordan's Ministry of
        Defence"): a Group of its own, which kg.extract.state_organs makes part_of the state."""
        doc = country.doc
        heads = {h.split()[-1] for h in patterns.load("groups")["state_organ_heads"]}
        i = country.end + (1 if country.end < len(doc) and doc[country.end].tag_ == "POS" else 0)
        end = None
        for j in range(i, min(i + 4, len(doc))):
            token = doc[j]
            if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.ent_id or token.ent_type_ in (
                    "WeaponSystem", "EquipmentCategory"):
                break  # "Iran's Revolutionary Guard": a catalog name of its own
            if token.lower_ in heads and not (token.dep_ in ("amod", "compound", "nmod") and token.head.i > j):
                end = j + 1
        if end is None:
            return None
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_title:
            end += 2  # "Ministry of Defence"
        return Span(doc, country.start, end, label="Group")

    def led_or_irregular(self, country: Span) -> Span | None:
        """"the Vexan-led coalition", "Vexan rebels": a group the text names by a state it is
        led by, or by the people its irregular fighters come from (not "Vexan soldiers", who
        are the state's own)."""
        doc, end = country.doc, country.end
        groups = patterns.load("groups")
        if end + 2 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "led":
            for last in (end + 2, end + 3):  # "the Vexan-led (military) coalition"
                if last < len(doc) and doc[last].lower_ in groups["coalition_words"]:
                    return Span(doc, country.start, last + 1, label="Group")
                if last < len(doc) and doc[last].pos_ != "ADJ":
                    break
        if end < len(doc) and doc[end].lemma_.lower() in groups["irregular_nouns"] and not doc[end].ent_type_:
            return Span(doc, country.start, end + 1, label="Group")
        return None

    @staticmethod
    def partisan_groups(doc: Doc) -> list[Span]:
        """"pro-government forces", "anti-junta militias": a side named by what it stands for."""
        groups = patterns.load("groups")
        heads = set(groups["irregular_nouns"]) | set(groups["member_nouns"])
        out = []
        for token in doc:
            if token.lower_ in ("pro", "anti") and token.i + 3 < len(doc) and doc[token.i + 1].text == "-" \
                    and doc[token.i + 3].lemma_.lower() in heads and not any(
                        t.ent_type_ for t in doc[token.i:token.i + 4]):
                out.append(Span(doc, token.i, token.i + 4, label="Group"))
        return out

    def state_forces_or_state(self, span: Span) -> Span:
        """"US military assistance" read as a force by the catalog's patterns: where the force
        noun only modifies a noun of the state's giving, the state gives, not its forces."""
        last = span[-1]
        if span.label_ != "Group" or len(span) < 2 or last.dep_ not in ("amod", "compound") or last.head.i <= last.i:
            return span
        if last.head.lemma_.lower() not in patterns.word_set("groups", "state_giving_nouns"):
            return span
        country = self.countries.get(span[:-1].text.lower().removeprefix("the "))
        if country is None:
            return span
        return Span(span.doc, span.start, span.end - 1, label="Country", span_id=country.id)

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
