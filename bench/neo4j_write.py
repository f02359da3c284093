"""How fast Neo4jStore.write() puts facts into Neo4j, against the plainest write of the same graph.

    .venv/bin/python bench/neo4j_write.py [--documents 2000] [--facts 20] [--entities 3000]
                                          [--batch 50] [--json] [--wipe]

A synthetic corpus shaped like the real one (entities of every type, popularity skewed
towards a few hubs such as big countries, each report about some 20 entities, a share
of facts reported by several documents, qualifiers and evidence sentences) is
written into an emptied database in batches of documents, each batch twice:

- kg:  Neo4jStore.write(batch): entities merged, documents and MENTIONS, new facts (a
       node and a relationship), a claim per fact and document, the touched facts
       summarised again from their claims, all in one transaction;
- raw: right after it, one `UNWIND ... CREATE` statement (RAW_WRITE) that creates the
       same nodes and relationships for the batch (entities, documents, facts, claims,
       weapons) under other labels, with nothing read back, merged or summarised.

Both rates count claims (one per fact and reporting document) per second; the target is
kg >= 0.5 x raw. The two alternate batch by batch, so a machine busy with other work slows
both alike; a warm-up of both runs first so the JIT is warm for both.
Uses KG_NEO4J_URI / KG_NEO4J_USER / KG_NEO4J_PASSWORD, else starts a server with
scripts/neo4j-server for the run and stops it afterwards.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.model import (  # noqa: E402  (the path above makes the repo importable)
    ENTITY_TYPES, PREDICATES, SIGNATURES, WEAPON_CATEGORIES, Document, Entity, Evidence, Extraction,
    Relation,
)
from kg.iterate import batched  # noqa: E402
from kg.store.base import graph_rows  # noqa: E402
from kg.store.neo4j import Neo4jStore  # noqa: E402

SERVER_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-server"
TARGET_RATIO = 0.5

# how often each predicate is reported; has_equipment and transfers dominate real reporting
PREDICATE_WEIGHTS = {"has_equipment": 6, "transferred_to": 3, "attacked": 3, "operates_in": 3,
                     "fought_against": 2, "located_in": 2, "origin_country": 2}
VOCABULARY = ("fighting transfers equipment convoy depot launcher battery brigade militia "
              "border airfield shelling drones rockets armour ceasefire offensive supply "
              "column ridge valley harbour checkpoint patrol garrison retreat advance").split()
TYPE_SHARES = {"Group": 0.35, "Country": 0.05, "Place": 0.3, "WeaponSystem": 0.25,
               "EquipmentCategory": 0.05}
# A report is about a few actors, places and weapons: its new facts are drawn among a cast
# of at most this many entities per type, so with the facts it retells it mentions about
# 20 entities, not 40.
CAST = {"Group": 4, "Country": 3, "Place": 3, "WeaponSystem": 5, "EquipmentCategory": 1}


def synthetic_entities(*, count: int, rng: random.Random) -> dict[str, list[Entity]]:
    by_type: dict[str, list[Entity]] = {t: [] for t in ENTITY_TYPES}
    for t in ENTITY_TYPES:
        for i in range(max(2, int(count * TYPE_SHARES[t]))):
            name = f"{t} {i:05d}"
            by_type[t].append(Entity(
                id=f"{t.lower()}:{i:05d}", name=name, type=t, aliases=[name],
                category=rng.choice(WEAPON_CATEGORIES) if t == "WeaponSystem" else None,
                in_catalog=t == "WeaponSystem" and rng.random() < 0.5))
    return by_type


def pick(entities: list[Entity], rng: random.Random) -> Entity:
    """Popularity falls off steeply: a few hubs are in many documents, most in few (the
    first of 150 countries is in about one fact in eight that names a country)."""
    return entities[int(len(entities) * rng.random() ** 2.5)]


def synthetic_corpus(*, documents: int, facts: int, entities: int,
                     seed: int = 7) -> list[Extraction]:
    rng = random.Random(seed)
    by_type = synthetic_entities(count=entities, rng=rng)
    for pool in by_type.values():
        rng.shuffle(pool)
    by_id = {e.id: e for pool in by_type.values() for e in pool}
    predicates = list(PREDICATES)
    weights = [PREDICATE_WEIGHTS.get(p, 1) for p in predicates]
    reported: list[Relation] = []  # facts told before, some of which later documents retell
    corpus = []
    for d in range(documents):
        # words drawn at random, so that no two reports are near-copies of each other
        sentences = [f"Report {d} sentence {i} tells of "
                     + " ".join(rng.choice(VOCABULARY) for _ in range(8)) + "."
                     for i in range(facts)]
        text = " ".join(sentences)
        doc = Document.from_text(text, title=f"Report {d}", published="2020-01-01",
                                 source=f"synthetic/{d}.txt")
        cast = {t: list({e.id: e for e in (pick(by_type[t], rng) for _ in range(n))}.values())
                for t, n in CAST.items()}
        relations: list[Relation] = []
        offset = 0
        for i, sentence in enumerate(sentences):
            evidence = Evidence(doc_id=doc.id, sentence=sentence, start=offset,
                                end=offset + len(sentence))
            offset += len(sentence) + 1
            if reported and rng.random() < 0.15:  # the same fact from another document
                old = rng.choice(reported)
                relations.append(Relation(s=old.s, p=old.p, o=old.o, date=old.date,
                                          evidence=evidence, confidence=rng.random()))
                continue
            p = rng.choices(predicates, weights)[0]
            subject_types, object_types = SIGNATURES[p]
            s = rng.choice(cast[rng.choice(subject_types)])
            o = rng.choice(cast[rng.choice(object_types)])
            if s.id == o.id:
                o = rng.choice(by_type[o.type])
            weapons = list({rng.choice(cast["WeaponSystem"]).id
                            for _ in range(rng.choice((0, 0, 1, 2)))})
            relation = Relation(
                s=s.id, p=p, o=o.id, evidence=evidence,
                date=rng.choice((None, f"{rng.randint(2011, 2024)}",
                                 f"{rng.randint(2011, 2024)}-{rng.randint(1, 12):02d}")),
                weapons=weapons, quantity=rng.choice((None, None, rng.randint(1, 200))),
                hedged=rng.random() < 0.1, confidence=round(rng.random(), 3))
            relations.append(relation)
            reported.append(relation)
        ids = {r.s for r in relations} | {r.o for r in relations} | {
            w for r in relations for w in r.weapons}
        mentioned = [by_id[i] for i in sorted(ids)]
        corpus.append(Extraction(document=doc, entities=mentioned, relations=relations))
    return corpus


def clear(driver: neo4j.Driver) -> None:
    """Empty the database in slices, relationships first: a hub's relationships deleted
    with it in one transaction overflow the server's transaction memory."""
    for statement in ("MATCH ()-[r]->() WITH r LIMIT $slice DELETE r RETURN count(*) AS deleted",
                      "MATCH (n) WHERE NOT n:GraphModel WITH n LIMIT $slice DELETE n "
                      "RETURN count(*) AS deleted"):
        while driver.execute_query(statement, slice=10_000).records[0]["deleted"]:
            pass


def raw_rows(batch: list[Extraction], seen: set[str]) -> dict[str, list[dict]]:
    """What kg writes of a batch, as plain rows: the entities and facts not written before,
    the documents with the entities they mention, the claims, the weapons each claim names;
    `seen` holds the entity and fact ids of earlier batches."""
    entities, facts, documents, claims, items = {}, {}, [], [], []
    for x in batch:
        graph = graph_rows(x)
        entities.update({e["id"]: e for e in graph.entities if e["id"] not in seen})
        facts.update({f["id"]: f for f in graph.facts if f["id"] not in seen})
        documents.append({**graph.document, "mentions": graph.mentions})
        claims += graph.claims
        items += graph.items
    seen.update(entities)
    seen.update(facts)
    return {"entities": list(entities.values()), "documents": documents,
            "facts": list(facts.values()), "claims": claims, "items": items}


# The same nodes and relationships as kg writes (entities; documents with their mentions
# and near-copy band keys; a
# fact node with its subject, object and relationship between the entities; a claim node
# reported by its document and supporting its fact; the weapons of claims and facts),
# created with nothing read back, merged or summarised: the least that writing this graph
# can cost. Other labels and relationship types than kg's, so neither side sees the other's.
RAW_SCHEMA = [f"CREATE CONSTRAINT raw_{label.lower()} IF NOT EXISTS FOR (n:{label}) "
              "REQUIRE n.id IS UNIQUE"
              for label in ("RawEntity", "RawDocument", "RawFact", "RawClaim")] + [
              "CREATE CONSTRAINT raw_band IF NOT EXISTS FOR (b:RawBand) REQUIRE b.key IS UNIQUE"]
RAW_WRITE = """CYPHER replan=skip
CALL {
  UNWIND $batch.entities AS r
  CREATE (:RawEntity {id: r.id, name: r.name, type: r.type, category: r.category,
                      aliases: r.aliases, in_catalog: r.in_catalog, latitude: r.latitude,
                      longitude: r.longitude, geonames_id: r.geonames_id})
}
CALL {
  UNWIND $batch.documents AS r
  CREATE (d:RawDocument {id: r.id, title: r.title, published: r.published,
                         published_date: r.published_date, url: r.url, publisher: r.publisher,
                         file: r.file, story: r.story, minhash: r.minhash, text: r.text})
  WITH d, r
  CALL {
    WITH d, r
    UNWIND r.mentions AS entity_id
    MATCH (e:RawEntity {id: entity_id}) USING INDEX SEEK e:RawEntity(id)
    CREATE (d)-[:RAW_MENTIONS]->(e)
  }
  CALL {
    WITH d, r
    UNWIND r.bands AS key
    MERGE (b:RawBand {key: key})
    CREATE (d)-[:RAW_HAS_BAND]->(b)
  }
}
CALL {
  UNWIND $batch.facts AS r
  MATCH (a:RawEntity {id: r.s}) USING INDEX SEEK a:RawEntity(id)
  MATCH (b:RawEntity {id: r.o}) USING INDEX SEEK b:RawEntity(id)
  CREATE (f:RawFact {id: r.id, predicate: r.p, subject: r.s, object: r.o})
  CREATE (f)-[:RAW_SUBJECT]->(a)
  CREATE (f)-[:RAW_OBJECT]->(b)
  CREATE (a)-[:RAW_FACT {id: r.id}]->(b)
}
CALL {
  UNWIND $batch.claims AS r
  MATCH (d:RawDocument {id: r.doc_id}) USING INDEX SEEK d:RawDocument(id)
  MATCH (f:RawFact {id: r.fact}) USING INDEX SEEK f:RawFact(id)
  CREATE (c:RawClaim {id: r.id, sentence: r.sentence, sentence_start: r.sentence_start,
                      sentence_end: r.sentence_end, date: r.date, date_start: r.date_start,
                      date_end: r.date_end, date_precision: r.date_precision,
                      quantity: r.quantity, place: r.place, hedged: r.hedged,
                      confidence: r.confidence, extractor: r.extractor})
  CREATE (d)-[:RAW_REPORTS]->(c)
  CREATE (c)-[:RAW_SUPPORTS]->(f)
  SET f.date = r.date, f.date_start = r.date_start, f.date_end = r.date_end,
      f.hedged = r.hedged, f.confidence = r.confidence
}
CALL {
  UNWIND $batch.items AS r
  MATCH (c:RawClaim {id: r.claim}) USING INDEX SEEK c:RawClaim(id)
  MATCH (w:RawEntity {id: r.weapon}) USING INDEX SEEK w:RawEntity(id)
  MATCH (c)-[:RAW_SUPPORTS]->(f:RawFact)
  CREATE (c)-[:RAW_NAMES {quantity: r.quantity}]->(w)
  CREATE (f)-[:RAW_INVOLVES {quantity: r.quantity}]->(w)
}
"""


def write_both(store: Neo4jStore, driver: neo4j.Driver, corpus: list[Extraction], *,
               batch: int) -> tuple[int, float, float]:
    """Each batch written by kg, then its facts by the raw statement: alternating, so that
    a busy machine slows both alike. The raw rows are made before the clock starts. Returns
    the claims
    written (one per fact and reporting document) and both times."""
    rows = kg_seconds = raw_seconds = 0.0
    seen: set[str] = set()
    for chunk in batched(corpus, batch):
        raw = raw_rows(chunk, seen)
        rows += len(raw["claims"])
        started = time.perf_counter()
        store.write(chunk)
        kg_done = time.perf_counter()
        driver.execute_query(RAW_WRITE, batch=raw)
        raw_seconds += time.perf_counter() - kg_done
        kg_seconds += kg_done - started
    return int(rows), kg_seconds, raw_seconds


def measure(*, uri: str, user: str, password: str, args: argparse.Namespace) -> dict:
    corpus = synthetic_corpus(documents=args.documents, facts=args.facts,
                              entities=args.entities)
    # a fresh server's JIT takes a few hundred batches' worth of work to settle
    warm_up = synthetic_corpus(documents=max(args.documents // 4, args.batch * 4),
                               facts=args.facts, entities=args.entities, seed=11)
    store = Neo4jStore(uri=uri, user=user, password=password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        if not args.wipe and driver.execute_query(
                "MATCH (n) WHERE NOT n:GraphModel RETURN count(n) > 0").records[0][0]:
            raise SystemExit(f"{uri} holds a graph, and the benchmark empties the database: "
                             "point it at a scratch server (unset KG_NEO4J_URI to have it start "
                             "one) or pass --wipe")
        for statement in RAW_SCHEMA:
            driver.execute_query(statement)
        clear(driver)
        write_both(store, driver, warm_up, batch=args.batch)  # compiles plans, warms the JIT
        clear(driver)
        rows, kg_seconds, raw_seconds = write_both(store, driver, corpus, batch=args.batch)
        stats = store.stats()
        clear(driver)
        version = driver.execute_query("CALL dbms.components() YIELD versions "
                                       "RETURN versions[0]").records[0][0]
    store.close()
    kg_rate, raw_rate = rows / kg_seconds, rows / raw_seconds
    return {
        "documents": args.documents, "facts_per_document": args.facts,
        "entities": sum(stats["entities"].values()),
        "facts": sum(stats["relations"].values()), "claims": rows,
        "batch_documents": args.batch, "neo4j": version,
        "kg_seconds": round(kg_seconds, 2), "raw_seconds": round(raw_seconds, 2),
        "kg_claims_per_second": round(kg_rate), "raw_claims_per_second": round(raw_rate),
        "ratio": round(kg_rate / raw_rate, 3), "target_ratio": TARGET_RATIO,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        # the driver's Rust packer (package neo4j-rust-ext) speeds up both sides' transport
        "driver": f"neo4j {neo4j.__version__}" + (
            " with neo4j-rust-ext" if importlib.util.find_spec("neo4j._rust") else ""),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--facts", type=int, default=20, help="facts per document")
    parser.add_argument("--entities", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=50, help="documents per write()")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--wipe", action="store_true",
                        help="run even if the database holds a graph (it is deleted)")
    args = parser.parse_args()

    if os.environ.get("KG_NEO4J_URI"):
        result = measure(uri=os.environ["KG_NEO4J_URI"],
                         user=os.environ.get("KG_NEO4J_USER", "neo4j"),
                         password=os.environ.get("KG_NEO4J_PASSWORD", ""), args=args)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-") as run_dir:
            env = dict(os.environ, KG_NEO4J_RUN_DIR=run_dir)
            script = [sys.executable, str(SERVER_SCRIPT)]
            subprocess.run([*script, "start"], env=env, check=True, stdout=sys.stderr)
            try:
                exported = subprocess.run([*script, "env"], env=env, check=True,
                                          capture_output=True, text=True).stdout
                server = dict(word.split("=", 1) for word in exported.split()[1:])
                result = measure(uri=server["KG_NEO4J_URI"], user=server["KG_NEO4J_USER"],
                                 password=server["KG_NEO4J_PASSWORD"], args=args)
            finally:
                subprocess.run([*script, "stop"], env=env, stdout=sys.stderr)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"corpus: {result['documents']} documents x {result['facts_per_document']} facts "
              f"= {result['claims']} claims of {result['facts']} facts, "
              f"{result['entities']} entities; {result['batch_documents']} documents per "
              f"transaction; Neo4j {result['neo4j']}")
        print(f"kg  Neo4jStore.write : {result['kg_claims_per_second']:>8} claims/s "
              f"({result['kg_seconds']} s)")
        print(f"raw UNWIND ... CREATE: {result['raw_claims_per_second']:>8} claims/s "
              f"({result['raw_seconds']} s)")
        verdict = "met" if result["ratio"] >= TARGET_RATIO else "missed"
        print(f"ratio kg/raw: {result['ratio']:.2f} (target >= {TARGET_RATIO}: {verdict}); "
              f"{result['driver']}; {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
