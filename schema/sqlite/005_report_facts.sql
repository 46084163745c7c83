-- A report lists the facts it is a source of, as it lists its names: a
-- delete and GET /reports/{id} read the list, and no index of the three
-- *_sources tables by report is kept. Those indexes repeated each source's
-- evidence sentence (a WITHOUT ROWID table's index holds its whole key) and
-- cost a B-tree insert for every source a report gives: ~28 of a synthetic
-- report's ~350 index inserts, and ~40% of its index pages.
-- Applied once, at open.

-- {"meetings": [id, ...], "statements": [...], "supports": [...]}, each list
-- in id order.
ALTER TABLE reports ADD COLUMN facts TEXT NOT NULL DEFAULT '{"meetings":[],"statements":[],"supports":[]}';

-- (A subquery's result is text to json_object, hence json().)
UPDATE reports SET facts = json_object(
  'meetings', json((SELECT json_group_array(meeting_id) FROM
    (SELECT DISTINCT meeting_id FROM meeting_sources WHERE report_id = reports.id ORDER BY meeting_id))),
  'statements', json((SELECT json_group_array(statement_id) FROM
    (SELECT DISTINCT statement_id FROM statement_sources WHERE report_id = reports.id ORDER BY statement_id))),
  'supports', json((SELECT json_group_array(support_id) FROM
    (SELECT DISTINCT support_id FROM support_sources WHERE report_id = reports.id ORDER BY support_id))));

DROP INDEX IF EXISTS meeting_sources_by_report;
DROP INDEX IF EXISTS statement_sources_by_report;
DROP INDEX IF EXISTS support_sources_by_report;
