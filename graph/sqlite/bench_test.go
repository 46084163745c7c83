package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	"github.com/parley/parley/graph/sqlite"
)

// benchGraph opens the synthetic graph of a size (seed 1), building it first
// if needed: in PARLEY_BENCH_DIR, where it is kept for the next run, or in a
// temp dir.
func benchGraph(b *testing.B, meetings, actors int) (*sqlite.Store, synth.Graph) {
	b.Helper()
	g := synth.Graph{Seed: 1, Meetings: meetings, Actors: actors}
	dir := os.Getenv("PARLEY_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("graph-%d-%d.db", meetings, actors))
	_, statErr := os.Stat(path)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if statErr != nil {
		start := time.Now()
		if err := g.Write(ctx, st, nil); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %s", path, time.Since(start).Round(time.Millisecond))
	}
	// As a server does at start (parley serve, Store.Warm): read the file
	// into the page cache, then what the store keeps in memory for queries.
	// PARLEY_BENCH_COLD=1 leaves the page cache as it is (drop the file from
	// it first for the figures of a cold start; see bench/README.md).
	if os.Getenv("PARLEY_BENCH_COLD") == "" {
		start := time.Now()
		n, err := st.Prewarm(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("prewarmed %s: %d MB in %s", path, n>>20, time.Since(start).Round(time.Millisecond))
	}
	start := time.Now()
	if err := st.WarmIndexes(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("read the in-memory indexes of %s in %s", path, time.Since(start).Round(time.Millisecond))
	return st, g
}

// BenchmarkQueries measures the latency of the API's main questions on
// graphs of growing size: graphtest.Queries, over the graph as `parley serve`
// has it once warm.
func BenchmarkQueries(b *testing.B) {
	graphtest.Queries(b, func(b *testing.B, meetings, actors int) (graph.Store, synth.Graph) {
		return benchGraph(b, meetings, actors)
	})
}

// BenchmarkWriteGraph measures writing a synthetic graph through PutReport
// in batches of 5,000 meetings: meetings per second.
// PARLEY_WRITE_MEETINGS sets the size (actors: a tenth of it).
func BenchmarkWriteGraph(b *testing.B) {
	g := synth.Graph{Seed: 2, Meetings: 20_000, Actors: 2_000}
	if n, err := strconv.Atoi(os.Getenv("PARLEY_WRITE_MEETINGS")); err == nil && n > 0 {
		g.Meetings, g.Actors = n, max(n/10, 10)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "parley.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := g.Write(context.Background(), st, nil); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	b.ReportMetric(float64(b.N*g.Meetings)/b.Elapsed().Seconds(), "meetings/s")
}
