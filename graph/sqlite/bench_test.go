package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
)

// benchSizes are the graphs the query benchmarks run on: meetings and actors.
// 10k always runs; larger ones run when PARLEY_BENCH_SIZES names them
// ("10k,100k,1M"), since building them takes minutes.
var benchSizes = []struct {
	name             string
	meetings, actors int
}{
	{"10k", 10_000, 1_000},
	{"100k", 100_000, 10_000},
	{"1M", 1_000_000, 100_000},
}

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

// sample holds query arguments drawn from the graph's own meetings.
type sample struct {
	actors []string
	pairs  [][2]string
	names  []string
}

func newSample(g synth.Graph) sample {
	var s sample
	for _, p := range g.Sample(1000, 7) {
		s.actors = append(s.actors, p.A)
		s.pairs = append(s.pairs, [2]string{p.A, p.B})
		s.names = append(s.names, p.NameB)
	}
	return s
}

// cpuTime is the CPU time the process has used (user and system, all
// threads): on a shared machine, the CPU a call costs is read from it,
// unaffected by the time the process waits for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkQueries measures the latency of the API's main questions on
// graphs of growing size, reporting p50 and p99 (ms) of b.N calls each, of
// the time each call took (p50-ms, p99-ms) and of the CPU it used
// (p50-cpu-ms, p99-cpu-ms).
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
			s := newSample(g)
			ctx := context.Background()
			run := func(name string, q func(i int) error) {
				b.Run(name, func(b *testing.B) {
					lat := make([]time.Duration, b.N)
					cpu := make([]time.Duration, b.N)
					for i := range 20 { // warm the page cache and the statement cache
						if err := q(i); err != nil {
							b.Fatal(err)
						}
					}
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						t, c := time.Now(), cpuTime()
						if err := q(i); err != nil {
							b.Fatal(err)
						}
						lat[i], cpu[i] = time.Since(t), cpuTime()-c
					}
					b.StopTimer()
					ms := func(d []time.Duration, p float64) float64 { return float64(d[int(p*float64(len(d)-1))]) / 1e6 }
					slices.Sort(lat)
					slices.Sort(cpu)
					b.ReportMetric(ms(lat, 0.50), "p50-ms")
					b.ReportMetric(ms(lat, 0.99), "p99-ms")
					b.ReportMetric(ms(cpu, 0.50), "p50-cpu-ms")
					b.ReportMetric(ms(cpu, 0.99), "p99-cpu-ms")
				})
			}
			run("ActorMeetingsInRange", func(i int) error {
				year := 2000 + i%25
				_, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{s.actors[i%len(s.actors)]},
					From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year+1)})
				return err
			})
			run("MeetingsBetween", func(i int) error {
				p := s.pairs[i%len(s.pairs)]
				page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{p[0], p[1]}})
				if err == nil && len(page.Items) == 0 {
					err = fmt.Errorf("no meeting between %s and %s", p[0], p[1])
				}
				return err
			})
			run("Connections4Hops", func(i int) error {
				from := s.actors[i%len(s.actors)]
				to := s.pairs[(i*7+3)%len(s.pairs)][1]
				_, err := st.Connections(ctx, graph.ConnectionQuery{From: from, To: to, MaxHops: 4})
				return err
			})
			run("EntitySearchPrefix", func(i int) error {
				name := graph.Fold(s.names[i%len(s.names)])
				words := strings.Fields(name)
				w := words[len(words)-1] // a family name, cut to a prefix
				_, err := st.Entities(ctx, graph.EntityFilter{Query: w[:min(len(w), 3+i%4)]})
				return err
			})
		})
	}
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
