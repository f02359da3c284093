// Units and branches and the forces or states they belong to
MATCH (u:Entity)-[r:PART_OF]->(f:Entity)
RETURN u.name AS unit, f.name AS part_of, f.type AS part_of_type, size(r.doc_ids) AS sources
ORDER BY unit, part_of
