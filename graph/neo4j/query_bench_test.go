package neo4j_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	graphneo4j "github.com/parley/parley/graph/neo4j"
)

// loadReports is how many of the graph's reports (of 5,000 meetings each)
// one PutReports call writes.
const loadReports = 2

// benchGraph takes the test server and returns it holding the synthetic
// graph of a size (seed 1, the graph graph/sqlite benchmarks): kept from
// the last run if the server holds exactly that graph, else loaded anew.
func benchGraph(b *testing.B, meetings, actors int) (*graphneo4j.Store, synth.Graph) {
	b.Helper()
	g := synth.Graph{Seed: 1, Meetings: meetings, Actors: actors}
	cfg := testConfig(b)
	unlock, err := graphneo4j.LockTestServer(cfg.URI)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(unlock)
	ctx := context.Background()
	st, err := graphneo4j.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })

	var ids []string
	for i := range g.Batches() {
		r, _ := g.Batch(i)
		ids = append(ids, r.ID)
	}
	page, err := st.Reports(ctx, graph.ReportFilter{Limit: graph.MaxLimit})
	if err != nil {
		b.Fatal(err)
	}
	held := len(page.Items) == len(ids) && page.Next == ""
	for _, r := range page.Items {
		held = held && slices.Contains(ids, r.ID)
	}
	if held {
		return st, g
	}
	if err := st.DeleteAll(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < g.Batches(); i += loadReports {
		var batch []*graph.ReportFacts
		for j := i; j < min(i+loadReports, g.Batches()); j++ {
			r, f := g.Batch(j)
			batch = append(batch, &graph.ReportFacts{Report: *r, Facts: *f})
		}
		out, err := st.PutReports(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range out {
			if o.Err != nil {
				b.Fatal(o.Err)
			}
		}
	}
	took := time.Since(start)
	b.Logf("loaded %d meetings in %s: %.0f meetings/s", meetings, took.Round(time.Millisecond), float64(meetings)/took.Seconds())
	return st, g
}

// BenchmarkQueries measures the latency of the API's main questions on
// graphs of growing size: graphtest.Queries, the benchmarks graph/sqlite
// runs. Its CPU figures are the client's; the server's are not counted.
func BenchmarkQueries(b *testing.B) {
	graphtest.Queries(b, func(b *testing.B, meetings, actors int) (graph.Store, synth.Graph) {
		return benchGraph(b, meetings, actors)
	})
}
