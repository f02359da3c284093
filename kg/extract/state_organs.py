"""part_of for a state's own organs, read over the whole document once its mentions are
resolved: a force, branch, command, ministry or agency the text ties to its state (by name,
"the Ruritanian navy", "Ruritania's defence ministry", or as the catalog's parent) is part_of
that state, or of the larger force it belongs to, where the document names that parent too
(SCHEMA.md, Conventions: State organs)."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from kg.catalog import Catalog
from kg.extract import patterns
from kg.extract.entities import catalog_lookup
from kg.model import Entity, Evidence, Relation

CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def organ_heads() -> tuple[tuple[str, ...], ...]:
    """The organ nouns as word tuples, longest first ("armed forces" before "forces")."""
    heads = {tuple(h.lower().split()) for h in patterns.load("groups")["state_organ_heads"]}
    return tuple(sorted(heads, key=len, reverse=True))


def named_state(alias: str, catalog: Catalog) -> str | None:
    """The country id a group's name ties it to: a demonym or the state's name (possessive or
    not) opening a name that ends in an organ noun ("Ruritanian military intelligence")."""
    words = alias.replace("’", "'").split()
    if len(words) < 2:
        return None
    if not any(tuple(w.lower() for w in words[-len(h):]) == h for h in organ_heads() if len(h) < len(words)):
        return None
    countries = catalog_lookup(catalog)
    for size in (3, 2, 1):  # "United Arab Emirates", "South Korean", "Iraqi"
        if size >= len(words):
            continue
        owner = " ".join(words[:size]).lower().removeprefix("the ")
        country = countries.get(owner.removesuffix("'s").removesuffix("'"))
        if country is not None:
            return country.id
    return None


def state_organ_relations(*, entities: list[Entity], mention_spans: dict[str, list[tuple[int, int]]],
                          catalog: Catalog, sentence_bounds: list[tuple[int, int]], doc_id: str,
                          text: str) -> list[Relation]:
    """`mention_spans`: entity id -> character spans of its mentions, in text order;
    `sentence_bounds`: the document's sentences as (start, end), in order."""
    present = {e.id for e in entities}
    starts = [s for s, _ in sentence_bounds]

    def sentence_of(offset: int) -> tuple[int, int]:
        return sentence_bounds[max(bisect_right(starts, offset) - 1, 0)]

    out = []
    for group in (e for e in entities if e.type == "Group"):
        entry = catalog.get(group.id)
        parents = [p for p in (entry.part_of if entry else ()) if p in present]
        for alias in group.aliases:
            state = named_state(alias, catalog)
            if state in present and state not in parents:
                parents.append(state)
        for parent in parents:
            if parent == group.id:
                continue
            # the evidence: a sentence naming both where there is one, else the group's first
            together = [s for s in map(sentence_of, (a for a, _ in mention_spans[group.id]))
                        if any(s[0] <= a < s[1] for a, _ in mention_spans.get(parent, []))]
            start, end = together[0] if together else sentence_of(mention_spans[group.id][0][0])
            out.append(Relation(s=group.id, p="part_of", o=parent, confidence=CONFIDENCE,
                                evidence=Evidence(doc_id=doc_id, sentence=text[start:end], start=start, end=end)))
    return out
