// Parley's graph model in Neo4j (graph/neo4j); see README.md beside this file.
// Applied by graphneo4j.Open, one statement at a time; every statement is
// idempotent (IF NOT EXISTS). Statements end with a semicolon at the end of a
// line; lines starting with // are comments.

// Every node label has a unique id: MERGE on it never duplicates a node,
// even when two reports naming the same actor are ingested at once.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (a:Person) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (a:Country) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (a:Organization) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (a:Group) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (m:Meeting) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT date_id IF NOT EXISTS FOR (d:Date) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (r:Report) REQUIRE r.id IS UNIQUE;

// Ordering and filtering.
CREATE INDEX actor_folded IF NOT EXISTS FOR (a:Actor) ON (a.folded, a.id);
CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type);
CREATE INDEX meeting_date_start IF NOT EXISTS FOR (m:Meeting) ON (m.date_start);
CREATE INDEX meeting_place IF NOT EXISTS FOR (m:Meeting) ON (m.place_folded);
CREATE INDEX statement_date_start IF NOT EXISTS FOR (s:Statement) ON (s.date_start);
CREATE INDEX report_ingested_at IF NOT EXISTS FOR (r:Report) ON (r.ingested_at);

// Relationship properties that queries look up.
CREATE INDEX supports_id IF NOT EXISTS FOR ()-[p:SUPPORTS]-() ON (p.id);
CREATE INDEX supports_claimed_by IF NOT EXISTS FOR ()-[p:SUPPORTS]-() ON (p.claimed_by);
CREATE INDEX met_with_meeting IF NOT EXISTS FOR ()-[w:MET_WITH]-() ON (w.meeting);
CREATE INDEX stated_about_statement IF NOT EXISTS FOR ()-[x:STATED_ABOUT]-() ON (x.statement);

// Entity search: every folded name and alias of an actor, one per line, in
// search_text. Single-word prefix queries go through this index.
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.search_text];
