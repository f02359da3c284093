// The lineage of a weapon system both ways: what it copies or derives from, what copies or derives from it, and the family around them
// params: system: the system's canonical name, e.g. Burkan-1
// rows: one per copy_of or variant_of link in the system's family
MATCH (:Entity {name: $system})-[:COPY_OF|VARIANT_OF*0..6]-(member:Entity)
WITH DISTINCT member
MATCH (member)-[r:COPY_OF|VARIANT_OF]->(parent:Entity)
RETURN DISTINCT member.name AS system, type(r) AS link, parent.name AS original,
       r.sources AS sources
ORDER BY system, link, original
