-- Indexes for the hot paths of large graphs (see bench/README.md).
-- Applied at open after 001; every statement is idempotent.

-- Walking from an ATTENDED edge to its meeting reads only these columns:
-- a covering index answers from one B-tree instead of two (the id index,
-- then the table row), for per-actor meeting lists, MET_WITH neighbours in
-- Connections, and date-range filters.
CREATE INDEX IF NOT EXISTS meetings_by_id_status ON meetings (id, status, first_day, last_day);

-- A counter every write of the graph bumps, in the same transaction: a
-- process that keeps the graph's adjacency in memory (for Connections) knows
-- from it whether any process has changed the graph since it read it.
CREATE TABLE IF NOT EXISTS graph_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
) STRICT;
INSERT OR IGNORE INTO graph_version (id, n) VALUES (1, 0);
