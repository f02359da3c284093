// requires: neo4j
// The shortest chains of facts that connect two entities (Neo4j's allShortestPaths)
// params: a, b (canonical names)
MATCH (x:Entity {name: $a}), (y:Entity {name: $b})
MATCH p = allShortestPaths((x)-[*..6]-(y))
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS predicates
ORDER BY size(chain), chain
