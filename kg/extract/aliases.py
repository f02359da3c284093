"""Names the text gives as other names of one model or group: "the Vexa-5, also known as the
Storm-2", "was exported as the VX-5", "originally designated Kestrel-101 and Type 77", "(NATO
reporting name AA-9 Amos)". Read on the surface, since the parser often misattaches such
names: the names right after a naming cue are aliases of the nearest mention of the same
type before it in the sentence. The resolved entities are then merged (assemble.py)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract import patterns

AFTER_CUE = 4  # tokens between a naming cue and the name it introduces ("as the", "NATO reporting name")
JOINERS = {"as", "nato", "reporting", "originally", "also", "later"}  # words between a cue and its name


def naming_cues() -> tuple[dict[str, bool], frozenset[str]]:
    """Cue lemmas -> whether they need "as" after them ("known as"), and cue nouns."""
    data = patterns.load("relation_triggers")["alias_cues"]
    verbs = {c.split()[0]: c.endswith(" as") for c in data if " " not in c or c.endswith(" as")}
    nouns = frozenset(c.split()[-1] for c in data if " " in c and not c.endswith(" as"))
    return verbs, nouns


def alias_pairs(doc: Doc, mentions: list[Span]) -> list[tuple[Span, Span]]:
    """(alias mention, mention it names) pairs, both WeaponSystem or both Group."""
    verbs, nouns = naming_cues()
    by_start = {m.start: m for m in mentions}
    out = []
    for sent in doc.sents:
        inside = [m for m in mentions if sent.start <= m.start < sent.end]
        for token in sent:
            lemma = token.lemma_.lower()
            is_cue = (lemma in verbs and (not verbs[lemma] or token.i + 1 < sent.end and doc[token.i + 1].lower_ == "as")
                      and token.pos_ in ("VERB", "AUX")) or (token.lower_ in nouns and token.pos_ == "NOUN")
            if not is_cue:
                continue
            names: list[Span] = []
            i, gap = token.i + 1, 0
            while i < sent.end and gap <= AFTER_CUE:
                alias = by_start.get(i)
                if alias is not None and alias.label_ in ("WeaponSystem", "Group") and (
                        not names or alias.label_ == names[0].label_):
                    names.append(alias)
                    i, gap = alias.end, 0
                    continue
                if alias is not None or not (doc[i].pos_ in ("DET", "ADV", "PUNCT", "CCONJ", "PART")
                                             or doc[i].lower_ in JOINERS or doc[i].lower_ in nouns):
                    break  # "called on Hezbollah to ...": a preposition or a verb, no name
                gap += 1
                i += 1
            before = [m for m in inside if m.end <= token.i and names and m.label_ == names[0].label_]
            out += [(alias, before[-1]) for alias in names] if before else []
    return out
