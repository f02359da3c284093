// Units and branches and the forces or states they belong to
// rows: one per part_of fact
MATCH (u:Entity)-[r:PART_OF]->(f:Entity)
RETURN u.name AS unit, f.name AS part_of, f.type AS part_of_type, r.sources AS sources
ORDER BY unit, part_of
