package graphtest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
)

// benchSizes are the graphs Queries runs on: meetings and actors.
var benchSizes = []struct {
	name             string
	meetings, actors int
}{
	{"10k", 10_000, 1_000},
	{"100k", 100_000, 10_000},
	{"1M", 1_000_000, 100_000},
}

// Queries measures the latency of the API's main questions on synthetic
// graphs of growing size, the same benchmarks for every store: 10k always
// runs, larger ones when PARLEY_BENCH_SIZES names them ("10k,100k,1M"),
// since building them takes minutes. open returns a store holding the
// graph of seed 1 with that many meetings and actors, ready to be queried.
// Each question reports p50 and p99 (ms) of b.N calls, of the time each call
// took (p50-ms, p99-ms) and of the CPU this process used meanwhile
// (p50-cpu-ms, p99-cpu-ms: for a store served by another process, the
// client's side only).
func Queries(b *testing.B, open func(b *testing.B, meetings, actors int) (graph.Store, synth.Graph)) {
	want := os.Getenv("PARLEY_BENCH_SIZES")
	if want == "" {
		want = "10k"
	}
	for _, size := range benchSizes {
		if !slices.Contains(strings.Split(want, ","), size.name) {
			continue
		}
		b.Run(size.name, func(b *testing.B) {
			st, g := open(b, size.meetings, size.actors)
			var actors, names []string
			var pairs [][2]string
			for _, p := range g.Sample(1000, 7) {
				actors = append(actors, p.A)
				pairs = append(pairs, [2]string{p.A, p.B})
				names = append(names, p.NameB)
			}
			ctx := context.Background()
			run := func(name string, q func(i int) error) {
				b.Run(name, func(b *testing.B) { timeQuery(b, q) })
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

// timeQuery runs q b.N times after 20 unmeasured calls (plans, statement
// and page caches) and reports the p50 and p99 of its wall and CPU time.
func timeQuery(b *testing.B, q func(i int) error) {
	lat := make([]time.Duration, b.N)
	cpu := make([]time.Duration, b.N)
	for i := range 20 {
		if err := q(i); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, c := time.Now(), CPUTime()
		if err := q(i); err != nil {
			b.Fatal(err)
		}
		lat[i], cpu[i] = time.Since(t), CPUTime()-c
	}
	b.StopTimer()
	ms := func(d []time.Duration, p float64) float64 { return float64(d[int(p*float64(len(d)-1))]) / 1e6 }
	slices.Sort(lat)
	slices.Sort(cpu)
	b.ReportMetric(ms(lat, 0.50), "p50-ms")
	b.ReportMetric(ms(lat, 0.99), "p99-ms")
	b.ReportMetric(ms(cpu, 0.50), "p50-cpu-ms")
	b.ReportMetric(ms(cpu, 0.99), "p99-cpu-ms")
}

// CPUTime is the CPU time the process has used (user and system, all
// threads): on a shared machine, the CPU a call costs is read from it,
// unaffected by the time the process waits for a core.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
