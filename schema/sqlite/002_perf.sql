-- Indexes for the hot paths of large graphs (see bench/README.md).
-- Applied at open after 001; every statement is idempotent.

-- Walking from an ATTENDED edge to its meeting reads only these columns:
-- a covering index answers from one B-tree instead of two (the id index,
-- then the table row), for per-actor meeting lists, MET_WITH neighbours in
-- Connections, and date-range filters.
CREATE INDEX IF NOT EXISTS meetings_by_id_status ON meetings (id, status, first_day, last_day);
