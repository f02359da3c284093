// Which weapon systems are copies or variants of which
// rows: one per copy_of or variant_of fact
MATCH (a:Entity)-[r:COPY_OF|VARIANT_OF]->(b:Entity)
RETURN a.name AS weapon, type(r) AS link, b.name AS original, r.hedged AS hedged,
       r.sources AS sources
ORDER BY weapon, link, original
