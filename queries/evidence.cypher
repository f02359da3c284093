// The sentences behind every fact that links two entities, in either direction
// params: a: a canonical name, e.g. Jaysh al-Islam; b: another, e.g. Syrian Arab Army
// rows: one per claim: the predicate, the document and the sentence with its offsets
MATCH (x:Entity {name: $a})<-[:SUBJECT|OBJECT]-(f:Fact)-[:SUBJECT|OBJECT]->(y:Entity {name: $b})
WITH DISTINCT f
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f)
RETURN f.predicate AS predicate, d.title AS document, c.sentence AS sentence,
       c.sentence_start AS sentence_start, c.sentence_end AS sentence_end
ORDER BY predicate, document, sentence_start
