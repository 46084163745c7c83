-- Parley's graph model in SQL, for the embedded store (graph/sqlite).
-- Nodes are tables (reports, entities, dates, meetings, statements);
-- edges are tables or views named after the relationship they hold
-- (attended, met_with, stated/about, supports, on). Every fact keeps its
-- sources: the report and the exact evidence sentence.
-- Applied at open; every statement is idempotent.

-- (:Report {id = hash of content, title, source, url, published, ingested_at})
CREATE TABLE IF NOT EXISTS reports (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  url         TEXT NOT NULL DEFAULT '',
  published   TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD or ''
  ingested_at TEXT NOT NULL,              -- RFC 3339 UTC, fixed width
  text        TEXT NOT NULL
) STRICT;

-- (:Person|:Country|:Organization|:Group {id, name, aliases, titles, country})
CREATE TABLE IF NOT EXISTS entities (
  id      TEXT PRIMARY KEY,               -- graph.EntityID: "person:ali-khamenei"
  type    TEXT NOT NULL CHECK (type IN ('person','country','organization','group')),
  name    TEXT NOT NULL,
  folded  TEXT NOT NULL,                  -- graph.Fold(name), for ordering and search
  country TEXT NOT NULL DEFAULT ''        -- a country entity id, or ''
) STRICT;
CREATE INDEX IF NOT EXISTS entities_by_name ON entities (folded, id);

-- Every name an entity goes by, with the report that used it: aliases and
-- titles vanish with the last report that supports them.
CREATE TABLE IF NOT EXISTS entity_names (
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('alias','title')),
  name      TEXT NOT NULL,
  folded    TEXT NOT NULL,
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, kind, name, report_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_names_by_folded ON entity_names (folded, entity_id);
CREATE INDEX IF NOT EXISTS entity_names_by_report ON entity_names (report_id);

-- Search words: every word of every name, folded, for prefix search.
CREATE TABLE IF NOT EXISTS entity_words (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  word      TEXT NOT NULL,
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  PRIMARY KEY (word, entity_id, report_id)
) STRICT, WITHOUT ROWID;

-- (:Date {id = value, precision}) with the days it may stand for.
CREATE TABLE IF NOT EXISTS dates (
  id        TEXT PRIMARY KEY,             -- "2023-11-06", "2023-11" or "2023"
  precision TEXT NOT NULL CHECK (precision IN ('day','month','year')),
  first_day TEXT NOT NULL,
  last_day  TEXT NOT NULL
) STRICT;

-- (:Meeting {id, date, precision, place, mode, status})-[:ON]->(:Date)
CREATE TABLE IF NOT EXISTS meetings (
  id        TEXT PRIMARY KEY,
  date      TEXT REFERENCES dates (id),   -- NULL when unknown: the ON edge
  first_day TEXT NOT NULL DEFAULT '',     -- copied from dates for range scans
  last_day  TEXT NOT NULL DEFAULT '',
  place     TEXT NOT NULL DEFAULT '',
  place_folded TEXT NOT NULL DEFAULT '',
  mode      TEXT NOT NULL CHECK (mode IN ('in_person','phone','video')),
  status    TEXT NOT NULL CHECK (status IN ('held','planned'))
) STRICT;
CREATE INDEX IF NOT EXISTS meetings_by_date ON meetings (first_day DESC, id DESC);

-- (actor)-[:ATTENDED {role}]->(:Meeting)
CREATE TABLE IF NOT EXISTS attended (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  entity_id  TEXT NOT NULL REFERENCES entities (id),
  role       TEXT NOT NULL CHECK (role IN ('host','guest','participant')),
  first_day  TEXT NOT NULL DEFAULT '',    -- the meeting's, for per-actor range scans
  PRIMARY KEY (meeting_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attended_by_entity ON attended (entity_id, first_day DESC, meeting_id DESC);

-- (actor)-[:MET_WITH {meeting, date}]->(actor) for every pair of participants
-- of a meeting that took place.
CREATE VIEW IF NOT EXISTS met_with AS
  SELECT a.entity_id AS from_id, b.entity_id AS to_id, m.id AS meeting_id, m.date AS date
  FROM attended a
  JOIN attended b ON b.meeting_id = a.meeting_id AND b.entity_id <> a.entity_id
  JOIN meetings m ON m.id = a.meeting_id
  WHERE m.status = 'held';

CREATE TABLE IF NOT EXISTS meeting_sources (
  meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  report_id  TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  evidence   TEXT NOT NULL,
  rule       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, report_id, evidence)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS meeting_sources_by_report ON meeting_sources (report_id);

-- (actor)-[:STATED]->(:Statement {id, text, quoted})-[:ON]->(:Date)
CREATE TABLE IF NOT EXISTS statements (
  id         TEXT PRIMARY KEY,
  speaker_id TEXT NOT NULL REFERENCES entities (id),
  text       TEXT NOT NULL,
  quoted     INTEGER NOT NULL DEFAULT 0,
  date       TEXT REFERENCES dates (id),
  first_day  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS statements_by_speaker ON statements (speaker_id, first_day DESC, id DESC);
CREATE INDEX IF NOT EXISTS statements_by_date ON statements (first_day DESC, id DESC);

-- (:Statement)-[:ABOUT]->(actor)
CREATE TABLE IF NOT EXISTS about (
  statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  entity_id    TEXT NOT NULL REFERENCES entities (id),
  PRIMARY KEY (statement_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS about_by_entity ON about (entity_id, statement_id);

CREATE TABLE IF NOT EXISTS statement_sources (
  statement_id TEXT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
  report_id    TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  evidence     TEXT NOT NULL,
  rule         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (statement_id, report_id, evidence)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statement_sources_by_report ON statement_sources (report_id);

-- (actor)-[:SUPPORTS {claimed_by}]->(actor)
CREATE TABLE IF NOT EXISTS supports (
  id           TEXT PRIMARY KEY,
  supporter_id TEXT NOT NULL REFERENCES entities (id),
  supported_id TEXT NOT NULL REFERENCES entities (id),
  claimed_by   TEXT NOT NULL DEFAULT ''   -- an entity id, or '' when the supporter says so itself
) STRICT;
CREATE INDEX IF NOT EXISTS supports_by_supporter ON supports (supporter_id, id);
CREATE INDEX IF NOT EXISTS supports_by_supported ON supports (supported_id, id);

CREATE TABLE IF NOT EXISTS support_sources (
  support_id TEXT NOT NULL REFERENCES supports (id) ON DELETE CASCADE,
  report_id  TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  evidence   TEXT NOT NULL,
  rule       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (support_id, report_id, evidence)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS support_sources_by_report ON support_sources (report_id);
CREATE INDEX IF NOT EXISTS reports_by_ingest ON reports (ingested_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS entity_words_by_report ON entity_words (report_id);
