// Documents that mention an entity
// params: name (the entity's canonical name)
MATCH (d:Document)-[:MENTIONS]->(e:Entity)
WHERE e.name = $name
RETURN d.title AS title, d.published AS published, d.source AS source, d.id AS id
ORDER BY published, title, id
