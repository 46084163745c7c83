package neo4j

import (
	"context"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
)

// TestConnectionsMatchReference checks Connections against the way it was
// answered before the bidirectional search (Neo4j's shortestPath for the
// length, then a breadth-first walk from one end): the same paths, in the
// same order, with the same steps. On a small synthetic graph with hubs, or,
// with PARLEY_COMPARE_GRAPH=10k (or 100k), on the graph BenchmarkQueries
// left on the server (not emptied) for the benchmark's own questions.
func TestConnectionsMatchReference(t *testing.T) {
	ctx := context.Background()
	var st *Store
	var g synth.Graph
	hops := []int{1, 2, 3, 4, 6}
	n := 40
	switch size := os.Getenv("PARLEY_COMPARE_GRAPH"); size {
	case "":
		st = mustOpenModel(t)
		g = synth.Graph{Seed: 3, Meetings: 1200, Actors: 300, PerBatch: 200}
		for i := 0; i < g.Batches(); i += 2 {
			var batch []*graph.ReportFacts
			for j := i; j < min(i+2, g.Batches()); j++ {
				r, f := g.Batch(j)
				batch = append(batch, &graph.ReportFacts{Report: *r, Facts: *f})
			}
			if _, err := st.PutReports(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
	case "10k", "100k":
		uri := os.Getenv("NEO4J_URI")
		if uri == "" {
			t.Skip("set NEO4J_URI")
		}
		unlock, err := LockTestServer(uri)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(unlock)
		if st, err = Open(ctx, Config{URI: uri, Database: os.Getenv("NEO4J_DATABASE")}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		g = synth.Graph{Seed: 1, Meetings: 10_000, Actors: 1_000}
		if size == "100k" {
			g = synth.Graph{Seed: 1, Meetings: 100_000, Actors: 10_000}
		}
		hops = []int{4}
		if n, err = strconv.Atoi(os.Getenv("PARLEY_COMPARE_N")); err != nil {
			n = 200
		}
	default:
		t.Fatalf("PARLEY_COMPARE_GRAPH=%q: want 10k or 100k", size)
	}
	var actors []string
	var pairs [][2]string
	for _, p := range g.Sample(1000, 7) {
		actors = append(actors, p.A)
		pairs = append(pairs, [2]string{p.A, p.B})
	}
	found := 0
	for i := range n {
		from, to := actors[i%len(actors)], pairs[(i*7+3)%len(pairs)][1]
		for _, h := range hops {
			for _, limit := range []int{0, 2} {
				q := graph.ConnectionQuery{From: from, To: to, MaxHops: h, Limit: limit}
				got, err := st.Connections(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want, err := refConnections(ctx, st, q)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("Connections(%+v) =\n%+v\nwant\n%+v", q, got, want)
				}
				if len(got) > 0 {
					found++
				}
			}
		}
	}
	t.Logf("%d questions, %d with paths", n*len(hops)*2, found)
	if found == 0 {
		t.Fatal("no question had a path")
	}
}

// refConnections is Connections as it was answered before the
// bidirectional search.
func refConnections(ctx context.Context, s *Store, q graph.ConnectionQuery) ([]graph.Path, error) {
	maxHops, limit, err := q.Check()
	if err != nil {
		return nil, err
	}
	var paths []graph.Path
	err = s.readTx(ctx, func(run querier) error {
		paths = []graph.Path{}
		if q.From == q.To {
			paths = append(paths, graph.Path{Nodes: []string{q.From}, Steps: []graph.Step{}})
			return nil
		}
		recs, err := run(ctx, `
MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
MATCH p = shortestPath((a)-[:MET_WITH|SUPPORTS|STATED_ABOUT*..`+strconv.Itoa(maxHops)+`]-(b))
RETURN length(p) AS hops`, map[string]any{"from": q.From, "to": q.To})
		if err != nil || len(recs) == 0 {
			return err
		}
		v, _ := recs[0].Get("hops")
		hops, _ := v.(int64)
		nodes, err := refSequences(ctx, run, q.From, q.To, int(hops), limit)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			paths = append(paths, graph.Path{Nodes: n})
		}
		return fillStepsBy(ctx, run, paths, refLinksCypher)
	})
	return paths, err
}

// refSequences is the breadth-first walk from one end that shortestSequences
// replaced.
func refSequences(ctx context.Context, run querier, from, to string, hops, limit int) ([][]string, error) {
	depth := map[string]int{from: 0}
	parents := map[string][]string{}
	frontier := []string{from}
	for d := 1; d <= hops && len(frontier) > 0; d++ {
		recs, err := run(ctx, `
UNWIND $ids AS id
MATCH (:Actor {id: id})-[:MET_WITH|SUPPORTS|STATED_ABOUT]-(b:Actor)
RETURN DISTINCT id AS from, b.id AS to`, map[string]any{"ids": anys(frontier)})
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
		children[k] = slices.Compact(c)
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

// refLinksCypher is linksCypher as it was: every fact of each step.
const refLinksCypher = `
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
