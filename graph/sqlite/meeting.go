package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

// Meeting returns one meeting with all its sources.
func (s *Store) Meeting(ctx context.Context, id string) (*graph.Meeting, error) {
	ms, err := s.loadMeetings(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("meeting %q: %w", id, err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("meeting %q: %w", id, graph.ErrNotFound)
	}
	return &ms[0], nil
}

// Meetings lists meetings newest first.
func (s *Store) Meetings(ctx context.Context, f graph.MeetingFilter) (graph.Page[graph.Meeting], error) {
	page := graph.Page[graph.Meeting]{Items: []graph.Meeting{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	// With a participant, walk that actor's ATTENDED edges in date order
	// (index attended_by_entity); else walk all meetings by date.
	day, id := "m.first_day", "m.id"
	q := `SELECT m.id, m.first_day FROM meetings m`
	var where []string
	var args []any
	if len(f.Participants) > 1 {
		// Walk the meetings of whoever attended fewest; probe the others.
		ps, err := s.byDegree(ctx, f.Participants)
		if err != nil {
			return page, fmt.Errorf("list meetings: %w", err)
		}
		f.Participants = ps
	}
	if len(f.Participants) > 0 {
		q = `SELECT a.meeting_id, a.first_day FROM attended a JOIN meetings m ON m.id = a.meeting_id`
		day, id = "a.first_day", "a.meeting_id"
		where = append(where, `a.entity_id = ?`)
		args = append(args, f.Participants[0])
		for _, p := range f.Participants[1:] {
			where = append(where, `EXISTS (SELECT 1 FROM attended b WHERE b.meeting_id = m.id AND b.entity_id = ?)`)
			args = append(args, p)
		}
	}
	if !f.IncludePlanned {
		where = append(where, `m.status = 'held'`)
	}
	if f.From != "" || f.To != "" {
		where = append(where, `m.first_day <> ''`)
	}
	if f.From != "" {
		// The index walk stops at the earliest first day a meeting ending
		// on From or later can have, instead of going on to the actor's
		// (or the graph's) oldest meeting to fill the page.
		where = append(where, `m.last_day >= ?`, day+` >= ?`)
		args = append(args, f.From, earliestFirstDay(f.From))
	}
	if f.To != "" {
		where = append(where, day+` <= ?`)
		args = append(args, f.To)
	}
	if f.Place != "" {
		where = append(where, `m.place_folded = ?`)
		args = append(args, graph.Fold(f.Place))
	}
	if cur != nil {
		where = append(where, `(`+day+` < ? OR (`+day+` = ? AND `+id+` < ?))`)
		args = append(args, cur[0], cur[0], cur[1])
	}
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY ` + day + ` DESC, ` + id + ` DESC LIMIT ?`
	args = append(args, limit+1)
	ids, next, err := s.keyPage(ctx, limit, q, args...)
	if err != nil {
		return page, fmt.Errorf("list meetings: %w", err)
	}
	page.Next = next
	if page.Items, err = s.loadMeetings(ctx, ids); err != nil {
		return page, fmt.Errorf("list meetings: %w", err)
	}
	return page, nil
}

// keyPage runs a query of (id, sort key) rows with limit+1 rows asked for,
// and returns the ids of the page and the cursor of the next.
func (s *Store) keyPage(ctx context.Context, limit int, q string, args ...any) ([]string, string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, "", translate(err)
	}
	defer rows.Close()
	var ids, keys []string
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, "", err
		}
		ids, keys = append(ids, id), append(keys, key)
	}
	if err := rows.Err(); err != nil {
		return nil, "", translate(err)
	}
	if len(ids) > limit {
		return ids[:limit], graph.EncodeCursor(keys[limit-1], ids[limit-1]), nil
	}
	return ids, "", nil
}

// loadMeetings reads whole meetings, in the order of ids.
func (s *Store) loadMeetings(ctx context.Context, ids []string) ([]graph.Meeting, error) {
	byID := map[string]*graph.Meeting{}
	for _, chunk := range chunks(ids) {
		in := placeholders(len(chunk))
		rows, err := s.query(ctx, `
			SELECT m.id, COALESCE(m.date, ''), COALESCE(d.precision, ''), m.place, m.mode, m.status
			FROM meetings m LEFT JOIN dates d ON d.id = m.date WHERE m.id IN (`+in+`)`, anys(chunk)...)
		if err != nil {
			return nil, translate(err)
		}
		for rows.Next() {
			m := &graph.Meeting{Participants: []graph.Attendee{}, Sources: []graph.Source{}}
			var prec, mode, status string
			if err := rows.Scan(&m.ID, &m.Date.Value, &prec, &m.Place, &mode, &status); err != nil {
				rows.Close()
				return nil, err
			}
			m.Date.Precision, m.Mode, m.Status = graph.Precision(prec), graph.Mode(mode), graph.Status(status)
			byID[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
		err = s.each(ctx, `SELECT meeting_id, entity_id, role FROM attended WHERE meeting_id IN (`+in+`) ORDER BY meeting_id, entity_id`,
			anys(chunk), func(r *sql.Rows) error {
				var mid, eid, role string
				if err := r.Scan(&mid, &eid, &role); err != nil {
					return err
				}
				m := byID[mid]
				m.Participants = append(m.Participants, graph.Attendee{EntityID: eid, Role: graph.Role(role)})
				return nil
			})
		if err != nil {
			return nil, err
		}
		err = s.each(ctx, `SELECT meeting_id, report_id, evidence, rule FROM meeting_sources WHERE meeting_id IN (`+in+`) ORDER BY meeting_id, report_id, evidence`,
			anys(chunk), func(r *sql.Rows) error {
				var mid string
				var src graph.Source
				if err := r.Scan(&mid, &src.ReportID, &src.Evidence, &src.Rule); err != nil {
					return err
				}
				m := byID[mid]
				m.Sources = append(m.Sources, src)
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	out := make([]graph.Meeting, 0, len(ids))
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, *m)
		}
	}
	return out, nil
}

// each runs a query and calls fn for every row.
func (s *Store) each(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// byDegree returns actor ids ordered by how many meetings each attended
// (up to degreeCap), fewest first.
func (s *Store) byDegree(ctx context.Context, ids []string) ([]string, error) {
	deg := make(map[string]int, len(ids))
	for _, id := range ids {
		var n int
		err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM attended WHERE entity_id = ? LIMIT ?)`, id, degreeCap).Scan(&n)
		if err != nil {
			return nil, translate(err)
		}
		deg[id] = n
	}
	out := slices.Clone(ids)
	slices.SortStableFunc(out, func(a, b string) int { return deg[a] - deg[b] })
	return out, nil
}

// degreeCap bounds how far byDegree counts: past it, an actor is a hub
// whichever way, and counting further would cost more than it saves.
const degreeCap = 2000

// earliestFirstDay is the earliest first day of a date whose last day is
// from or later: a date spans a year at most (its precision is a day, a month
// or a year), so a year before from.
func earliestFirstDay(from string) string {
	t, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return ""
	}
	return t.AddDate(-1, 0, 0).Format(time.DateOnly)
}
