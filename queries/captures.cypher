// Who captured equipment or positions from whom, and what
MATCH (a:Entity)-[r:CAPTURED_FROM]->(b:Entity)
OPTIONAL MATCH (w:Entity) WHERE w.id IN r.weapons
WITH a, r, b, collect(w.name) AS weapons
RETURN a.name AS captor, b.name AS captured_from, r.date AS date, weapons,
       r.hedged AS hedged, size(r.doc_ids) AS sources
ORDER BY captor, captured_from, date
