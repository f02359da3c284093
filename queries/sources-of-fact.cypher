// Every source behind one fact: document, publisher, publication date, sentence, offsets, and that source's own hedged flag and confidence
// params: subject: e.g. Jaysh al-Islam; predicate: e.g. transferred_to; object: e.g. Syrian Arab Army
// rows: one per claim, oldest document first; date and quantity are that source's own
// (allied_with and fought_against are found with their two actors in either order)
MATCH (f:Fact {predicate: $predicate})-[:SUBJECT|OBJECT]->(s:Entity {name: $subject})
MATCH (f)-[:SUBJECT|OBJECT]->(o:Entity {name: $object})
WHERE s.id <> o.id AND (f.subject = s.id OR f.predicate IN ['allied_with', 'fought_against'])
WITH DISTINCT f
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f)
RETURN d.title AS document, d.publisher AS publisher, d.published AS published, d.url AS url,
       c.sentence AS sentence, c.sentence_start AS sentence_start,
       c.sentence_end AS sentence_end, c.hedged AS hedged, c.confidence AS confidence,
       c.date AS date, c.quantity AS quantity
ORDER BY published, document, sentence_start
