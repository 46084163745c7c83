package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/graph"
)

// querier runs one query and returns its records: Store.read, or a query
// inside a transaction.
type querier func(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error)

// readTx runs fn in one read transaction, so that what it reads is consistent.
func (s *Store) readTx(ctx context.Context, fn func(q querier) error) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	sess := s.drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.Background())
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(func(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
			return collect(ctx, tx, query, params)
		})
	})
	return s.noteErr(translate(err))
}

const reportCypher = `
MATCH (r:Report {id: $id})
RETURN r.id AS id, r.title AS title, r.source AS source, r.url AS url, r.published AS published,
       r.ingested_at AS ingested_at, r.text AS text,
       COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) RETURN a.id } AS entities,
       COLLECT { MATCH (m:Meeting)-[:SOURCED_FROM]->(r) RETURN DISTINCT m.id } AS meetings,
       COLLECT { MATCH (s:Statement)-[:SOURCED_FROM]->(r) RETURN DISTINCT s.id } AS statements,
       COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) MATCH (a)-[p:SUPPORTS]->()
                 WHERE r.id IN p.reports RETURN DISTINCT p.id } AS supports`

// Report returns a report with the facts it is a source of.
func (s *Store) Report(ctx context.Context, id string) (*graph.ReportFacts, error) {
	var rf *graph.ReportFacts
	err := s.readTx(ctx, func(q querier) error {
		rf = nil
		recs, err := q(ctx, reportCypher, map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return err
		}
		rec := recs[0]
		rf = &graph.ReportFacts{Report: readReport(rec)}
		rf.Report.Text = str(rec, "text")

		entIDs := sortedStrs(list(rec, "entities"))
		ents, err := entitiesByID(ctx, q, entIDs)
		if err != nil {
			return err
		}
		rf.Facts.Entities = []graph.Entity{}
		for _, eid := range entIDs {
			if e, ok := ents[eid]; ok {
				rf.Facts.Entities = append(rf.Facts.Entities, e)
			}
		}
		if rf.Facts.Meetings, err = loadMeetings(ctx, q, sortedStrs(list(rec, "meetings"))); err != nil {
			return err
		}
		if rf.Facts.Statements, err = loadStatements(ctx, q, sortedStrs(list(rec, "statements"))); err != nil {
			return err
		}
		rf.Facts.Supports, err = loadSupports(ctx, q, sortedStrs(list(rec, "supports")))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf == nil {
		return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	return rf, nil
}

func readReport(rec *neo4j.Record) graph.Report {
	r := graph.Report{
		ID: str(rec, "id"), Title: str(rec, "title"), Source: str(rec, "source"),
		URL: str(rec, "url"), Published: str(rec, "published"),
	}
	if v, ok := rec.Get("ingested_at"); ok {
		if t, ok := v.(time.Time); ok {
			r.IngestedAt = t.UTC()
		}
	}
	return r
}

const reportsCypher = `
MATCH (r:Report)
WHERE $after IS NULL OR r.ingested_at < datetime($after)
   OR (r.ingested_at = datetime($after) AND r.id < $afterId)
RETURN r.id AS id, r.title AS title, r.source AS source, r.url AS url, r.published AS published,
       r.ingested_at AS ingested_at
ORDER BY r.ingested_at DESC, r.id DESC
LIMIT $n`

// Reports lists reports, most recently ingested first.
func (s *Store) Reports(ctx context.Context, f graph.ReportFilter) (graph.Page[graph.Report], error) {
	page := graph.Page[graph.Report]{Items: []graph.Report{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	if cur != nil {
		if _, err := time.Parse(time.RFC3339Nano, cur[0]); err != nil {
			return page, fmt.Errorf("cursor %q is not one this store made: %w", f.Cursor, graph.ErrInvalid)
		}
	}
	after, afterID := cursorParams(cur)
	recs, err := s.read(ctx, reportsCypher, map[string]any{"after": after, "afterId": afterID, "n": limit + 1})
	if err != nil {
		return page, fmt.Errorf("list reports: %w", err)
	}
	for _, rec := range recs {
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = graph.EncodeCursor(last.IngestedAt.Format(time.RFC3339Nano), last.ID)
			break
		}
		page.Items = append(page.Items, readReport(rec))
	}
	return page, nil
}

const (
	// actorNamesCypher gathers the names and titles that the reports still
	// naming actors give them; refreshActorsCypher sets the aliases and the
	// search properties made of them (the folded names and their words,
	// folded in Go), and drops the titles that none of them names (the
	// periods of the others stay as they are).
	actorNamesCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(:Report)
WITH a, collect(m) AS ms
RETURN a.id AS id,
  reduce(acc = [], m IN ms | acc + [n IN m.names WHERE NOT n IN acc]) AS names,
  reduce(acc = [], m IN ms | acc + [t IN coalesce(m.titles, []) WHERE NOT t IN acc]) AS titles`

	refreshActorsCypher = `
UNWIND $actors AS x
MATCH (a:Actor {id: x.id})
WITH a, x, [i IN range(0, size(coalesce(a.titles, [])) - 1) WHERE a.titles[i] IN x.titles] AS keep
SET a.aliases = [n IN x.names WHERE n <> a.name],
    a.titles = [i IN keep | a.titles[i]],
    a.title_from = [i IN keep | coalesce(a.title_from[i], '')],
    a.title_to = [i IN keep | coalesce(a.title_to[i], '')],
    a.names_folded = x.folded,
    a.words = x.words,
    a.search_text = x.search_text`

	deleteReportFactsCypher = `
MATCH (r:Report {id: $id})
RETURN COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) RETURN a.id } AS actors,
       COLLECT { MATCH (m:Meeting)-[:SOURCED_FROM]->(r) RETURN DISTINCT m.id } AS meetings,
       COLLECT { MATCH (s:Statement)-[:SOURCED_FROM]->(r) RETURN DISTINCT s.id } AS statements`

	// Drop the report's sources from its supports; a support left without
	// sources goes.
	deleteReportSupportsCypher = `
MATCH (r:Report {id: $id})<-[:MENTIONED_IN]-(a:Actor)-[p:SUPPORTS]->()
WHERE $id IN p.reports
WITH DISTINCT p
WITH p, [i IN range(0, size(p.reports) - 1) WHERE p.reports[i] <> $id] AS keep
SET p.reports = [i IN keep | p.reports[i]],
    p.evidences = [i IN keep | p.evidences[i]],
    p.rules = [i IN keep | p.rules[i]]
WITH p WHERE size(p.reports) = 0
DELETE p`

	deleteReportNodeCypher = `MATCH (r:Report {id: $id}) DETACH DELETE r`

	deleteOrphanMeetingsCypher = `
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
WHERE NOT EXISTS { (m)-[:SOURCED_FROM]->(:Report) }
CALL { WITH m
  MATCH (:Actor)-[w:MET_WITH {meeting: m.id}]->(:Actor)
  DELETE w }
DETACH DELETE m`

	deleteOrphanStatementsCypher = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
WHERE NOT EXISTS { (s)-[:SOURCED_FROM]->(:Report) }
CALL { WITH s
  MATCH (:Actor)-[x:STATED_ABOUT {statement: s.id}]->(:Actor)
  DELETE x }
DETACH DELETE s`

	deleteOrphanActorsCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE NOT EXISTS { (a)-[:MENTIONED_IN|ATTENDED|STATED|ABOUT|SUPPORTS]-() }
  AND NOT EXISTS { MATCH ()-[p:SUPPORTS]->() WHERE p.claimed_by = id }
DETACH DELETE a`

	deleteOrphanDatesCypher = `
MATCH (d:Date)
WHERE NOT EXISTS { ()-[:ON]->(d) }
DELETE d`
)

// DeleteReport removes a report and every fact and name only it supports.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	found := false
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		found = false
		recs, err := collect(ctx, tx, deleteReportFactsCypher, map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return err
		}
		found = true
		rec := recs[0]
		actors := list(rec, "actors")
		run := func(bs ...batch) error {
			for _, b := range bs {
				if _, err := exec(ctx, tx, b.query, b.params); err != nil {
					return err
				}
			}
			return nil
		}
		if err := run(
			batch{query: deleteReportSupportsCypher, params: map[string]any{"id": id}},
			batch{query: deleteReportNodeCypher, params: map[string]any{"id": id}},
			batch{query: deleteOrphanMeetingsCypher, params: map[string]any{"ids": list(rec, "meetings")}},
			batch{query: deleteOrphanStatementsCypher, params: map[string]any{"ids": list(rec, "statements")}},
		); err != nil {
			return err
		}
		names, err := collect(ctx, tx, actorNamesCypher, map[string]any{"ids": actors})
		if err != nil {
			return err
		}
		refresh := make([]any, len(names))
		for i, rec := range names {
			n := searchNames(strs(list(rec, "names")))
			refresh[i] = map[string]any{"id": str(rec, "id"), "names": anys(n.names), "titles": list(rec, "titles"),
				"folded": anys(n.folded), "words": anys(n.words), "search_text": n.searchText()}
		}
		return run(
			batch{query: refreshActorsCypher, params: map[string]any{"actors": refresh}},
			batch{query: deleteOrphanActorsCypher, params: map[string]any{"ids": actors}},
			batch{query: deleteOrphanDatesCypher, params: nil},
		)
	})
	if err != nil {
		return fmt.Errorf("delete report %q: %w", id, err)
	}
	if !found {
		return fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	return nil
}
