// The sentences behind every fact that links two entities, in either direction
// params: a, b (canonical names)
MATCH (x:Entity)-[r]-(y:Entity)
WHERE x.name = $a AND y.name = $b
RETURN type(r) AS predicate, r.doc_ids AS documents, r.sentences AS sentences,
       r.sentence_starts AS sentence_starts, r.sentence_ends AS sentence_ends
ORDER BY predicate
