package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/parley/parley/graph"
)

// bfs is one side of a bidirectional breadth-first search.
type bfs struct {
	depth    map[string]int
	parents  map[string][]string // node -> its neighbours one level nearer the start
	frontier []string
	level    int
}

func newBFS(start string) *bfs {
	return &bfs{depth: map[string]int{start: 0}, parents: map[string][]string{}, frontier: []string{start}}
}

// expand visits the next level: the neighbours of the frontier not seen yet.
func (b *bfs) expand(adj *adjacency) {
	hop := b.level + 1
	next := map[string]bool{}
	adj.neighbours(b.frontier, func(from, to string) {
		if d, seen := b.depth[to]; seen && d < hop {
			return
		}
		b.depth[to] = hop
		b.parents[to] = append(b.parents[to], from)
		next[to] = true
	})
	b.level = hop
	b.frontier = sortedKeys(next)
}

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
	// Breadth-first from both ends, a level at a time, always on the side
	// whose frontier is smaller, until the two meet: the nodes where they
	// meet are the middles of every shortest path.
	fwd, bwd := newBFS(q.From), newBFS(q.To)
	var meet []string
	for fwd.level+bwd.level < maxHops && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 {
		side, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			side, other = bwd, fwd
		}
		side.expand(adj)
		for _, n := range side.frontier {
			if _, ok := other.depth[n]; ok {
				meet = append(meet, n)
			}
		}
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return []graph.Path{}, nil
	}
	// Children on shortest paths: toward the middles on From's side, from
	// the middles toward To on the other; then a depth-first walk in id
	// order yields the paths already sorted by their actor ids.
	children := map[string][]string{}
	seen := map[string]bool{}
	queue := append([]string(nil), meet...)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range fwd.parents[n] {
			children[p] = append(children[p], n)
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
	seen = map[string]bool{}
	queue = append(queue[:0], meet...)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, c := range bwd.parents[n] {
			children[n] = append(children[n], c)
			if !seen[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
	}
	for k := range children {
		sort.Strings(children[k])
		children[k] = dedupe(children[k])
	}
	var paths []graph.Path
	var walk func(nodes []string)
	walk = func(nodes []string) {
		if len(paths) >= limit {
			return
		}
		last := nodes[len(nodes)-1]
		if last == q.To {
			paths = append(paths, graph.Path{Nodes: append([]string(nil), nodes...)})
			return
		}
		for _, c := range children[last] {
			walk(append(nodes, c))
		}
	}
	walk([]string{q.From})
	memo := &linkMemo{links: map[[2]string][]graph.Link{}, attended: map[string][]dayID{}}
	for i := range paths {
		if err := s.fillSteps(ctx, &paths[i], memo); err != nil {
			return nil, fmt.Errorf("connections: %w", err)
		}
	}
	return paths, nil
}

// otherLinksSQL lists the SUPPORTS and STATED_ABOUT facts between two
// actors (?1, ?2), newest first; the MET_WITH ones come from attendance lists.
// Statements of one about the other are the intersection of two index scans
// (what one said, what was said about the other), not a seek per row.
const otherLinksSQL = `
	SELECT * FROM (
	  SELECT 'SUPPORTS' AS type, p.id AS id, p.supporter_id AS f, p.supported_id AS t, '' AS date, '' AS prec, '' AS day
	  FROM supports p
	  WHERE (p.supporter_id = ?1 AND p.supported_id = ?2) OR (p.supporter_id = ?2 AND p.supported_id = ?1)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?2, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?1 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?2)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?1, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?2 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?1)
	) ORDER BY day DESC, id LIMIT ?3`

// heldMeetingSQL reads one meeting for a MET_WITH link, if it was held.
const heldMeetingSQL = `SELECT COALESCE(m.date, ''), COALESCE(d.precision, ''), m.first_day
	FROM meetings m LEFT JOIN dates d ON d.id = m.date WHERE m.id = ? AND m.status = 'held'`

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
			if links, err = s.links(ctx, step.From, step.To, memo); err != nil {
				return err
			}
			memo.links[key] = links
		}
		step.Links = slices.Clone(links)
		p.Steps = append(p.Steps, step)
	}
	return nil
}

// linkMemo keeps what one Connections call has read: paths share steps,
// and steps share actors.
type linkMemo struct {
	links    map[[2]string][]graph.Link
	attended map[string][]dayID // actor -> meetings attended, newest first
}

// dayID is a meeting's id and first day.
type dayID struct{ day, id string }

// attendedBy lists the meetings an actor attended, newest first: one scan of
// the attended_by_entity index.
func (s *Store) attendedBy(ctx context.Context, id string, memo *linkMemo) ([]dayID, error) {
	if ms, ok := memo.attended[id]; ok {
		return ms, nil
	}
	var ms []dayID
	err := s.each(ctx, `SELECT meeting_id, first_day FROM attended WHERE entity_id = ? ORDER BY first_day DESC, meeting_id DESC`,
		[]any{id}, func(r *sql.Rows) error {
			var m dayID
			ms = append(ms, m)
			return r.Scan(&ms[len(ms)-1].id, &ms[len(ms)-1].day)
		})
	if err != nil {
		return nil, err
	}
	memo.attended[id] = ms
	return ms, nil
}

// links reads the newest facts between two actors, each with its first
// source. Their meetings are the intersection of their attendance lists:
// two index scans, rather than a seek into one's for every meeting of the
// other, which costs much more when one of them is a hub.
func (s *Store) links(ctx context.Context, from, to string, memo *linkMemo) ([]graph.Link, error) {
	links := []graph.Link{}
	type keyed struct {
		l   graph.Link
		day string
	}
	var all []keyed
	a, err := s.attendedBy(ctx, from, memo)
	if err != nil {
		return nil, err
	}
	b, err := s.attendedBy(ctx, to, memo)
	if err != nil {
		return nil, err
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	inB := make(map[string]bool, len(b))
	for _, m := range b {
		inB[m.id] = true
	}
	var held []string     // days of the held meetings found
	for _, m := range a { // newest first: past MaxLinks held ones, only ties of the last day count
		if !inB[m.id] {
			continue
		}
		if len(held) >= graph.MaxLinks && m.day < held[graph.MaxLinks-1] {
			break
		}
		l := graph.Link{Type: graph.MetWith, FactID: m.id, From: from, To: to}
		var prec, day string
		err := s.queryRow(ctx, heldMeetingSQL, m.id).Scan(&l.Date.Value, &prec, &day)
		if errors.Is(err, sql.ErrNoRows) {
			continue // planned
		}
		if err != nil {
			return nil, translate(err)
		}
		l.Date.Precision = graph.Precision(prec)
		all = append(all, keyed{l, day})
		held = append(held, day)
	}
	err = s.each(ctx, otherLinksSQL, []any{from, to, graph.MaxLinks}, func(r *sql.Rows) error {
		var l graph.Link
		var prec, day string
		if err := r.Scan(&l.Type, &l.FactID, &l.From, &l.To, &l.Date.Value, &prec, &day); err != nil {
			return err
		}
		l.Date.Precision = graph.Precision(prec)
		all = append(all, keyed{l, day})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Newest first, ties by fact id.
	slices.SortFunc(all, func(x, y keyed) int {
		if x.day != y.day {
			return strings.Compare(y.day, x.day)
		}
		return strings.Compare(x.l.FactID, y.l.FactID)
	})
	for _, k := range all[:min(len(all), graph.MaxLinks)] {
		links = append(links, k.l)
	}
	for j := range links {
		src, err := s.firstSource(ctx, links[j])
		if err != nil {
			return nil, err
		}
		links[j].Source = src
	}
	return links, nil
}

func (s *Store) firstSource(ctx context.Context, l graph.Link) (graph.Source, error) {
	q := map[string]string{
		graph.MetWith:     `SELECT report_id, evidence, rule FROM meeting_sources WHERE meeting_id = ? ORDER BY report_id, evidence LIMIT 1`,
		graph.Supports:    `SELECT report_id, evidence, rule FROM support_sources WHERE support_id = ? ORDER BY report_id, evidence LIMIT 1`,
		graph.StatedAbout: `SELECT report_id, evidence, rule FROM statement_sources WHERE statement_id = ? ORDER BY report_id, evidence LIMIT 1`,
	}[l.Type]
	var src graph.Source
	err := s.queryRow(ctx, q, l.FactID).Scan(&src.ReportID, &src.Evidence, &src.Rule)
	return src, translate(err)
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}
