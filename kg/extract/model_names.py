"""Names of equipment models that no catalog lists, read from their shape and their place
in the sentence: designations ("T-90M", "Type 79", "Qaher 7 missiles"), capitalised names
before an equipment class ("Kestrel drones", "the Vexa, Kestrel and Storm carriers"), names
fielded or received ("began receiving Kestrels"); and the reading of an equipment phrase's
start (calibres, hyphened modifiers) that decides how long its class's name is. Used by the
type component (kg/extract/entities.py); `countries` is the catalog's countries by name and
demonym, which are never model names."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.catalog import CatalogEntry
from kg.extract import patterns

SHORT_CODE = re.compile(r"^[A-Z]{1,3}$")  # "MG 34", "P 18": letters, then a number
SHORT_NUMBER = re.compile(r"^\d{1,3}[A-Z]?$")


@lru_cache(maxsize=1)
def designator_re() -> tuple[re.Pattern, re.Pattern]:
    rules = patterns.load("type_rules")
    return re.compile(rules["designator_regex"]), re.compile(rules["designator_block_regex"])


def is_designator(text: str) -> bool:
    allowed, blocked = designator_re()
    return bool(allowed.match(text)) and not blocked.match(text)


def equipment_head(token: Token) -> str | None:
    nouns = patterns.load("equipment_nouns")
    lemma = token.lemma_.lower()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return nouns["heads"].get(lemma) or nouns["heads"].get(token.lower_)


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


def models_by_use(doc: Doc, taken: set[int], countries: dict[str, CatalogEntry]) -> list[Span]:
    """A capitalised name no one labelled that is the object of a verb of fielding or
    receiving equipment ("began receiving Kestrels", "pilots flew the Vexa") names a
    model, and so do the names listed with it."""
    verbs = patterns.word_set("type_rules", "equipment_verbs")

    def unclaimed(t: Token) -> bool:
        # a plural the model took for a person is a fleet ("Kestrels"), not a person
        return t.i not in taken and t.tag_ in ("NNP", "NNPS") and t.lower_ not in countries and (
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


def model_name_in(doc: Doc, start: int, head: int, countries: dict[str, CatalogEntry]) -> Span | None:
    """"the Vexa missile", "Kestrel drones": a capitalised name opening an equipment phrase
    is the model's name, not a modifier of a class (not a sentence's first word, a
    demonym or a word of the class itself)."""
    end = start
    while end < head and is_model_word(doc[end], countries):
        end += 1
    return Span(doc, start, end, label="WeaponSystem") if end > start else None


def is_model_word(token: Token, countries: dict[str, CatalogEntry], taken: set[int] = frozenset()) -> bool:
    return token.pos_ in ("PROPN", "NOUN") and token.is_title and not token.is_sent_start and token.i not in taken \
        and token.lower_ not in countries and equipment_head(token) is None \
        and token.lower_ not in patterns.word_set("groups", "group_heads")


def models_before_classes(doc: Doc, mentions: list[Span], countries: dict[str, CatalogEntry]) -> list[Span]:
    """"Tiger armoured personnel carriers" where the catalog matched the class: the name
    before it (and those listed with it) are models of that class."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in [m for m in mentions if m.label_ == "EquipmentCategory" and m.start > 0]:
        if is_model_word(doc[m.start - 1], countries, taken):
            start = m.start - 1
            while start > 0 and is_model_word(doc[start - 1], countries, taken):
                start -= 1  # "Storm Shadow missiles"
            model = Span(doc, start, m.start, label="WeaponSystem")
            for named in [model, *names_listed_before(doc, model.start, taken, countries)]:
                out.append(named)
                taken |= set(range(named.start, named.end))
    return out


def names_listed_before(doc: Doc, start: int, taken: set[int], countries: dict[str, CatalogEntry]) -> list[Span]:
    """"the Vexa, Kestrel and Storm carriers": the names listed before the one that opens
    an equipment phrase are models of that class too."""
    out, i = [], start - 1
    while i > 0 and doc[i].lower_ in (",", "and", "or") and i not in taken:
        j = i - 1 if doc[i - 1].lower_ not in (",", "and", "or") else i - 2  # ", and"
        if j < 0 or not is_model_word(doc[j], countries, taken):
            break
        out.append(Span(doc, j, j + 1, label="WeaponSystem"))
        i = j - 1
    return out
