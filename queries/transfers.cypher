// Who handed equipment to whom: supplier, recipient, date, weapons, quantity, sources
MATCH (a:Entity)-[r:TRANSFERRED_TO]->(b:Entity)
OPTIONAL MATCH (w:Entity) WHERE w.id IN r.weapons
WITH a, r, b, collect(w.name) AS weapons
RETURN a.name AS supplier, b.name AS recipient, r.date AS date, weapons,
       r.quantity AS quantity, r.hedged AS hedged, size(r.doc_ids) AS sources
ORDER BY supplier, recipient, date
