// Who captured equipment or positions from whom, and what
// rows: one per capture fact; weapons are the systems the sources name for it
MATCH (f:Fact {predicate: 'captured_from'})-[:SUBJECT]->(a:Entity)
MATCH (f)-[:OBJECT]->(b:Entity)
OPTIONAL MATCH (f)-[:INVOLVES]->(w:Entity)
WITH a, b, f, collect(w.name) AS weapons
RETURN a.name AS captor, b.name AS captured_from, f.date AS date, weapons,
       f.hedged AS hedged, f.sources AS sources
ORDER BY captor, captured_from, date
