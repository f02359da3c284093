// Equipment passed on: A supplied B, which supplied C
// rows: one per chain of two transfer facts
MATCH (a:Entity)-[r1:TRANSFERRED_TO]->(b:Entity)-[r2:TRANSFERRED_TO]->(c:Entity)
WHERE a.id <> c.id
RETURN a.name AS first_supplier, b.name AS intermediary, c.name AS recipient,
       r1.date AS first_date, r2.date AS second_date
ORDER BY first_supplier, intermediary, recipient
