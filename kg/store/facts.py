"""What both stores write, and how a fact is summarised from its claims.

A fact is one subject, predicate and object. Each document that tells it adds a claim,
which keeps that source's own values: sentence and offsets, date, quantities, place,
hedged, confidence. The fact's own values are derived from all of its claims by
`summarise`, the same function in both stores, and recomputed whenever a claim comes or
goes, so the order documents arrive in never changes the graph:

- date: the one most stories agree with (two dates agree when their intervals overlap:
  "2018" and "2018-04-20"), the most precise of those; quantity and each weapon's count:
  the value most stories give (near-copies of one story vote once);
- conflicting: two documents give dates that cannot both be true, or different counts;
- hedged: only while every claim hedges; confidence: the highest;
- sources: the documents that tell it; independent_sources: their stories, near-copies of
  one story counting once;
- each claim's credibility (the Admiralty scale's 1-6, see `credibility`), from the other
  stories that corroborate it, its hedging, and whether they rule out its date or count.
"""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from kg import __version__
from kg.model import Extraction, date_bounds, date_precision, date_text
from kg.lineage import PUBLISHER as CATALOG_PUBLISHER
from kg.store import near_copies

# The graph model a store holds; a store written by another is refused (see Store).
GRAPH_MODEL = 2
EXTRACTOR = f"kg {__version__}"
# precision rank, most precise first, for choosing among agreeing dates
_PRECISION = {"day": 0, "month": 1, "year": 2, "span": 3, "day_of_year_unknown": 4}


def rel_type(predicate: str) -> str:
    return predicate.upper()


@dataclass(frozen=True)
class GraphRows:
    """One Extraction as the rows a store writes (plain values, ready for UNWIND)."""

    document: dict[str, Any]
    entities: list[dict[str, Any]]
    mentions: list[str]  # entity ids the document mentions
    facts: list[dict[str, Any]]  # id, p, rel, s, o: the facts the document tells
    claims: list[dict[str, Any]]  # one per fact: this document's telling of it
    items: list[dict[str, Any]]  # claim, weapon, quantity: the weapons a claim names


def stored_file_name(source: str | None) -> str | None:
    """What is kept of where a document was loaded from: an address as is, a local path by
    its file name only, so that no store or export leaks the analyst's folders."""
    if not source:
        return None
    if "://" in source:
        return source
    return PurePosixPath(source.replace("\\", "/")).name or None


def graph_rows(extraction: Extraction) -> GraphRows:
    doc = extraction.document
    published_start, _ = date_bounds(doc.published)
    minhash = near_copies.signature(doc.text)
    facts, claims, items, seen = [], [], [], set()
    for r in extraction.relations:
        if r.fact_id in seen:  # a document telling a fact twice is still one source of it
            continue
        seen.add(r.fact_id)
        s, o = r.endpoints()
        facts.append({"id": r.fact_id, "p": r.p, "rel": rel_type(r.p), "s": s, "o": o})
        start, end = date_bounds(r.date)
        claims.append({
            "id": r.claim_id, "fact": r.fact_id, "doc_id": doc.id,
            "sentence": r.evidence.sentence, "sentence_start": r.evidence.start,
            "sentence_end": r.evidence.end,
            "date": date_text(r.date), "date_start": start, "date_end": end,
            "date_precision": date_precision(r.date), "quantity": r.quantity, "place": r.place,
            "hedged": r.hedged, "confidence": float(r.confidence), "extractor": EXTRACTOR,
            "credibility": None,  # set when the fact is summarised
        })
        # the weapon a fact is about is one of its items too: what a holder has, what a
        # country makes (so that a system's custody chain is one pattern)
        about = {"has_equipment": o, "origin_country": s}.get(r.p)
        named = [*r.weapons, about] if about and about not in r.weapons else r.weapons
        held = {o: r.quantity} if r.p == "has_equipment" and r.quantity is not None else {}
        items += [{"claim": r.claim_id, "weapon": w, "quantity": r.counts.get(w, held.get(w))}
                  for w in named]
    return GraphRows(
        document={"id": doc.id, "title": doc.title, "published": doc.published,
                  "published_date": published_start, "url": doc.url,
                  "publisher": doc.publisher, "reliability": doc.reliability or "F",
                  "file": stored_file_name(doc.source),
                  "story": doc.id, "minhash": minhash,
                  # the catalog's own documents are alike by design, and copy nothing
                  "bands": [] if doc.publisher == CATALOG_PUBLISHER else near_copies.band_keys(minhash),
                  "text": doc.text},
        entities=[{"id": e.id, "name": e.name, "type": e.type, "category": e.category,
                   "aliases": list(e.aliases), "in_catalog": e.in_catalog, "latitude": e.latitude,
                   "longitude": e.longitude, "geonames_id": e.geonames_id}
                  for e in extraction.entities],
        mentions=list(dict.fromkeys(e.id for e in extraction.entities)),
        facts=facts, claims=claims, items=items,
    )


@dataclass
class StoredClaim:
    """A claim as summarise() reads it back from a store."""

    id: str
    doc_id: str
    story: str
    date: str | None
    date_start: datetime.date | None
    date_end: datetime.date | None
    date_precision: str | None
    quantity: int | None
    place: str | None
    hedged: bool
    confidence: float
    items: dict[str, int | None] = field(default_factory=dict)  # weapon id -> its count


def _agree(a: StoredClaim, b: StoredClaim) -> bool:
    """Whether both dates can be true of one event: their intervals overlap; a day without a
    year agrees with a date of that month and day, or with another such day only if equal."""
    if a.date_start is None and a.date_end is None or b.date_start is None and b.date_end is None:
        yearless = [c.date for c in (a, b) if c.date and c.date.startswith("--")]
        if not yearless:
            return True  # an open interval on both sides states nothing to disagree with
        other = b.date if a.date in yearless else a.date
        return bool(other) and (other == yearless[0] or other.endswith(yearless[0][1:]))
    low = max(d for d in (a.date_start, b.date_start, datetime.date.min) if d is not None)
    high = min(d for d in (a.date_end, b.date_end, datetime.date.max) if d is not None)
    return low <= high


def _most_told(claims: list[StoredClaim], value) -> Any:
    """The value most stories give (the smallest of the tied, for a stable choice), or None."""
    counts = Counter(v for v, _ in {(value(c), c.story) for c in claims} if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    return min((v for v, n in counts.items() if n == top), key=str)


def _disagree(claims: list[StoredClaim], value) -> bool:
    """Two documents give different non-null values."""
    by_value: dict[Any, set[str]] = {}
    for c in claims:
        v = value(c)
        if v is not None:
            by_value.setdefault(v, set()).add(c.doc_id)
    return len(by_value) > 1 and len(set().union(*by_value.values())) > 1


def summarise(claims: list[StoredClaim]) -> dict[str, Any]:
    """A fact's own values from its claims (see the module's docstring); claims non-empty."""
    claims = sorted(claims, key=lambda c: c.id)
    dated = [c for c in claims if c.date]
    chosen = None
    if dated:
        chosen = min(dated, key=lambda c: (-len({o.story for o in dated if _agree(c, o)}),
                                           _PRECISION.get(c.date_precision or "", 9),
                                           c.date_start or datetime.date.max, c.date))
    date_conflict = any(not _agree(a, b) for a in dated for b in dated if a.doc_id != b.doc_id)
    weapons = sorted({w for c in claims for w in c.items})
    count_conflict = _disagree(claims, lambda c: c.quantity) or any(
        _disagree(claims, lambda c, w=w: c.items.get(w)) for w in weapons)
    quantity = _most_told(claims, lambda c: c.quantity)
    items = {w: _most_told(claims, lambda c, w=w: c.items.get(w)) for w in weapons}
    stories = {c.story for c in claims}

    def contradicted(c: StoredClaim) -> bool:
        """The claim gives a date or a count that what most stories give rules out."""
        return ((c.date is not None and chosen is not None and not _agree(c, chosen))
                or (c.quantity is not None and quantity is not None and c.quantity != quantity)
                or any(n is not None and items[w] is not None and n != items[w]
                       for w, n in c.items.items()))

    return {
        "date": chosen.date if chosen else None,
        "date_start": chosen.date_start if chosen else None,
        "date_end": chosen.date_end if chosen else None,
        "date_precision": chosen.date_precision if chosen else None,
        "quantity": quantity,
        "place": _most_told(claims, lambda c: c.place),
        "hedged": all(c.hedged for c in claims),
        "confidence": max(c.confidence for c in claims),
        "sources": len({c.doc_id for c in claims}),
        "independent_sources": len(stories),
        "conflicting": date_conflict or count_conflict,
        "items": [{"weapon": w, "quantity": n} for w, n in items.items()],
        "credibility": {c.id: credibility(corroborating=len(stories - {c.story}),
                                          hedged=c.hedged, contradicted=contradicted(c))
                        for c in claims},
    }


def credibility(*, corroborating: int, hedged: bool, contradicted: bool) -> int:
    """A claim's information credibility on the Admiralty scale, from what the graph knows:
    1 confirmed (two or more other independent stories tell the fact), 2 probably true (one
    does), 3 possibly true (none does; or it is hedged but corroborated), 4 doubtful (hedged
    and uncorroborated), 5 improbable (other stories rule out its date or count). 6, "cannot
    be judged", is the analyst's to give."""
    if contradicted:
        return 5
    if hedged:
        return 3 if corroborating else 4
    return {0: 3, 1: 2}.get(corroborating, 1)
