// Attacks: who attacked what or whom, when, with which weapons
// rows: one per attack fact; weapons are the systems the sources name for it
MATCH (f:Fact {predicate: 'attacked'})-[:SUBJECT]->(a:Entity)
MATCH (f)-[:OBJECT]->(t:Entity)
OPTIONAL MATCH (f)-[:INVOLVES]->(w:Entity)
WITH a, t, f, collect(w.name) AS weapons
RETURN a.name AS attacker, t.name AS target, t.type AS target_type, f.date AS date,
       weapons, f.hedged AS hedged
ORDER BY attacker, target, date
