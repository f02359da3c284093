// Transfers of weapon systems made in a given country: giver, receiver, each weapon with its quantity, date
// params: country: the maker's canonical name, e.g. Iran
// rows: one per transfer and weapon; quantity is that weapon's own count where a source gives one
MATCH (f:Fact {predicate: 'transferred_to'})-[i:INVOLVES]->(w:Entity)-[:ORIGIN_COUNTRY]->(:Entity {name: $country})
MATCH (f)-[:SUBJECT]->(g:Entity)
MATCH (f)-[:OBJECT]->(r:Entity)
RETURN g.name AS giver, r.name AS receiver, w.name AS weapon,
       i.quantity AS quantity, f.date AS date, f.hedged AS hedged, f.sources AS sources
ORDER BY f.date_start, giver, receiver, weapon
