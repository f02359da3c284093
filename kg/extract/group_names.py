"""Armed groups no catalog lists, named by what they do or how the text ties them to a
state: an organisation that acts armed ("X fired rockets"), a state's organ ("Peru's defence
ministry"), a coalition a state leads, a people's irregulars ("Vexan rebels"), a side named by
what it stands for ("pro-government forces"); and the state itself where a force noun only
modifies its giving ("US military assistance"). Used by the type component
(kg/extract/entities.py)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.catalog import CatalogEntry
from kg.extract import patterns
from kg.extract.model_names import equipment_head


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


def state_organ(country: Span) -> Span | None:
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


def led_or_irregular(country: Span) -> Span | None:
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


def state_forces_or_state(span: Span, countries: dict[str, CatalogEntry]) -> Span:
    """"US military assistance" read as a force by the catalog's patterns: where the force
    noun only modifies a noun of the state's giving, the state gives, not its forces."""
    last = span[-1]
    if span.label_ != "Group" or len(span) < 2 or last.dep_ not in ("amod", "compound") or last.head.i <= last.i:
        return span
    if last.head.lemma_.lower() not in patterns.word_set("groups", "state_giving_nouns"):
        return span
    country = countries.get(span[:-1].text.lower().removeprefix("the "))
    if country is None:
        return span
    return Span(span.doc, span.start, span.end - 1, label="Country", span_id=country.id)
