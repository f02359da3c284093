// Weapon systems the reporting says were made in a country
// params: country (the country's canonical name, e.g. Iran)
MATCH (w:Entity)-[r:ORIGIN_COUNTRY]->(c:Entity)
WHERE c.name = $country
RETURN w.name AS weapon, w.category AS category, size(r.doc_ids) AS documents
ORDER BY weapon
