"""From an annotated Doc to the Extraction value: mentions resolved to entities, relations
checked against the contract's types, merged per fact, dated and given their evidence."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.catalog import Catalog
from kg.extract.aliases import alias_pairs
from kg.extract.dates import DateMention, reference_date
from kg.extract.entities import CATEGORY_NAMES, CORE_MENTIONS
from kg.extract.relations import RELATIONS
from kg.extract.state_organs import state_organ_relations
from kg.model import EQUIPMENT_TYPES, SIGNATURES, SYMMETRIC, Document, Entity, Evidence, Extraction, Relation
from kg.resolve import Mention, Resolver


def _mention(data: list, doc: Doc, text: str) -> Mention:
    """`text` is the document's text (Doc.text rebuilds it from every token on each call)."""
    start, end, label, catalog_id = data
    key = f"{start}:{end}"
    core = doc.user_data.get(CORE_MENTIONS, {}).get(key)
    return Mention(start=start, end=end, text=text[start:end], type=label, catalog_id=catalog_id or None,
                   name=doc.user_data.get(CATEGORY_NAMES, {}).get(key),
                   core_text=text[core[0]:core[1]] if core and core[2] == label else None)


def extraction_from_doc(doc: Doc, document: Document, *, catalog: Catalog) -> Extraction:
    raw = doc.user_data.get(RELATIONS, [])
    mentions: dict[tuple[int, int], Mention] = {}
    for ent in doc.ents:
        mentions[(ent.start_char, ent.end_char)] = _mention(
            [ent.start_char, ent.end_char, ent.label_, ent.id_], doc, document.text)
    for rel in raw:
        for data in (rel["s"], rel["o"], rel["place"], *rel["weapons"]):
            if data is not None and (data[0], data[1]) not in mentions:
                mentions[(data[0], data[1])] = _mention(data, doc, document.text)
    entities, assigned = Resolver(catalog).resolve(list(mentions.values()), document.text)
    entities = merge_named_aliases(entities, assigned, alias_pairs(doc, list(doc.ents)))
    types = {e.id: e.type for e in entities}
    written = reference_date(text=document.text, published=document.published)
    # relative dates ("a few days ago") count back from publication, else from the dateline
    published = document.published or (written.iso() if written else None)

    merged: dict[tuple[str, str, str], Relation] = {}
    for rel in raw:
        s = assigned.get((rel["s"][0], rel["s"][1]))
        o = assigned.get((rel["o"][0], rel["o"][1]))
        p = rel["p"]
        if s is None or o is None or s == o:
            continue
        subject_types, object_types = SIGNATURES[p]
        if types[s] not in subject_types or types[o] not in object_types:
            continue
        if p in SYMMETRIC and o < s:
            s, o = o, s
        weapons, counts = [], {}
        counted = dict(rel["counts"])
        for w in rel["weapons"]:
            wid = assigned.get((w[0], w[1]))
            if wid and types.get(wid) in EQUIPMENT_TYPES and wid not in weapons:
                weapons.append(wid)
                if w[0] in counted:
                    counts[wid] = counted[w[0]]
        date = DateMention.from_data(rel["date"]) if rel["date"] else None
        start, end = rel["sentence"]
        relation = Relation(
            s=s, p=p, o=o, evidence=Evidence(doc_id=document.id, sentence=document.text[start:end],
                                             start=start, end=end),
            date=date.value(reference=written, published=published) if date else None, weapons=weapons,
            quantity=rel["quantity"], counts=counts, place=assigned.get((rel["place"][0], rel["place"][1])) if rel["place"] else None,
            hedged=rel["hedged"], confidence=rel["confidence"])
        key = (s, p, o)
        if key not in merged:
            merged[key] = relation
            continue
        kept = merged[key]
        kept.weapons += [w for w in relation.weapons if w not in kept.weapons]
        kept.quantity = kept.quantity if kept.quantity is not None else relation.quantity
        kept.counts = {**relation.counts, **kept.counts}
        kept.place = kept.place or relation.place
        kept.hedged = kept.hedged and relation.hedged  # stated plainly once is stated
        # the date and the evidence come from one mention, a dated one before the surest
        if (relation.date is not None, relation.confidence) > (kept.date is not None, kept.confidence):
            kept.date, kept.evidence = relation.date, relation.evidence
        kept.confidence = max(kept.confidence, relation.confidence)
    spans: dict[str, list[tuple[int, int]]] = {}
    for (start, end), entity_id in sorted(assigned.items()):
        spans.setdefault(entity_id, []).append((start, end))
    for relation in state_organ_relations(
            entities=entities, mention_spans=spans, catalog=catalog, doc_id=document.id, text=document.text,
            sentence_bounds=[(sent.start_char, sent.end_char) for sent in doc.sents]):
        merged.setdefault((relation.s, relation.p, relation.o), relation)
    used = {e.id for e in entities}
    return Extraction(document=document, entities=[e for e in entities if e.id in used],
                      relations=list(merged.values()))


def merge_named_aliases(entities: list[Entity], assigned: dict[tuple[int, int], str],
                        pairs: list[tuple[Span, Span]]) -> list[Entity]:
    """One entity for a model and the names the text gives it ("also known as", "exported
    as"): the alias's entity joins the named one, unless both are distinct catalog entries
    (the catalog knows them apart). The catalog entry, if either is one, is kept."""
    by_id = {e.id: e for e in entities}
    for alias, named in pairs:
        a = assigned.get((alias.start_char, alias.end_char))
        b = assigned.get((named.start_char, named.end_char))
        if a is None or b is None or a == b or a not in by_id or b not in by_id:
            continue
        keep, gone = (by_id[b], by_id[a]) if by_id[b].in_catalog or not by_id[a].in_catalog else (by_id[a], by_id[b])
        if keep.in_catalog and gone.in_catalog:
            continue
        keep.aliases += [x for x in gone.aliases if x not in keep.aliases]
        for key, value in assigned.items():
            if value == gone.id:
                assigned[key] = keep.id
        del by_id[gone.id]
    return [e for e in entities if e.id in by_id]
