package graph_test

import (
	"fmt"
	"testing"

	"github.com/parley/parley/graph"
)

func TestShortestSequences(t *testing.T) {
	// a - b - d - f, a - c - d, c - e - f, g alone; edges both ways.
	edges := map[string][]string{}
	for _, e := range [][2]string{{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}, {"d", "f"}, {"c", "e"}, {"e", "f"}} {
		edges[e[0]] = append(edges[e[0]], e[1])
		edges[e[1]] = append(edges[e[1]], e[0])
	}
	expand := func(frontier []string, visit func(from, to string)) error {
		for _, n := range frontier {
			for _, m := range edges[n] {
				visit(n, m)
			}
		}
		return nil
	}
	var buf graph.Buffers[string] // one for every search below, as Connections keeps one
	for _, c := range []struct {
		from, to    string
		hops, limit int
		want        string
	}{
		{"a", "f", 3, 25, "[[a b d f] [a c d f] [a c e f]]"},
		{"f", "a", 3, 25, "[[f d b a] [f d c a] [f e c a]]"},
		{"a", "f", 3, 2, "[[a b d f] [a c d f]]"},
		{"a", "f", 2, 25, "[]"},
		{"a", "d", 6, 25, "[[a b d] [a c d]]"},
		{"a", "b", 1, 25, "[[a b]]"},
		{"a", "g", 6, 25, "[]"},
	} {
		got, err := graph.ShortestSequences(c.from, c.to, c.hops, c.limit, expand)
		if err != nil {
			t.Fatal(err)
		}
		if got == nil {
			got = [][]string{}
		}
		if s := fmt.Sprint(got); s != c.want {
			t.Errorf("%s to %s in %d hops (limit %d) = %s, want %s", c.from, c.to, c.hops, c.limit, s, c.want)
		}
		// Whichever side the search expands first, the paths are the same.
		for name, cost := range map[string]func([]string) int{
			"degrees": func(f []string) int {
				n := 0
				for _, k := range f {
					n += len(edges[k])
				}
				return n
			},
			"larger side first": func(f []string) int { return -len(f) },
		} {
			// Fresh lists, then the lists a search before this one grew.
			for _, search := range []func(string, string, int, int, graph.NodeIndex[string], graph.NodeIndex[string], func([]string) int, func([]string, func(string, string)) error) ([][]string, error){
				graph.ShortestSequencesIn[string], buf.ShortestSequencesIn,
			} {
				got, err := search(c.from, c.to, c.hops, c.limit, testIndex{}, testIndex{}, cost, expand)
				if err != nil {
					t.Fatal(err)
				}
				if got == nil {
					got = [][]string{}
				}
				if s := fmt.Sprint(got); s != c.want {
					t.Errorf("%s to %s in %d hops (limit %d), cost %s = %s, want %s", c.from, c.to, c.hops, c.limit, name, s, c.want)
				}
			}
			// The same search over lists of neighbours.
			got := buf.ShortestSequencesOf(c.from, c.to, c.hops, c.limit, testIndex{}, testIndex{}, cost, func(n string) []string { return edges[n] })
			if got == nil {
				got = [][]string{}
			}
			if s := fmt.Sprint(got); s != c.want {
				t.Errorf("%s to %s in %d hops (limit %d), cost %s, over lists = %s, want %s", c.from, c.to, c.hops, c.limit, name, s, c.want)
			}
		}
	}
	boom := fmt.Errorf("store down")
	if _, err := graph.ShortestSequences("a", "f", 3, 25, func([]string, func(string, string)) error { return boom }); err != boom {
		t.Errorf("an error of expand = %v, want it returned", err)
	}
}

// testIndex is a graph.NodeIndex of strings.
type testIndex map[string]int32

func (m testIndex) Lookup(k string) (int32, bool) { i, ok := m[k]; return i, ok }
func (m testIndex) Store(k string, i int32)       { m[k] = i }
