package neo4j_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
	graphneo4j "github.com/parley/parley/graph/neo4j"
)

// benchSizes are the graphs the query benchmarks run on, as in
// graph/sqlite: meetings and actors. 10k always runs; larger ones run when
// PARLEY_BENCH_SIZES names them ("10k,100k,1M").
var benchSizes = []struct {
	name             string
	meetings, actors int
}{
	{"10k", 10_000, 1_000},
	{"100k", 100_000, 10_000},
	{"1M", 1_000_000, 100_000},
}

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
// graphs of growing size, reporting p50 and p99 (ms) of b.N calls each: the
// questions and arguments of graph/sqlite's BenchmarkQueries.
func BenchmarkQueries(b *testing.B) {
	want := os.Getenv("PARLEY_BENCH_SIZES")
	if want == "" {
		want = "10k"
	}
	for _, size := range benchSizes {
		if !slices.Contains(strings.Split(want, ","), size.name) {
			continue
		}
		b.Run(size.name, func(b *testing.B) {
			st, g := benchGraph(b, size.meetings, size.actors)
			var actors, names []string
			var pairs [][2]string
			for _, p := range g.Sample(1000, 7) {
				actors = append(actors, p.A)
				pairs = append(pairs, [2]string{p.A, p.B})
				names = append(names, p.NameB)
			}
			ctx := context.Background()
			run := func(name string, q func(i int) error) {
				b.Run(name, func(b *testing.B) {
					lat := make([]time.Duration, b.N)
					for i := range 20 { // plan the queries, warm the page cache
						if err := q(i); err != nil {
							b.Fatal(err)
						}
					}
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						t := time.Now()
						if err := q(i); err != nil {
							b.Fatal(err)
						}
						lat[i] = time.Since(t)
					}
					b.StopTimer()
					slices.Sort(lat)
					ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
					b.ReportMetric(ms(0.50), "p50-ms")
					b.ReportMetric(ms(0.99), "p99-ms")
				})
			}
			run("ActorMeetingsInRange", func(i int) error {
				year := 2000 + i%25
				_, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{actors[i%len(actors)]},
					From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year+1)})
				return err
			})
			run("MeetingsBetween", func(i int) error {
				p := pairs[i%len(pairs)]
				page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{p[0], p[1]}})
				if err == nil && len(page.Items) == 0 {
					err = fmt.Errorf("no meeting between %s and %s", p[0], p[1])
				}
				return err
			})
			run("Connections4Hops", func(i int) error {
				from := actors[i%len(actors)]
				to := pairs[(i*7+3)%len(pairs)][1]
				_, err := st.Connections(ctx, graph.ConnectionQuery{From: from, To: to, MaxHops: 4})
				return err
			})
			run("EntitySearchPrefix", func(i int) error {
				name := graph.Fold(names[i%len(names)])
				words := strings.Fields(name)
				w := words[len(words)-1] // a family name, cut to a prefix
				_, err := st.Entities(ctx, graph.EntityFilter{Query: w[:min(len(w), 3+i%4)]})
				return err
			})
		})
	}
}
