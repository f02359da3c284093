// Claims that every source reports as alleged, planned or possible
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.hedged = true
RETURN a.name AS subject, type(r) AS predicate, b.name AS object, r.confidence AS confidence,
       r.sentences AS sentences
ORDER BY subject, predicate, object
