// Facts told by at least a given number of independent sources (near-copies of one story count once)
// params: min_sources: an integer, e.g. 2
// rows: one per fact; sources counts every document, independent_sources their stories
MATCH (f:Fact)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
WHERE f.independent_sources >= $min_sources
RETURN s.name AS subject, f.predicate AS predicate, o.name AS object,
       f.independent_sources AS independent_sources, f.sources AS sources
ORDER BY independent_sources DESC, subject, predicate, object
