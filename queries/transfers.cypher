// Who handed equipment to whom: supplier, recipient, date, weapons, quantity, sources
// rows: one per transfer fact; quantity is the count the sources give for its items together
MATCH (f:Fact {predicate: 'transferred_to'})-[:SUBJECT]->(a:Entity)
MATCH (f)-[:OBJECT]->(b:Entity)
OPTIONAL MATCH (f)-[:INVOLVES]->(w:Entity)
WITH a, b, f, collect(w.name) AS weapons
RETURN a.name AS supplier, b.name AS recipient, f.date AS date, weapons,
       f.quantity AS quantity, f.hedged AS hedged, f.sources AS sources
ORDER BY supplier, recipient, date
