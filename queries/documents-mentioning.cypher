// Documents that mention an entity
// params: name: the entity's canonical name, e.g. Syrian Arab Army
// rows: one per document, oldest first
MATCH (d:Document)-[:MENTIONS]->(e:Entity {name: $name})
RETURN d.title AS title, d.publisher AS publisher, d.published AS published, d.url AS url,
       d.file AS file, d.id AS id
ORDER BY published, title, id
