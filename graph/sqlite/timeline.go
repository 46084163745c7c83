package sqlite

import (
	"context"
	"fmt"

	"github.com/parley/parley/graph"
)

// Timeline lists the dated meetings and statements of one actor, oldest first.
func (s *Store) Timeline(ctx context.Context, f graph.TimelineFilter) (graph.Page[graph.Event], error) {
	page := graph.Page[graph.Event]{Items: []graph.Event{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	// The page's keys and its rows are read in one transaction: a delete
	// between them would leave a row without its sources.
	ctx, end := s.snapshot(ctx)
	defer end()
	from, to := f.From, f.To
	if to == "" {
		to = "9999-12-31"
	}
	after, afterID := "", ""
	if cur != nil {
		after, afterID = cur[0], cur[1]
	}
	q := `SELECT id, first_day FROM (
		SELECT m.id AS id, m.first_day AS first_day FROM attended a JOIN meetings m ON m.id = a.meeting_id
		WHERE a.entity_id = ? AND m.status = 'held' AND m.first_day <> '' AND m.last_day >= ? AND m.first_day <= ?
		UNION ALL
		SELECT s.id, s.first_day FROM statements s JOIN dates d ON d.id = s.date
		WHERE s.speaker_id = ? AND d.last_day >= ? AND s.first_day <= ?)
		WHERE first_day > ? OR (first_day = ? AND id > ?)
		ORDER BY first_day, id LIMIT ?`
	ids, next, err := s.keyPage(ctx, limit, q, f.Entity, from, to, f.Entity, from, to, after, after, afterID, limit+1)
	if err != nil {
		return page, fmt.Errorf("timeline of %q: %w", f.Entity, err)
	}
	page.Next = next
	var mids, sids []string
	for _, id := range ids {
		if id[0] == 'm' {
			mids = append(mids, id)
		} else {
			sids = append(sids, id)
		}
	}
	ms, err := s.loadMeetings(ctx, mids)
	if err != nil {
		return page, fmt.Errorf("timeline of %q: %w", f.Entity, err)
	}
	ss, err := s.loadStatements(ctx, sids)
	if err != nil {
		return page, fmt.Errorf("timeline of %q: %w", f.Entity, err)
	}
	byID := map[string]graph.Event{}
	for i := range ms {
		byID[ms[i].ID] = graph.Event{Kind: "meeting", Date: ms[i].Date, Meeting: &ms[i]}
	}
	for i := range ss {
		byID[ss[i].ID] = graph.Event{Kind: "statement", Date: ss[i].Date, Statement: &ss[i]}
	}
	for _, id := range ids {
		if ev, ok := byID[id]; ok {
			page.Items = append(page.Items, ev)
		}
	}
	return page, nil
}
