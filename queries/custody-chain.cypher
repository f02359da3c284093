// The custody chain of a weapon system in date order: its origin, transfers, captures and holders
// params: system: the system's canonical name, e.g. T-72
// rows: one per fact about the system, dated ones first, across every document; for
// origin_country the subject is the system and the object its maker; for transfers the
// giver and receiver; for captures the captor and whom it was taken from; for has_equipment
// the holder and the system
MATCH (f:Fact)-[:INVOLVES]->(w:Entity {name: $system})
MATCH (f)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
WHERE f.predicate IN ['origin_country', 'transferred_to', 'captured_from', 'has_equipment']
RETURN f.date AS date, f.predicate AS step, s.name AS subject, o.name AS object,
       f.hedged AS hedged, f.sources AS sources
ORDER BY f.date_start, step, subject, object
