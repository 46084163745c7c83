-- Names counted, not repeated: an entity's aliases and titles are kept once
-- each, with the number of stored reports that use them, instead of once per
-- report; what each report named is kept with the report, so deleting it can
-- count its names down. Search words are kept once per entity.
-- Applied once, at open, to a store made by an earlier version (it moves
-- entity_names and entity_words over); a new store gets it right after 001.

-- A name (alias or title) of an entity, and how many reports use it. For a
-- title, first_day and last_day are the period it is known to cover.
CREATE TABLE IF NOT EXISTS names (
  entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('alias','title')),
  name      TEXT NOT NULL,
  folded    TEXT NOT NULL,
  reports   INTEGER NOT NULL CHECK (reports > 0),
  first_day TEXT NOT NULL DEFAULT '',
  last_day  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entity_id, kind, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_by_folded ON names (folded, entity_id);

-- Every word of every alias but its first, folded, for prefix search (a
-- prefix of the first word finds the name itself). Derived from names:
-- a word goes when the last alias that has it goes (graph/sqlite keeps it
-- so), so no key ties it to entities.
CREATE TABLE IF NOT EXISTS words (
  word      TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (word, entity_id)
) STRICT, WITHOUT ROWID;

-- Deleting a report asks whether an actor still claims a support.
CREATE INDEX IF NOT EXISTS supports_by_claimant ON supports (claimed_by) WHERE claimed_by <> '';

-- What the report named: a JSON array of [entity_id, kind, name].
ALTER TABLE reports ADD COLUMN names TEXT NOT NULL DEFAULT '[]';

INSERT INTO names (entity_id, kind, name, folded, reports, first_day, last_day)
  SELECT n.entity_id, n.kind, n.name, MIN(n.folded), COUNT(DISTINCT n.report_id),
         CASE n.kind WHEN 'title' THEN COALESCE(MIN(NULLIF(r.published, '')), '') ELSE '' END,
         CASE n.kind WHEN 'title' THEN COALESCE(MAX(NULLIF(r.published, '')), '') ELSE '' END
  FROM entity_names n JOIN reports r ON r.id = n.report_id
  GROUP BY n.entity_id, n.kind, n.name;
INSERT OR IGNORE INTO words (word, entity_id) SELECT word, entity_id FROM entity_words;
UPDATE reports SET names = COALESCE((
  SELECT json_group_array(json_array(n.entity_id, n.kind, n.name))
  FROM entity_names n WHERE n.report_id = reports.id), '[]');

DROP TABLE entity_words;
DROP TABLE entity_names;
