// An actor's timeline: its dated facts in date order, with the precision of each date
// params: actor: the actor's canonical name, e.g. Jaysh al-Islam
// rows: one per dated fact the actor is the subject or object of; precision is day, month,
// year, span or day_of_year_unknown (a day whose year no source fixes, listed last)
MATCH (a:Entity {name: $actor})<-[:SUBJECT|OBJECT]-(f:Fact)
MATCH (f)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
WHERE f.date IS NOT NULL
RETURN f.date AS date, f.date_precision AS precision, s.name AS subject,
       f.predicate AS predicate, o.name AS object, f.hedged AS hedged
ORDER BY f.date_start, date, subject, predicate, object
