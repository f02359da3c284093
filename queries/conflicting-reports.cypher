// Conflicting reports: the same event with different quantities or dates in different sources
// rows: one per claim of a conflicting fact, with that source's own date and quantity
MATCH (f:Fact {conflicting: true})-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f)
RETURN s.name AS subject, f.predicate AS predicate, o.name AS object, d.title AS document,
       d.publisher AS publisher, c.date AS date, c.quantity AS quantity
ORDER BY subject, predicate, object, document
