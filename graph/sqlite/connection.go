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
	// The adjacency is of the graph's newest version, and a snapshot
	// (Snapshot: a request's) may be of an older one: SQL read in it would
	// then mix the two, such as a step found in the adjacency whose links
	// are read from a graph that does not hold them yet. So where an answer
	// read SQL and the versions differ, it is worked out again outside the
	// snapshot, where each query reads the graph as it is, and kept if no
	// write came in meanwhile; the third is kept whatever came in.
	for try := 1; ; try++ {
		paths, adj, bySQL, err := s.connections(ctx, q, maxHops, limit)
		if err != nil || !bySQL || try == 3 {
			return paths, err
		}
		if v, err := s.Version(ctx); err != nil || v == adj.version {
			return paths, err
		}
		ctx = withoutSnapshot(ctx)
	}
}

// connections is Connections, once; bySQL tells whether it read SQL
// besides the adjacency.
func (s *Store) connections(ctx context.Context, q graph.ConnectionQuery, maxHops, limit int) (_ []graph.Path, _ *adjacency, bySQL bool, _ error) {
	adj, err := s.adjacency(ctx)
	if err != nil {
		return nil, nil, false, fmt.Errorf("connections: %w", err)
	}
	for _, id := range []string{q.From, q.To} {
		if _, ok := adj.index[id]; ok {
			continue // an actor with relations, so stored
		}
		bySQL = true
		if _, err := s.one(ctx, fmt.Sprintf("entity %q", id), `SELECT id FROM entities WHERE id = ?`, id); err != nil {
			return nil, nil, false, err
		}
	}
	if q.From == q.To {
		return []graph.Path{{Nodes: []string{q.From}, Steps: []graph.Step{}}}, adj, bySQL, nil
	}
	from, ok1 := adj.index[q.From]
	to, ok2 := adj.index[q.To]
	if !ok1 || !ok2 {
		return []graph.Path{}, adj, bySQL, nil // an actor without relations
	}
	ix, _ := adj.indexes.Get().(*searchMemory)
	if ix == nil {
		ix = &searchMemory{ix: [2]*graph.DenseIndex{graph.NewDenseIndex(len(adj.ids)), graph.NewDenseIndex(len(adj.ids))}}
	}
	seqs := ix.buf.ShortestSequencesOf(from, to, maxHops, limit, ix.ix[0], ix.ix[1], adj.degrees, adj.neighbours)
	ix.ix[0].Reset()
	ix.ix[1].Reset()
	adj.indexes.Put(ix)
	steps, links, linksBySQL, err := s.stepLinks(ctx, adj, seqs)
	if err != nil {
		return nil, nil, false, fmt.Errorf("connections: %w", err)
	}
	bySQL = bySQL || linksBySQL
	// Actor numbers follow the order of ids, so the paths are sorted by them.
	// Each path has its own nodes, steps and links, as before, but those
	// of all paths are cut from one array of each: four allocations, not
	// three a path and one a step.
	nodes, stepsOut, nLinks := 0, 0, 0
	for _, seq := range seqs {
		nodes += len(seq)
		stepsOut += len(seq) - 1
		for j := 0; j+1 < len(seq); j++ {
			k, _ := slices.BinarySearch(steps, step(seq[j], seq[j+1]))
			nLinks += len(links[k])
		}
	}
	nodeBuf, stepBuf, linkBuf := make([]string, 0, nodes), make([]graph.Step, 0, stepsOut), make([]graph.Link, 0, nLinks)
	paths := make([]graph.Path, len(seqs))
	for i, seq := range seqs {
		p := &paths[i]
		start := len(nodeBuf)
		for _, n := range seq {
			nodeBuf = append(nodeBuf, adj.ids[n])
		}
		p.Nodes = nodeBuf[start:len(nodeBuf):len(nodeBuf)]
		start = len(stepBuf)
		for j := 0; j+1 < len(seq); j++ {
			k, _ := slices.BinarySearch(steps, step(seq[j], seq[j+1]))
			ls := len(linkBuf)
			linkBuf = append(linkBuf, links[k]...)
			stepBuf = append(stepBuf, graph.Step{From: p.Nodes[j], To: p.Nodes[j+1], Links: linkBuf[ls:len(linkBuf):len(linkBuf)]})
		}
		p.Steps = stepBuf[start:len(stepBuf):len(stepBuf)]
	}
	return paths, adj, bySQL, nil
}

// searchMemory is what a search keeps for the next (adjacency.indexes): the
// node indexes of each end, emptied, and the search's lists.
type searchMemory struct {
	ix  [2]*graph.DenseIndex
	buf graph.Buffers[int32]
}

// step packs the step from actor i to actor j into a number.
func step(i, j int32) uint64 { return uint64(i)<<32 | uint64(uint32(j)) }

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

// stepLinks reads the newest facts of every step of the sequences of
// actor numbers, each with its first source, from the adjacency in memory:
// the pair's newest meetings from the merge of their attendance lists, its
// newest statements and first supports from its lists of facts, and what
// their links say, sources included, from what it keeps of each fact. All
// of it is of the graph as of the adjacency's version, which was current
// when the call began. A pair with a fact that was not kept in memory is
// read by SQL alone, as before. It returns the steps (step(i, j)), sorted
// and once each, and the links of each: no map, and no id looked up.
func (s *Store) stepLinks(ctx context.Context, adj *adjacency, seqs [][]int32) (_ []uint64, _ [][]graph.Link, bySQL bool, _ error) {
	var steps []uint64
	for _, seq := range seqs {
		for k := 0; k+1 < len(seq); k++ {
			steps = append(steps, step(seq[k], seq[k+1]))
		}
	}
	slices.Sort(steps)
	steps = slices.Compact(steps)
	// The links of every step are cut from one array (a pair's newest
	// facts are gathered in all, reused from pair to pair): two
	// allocations, not two a step and more as they grow.
	out := make([][]graph.Link, len(steps))
	buf := make([]graph.Link, 0, len(steps)*graph.MaxLinks) // at most MaxLinks a step: never grown
	var all []keyed
	for n, key := range steps {
		i, j := int32(key>>32), int32(uint32(key))
		pr := struct {
			from, to string
			bySQL    bool // a fact was not kept
		}{from: adj.ids[i], to: adj.ids[j]}
		all = all[:0]
		// other is the actor of the pair that is not x.
		other := func(x int32) string {
			if x == i {
				return pr.to
			}
			return pr.from
		}
		kind := adj.kind(i, j)
		if kind&linkMet != 0 {
			// Newest first: past MaxLinks, only ties of the last day.
			for _, m := range adj.common(i, j, graph.MaxLinks) {
				r := &adj.meets[m]
				pr.bySQL = pr.bySQL || r.rowid == 0 || r.src.report == notKept
				k := keyed{l: graph.Link{Type: graph.MetWith, FactID: adj.meetingID(m), From: pr.from, To: pr.to,
					Source: adj.sources.source(r.src)}}
				k.day, k.l.Date.Value = dayDate(r.day, r.dateLen)
				all = append(all, k)
			}
		}
		var st, sp []int32
		if kind&(linkStated|linkSupports) != 0 {
			// Most pairs only met: no search of the pairs' lists.
			st, sp = adj.pairFacts(i, j)
		}
		for _, f := range adj.newestStated(st, graph.MaxLinks) {
			pr.bySQL = pr.bySQL || adj.stRowids[f] == 0 || adj.stSrc[f].report == notKept
			// From the speaker to the other of the pair.
			sp := adj.stSpeakers[f]
			k := keyed{l: graph.Link{Type: graph.StatedAbout, FactID: adj.stIDs.at(f), From: adj.ids[sp], To: other(sp),
				Source: adj.sources.source(adj.stSrc[f])}}
			k.day, k.l.Date.Value = dayDate(adj.stDays[f], adj.stDateLen[f])
			all = append(all, k)
		}
		for _, f := range sp[:min(len(sp), graph.MaxLinks)] {
			f -= int32(len(adj.stRowids))
			pr.bySQL = pr.bySQL || adj.supRowids[f] == 0 || adj.supSrc[f].report == notKept
			by := adj.supporters[f]
			k := keyed{l: graph.Link{Type: graph.Supports, FactID: adj.supIDs.at(f), From: adj.ids[by], To: other(by),
				Source: adj.sources.source(adj.supSrc[f])}}
			all = append(all, k)
		}
		if pr.bySQL {
			bySQL = true
			var err error
			if all, err = s.pairLinks(ctx, adj, pr.from, pr.to, i, j); err != nil {
				return nil, nil, false, err
			}
		} else {
			for k := range all {
				l := &all[k].l
				l.Date.Precision = precisionOf(l.Date.Value)
			}
		}
		start := len(buf)
		buf = newest(buf, all)
		out[n] = buf[start:len(buf):len(buf)] // capped: an append copies
	}
	return steps, out, bySQL, nil
}

// pairLinks reads the newest facts of two actors by SQL alone: held
// meetings, supports and statements, each kind they have.
func (s *Store) pairLinks(ctx context.Context, adj *adjacency, from, to string, i, j int32) ([]keyed, error) {
	var all []keyed
	var err error
	if adj.kind(i, j)&linkMet != 0 {
		if all, err = s.metLinks(ctx, from, to, len(adj.attended(j)) < len(adj.attended(i))); err != nil {
			return nil, err
		}
	}
	for _, q := range []struct {
		kind uint8
		sql  string
	}{{linkSupports, supportsSQL}, {linkStated, statedSQL}} {
		if adj.kind(i, j)&q.kind == 0 {
			continue
		}
		if all, err = s.otherLinks(ctx, all, q.sql, from, to); err != nil {
			return nil, err
		}
	}
	return all, nil
}

// precisionOf is the precision of a stored date by its form, as
// graph.ParseDate reads it ("" for none).
func precisionOf(date string) graph.Precision {
	switch len(date) {
	case 10:
		return graph.Day
	case 7:
		return graph.Month
	case 4:
		return graph.Year
	}
	return ""
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

// newest appends to links the MaxLinks newest of all, ties by fact id.
func newest(links []graph.Link, all []keyed) []graph.Link {
	slices.SortFunc(all, func(x, y keyed) int {
		if x.day != y.day {
			return strings.Compare(y.day, x.day)
		}
		return strings.Compare(x.l.FactID, y.l.FactID)
	})
	for _, k := range all[:min(len(all), graph.MaxLinks)] {
		links = append(links, k.l)
	}
	return links
}
