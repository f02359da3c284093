// Claims that report a fact as alleged, planned or possible, and whether every source hedges it
// rows: one per hedged claim; hedged_everywhere is true when no source states the fact plainly
MATCH (d:Document)-[:REPORTS]->(c:Claim {hedged: true})-[:SUPPORTS]->(f:Fact)
MATCH (f)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
RETURN s.name AS subject, f.predicate AS predicate, o.name AS object,
       f.hedged AS hedged_everywhere, c.confidence AS confidence, d.title AS document,
       c.sentence AS sentence
ORDER BY subject, predicate, object, document
