"""One behaviour for every store: each test runs on the embedded store and on a real Neo4j
(the `store` fixture of conftest.py), with extractions built by hand."""
from __future__ import annotations

import pytest

from kg.model import Document, Entity, Evidence, Extraction, Relation

JAI = Entity(id="group:jaysh-al-islam", name="Jaysh al-Islam", type="Group",
             aliases=["Jaysh al-Islam"])
SAA = Entity(id="group:syrian-arab-army", name="Syrian Arab Army", type="Group",
             aliases=["SAA"])
SYRIA = Entity(id="country:syria", name="Syria", type="Country", aliases=["Syria"])
IRAN = Entity(id="country:iran", name="Iran", type="Country", aliases=["Iran"])
T72 = Entity(id="weapon:t-72", name="T-72", type="WeaponSystem", category="tank",
             aliases=["T-72"], in_catalog=True)
T55 = Entity(id="weapon:t-55", name="T-55", type="WeaponSystem", category="tank",
             aliases=["T-55"], in_catalog=True)
QALAMUN = Entity(id="place:eastern-qalamun", name="Eastern Qalamun", type="Place",
                 aliases=["Eastern Qalamun"])

TRANSFERS = ("MATCH (a:Entity)-[r:TRANSFERRED_TO]->(b:Entity) "
             "RETURN a.name, b.name, r.sources ORDER BY a.name, b.name")


def extraction(text: str, entities: list[Entity],
               facts: list[tuple[Entity, str, Entity, dict]]) -> Extraction:
    """A document whose every fact is read from its one sentence, the whole text."""
    doc = Document.from_text(text, title=text[:30], published="2018-04-21")
    evidence = Evidence(doc_id=doc.id, sentence=text, start=0, end=len(text))
    relations = [Relation(s=s.id, p=p, o=o.id, evidence=evidence, **qualifiers)
                 for s, p, o, qualifiers in facts]
    return Extraction(document=doc, entities=[Entity(**vars(e)) for e in entities],
                      relations=relations)


def handover(text: str, **qualifiers) -> Extraction:
    """Jaysh al-Islam handing T-72s to the SAA in Eastern Qalamun, as one report tells it."""
    return extraction(text, [JAI, SAA, T72, QALAMUN], [
        (JAI, "transferred_to", SAA, {"date": "2018-04-20", **qualifiers}),
        (JAI, "operates_in", QALAMUN, {}),
    ])


FIRST = handover("Jaysh al-Islam handed over T-72 tanks to the SAA in Eastern Qalamun.",
                 weapons=[T72.id], confidence=0.6, hedged=True)
SECOND = handover("Reports say 37 tanks went from Jaysh al-Islam to the Syrian army.",
                  quantity=37, confidence=0.9, hedged=False)


def test_write_then_read(store):
    result = store.write([FIRST])

    assert (result.documents_written, result.documents_skipped) == (1, 0)
    assert store.has_document(FIRST.document.id)
    assert not store.has_document("doc:unknown")
    assert store.stats() == {"documents": 1, "catalog_documents": 0,
                             "entities": {"Group": 2, "Place": 1, "WeaponSystem": 1},
                             "relations": {"operates_in": 1, "transferred_to": 1}}
    listed = store.entities()
    assert [e["name"] for e in listed] == ["Eastern Qalamun", "Jaysh al-Islam",
                                           "Syrian Arab Army", "T-72"]
    assert listed[3] == {"id": T72.id, "name": "T-72", "type": "WeaponSystem",
                         "category": "tank", "aliases": ["T-72"], "documents": 1}
    assert [e["id"] for e in store.entities(type="Group")] == [JAI.id, SAA.id]
    assert [e["id"] for e in store.entities(search="saa")] == [SAA.id]  # by alias
    assert len(store.entities(limit=2)) == 2
    rows = store.query(
        "MATCH (f:Fact {predicate: 'transferred_to'})-[:SUBJECT]->(a:Entity {name: $name}) "
        "MATCH (f)-[:OBJECT]->(b:Entity) MATCH (f)-[:INVOLVES]->(w:Entity) "
        "MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f) "
        "RETURN b.name, f.date, f.date_start, f.date_end, w.name, f.hedged, c.sentence, "
        "c.sentence_start, d.title", {"name": "Jaysh al-Islam"})
    assert rows.columns == ["b.name", "f.date", "f.date_start", "f.date_end", "w.name",
                            "f.hedged", "c.sentence", "c.sentence_start", "d.title"]
    assert rows.rows == [["Syrian Arab Army", "2018-04-20", "2018-04-20", "2018-04-20", "T-72",
                          True, FIRST.document.text, 0, FIRST.document.title]]


def test_query_returns_nodes_and_relationships_as_property_dicts(store):
    store.write([FIRST])

    [[node, fact]] = store.query(
        "MATCH (a:Entity)-[r:OPERATES_IN]->(:Entity) RETURN a, r").rows
    assert node["id"] == JAI.id and node["_labels"][0] == "Entity"
    assert fact["_type"] == "OPERATES_IN" and fact["sources"] == 1


def test_writing_again_changes_nothing(store):
    store.write([FIRST])
    before = (store.stats(), store.dump())

    result = store.write([FIRST])
    again = store.write([FIRST, FIRST])  # twice in one batch too

    assert (result.documents_written, result.documents_skipped) == (0, 1)
    assert (again.documents_written, again.documents_skipped) == (0, 2)
    assert (store.stats(), store.dump()) == before


@pytest.mark.parametrize("batches", ["one batch", "two batches"])
def test_same_fact_from_two_documents_is_one_relationship_with_two_sources(store, batches):
    if batches == "one batch":
        store.write([FIRST, SECOND])
    else:
        store.write([FIRST])
        store.write([SECOND])

    assert store.query(TRANSFERS).rows == [["Jaysh al-Islam", "Syrian Arab Army", 2]]
    [fact] = [f for f in store.dump()[1] if f["p"] == "transferred_to"]
    claims = {c["doc_id"]: c for c in fact["claims"]}
    first, second = claims[FIRST.document.id], claims[SECOND.document.id]
    assert (first["sentence"], second["sentence"]) == (FIRST.document.text, SECOND.document.text)
    assert second["sentence_end"] == len(SECOND.document.text)
    assert (first["hedged"], second["hedged"]) == (True, False)  # each source's own
    assert (first["confidence"], second["confidence"]) == (0.6, 0.9)
    assert (first["quantity"], second["quantity"]) == (None, 37)
    assert first["items"] == [{"weapon": T72.id, "quantity": None}] and second["items"] == []
    assert fact["hedged"] is False  # one source states it plainly
    assert fact["confidence"] == 0.9
    assert fact["items"] == [{"weapon": T72.id, "quantity": None}]
    assert fact["quantity"] == 37  # unknown to the first, taken from the second
    assert (fact["sources"], fact["conflicting"]) == (2, False)
    assert store.stats()["relations"] == {"operates_in": 1, "transferred_to": 1}


def test_one_fact_whichever_source_dates_it_and_disagreement_is_flagged(store):
    undated = handover("The SAA took over tanks from Jaysh al-Islam.", weapons=[T72.id])
    undated.relations[0].date = None
    vaguer = handover("In April 2018 Jaysh al-Islam gave the army 37 tanks.", quantity=37)
    vaguer.relations[0].date = "2018-04"
    other = handover("Jaysh al-Islam gave the army 40 tanks on 2 May 2018.", quantity=40)
    other.relations[0].date = "2018-05-02"
    store.write([undated, SECOND])
    [fact] = [f for f in store.dump()[1] if f["p"] == "transferred_to"]
    assert (fact["date"], fact["sources"], fact["conflicting"]) == ("2018-04-20", 2, False)

    store.write([vaguer])  # "2018-04" agrees with "2018-04-20": no conflict, the day kept
    [fact] = [f for f in store.dump()[1] if f["p"] == "transferred_to"]
    assert (fact["date"], fact["date_precision"], fact["conflicting"]) == ("2018-04-20", "day", False)

    store.write([other])  # another day and another count, from another document
    [fact] = [f for f in store.dump()[1] if f["p"] == "transferred_to"]
    assert (fact["sources"], fact["conflicting"], fact["date"], fact["quantity"]) == (
        4, True, "2018-04-20", 37)  # the date and count most sources give
    rows = store.query("MATCH (f:Fact {conflicting: true})<-[:SUPPORTS]-(c:Claim) "
                       "RETURN c.date, c.quantity ORDER BY c.date, c.quantity").rows
    assert rows == [["2018-04", 37], ["2018-04-20", 37], ["2018-05-02", 40], [None, None]]


def test_each_weapon_of_an_event_carries_its_own_count(store):
    report = extraction("Iran sent twelve T-72 and four T-55 tanks to Syria.", [IRAN, SYRIA, T72, T55],
                        [(IRAN, "transferred_to", SYRIA,
                          {"weapons": [T72.id, T55.id], "counts": {T72.id: 12, T55.id: 4}}),
                         (SYRIA, "has_equipment", T72, {"quantity": 12})])
    store.write([report])

    rows = store.query("MATCH (f:Fact)-[i:INVOLVES]->(w:Entity) "
                       "RETURN f.predicate, w.name, i.quantity ORDER BY f.predicate, w.name").rows
    assert rows == [["has_equipment", "T-72", 12], ["transferred_to", "T-55", 4],
                    ["transferred_to", "T-72", 12]]


def test_a_year_is_found_by_a_period_around_it(store):
    dated = extraction("Syria fought Iran in 2010.", [SYRIA, IRAN],
                       [(SYRIA, "fought_against", IRAN, {"date": "2010"})])
    store.write([dated])
    period = ("MATCH (f:Fact) WHERE f.date_start <= date($to_date) "
              "AND coalesce(f.date_end, date($to_date)) >= date($from_date) RETURN f.date")

    assert store.query(period, {"from_date": "2009-01-01", "to_date": "2011-12-31"}).rows == [["2010"]]
    assert store.query(period, {"from_date": "2010-12-31", "to_date": "2011-06-30"}).rows == [["2010"]]
    assert store.query(period, {"from_date": "2011-01-01", "to_date": "2011-12-31"}).rows == []


def test_symmetric_predicates_are_stored_once(store):
    one_way = extraction("Syria fought against Iran.", [SYRIA, IRAN],
                         [(SYRIA, "fought_against", IRAN, {})])
    other_way = extraction("Iran fought against Syria.", [SYRIA, IRAN],
                           [(IRAN, "fought_against", SYRIA, {})])
    store.write([one_way])
    store.write([other_way])

    rows = store.query("MATCH (a:Entity)-[r:FOUGHT_AGAINST]->(b:Entity) "
                       "RETURN a.id, b.id, r.sources").rows
    assert rows == [[IRAN.id, SYRIA.id, 2]]  # from the smaller id to the larger


def chain() -> Extraction:
    """T-55 -> T-72 -> Syria <- SAA: two and three steps from the T-55."""
    return extraction("A chain of facts.", [T55, T72, SYRIA, SAA], [
        (T55, "variant_of", T72, {}),
        (T72, "origin_country", SYRIA, {}),
        (SAA, "part_of", SYRIA, {}),
    ])


def test_subgraph_follows_facts_in_both_directions_for_the_hops_asked(store):
    store.write([chain()])

    one = store.subgraph(T72.id, hops=1)
    two = store.subgraph(T55.id, hops=2)

    assert sorted(n["id"] for n in one.nodes) == sorted([T55.id, T72.id, SYRIA.id])
    assert sorted((e["s"], e["p"], e["o"]) for e in one.edges) == [
        (T55.id, "variant_of", T72.id), (T72.id, "origin_country", SYRIA.id)]
    assert sorted(n["id"] for n in two.nodes) == sorted([T55.id, T72.id, SYRIA.id])
    assert len(two.edges) == 2
    three = store.subgraph(T55.id, hops=3)
    assert sorted(n["id"] for n in three.nodes) == sorted([T55.id, T72.id, SYRIA.id, SAA.id])
    [t72] = [n for n in one.nodes if n["id"] == T72.id]
    assert t72 == {"id": T72.id, "name": "T-72", "type": "WeaponSystem", "category": "tank",
                   "aliases": ["T-72"], "in_catalog": True, "latitude": None, "longitude": None,
                   "geonames_id": None}


def test_dump_has_entities_facts_and_documents_without_text(store):
    store.write([FIRST, SECOND])

    entities, facts, documents = store.dump()

    assert [e["id"] for e in entities] == sorted([JAI.id, SAA.id, T72.id, QALAMUN.id])
    assert {e["id"]: e["category"] for e in entities}[JAI.id] is None
    assert sorted((f["s"], f["p"], f["o"]) for f in facts) == [
        (JAI.id, "operates_in", QALAMUN.id), (JAI.id, "transferred_to", SAA.id)]
    assert all(f["id"].startswith("fact:") for f in facts)
    assert sorted(d["id"] for d in documents) == sorted([FIRST.document.id, SECOND.document.id])
    assert all("text" not in d for d in documents)
    assert {d["published"] for d in documents} == {"2018-04-21"}
    assert {d["file"] for d in documents} == {None}


def test_place_coordinates_survive_a_write_and_read(store):
    dorsk = Entity(id="place:dorsk", name="Dorsk", type="Place", aliases=["Dorsk"],
                   latitude=48.5, longitude=37.25, geonames_id=1234567)
    unplaced = Entity(id="place:dorsk", name="Dorsk", type="Place", aliases=["Dorsk town"])
    store.write([extraction("The SAA shelled Dorsk.", [SAA, dorsk], [(SAA, "attacked", dorsk, {})])])
    store.write([extraction("The SAA left Dorsk town.", [SAA, unplaced],
                            [(SAA, "operates_in", unplaced, {})])])

    [stored] = [e for e in store.dump()[0] if e["id"] == dorsk.id]
    assert (stored["latitude"], stored["longitude"], stored["geonames_id"]) == (48.5, 37.25, 1234567)
    assert stored["aliases"] == ["Dorsk", "Dorsk town"]
    rows = store.query("MATCH (e:Entity) WHERE e.type = 'Place' RETURN e.latitude, e.longitude").rows
    assert rows == [[48.5, 37.25]]


def test_delete_document_keeps_what_other_documents_support(store):
    only_first = extraction("Iran supplied T-55 tanks to the SAA.", [IRAN, SAA, T55], [
        (IRAN, "transferred_to", SAA, {}), (SAA, "has_equipment", T55, {})])
    first = Extraction(document=FIRST.document, entities=FIRST.entities + only_first.entities,
                       relations=FIRST.relations + [
                           Relation(**{**vars(r), "evidence": FIRST.relations[0].evidence})
                           for r in only_first.relations])
    store.write([first, SECOND])

    assert store.delete_document(first.document.id) is True

    assert not store.has_document(first.document.id)
    assert store.query(TRANSFERS).rows == [["Jaysh al-Islam", "Syrian Arab Army", 1]]
    [kept] = [f for f in store.dump()[1] if f["p"] == "transferred_to"]
    assert [c["doc_id"] for c in kept["claims"]] == [SECOND.document.id]
    assert kept["claims"][0]["sentence"] == SECOND.document.text
    assert kept["hedged"] is False and kept["confidence"] == 0.9
    assert kept["items"] == []  # the T-72 was named by the deleted document only
    assert store.stats() == {"documents": 1, "catalog_documents": 0,
                             "entities": {"Group": 2, "Place": 1, "WeaponSystem": 1},
                             "relations": {"operates_in": 1, "transferred_to": 1}}
    assert {e["id"] for e in store.entities()} == {JAI.id, SAA.id, T72.id, QALAMUN.id}
    assert store.delete_document(first.document.id) is False


def test_delete_the_last_document_empties_the_store(store):
    store.write([FIRST])

    store.delete_document(FIRST.document.id)

    assert store.stats() == {"documents": 0, "catalog_documents": 0, "entities": {},
                             "relations": {}}


def test_aliases_are_merged_across_documents(store):
    seen_as_jai = extraction("JAI fighters moved to Eastern Qalamun.", [
        Entity(id=JAI.id, name=JAI.name, type="Group", aliases=["JAI", "Jaysh al-Islam"]),
        QALAMUN], [(JAI, "operates_in", QALAMUN, {})])
    seen_as_army = extraction("The Army of Islam held Eastern Qalamun.", [
        Entity(id=JAI.id, name=JAI.name, type="Group", aliases=["Army of Islam"]), QALAMUN],
        [(JAI, "operates_in", QALAMUN, {})])
    store.write([FIRST])
    store.write([seen_as_jai, seen_as_army])

    [jai] = store.entities(search="army of islam")
    assert jai["aliases"] == ["Jaysh al-Islam", "JAI", "Army of Islam"]
    assert jai["documents"] == 3


def test_values_that_look_like_cypher_are_stored_as_text(store):
    odd = Entity(id="group:odd", name="x'}) DETACH DELETE n //", type="Group",
                 aliases=["$rows"])
    store.write([extraction("An odd name.", [odd, SYRIA], [(odd, "operates_in", SYRIA, {})])])

    assert [e["name"] for e in store.entities(type="Group")] == [odd.name]
    assert store.stats()["documents"] == 1


METHOD_CALLED_AFTER_ENTITIES_ARE_SENT = {"neo4j": "_write_documents",
                                         "embedded": "_write_document"}


def test_a_batch_that_fails_midway_leaves_nothing_and_can_be_written_again(store, monkeypatch):
    store.write([FIRST])
    before = (store.stats(), store.dump())
    other = extraction("Iran supplied T-55 tanks to Syria.", [IRAN, SYRIA, T55],
                       [(IRAN, "transferred_to", SYRIA, {}), (SYRIA, "has_equipment", T55, {})])
    method = METHOD_CALLED_AFTER_ENTITIES_ARE_SENT[store.name]
    original = getattr(type(store), method)

    def send_then_fail(self, *args, **kwargs):
        original(self, *args, **kwargs)
        raise RuntimeError("injected failure after the batch's writes were sent")

    monkeypatch.setattr(type(store), method, send_then_fail)
    with pytest.raises(RuntimeError, match="injected"):
        store.write([SECOND, other])
    monkeypatch.undo()

    assert (store.stats(), store.dump()) == before
    assert not store.has_document(SECOND.document.id)
    assert not store.has_document(other.document.id)

    result = store.write([FIRST, SECOND, other])

    assert (result.documents_written, result.documents_skipped) == (2, 1)
    assert store.query(TRANSFERS).rows == [["Iran", "Syria", 1],
                                           ["Jaysh al-Islam", "Syrian Arab Army", 2]]
    assert store.stats()["documents"] == 3
    assert store.stats()["entities"] == {"Country": 2, "Group": 2, "Place": 1,
                                         "WeaponSystem": 2}


def test_a_local_path_is_kept_as_its_file_name_only(store):
    doc = Document.from_text("Syria fought Iran.", source="/home/analyst/cases/2018/report.txt")
    evidence = Evidence(doc_id=doc.id, sentence=doc.text, start=0, end=len(doc.text))
    store.write([Extraction(document=doc, entities=[SYRIA, IRAN], relations=[
        Relation(s=SYRIA.id, p="fought_against", o=IRAN.id, evidence=evidence)])])

    [stored] = store.dump()[2]
    assert stored["file"] == "report.txt"
    assert "/home/analyst" not in repr(store.query("MATCH (d:Document) RETURN d").rows)


def test_a_store_of_the_first_graph_model_is_refused_with_how_to_rebuild(tmp_path, request):
    import ladybug

    from kg.store.base import StoreError
    from kg.store.embedded import DATABASE_FILE, EmbeddedStore

    folder = tmp_path / "old"
    folder.mkdir()
    db = ladybug.Database(str(folder / DATABASE_FILE))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Document(id STRING PRIMARY KEY, source STRING)").close()
    conn.execute("CREATE (:Document {id: 'doc:old', source: '/tmp/x.txt'})").close()
    conn.close()
    db.close()

    with pytest.raises(StoreError, match="earlier kg .graph model 1.*rebuild it") as caught:
        EmbeddedStore(path=folder)
    assert "\n" not in str(caught.value)


@pytest.mark.neo4j
def test_a_neo4j_database_of_the_first_graph_model_is_refused(neo4j_server):
    import neo4j

    from conftest import clear_neo4j
    from kg.store.base import StoreError
    from kg.store.neo4j import Neo4jStore

    clear_neo4j(neo4j_server)
    with neo4j.GraphDatabase.driver(neo4j_server.uri,
                                    auth=(neo4j_server.user, neo4j_server.password)) as driver:
        driver.execute_query("CREATE (:Document {id: 'doc:old', source: '/tmp/x.txt'})")
    try:
        with pytest.raises(StoreError, match="earlier kg .graph model 1.*rebuild it"):
            Neo4jStore(uri=neo4j_server.uri, user=neo4j_server.user,
                       password=neo4j_server.password)
    finally:
        clear_neo4j(neo4j_server)
