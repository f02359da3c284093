// Facts reported by at least a given number of documents
// params: min_sources (an integer, e.g. 2)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE size(r.doc_ids) >= $min_sources
RETURN a.name AS subject, type(r) AS predicate, b.name AS object, size(r.doc_ids) AS sources
ORDER BY sources DESC, subject, predicate, object
