// The shortest chains between two actors through actor-to-actor facts only
// params: a: an actor's canonical name, e.g. Jaysh al-Islam; b: another, e.g. Syria
// rows: one per shortest chain: the actors on it, the predicates between them, its length
// (alliances, fights, transfers, captures, membership; never documents, places or weapons)
MATCH p = allShortestPaths((x:Entity {name: $a})-[:ALLIED_WITH|FOUGHT_AGAINST|TRANSFERRED_TO|CAPTURED_FROM|PART_OF|JOINED*..6]-(y:Entity {name: $b}))
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS predicates,
       length(p) AS steps
ORDER BY steps, reduce(path = '', n IN nodes(p) | path + n.name + ' > ')
