// What happened in a period: every fact whose dates can fall inside it (a fact dated only "2010" is found for 2009 to 2011)
// params: from_date: the first day, e.g. 2009-01-01; to_date: the last day, e.g. 2011-12-31
// rows: one per fact whose interval (date_start to date_end; an open end runs on) overlaps the period
MATCH (f:Fact)-[:SUBJECT]->(s:Entity)
MATCH (f)-[:OBJECT]->(o:Entity)
WHERE f.date_start <= date($to_date) AND coalesce(f.date_end, date($to_date)) >= date($from_date)
RETURN f.date AS date, f.date_precision AS precision, s.name AS subject,
       f.predicate AS predicate, o.name AS object
ORDER BY f.date_start, date, subject, predicate, object
