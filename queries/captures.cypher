// Who captured equipment or positions from whom, and what
MATCH (a:Entity)-[r:CAPTURED_FROM]->(b:Entity)
RETURN a.name AS captor, b.name AS captured_from, r.date AS date, r.weapons AS weapons,
       r.hedged AS hedged, size(r.doc_ids) AS sources
ORDER BY captor, captured_from, date
