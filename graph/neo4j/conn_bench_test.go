package neo4j_test

import (
	"context"
	"testing"

	"github.com/parley/parley/graph"
)

// BenchmarkConnections measures Connections on a graph of 500 overlapping
// reports, where pairs of actors have many parallel edges.
func BenchmarkConnections(b *testing.B) {
	st := mustOpenEmpty(b)
	ctx := context.Background()
	for i := range 500 {
		r, f := benchFacts(i)
		if _, err := st.PutReport(ctx, r, f); err != nil {
			b.Fatal(err)
		}
	}
	// The fixture is a ring of overlapping reports: these two are 6 hops
	// apart, with 71 shortest actor sequences and many more edge paths.
	q := graph.ConnectionQuery{From: "country:country-0", To: "country:country-112", MaxHops: graph.MaxHops}
	paths, err := st.Connections(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Fatalf("no path from %s to %s", q.From, q.To)
	}
	b.Logf("%d paths of %d hops", len(paths), len(paths[0].Nodes)-1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.Connections(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
