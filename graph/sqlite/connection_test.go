package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
)

// TestConnectionsMatchBreadthFirst checks the store's bidirectional search
// against a plain breadth-first search over the same facts held in memory:
// the same shortest paths, in the same order, on a random graph.
func TestConnectionsMatchBreadthFirst(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	g := synth.Graph{Seed: 5, Meetings: 600, Actors: 400, PerBatch: 300}
	adj := map[string]map[string]bool{}
	link := func(a, b string) {
		if a == b {
			return
		}
		for _, e := range [][2]string{{a, b}, {b, a}} {
			if adj[e[0]] == nil {
				adj[e[0]] = map[string]bool{}
			}
			adj[e[0]][e[1]] = true
		}
	}
	var actors []string
	for b := range g.Batches() {
		r, f := g.Batch(b)
		if _, err := st.PutReport(ctx, r, f); err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Meetings {
			if m.Status != graph.Held {
				continue
			}
			for _, p := range m.Participants {
				for _, q := range m.Participants {
					link(p.EntityID, q.EntityID)
				}
			}
		}
		for _, s := range f.Statements {
			for _, a := range s.About {
				link(s.Speaker, a)
			}
		}
		for _, s := range f.Supports {
			link(s.Supporter, s.Supported)
		}
		for _, e := range f.Entities {
			if e.Type == graph.Person && !slices.Contains(actors, e.ID) {
				actors = append(actors, e.ID)
			}
		}
	}
	found := 0
	for i := 0; i < 60; i++ {
		from, to := actors[(i*37)%len(actors)], actors[(i*101+7)%len(actors)]
		for _, hops := range []int{2, 4} {
			want := shortestPaths(adj, from, to, hops, graph.MaxPaths)
			got, err := st.Connections(ctx, graph.ConnectionQuery{From: from, To: to, MaxHops: hops})
			if err != nil {
				t.Fatal(err)
			}
			var nodes [][]string
			for _, p := range got {
				nodes = append(nodes, p.Nodes)
				if len(p.Steps) != len(p.Nodes)-1 {
					t.Errorf("path %v has %d steps", p.Nodes, len(p.Steps))
				}
			}
			if !reflect.DeepEqual(nodes, want) {
				t.Errorf("Connections(%s, %s, %d) = %v, want %v", from, to, hops, nodes, want)
			}
			found += len(want)
		}
	}
	if found == 0 {
		t.Fatal("no pair is connected: the test graph is too sparse")
	}
}

// shortestPaths lists the shortest paths of at most maxHops from one node to
// another, in the order of their node ids, at most limit.
func shortestPaths(adj map[string]map[string]bool, from, to string, maxHops, limit int) [][]string {
	if from == to {
		return [][]string{{from}}
	}
	dist := map[string]int{to: 0}
	queue := []string{to}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for m := range adj[n] {
			if _, ok := dist[m]; !ok {
				dist[m] = dist[n] + 1
				queue = append(queue, m)
			}
		}
	}
	d, ok := dist[from]
	if !ok || d > maxHops {
		return nil
	}
	var out [][]string
	var walk func(path []string)
	walk = func(path []string) {
		if len(out) >= limit {
			return
		}
		last := path[len(path)-1]
		if last == to {
			out = append(out, slices.Clone(path))
			return
		}
		var next []string
		for m := range adj[last] {
			if dist[m] == dist[last]-1 {
				next = append(next, m)
			}
		}
		slices.Sort(next)
		for _, m := range next {
			walk(append(path, m))
		}
	}
	walk([]string{from})
	return out
}

// TestConnectionsSeeOtherWriters checks that a store's Connections sees a
// link written since its last search by another store on the same file (as
// `parley ingest` writes while `parley serve` answers).
func TestConnectionsSeeOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	open := func() *sqlite.Store {
		st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	reader, writer := open(), open()
	g := synth.Graph{Seed: 9, Meetings: 40, Actors: 1000, PerBatch: 20}
	r, f := g.Batch(0)
	if _, err := writer.PutReport(ctx, r, f); err != nil {
		t.Fatal(err)
	}
	a, b := f.Meetings[0].Participants[0].EntityID, f.Meetings[1].Participants[0].EntityID
	before, err := reader.Connections(ctx, graph.ConnectionQuery{From: a, To: b, MaxHops: 1})
	if err != nil {
		t.Fatal(err)
	}
	ents := map[string]graph.Entity{}
	for _, e := range f.Entities {
		ents[e.ID] = e
	}
	text := "A meeting of two actors, written by another store."
	rep := &graph.Report{ID: graph.ReportID(text), Text: text}
	facts := &graph.Facts{Entities: []graph.Entity{ents[a], ents[b]}, Meetings: []graph.Meeting{{
		Participants: []graph.Attendee{{EntityID: a, Role: graph.Host}, {EntityID: b, Role: graph.Guest}},
		Date:         graph.Date{Value: "2024-01-02", Precision: graph.Day},
		Sources:      []graph.Source{{Evidence: text}},
	}}}
	if _, err := writer.PutReport(ctx, rep, facts); err != nil {
		t.Fatal(err)
	}
	after, err := reader.Connections(ctx, graph.ConnectionQuery{From: a, To: b, MaxHops: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 0 || len(after) != 1 {
		t.Errorf("Connections(%s, %s, 1 hop) = %d paths before the other store's write, %d after; want 0, 1", a, b, len(before), len(after))
	}
	if err := writer.DeleteReport(ctx, rep.ID); err != nil {
		t.Fatal(err)
	}
	if gone, err := reader.Connections(ctx, graph.ConnectionQuery{From: a, To: b, MaxHops: 1}); err != nil || len(gone) != 0 {
		t.Errorf("Connections after the other store deleted the report = %d paths, %v; want none", len(gone), err)
	}
}

// TestSearchIndexMatchesSQL checks that a search answered from the name
// index held in memory (once it is read) is the one SQL gives (a store just
// opened answers its first search with SQL): every page, of every type.
func TestSearchIndexMatchesSQL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	open := func() *sqlite.Store {
		st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	warm := open()
	defer warm.Close()
	g := synth.Graph{Seed: 4, Meetings: 3000, Actors: 600, PerBatch: 300, PerWrite: 3}
	if err := g.Write(ctx, warm, nil); err != nil {
		t.Fatal(err)
	}
	queries := []string{"a", "b", "ch", "mo", "kim", "ngu", "al", "hassan", "st", "j", "xyz", "le", "mar", "Al-", "de la", "ju"}
	for k := range 12 {
		e := g.Actor(k * 13)
		words := strings.Fields(graph.Fold(e.Name))
		queries = append(queries, words[len(words)-1][:min(3+k%4, len(words[len(words)-1]))], words[0][:1])
	}
	// The first search starts the index's read, in the background.
	if _, err := warm.Entities(ctx, graph.EntityFilter{Query: "a"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	for _, q := range queries {
		for _, typ := range []graph.EntityType{"", graph.Person, graph.Country} {
			f := graph.EntityFilter{Query: q, Type: typ, Limit: 7}
			for page := 0; page < 4; page++ {
				cold := open()
				want, err := cold.Entities(ctx, f)
				cold.Close()
				if err != nil {
					t.Fatal(err)
				}
				got, err := warm.Entities(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("Entities(%+v) from memory = %v, next %q; SQL = %v, next %q", f, ids(got.Items), got.Next, ids(want.Items), want.Next)
				}
				if want.Next == "" {
					break
				}
				f.Cursor = want.Next
			}
		}
	}
}

func ids(es []graph.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
