package sqlite

import (
	"context"
	"database/sql"
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
	links, err := s.pathLinks(ctx, adj, paths)
	if err != nil {
		return nil, fmt.Errorf("connections: %w", err)
	}
	for i := range paths {
		p := &paths[i]
		p.Steps = make([]graph.Step, 0, len(p.Nodes)-1)
		for j := 0; j+1 < len(p.Nodes); j++ {
			step := graph.Step{From: p.Nodes[j], To: p.Nodes[j+1]}
			step.Links = slices.Clone(links[[2]string{step.From, step.To}])
			p.Steps = append(p.Steps, step)
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

// meetingsByRowidSQL reads meetings by rowid (an IN list) with all their
// sources (a meeting has few; one range of the key, not three seeks for the
// first as meetingSourceCols); attendedSQL their participants.
var (
	meetingsByRowidSQL = `
	SELECT m.rowid, m.id, m.status, m.first_day, COALESCE(m.date, ''), COALESCE(d.precision, ''),
	  COALESCE(x.report_id, ''), COALESCE(x.evidence, ''), COALESCE(x.rule, '')
	FROM meetings m LEFT JOIN dates d ON d.id = m.date LEFT JOIN meeting_sources x ON x.meeting_id = m.id
	WHERE m.rowid IN (%s)`
	attendedSQL = `SELECT meeting_id, entity_id FROM attended WHERE meeting_id IN (%s)`
)

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

// supportsSQL lists the supports between two actors (?1, ?2), either way,
// with their first sources: the first ?3 by id (a support has no date).
const supportsSQL = `
	SELECT 'SUPPORTS', p.id, p.supporter_id, p.supported_id, '', '', '',` + supportSourceCols + `
	FROM supports p
	WHERE (p.supporter_id = ?1 AND p.supported_id = ?2) OR (p.supporter_id = ?2 AND p.supported_id = ?1)
	ORDER BY p.id LIMIT ?3`

// statedSQL lists what either of two actors (?1, ?2) said about the other,
// with their first sources: the newest ?3, ties by id. Each way is the
// intersection of two scans of covering indexes (what one said, what was
// said about the other), then a seek for each statement of both, rather
// than a seek for every statement of one.
const statedSQL = `
	SELECT * FROM (
	  SELECT 'STATED_ABOUT', s.id AS id, s.speaker_id, ?2, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day AS day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?1 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?2)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?1, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?2 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?1)
	) ORDER BY day DESC, id LIMIT ?3`

// keyed is a link with the day it is ordered by.
type keyed struct {
	l   graph.Link
	day string
}

// pathLinks reads the newest facts of every step of the paths (each pair of
// actors once), each with its first source: their newest meetings from the
// attendance lists in memory, read by rowid for all the steps at once (two
// queries, not one a meeting); their other facts by one query a pair, for
// the pairs the adjacency says have any.
func (s *Store) pathLinks(ctx context.Context, adj *adjacency, paths []graph.Path) (map[[2]string][]graph.Link, error) {
	type pair struct {
		from, to string
		i, j     int32
		met      []int32 // rowids of their newest meetings
	}
	var pairs []pair
	seen := map[[2]string]bool{}
	var rowids []int32
	for _, p := range paths {
		for k := 0; k+1 < len(p.Nodes); k++ {
			key := [2]string{p.Nodes[k], p.Nodes[k+1]}
			if seen[key] {
				continue
			}
			seen[key] = true
			pr := pair{from: key[0], to: key[1], i: adj.index[key[0]], j: adj.index[key[1]]}
			if adj.kind(pr.i, pr.j)&linkMet != 0 {
				// Newest first: past MaxLinks, only ties of the last day.
				for _, m := range adj.common(pr.i, pr.j, graph.MaxLinks) {
					pr.met = append(pr.met, adj.rowids[m])
					rowids = append(rowids, adj.rowids[m])
				}
			}
			pairs = append(pairs, pr)
		}
	}
	meetings, err := s.heldByRowid(ctx, rowids)
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string][]graph.Link, len(pairs))
	for _, pr := range pairs {
		var all []keyed
		for _, rowid := range pr.met {
			m, ok := meetings[rowid]
			if !ok || rowid == 0 || !slices.Contains(m.attendees, pr.from) || !slices.Contains(m.attendees, pr.to) {
				// The graph changed since the adjacency was read (or the
				// rowid was too large to keep): ask SQL.
				if all, err = s.metLinks(ctx, pr.from, pr.to, len(adj.attended(pr.j)) < len(adj.attended(pr.i))); err != nil {
					return nil, err
				}
				break
			}
			k := m.keyed
			k.l.From, k.l.To = pr.from, pr.to
			all = append(all, k)
		}
		// Their other facts, by a query for each kind they have.
		for _, q := range []struct {
			kind uint8
			sql  string
		}{{linkSupports, supportsSQL}, {linkStated, statedSQL}} {
			if adj.kind(pr.i, pr.j)&q.kind == 0 {
				continue
			}
			if all, err = s.otherLinks(ctx, all, q.sql, pr.from, pr.to); err != nil {
				return nil, err
			}
		}
		out[[2]string{pr.from, pr.to}] = newest(all)
	}
	return out, nil
}

// heldMeeting is a held meeting as a link (without its ends), and who
// attended it.
type heldMeeting struct {
	keyed
	attendees []string
}

// heldByRowid reads the held meetings of those rowids, with their first
// sources (in the order of the sources' key) and their participants.
func (s *Store) heldByRowid(ctx context.Context, rowids []int32) (map[int32]heldMeeting, error) {
	out := make(map[int32]heldMeeting, len(rowids))
	ids := map[string]int32{}
	for _, chunk := range chunks(rowids) {
		in := placeholders(len(chunk))
		err := s.each(ctx, fmt.Sprintf(meetingsByRowidSQL, in), anys(chunk), func(r *sql.Rows) error {
			var rowid int32
			var status, prec string
			k := keyed{l: graph.Link{Type: graph.MetWith}}
			if err := r.Scan(&rowid, &k.l.FactID, &status, &k.day, &k.l.Date.Value, &prec,
				&k.l.Source.ReportID, &k.l.Source.Evidence, &k.l.Source.Rule); err != nil {
				return err
			}
			if status != string(graph.Held) {
				return nil
			}
			k.l.Date.Precision = graph.Precision(prec)
			if m, ok := out[rowid]; ok && !firstSource(k.l.Source, m.l.Source) {
				return nil // a later source of a meeting already read
			}
			out[rowid] = heldMeeting{keyed: k}
			ids[k.l.FactID] = rowid
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	mids := make([]string, 0, len(ids))
	for id := range ids {
		mids = append(mids, id)
	}
	for _, chunk := range chunks(mids) {
		err := s.each(ctx, fmt.Sprintf(attendedSQL, placeholders(len(chunk))), anys(chunk), func(r *sql.Rows) error {
			var mid, eid string
			if err := r.Scan(&mid, &eid); err != nil {
				return err
			}
			rowid := ids[mid]
			m := out[rowid]
			m.attendees = append(m.attendees, eid)
			out[rowid] = m
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// firstSource says if a comes before b in the order of the sources' key.
func firstSource(a, b graph.Source) bool {
	return a.ReportID < b.ReportID || a.ReportID == b.ReportID && a.Evidence < b.Evidence
}

// metLinks reads the newest held meetings of two actors by SQL alone: the
// MaxLinks newest and those of the same day as the last; swap walks the
// attendance of to rather than from's (the one who attended fewer meetings).
func (s *Store) metLinks(ctx context.Context, from, to string, swap bool) ([]keyed, error) {
	few, many := from, to
	if swap {
		few, many = to, from
	}
	var all []keyed
	rows, err := s.query(ctx, metWithSQL, few, many)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		k := keyed{l: graph.Link{Type: graph.MetWith, From: from, To: to}}
		var prec string
		if err := rows.Scan(&k.l.FactID, &k.day, &k.l.Date.Value, &prec, &k.l.Source.ReportID, &k.l.Source.Evidence, &k.l.Source.Rule); err != nil {
			return nil, err
		}
		k.l.Date.Precision = graph.Precision(prec)
		if len(all) >= graph.MaxLinks && k.day < all[graph.MaxLinks-1].day {
			break
		}
		all = append(all, k)
	}
	return all, translate(rows.Err())
}

// otherLinks adds to all the facts of two actors that q (supportsSQL or
// statedSQL) reads: the MaxLinks newest of its kind.
func (s *Store) otherLinks(ctx context.Context, all []keyed, q, from, to string) ([]keyed, error) {
	err := s.each(ctx, q, []any{from, to, graph.MaxLinks}, func(r *sql.Rows) error {
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
	return all, err
}

// newest returns the MaxLinks newest links, ties by fact id.
func newest(all []keyed) []graph.Link {
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
	return links
}
