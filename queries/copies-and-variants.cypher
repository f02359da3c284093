// Which weapon systems are copies or variants of which
MATCH (a:Entity)-[r:COPY_OF|VARIANT_OF]->(b:Entity)
RETURN a.name AS weapon, type(r) AS link, b.name AS original, r.hedged AS hedged,
       size(r.doc_ids) AS sources
ORDER BY weapon, link, original
