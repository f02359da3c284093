// Attacks: who attacked what or whom, when, with which weapons
MATCH (a:Entity)-[r:ATTACKED]->(t:Entity)
RETURN a.name AS attacker, t.name AS target, t.type AS target_type, r.date AS date,
       r.weapons AS weapons, r.hedged AS hedged
ORDER BY attacker, target, date
