"""Near-copies of one story are linked and count as one independent source."""
from __future__ import annotations

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.store import near_copies

STORY = ("The Red Hand handed twelve Vexa launchers to the Orn Guard at Dorsk on Monday, two "
         "witnesses said. The launchers had been stored in a depot outside the town since the "
         "spring, and the Guard moved them north by road the same evening.")
RETOLD = STORY.replace("two witnesses said", "according to two witnesses") + " (Wire copy.)"
OTHER = ("Ruritanian gunners shelled the outskirts of Orn for a third night, officials said; "
         "the Orn Guard answered with mortar fire from positions along the river.")


def test_a_retold_story_is_alike_and_another_story_is_not():
    story, retold, other = (near_copies.signature(t) for t in (STORY, RETOLD, OTHER))
    assert near_copies.similarity(story, retold) >= near_copies.SIMILARITY
    assert near_copies.similarity(story, other) < 0.2
    assert set(near_copies.band_keys(story)) & set(near_copies.band_keys(retold))
    assert near_copies.signature(STORY) == story  # the same on every run


def test_link_gives_a_near_copy_the_story_of_the_document_it_copies():
    rows = [{"id": doc_id, "minhash": near_copies.signature(text), "story": doc_id,
             "bands": near_copies.band_keys(near_copies.signature(text))}
            for doc_id, text in (("doc:b", RETOLD), ("doc:c", OTHER))]
    stored = [{"id": "doc:a", "minhash": near_copies.signature(STORY), "story": "doc:a"}]

    links = near_copies.link(rows, stored)

    assert [(x.doc_id, x.copy_of) for x in links] == [("doc:b", "doc:a")]
    assert [r["story"] for r in rows] == ["doc:a", "doc:c"]


def report(text: str, publisher: str) -> Extraction:
    red = Entity(id="group:red-hand", name="Red Hand", type="Group", aliases=["Red Hand"])
    guard = Entity(id="group:orn-guard", name="Orn Guard", type="Group", aliases=["Orn Guard"])
    doc = Document.from_text(text, title=text[:20], publisher=publisher)
    evidence = Evidence(doc_id=doc.id, sentence=text, start=0, end=len(text))
    return Extraction(document=doc, entities=[red, guard], relations=[
        Relation(s=red.id, p="transferred_to", o=guard.id, evidence=evidence)])


def test_near_copies_count_once_among_independent_sources(store):
    store.write([report(STORY, "Orn Gazette")])
    store.write([report(RETOLD, "Vexan Wire"), report(OTHER.replace("shelled", "met"), "Dorsk Daily")])

    [fact] = store.dump()[1]
    assert (fact["sources"], fact["independent_sources"]) == (3, 2)
    rows = store.query("MATCH (a:Document)-[n:NEAR_COPY_OF]->(b:Document) "
                       "RETURN a.publisher, b.publisher").rows
    assert rows == [["Vexan Wire", "Orn Gazette"]]


def test_credibility_follows_corroboration_hedging_and_contradiction():
    from kg.store.facts import credibility

    assert credibility(corroborating=2, hedged=False, contradicted=False) == 1
    assert credibility(corroborating=1, hedged=False, contradicted=False) == 2
    assert credibility(corroborating=0, hedged=False, contradicted=False) == 3
    assert credibility(corroborating=1, hedged=True, contradicted=False) == 3
    assert credibility(corroborating=0, hedged=True, contradicted=False) == 4
    assert credibility(corroborating=3, hedged=False, contradicted=True) == 5
