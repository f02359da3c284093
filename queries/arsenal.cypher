// What equipment an actor (group or country) is reported to have, used or captured
// params: actor (the actor's canonical name, e.g. Syrian Arab Army)
MATCH (a:Entity)-[r:HAS_EQUIPMENT]->(w:Entity)
WHERE a.name = $actor
RETURN w.name AS equipment, w.type AS type, w.category AS category, r.hedged AS hedged,
       size(r.doc_ids) AS sources
ORDER BY equipment
