package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/parley/parley/graph"
)

const endpointsCypher = `
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
RETURN id, a IS NOT NULL AS found`

// hopsCypher returns the length of a shortest path between two actors, if
// one is within the bound: Neo4j's bidirectional search answers this fast,
// even where no path exists. The hop bound of a variable-length pattern
// cannot be a parameter, so it is written in from the validated integer (1
// to graph.MaxHops), never from input text.
func hopsCypher(maxHops int) string {
	return `
MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
MATCH p = shortestPath((a)-[:MET_WITH|SUPPORTS|STATED_ABOUT*..` + strconv.Itoa(maxHops) + `]-(b))
RETURN length(p) AS hops`
}

// neighboursCypher lists the actors one hop from a set of actors, over
// every relation, in either direction: each pair once, however many facts
// join it (allShortestPaths would list a path per combination of parallel
// edges, which explodes between actors who met often).
const neighboursCypher = `
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:MET_WITH|SUPPORTS|STATED_ABOUT]-(b:Actor)
RETURN DISTINCT id AS from, b.id AS to`

// linksCypher lists every fact between the two actors of each step.
const linksCypher = `
UNWIND range(0, size($pairs) - 1) AS i
CALL {
  WITH i
  MATCH (:Actor {id: $pairs[i][0]})-[w:MET_WITH]-(:Actor {id: $pairs[i][1]})
  MATCH (m:Meeting {id: w.meeting})
  RETURN 'MET_WITH' AS type, m.id AS fact, $pairs[i][0] AS from, $pairs[i][1] AS to,
         m.date AS date, m.precision AS precision, coalesce(toString(m.date_start), '') AS day,
         COLLECT { MATCH (m)-[x:SOURCED_FROM]->(r:Report) RETURN [r.id, x.evidence, x.rule] } AS sources
  UNION ALL
  WITH i
  MATCH (a:Actor)-[p:SUPPORTS]->(b:Actor)
  WHERE (a.id = $pairs[i][0] AND b.id = $pairs[i][1]) OR (a.id = $pairs[i][1] AND b.id = $pairs[i][0])
  RETURN 'SUPPORTS' AS type, p.id AS fact, a.id AS from, b.id AS to,
         null AS date, null AS precision, '' AS day,
         [k IN range(0, size(p.reports) - 1) | [p.reports[k], p.evidences[k], p.rules[k]]] AS sources
  UNION ALL
  WITH i
  MATCH (a:Actor)-[x:STATED_ABOUT]->(b:Actor)
  WHERE (a.id = $pairs[i][0] AND b.id = $pairs[i][1]) OR (a.id = $pairs[i][1] AND b.id = $pairs[i][0])
  MATCH (s:Statement {id: x.statement})
  RETURN 'STATED_ABOUT' AS type, s.id AS fact, a.id AS from, b.id AS to,
         s.date AS date, s.precision AS precision, coalesce(toString(s.date_start), '') AS day,
         COLLECT { MATCH (s)-[y:SOURCED_FROM]->(r:Report) RETURN [r.id, y.evidence, y.rule] } AS sources
}
RETURN i, type, fact, from, to, date, precision, day, sources`

// Connections returns the shortest paths between two actors.
func (s *Store) Connections(ctx context.Context, q graph.ConnectionQuery) ([]graph.Path, error) {
	maxHops, limit, err := q.Check()
	if err != nil {
		return nil, err
	}
	var paths []graph.Path
	err = s.readTx(ctx, func(run querier) error {
		paths = []graph.Path{}
		recs, err := run(ctx, endpointsCypher, map[string]any{"ids": []any{q.From, q.To}})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if !boolean(rec, "found") {
				return fmt.Errorf("entity %q: %w", str(rec, "id"), graph.ErrNotFound)
			}
		}
		if q.From == q.To {
			paths = append(paths, graph.Path{Nodes: []string{q.From}, Steps: []graph.Step{}})
			return nil
		}
		recs, err = run(ctx, hopsCypher(maxHops), map[string]any{"from": q.From, "to": q.To})
		if err != nil || len(recs) == 0 {
			return err
		}
		v, _ := recs[0].Get("hops")
		hops, _ := v.(int64)
		nodes, err := shortestSequences(ctx, run, q.From, q.To, int(hops), limit)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			paths = append(paths, graph.Path{Nodes: n})
		}
		return fillSteps(ctx, run, paths)
	})
	if err != nil {
		return nil, fmt.Errorf("connections %s to %s: %w", q.From, q.To, err)
	}
	return paths, nil
}

// shortestSequences returns the actor sequences of the shortest paths of
// exactly hops hops from one actor to another, in the order of their ids,
// at most limit of them: a breadth-first search that remembers every parent
// on a shortest path, then a walk in id order.
func shortestSequences(ctx context.Context, run querier, from, to string, hops, limit int) ([][]string, error) {
	depth := map[string]int{from: 0}
	parents := map[string][]string{}
	frontier := []string{from}
	for d := 1; d <= hops && len(frontier) > 0; d++ {
		recs, err := run(ctx, neighboursCypher, map[string]any{"ids": anys(frontier)})
		if err != nil {
			return nil, err
		}
		next := map[string]bool{}
		for _, rec := range recs {
			a, b := str(rec, "from"), str(rec, "to")
			if seen, ok := depth[b]; ok && seen < d {
				continue
			}
			depth[b] = d
			parents[b] = append(parents[b], a)
			next[b] = true
		}
		if next[to] {
			break
		}
		frontier = frontier[:0]
		for id := range next {
			frontier = append(frontier, id)
		}
		sort.Strings(frontier)
	}
	// Children on shortest paths towards the target, in id order.
	children := map[string][]string{}
	onPath := map[string]bool{to: true}
	queue := []string{to}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range parents[n] {
			children[p] = append(children[p], n)
			if !onPath[p] {
				onPath[p] = true
				queue = append(queue, p)
			}
		}
	}
	for k, c := range children {
		sort.Strings(c)
		children[k] = dedupe(c)
	}
	var out [][]string
	var walk func(nodes []string)
	walk = func(nodes []string) {
		if len(out) >= limit {
			return
		}
		last := nodes[len(nodes)-1]
		if last == to {
			out = append(out, append([]string(nil), nodes...))
			return
		}
		for _, c := range children[last] {
			walk(append(nodes, c))
		}
	}
	walk([]string{from})
	return out, nil
}

// dedupe drops repeats from a sorted list.
func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// fillSteps adds the facts behind each hop of the paths: at most
// graph.MaxLinks per step, newest first (undated last), ties by fact id,
// each with its first source by report id and evidence.
func fillSteps(ctx context.Context, run querier, paths []graph.Path) error {
	type pair struct{ from, to string }
	index := map[pair]int{}
	var pairs []any
	for _, p := range paths {
		for i := 0; i+1 < len(p.Nodes); i++ {
			k := pair{p.Nodes[i], p.Nodes[i+1]}
			if _, ok := index[k]; !ok {
				index[k] = len(pairs)
				pairs = append(pairs, []any{k.from, k.to})
			}
		}
	}
	type link struct {
		graph.Link
		day string
	}
	links := make([][]link, len(pairs))
	if len(pairs) > 0 {
		recs, err := run(ctx, linksCypher, map[string]any{"pairs": pairs})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			v, _ := rec.Get("i")
			i, _ := v.(int64)
			if i < 0 || int(i) >= len(links) {
				continue
			}
			l := link{day: str(rec, "day")}
			l.Type, l.FactID, l.From, l.To = str(rec, "type"), str(rec, "fact"), str(rec, "from"), str(rec, "to")
			l.Date = graph.Date{Value: str(rec, "date"), Precision: graph.Precision(str(rec, "precision"))}
			if srcs := readSources(list(rec, "sources")); len(srcs) > 0 {
				l.Source = srcs[0]
			}
			links[i] = append(links[i], l)
		}
	}
	for _, ls := range links {
		sort.Slice(ls, func(i, j int) bool {
			if ls[i].day != ls[j].day {
				return ls[i].day > ls[j].day
			}
			return ls[i].FactID < ls[j].FactID
		})
	}
	for pi := range paths {
		p := &paths[pi]
		p.Steps = make([]graph.Step, 0, len(p.Nodes)-1)
		for i := 0; i+1 < len(p.Nodes); i++ {
			step := graph.Step{From: p.Nodes[i], To: p.Nodes[i+1], Links: []graph.Link{}}
			for _, l := range links[index[pair{step.From, step.To}]] {
				if len(step.Links) == graph.MaxLinks {
					break
				}
				step.Links = append(step.Links, l.Link)
			}
			p.Steps = append(p.Steps, step)
		}
	}
	return nil
}
