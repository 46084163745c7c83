-- What was said about an actor, newest first, straight from an index: the
-- ABOUT edge carries its statement's first day (as ATTENDED carries its
-- meeting's), so a list of the statements about an actor reads only those,
-- not every statement of the graph looking for them.
-- Applied once, at open.

ALTER TABLE about ADD COLUMN first_day TEXT NOT NULL DEFAULT '';
UPDATE about SET first_day = (SELECT s.first_day FROM statements s WHERE s.id = about.statement_id);
CREATE INDEX IF NOT EXISTS about_by_entity_date ON about (entity_id, first_day DESC, statement_id DESC);
DROP INDEX IF EXISTS about_by_entity;
