// Attacks: who attacked what or whom, when, with which weapons
MATCH (a:Entity)-[r:ATTACKED]->(t:Entity)
OPTIONAL MATCH (w:Entity) WHERE w.id IN r.weapons
WITH a, r, t, collect(w.name) AS weapons
RETURN a.name AS attacker, t.name AS target, t.type AS target_type, r.date AS date,
       weapons, r.hedged AS hedged
ORDER BY attacker, target, date
