// The weapons involved in most events (transfers, captures and attacks)
// rows: one per weapon system or category, most events first
MATCH (f:Fact)-[:INVOLVES]->(w:Entity)
WHERE f.predicate IN ['transferred_to', 'captured_from', 'attacked']
RETURN w.name AS weapon, w.type AS type, count(DISTINCT f) AS events
ORDER BY events DESC, weapon
