// Weapon systems the reporting says were made in a country
// params: country: the country's canonical name, e.g. Iran
// rows: one per weapon system; sources counts the documents
MATCH (w:Entity)-[r:ORIGIN_COUNTRY]->(c:Entity {name: $country})
RETURN w.name AS weapon, w.category AS category, r.sources AS sources
ORDER BY weapon
