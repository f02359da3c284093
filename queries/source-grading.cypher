// How credible each claim is and how reliable its source, on the Admiralty scale (B2, C3, ...)
// params: min_credibility: the least credible grade to list, 1 (confirmed) to 6, e.g. 6
// rows: one per claim whose credibility is at most min_credibility: the fact, the document,
// its publisher's reliability (A-F, from `kg ingest --reliability`; F cannot be judged) and
// the claim's credibility (1 confirmed by two other stories, 2 by one, 3 uncorroborated,
// 4 hedged and uncorroborated, 5 contradicted by other stories)
MATCH (d:Document)-[:REPORTS]->(c:Claim)-[:SUPPORTS]->(f:Fact)
MATCH (f)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
WHERE c.credibility <= $min_credibility
RETURN s.name AS subject, f.predicate AS predicate, o.name AS object, d.title AS document,
       d.publisher AS publisher, d.reliability AS reliability, c.credibility AS credibility
ORDER BY credibility, subject, predicate, object, document
