package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/parley/parley/graph"
)

const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Report returns a report with the facts it is a source of.
func (s *Store) Report(ctx context.Context, id string) (*graph.ReportFacts, error) {
	// The report's row, its actors and its facts are read in one
	// transaction: a delete between them would leave facts without sources.
	ctx, end := s.snapshot(ctx)
	defer end()
	var rf graph.ReportFacts
	r := &rf.Report
	var ingested, namesJSON, factsJSON string
	err := s.queryRow(ctx,
		`SELECT id, title, source, url, published, ingested_at, text, names, facts FROM reports WHERE id = ?`, id).
		Scan(&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &ingested, &r.Text, &namesJSON, &factsJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, translate(err))
	}
	r.IngestedAt = parseTime(ingested)
	var names []reportName
	if err := json.Unmarshal([]byte(namesJSON), &names); err != nil {
		return nil, fmt.Errorf("report %q: names: %w", id, err)
	}
	var facts reportFacts
	if err := json.Unmarshal([]byte(factsJSON), &facts); err != nil {
		return nil, fmt.Errorf("report %q: facts: %w", id, err)
	}

	entIDs := []string{}
	for _, n := range names {
		if !slices.Contains(entIDs, n[0]) {
			entIDs = append(entIDs, n[0])
		}
	}
	sort.Strings(entIDs)
	ents, err := s.EntitiesByID(ctx, entIDs)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	rf.Facts.Entities = []graph.Entity{}
	for _, eid := range entIDs {
		if e, ok := ents[eid]; ok {
			rf.Facts.Entities = append(rf.Facts.Entities, e)
		}
	}
	if rf.Facts.Meetings, err = s.loadMeetings(ctx, facts.Meetings); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf.Facts.Statements, err = s.loadStatements(ctx, facts.Statements); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf.Facts.Supports, err = s.loadSupports(ctx, facts.Supports); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	return &rf, nil
}

// Reports lists reports, most recently ingested first.
func (s *Store) Reports(ctx context.Context, f graph.ReportFilter) (graph.Page[graph.Report], error) {
	page := graph.Page[graph.Report]{Items: []graph.Report{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	q := `SELECT id, title, source, url, published, ingested_at FROM reports`
	args := []any{}
	if cur != nil {
		q += ` WHERE ingested_at < ? OR (ingested_at = ? AND id < ?)`
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` ORDER BY ingested_at DESC, id DESC LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("list reports: %w", translate(err))
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var r graph.Report
		var ingested string
		if err := rows.Scan(&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &ingested); err != nil {
			return page, fmt.Errorf("list reports: %w", err)
		}
		if len(page.Items) == limit {
			page.Next = graph.EncodeCursor(last, page.Items[limit-1].ID)
			break
		}
		r.IngestedAt = parseTime(ingested)
		last = ingested
		page.Items = append(page.Items, r)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list reports: %w", translate(err))
	}
	return page, nil
}

// ids runs a query of one string column.
func (s *Store) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, translate(err)
	}
	out, err := scanStrings(rows)
	return out, translate(err)
}

// scanStrings reads rows of one string column, and closes them.
func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
