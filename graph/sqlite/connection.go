package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
)

// Connections returns the shortest paths between two actors.
func (s *Store) Connections(ctx context.Context, q graph.ConnectionQuery) ([]graph.Path, error) {
	maxHops, limit, err := q.Check()
	if err != nil {
		return nil, err
	}
	for _, id := range []string{q.From, q.To} {
		if _, err := s.one(ctx, fmt.Sprintf("entity %q", id), `SELECT id FROM entities WHERE id = ?`, id); err != nil {
			return nil, err
		}
	}
	if q.From == q.To {
		return []graph.Path{{Nodes: []string{q.From}, Steps: []graph.Step{}}}, nil
	}
	adj, err := s.adjacency(ctx)
	if err != nil {
		return nil, fmt.Errorf("connections: %w", err)
	}
	from, ok1 := adj.index[q.From]
	to, ok2 := adj.index[q.To]
	if !ok1 || !ok2 {
		return []graph.Path{}, nil // an actor without relations
	}
	seqs, _ := graph.ShortestSequences(from, to, maxHops, limit, func(frontier []int32, visit func(from, to int32)) error {
		for _, n := range frontier {
			for _, m := range adj.neighbours(n) {
				visit(n, m)
			}
		}
		return nil
	})
	// Actor numbers follow the order of ids, so the paths are sorted by them.
	paths := make([]graph.Path, len(seqs))
	for i, seq := range seqs {
		paths[i].Nodes = make([]string, len(seq))
		for j, n := range seq {
			paths[i].Nodes[j] = adj.ids[n]
		}
	}
	memo := &linkMemo{adj: adj, links: map[[2]string][]graph.Link{}}
	for i := range paths {
		if err := s.fillSteps(ctx, &paths[i], memo); err != nil {
			return nil, fmt.Errorf("connections: %w", err)
		}
	}
	return paths, nil
}

// The first source of a fact, in the order of its sources' key, for the
// link that cites it (correlated subqueries: three seeks of one index).
const (
	meetingSourceCols = `
	  COALESCE((SELECT report_id FROM meeting_sources x WHERE x.meeting_id = a.meeting_id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT evidence FROM meeting_sources x WHERE x.meeting_id = a.meeting_id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT rule FROM meeting_sources x WHERE x.meeting_id = a.meeting_id ORDER BY report_id, evidence LIMIT 1), '')`
	supportSourceCols = `
	  COALESCE((SELECT report_id FROM support_sources x WHERE x.support_id = p.id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT evidence FROM support_sources x WHERE x.support_id = p.id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT rule FROM support_sources x WHERE x.support_id = p.id ORDER BY report_id, evidence LIMIT 1), '')`
	statementSourceCols = `
	  COALESCE((SELECT report_id FROM statement_sources x WHERE x.statement_id = s.id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT evidence FROM statement_sources x WHERE x.statement_id = s.id ORDER BY report_id, evidence LIMIT 1), ''),
	  COALESCE((SELECT rule FROM statement_sources x WHERE x.statement_id = s.id ORDER BY report_id, evidence LIMIT 1), '')`
)

// meetingOfSQL reads a held meeting by rowid (?1) with its first source, if
// both actors (?2, ?3) attended it.
var meetingOfSQL = `
	SELECT m.id, m.first_day, COALESCE(m.date, ''), COALESCE(d.precision, ''),` + strings.ReplaceAll(meetingSourceCols, "a.meeting_id", "m.id") + `
	FROM meetings m LEFT JOIN dates d ON d.id = m.date
	WHERE m.rowid = ?1 AND m.status = 'held'
	  AND EXISTS (SELECT 1 FROM attended b WHERE b.meeting_id = m.id AND b.entity_id = ?2)
	  AND EXISTS (SELECT 1 FROM attended b WHERE b.meeting_id = m.id AND b.entity_id = ?3)`

// metWithSQL lists the held meetings of two actors, newest first, with
// their first sources: one scan of the attendance of ?1 (whoever attended
// fewer meetings) in date order, a probe of the primary key for ?2's
// attendance at each (CROSS JOIN keeps that order: the meeting is read only
// for the meetings both attended). The rows are read only up to the last that can be
// among the newest MaxLinks facts.
const metWithSQL = `
	SELECT a.meeting_id, a.first_day, COALESCE(m.date, ''), COALESCE(d.precision, ''),` + meetingSourceCols + `
	FROM attended a
	CROSS JOIN attended b ON b.meeting_id = a.meeting_id AND b.entity_id = ?2
	CROSS JOIN meetings m ON m.id = a.meeting_id
	LEFT JOIN dates d ON d.id = m.date
	WHERE a.entity_id = ?1 AND m.status = 'held'
	ORDER BY a.first_day DESC, a.meeting_id DESC`

// otherLinksSQL lists the SUPPORTS and STATED_ABOUT facts between two
// actors (?1, ?2), newest first, with their first sources; the MET_WITH ones
// come from metWithSQL. Statements of one about the other are the
// intersection of two index scans (what one said, what was said about the
// other), not a seek per row.
const otherLinksSQL = `
	SELECT * FROM (
	  SELECT 'SUPPORTS' AS type, p.id AS id, p.supporter_id AS f, p.supported_id AS t, '' AS date, '' AS prec, '' AS day,` + supportSourceCols + `
	  FROM supports p
	  WHERE (p.supporter_id = ?1 AND p.supported_id = ?2) OR (p.supporter_id = ?2 AND p.supported_id = ?1)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?2, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?1 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?2)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?1, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?2 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?1)
	) ORDER BY day DESC, id LIMIT ?3`

// fillSteps adds the facts behind each hop of a path, reading those of a
// pair of actors not in memo and keeping them there.
func (s *Store) fillSteps(ctx context.Context, p *graph.Path, memo *linkMemo) error {
	p.Steps = make([]graph.Step, 0, len(p.Nodes)-1)
	for i := 0; i+1 < len(p.Nodes); i++ {
		step := graph.Step{From: p.Nodes[i], To: p.Nodes[i+1]}
		key := [2]string{step.From, step.To}
		links, ok := memo.links[key]
		if !ok {
			var err error
			if links, err = s.links(ctx, step.From, step.To, memo.adj); err != nil {
				return err
			}
			memo.links[key] = links
		}
		step.Links = slices.Clone(links)
		p.Steps = append(p.Steps, step)
	}
	return nil
}

// linkMemo keeps what one Connections call has read: paths share steps.
type linkMemo struct {
	adj   *adjacency
	links map[[2]string][]graph.Link
}

// keyed is a link with the day it is ordered by.
type keyed struct {
	l   graph.Link
	day string
}

// meetingOf calls fn with the held meeting of that rowid if both actors
// attended it, and says if they did (else the adjacency was read before a
// change of the graph).
func (s *Store) meetingOf(ctx context.Context, from, to string, rowid int32, fn func(keyed)) (bool, error) {
	k := keyed{l: graph.Link{Type: graph.MetWith, From: from, To: to}}
	var prec string
	err := s.queryRow(ctx, meetingOfSQL, rowid, from, to).Scan(&k.l.FactID, &k.day, &k.l.Date.Value, &prec,
		&k.l.Source.ReportID, &k.l.Source.Evidence, &k.l.Source.Rule)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, translate(err)
	}
	k.l.Date.Precision = graph.Precision(prec)
	fn(k)
	return true, nil
}

// metWith calls fn with the held meetings of two actors, newest first, until
// it returns false; swap walks the attendance of to rather than from's (the
// one who attended fewer meetings).
func (s *Store) metWith(ctx context.Context, from, to string, swap bool, fn func(keyed) bool) error {
	few, many := from, to
	if swap {
		few, many = to, from
	}
	rows, err := s.query(ctx, metWithSQL, few, many)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		k := keyed{l: graph.Link{Type: graph.MetWith, From: from, To: to}}
		var prec string
		if err := rows.Scan(&k.l.FactID, &k.day, &k.l.Date.Value, &prec, &k.l.Source.ReportID, &k.l.Source.Evidence, &k.l.Source.Rule); err != nil {
			return err
		}
		k.l.Date.Precision = graph.Precision(prec)
		if !fn(k) {
			break
		}
	}
	return translate(rows.Err())
}

// links reads the newest facts between two actors, each with its first
// source: their newest meetings by rowid (found by merging their attendance
// lists in memory), their other facts by one query if the adjacency says
// there are any.
func (s *Store) links(ctx context.Context, from, to string, adj *adjacency) ([]graph.Link, error) {
	var all []keyed
	i, j := adj.index[from], adj.index[to]
	kind := adj.kind(i, j)
	if kind&linkMet != 0 {
		// Their newest meetings, from the attendance lists in memory; read
		// by rowid. Newest first: past MaxLinks, only ties of the last day.
		for _, m := range adj.common(i, j, graph.MaxLinks) {
			found := false
			if rowid := adj.rowids[m]; rowid != 0 {
				var err error
				if found, err = s.meetingOf(ctx, from, to, rowid, func(k keyed) { all = append(all, k) }); err != nil {
					return nil, err
				}
			}
			if !found { // the graph changed since the adjacency was read
				all = all[:0]
				if err := s.metWith(ctx, from, to, len(adj.attended(j)) < len(adj.attended(i)), func(k keyed) bool {
					if len(all) >= graph.MaxLinks && k.day < all[graph.MaxLinks-1].day {
						return false
					}
					all = append(all, k)
					return true
				}); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	if kind&linkOther != 0 {
		err := s.each(ctx, otherLinksSQL, []any{from, to, graph.MaxLinks}, func(r *sql.Rows) error {
			var k keyed
			var prec string
			if err := r.Scan(&k.l.Type, &k.l.FactID, &k.l.From, &k.l.To, &k.l.Date.Value, &prec, &k.day,
				&k.l.Source.ReportID, &k.l.Source.Evidence, &k.l.Source.Rule); err != nil {
				return err
			}
			k.l.Date.Precision = graph.Precision(prec)
			all = append(all, k)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Newest first, ties by fact id.
	slices.SortFunc(all, func(x, y keyed) int {
		if x.day != y.day {
			return strings.Compare(y.day, x.day)
		}
		return strings.Compare(x.l.FactID, y.l.FactID)
	})
	links := make([]graph.Link, 0, min(len(all), graph.MaxLinks))
	for _, k := range all[:min(len(all), graph.MaxLinks)] {
		links = append(links, k.l)
	}
	return links, nil
}
