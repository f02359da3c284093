// What equipment an actor (group or country) is reported to have, used or captured
// params: actor: the actor's canonical name, e.g. Syrian Arab Army
// rows: one per weapon system or equipment category; sources counts the documents
MATCH (a:Entity {name: $actor})-[r:HAS_EQUIPMENT]->(w:Entity)
RETURN w.name AS equipment, w.type AS type, w.category AS category, r.hedged AS hedged,
       r.sources AS sources
ORDER BY equipment
