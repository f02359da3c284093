// Who handed equipment to whom: supplier, recipient, date, weapons, quantity, sources
MATCH (a:Entity)-[r:TRANSFERRED_TO]->(b:Entity)
RETURN a.name AS supplier, b.name AS recipient, r.date AS date, r.weapons AS weapons,
       r.quantity AS quantity, r.hedged AS hedged, size(r.doc_ids) AS sources
ORDER BY supplier, recipient, date
