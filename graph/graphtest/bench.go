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
// client's side only), and beside them the mean size of the answers (paths,
// links and hops of Connections; entities of a search, and how many
// entities match its prefix in all, counted by paging through them after
// the clock), so that a latency that grows with the graph can be read
// against an answer that grows with it.
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
			run := func(name string, q func(i int, t *tally) error, after func(i int, t *tally) error) {
				b.Run(name, func(b *testing.B) { timeQuery(b, q, after) })
			}
			run("ActorMeetingsInRange", func(i int, t *tally) error {
				year := 2000 + i%25
				page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{actors[i%len(actors)]},
					From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-12-31", year+1)})
				t.add("meetings", len(page.Items))
				return err
			}, nil)
			run("MeetingsBetween", func(i int, t *tally) error {
				p := pairs[i%len(pairs)]
				page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{p[0], p[1]}})
				if err == nil && len(page.Items) == 0 {
					err = fmt.Errorf("no meeting between %s and %s", p[0], p[1])
				}
				t.add("meetings", len(page.Items))
				return err
			}, nil)
			connections := func(from, to string, t *tally) error {
				paths, err := st.Connections(ctx, graph.ConnectionQuery{From: from, To: to, MaxHops: 4})
				t.add("paths", len(paths))
				links, hops := 0, 0
				for _, p := range paths {
					hops = len(p.Steps)
					for _, s := range p.Steps {
						links += len(s.Links)
					}
				}
				t.add("links", links)
				t.add("hops", hops)
				return err
			}
			// The partner of the ith question: a sampled actor, in an order
			// of its own.
			partner := func(i int) string { return pairs[i%len(pairs)][1] }
			run("Connections4Hops", func(i int, t *tally) error {
				return connections(actors[i%len(actors)], partner(i*7+3), t)
			}, nil)
			// The same question between actors a fixed distance apart, so
			// that graphs of every size answer alike: at 1M two sampled
			// actors are further apart than at 10k, and the answer larger.
			apart := map[int][][2]string{}
			for _, hops := range []int{2, 3} {
				b.Run(fmt.Sprintf("ConnectionsAt%dHops", hops), func(b *testing.B) {
					if apart[hops] == nil {
						apart[hops] = pairsApart(b, st, actors, partner, hops)
					}
					ps := apart[hops]
					timeQuery(b, func(i int, t *tally) error {
						p := ps[i%len(ps)]
						return connections(p[0], p[1], t)
					}, nil)
				})
			}
			prefix := func(i int) string {
				name := graph.Fold(names[i%len(names)])
				words := strings.Fields(name)
				w := words[len(words)-1] // a family name, cut to a prefix
				return w[:min(len(w), 3+i%4)]
			}
			run("EntitySearchPrefix", func(i int, t *tally) error {
				page, err := st.Entities(ctx, graph.EntityFilter{Query: prefix(i)})
				t.add("entities", len(page.Items))
				return err
			}, func(i int, t *tally) error {
				// Every entity the prefix matches: what a search that
				// ranks all its matches to return a page examines.
				f := graph.EntityFilter{Query: prefix(i), Limit: graph.MaxLimit}
				for {
					page, err := st.Entities(ctx, f)
					if err != nil {
						return err
					}
					t.add("matches", len(page.Items))
					if f.Cursor = page.Next; f.Cursor == "" {
						return nil
					}
				}
			})
		})
	}
}

// pairsApart returns pairs of actors whose shortest path has exactly hops
// hops, found by searches before the clock: for each sampled actor in turn
// (up to 200 of them), the first of its next 16 partners (partner(i*7+3),
// partner(i*7+4)...: those Connections4Hops asks about, in its order) that
// is that far from it, if one is. Each candidate is taken or left by its
// distance alone, in the same order on every graph, so no pair is chosen
// for being quick to answer.
func pairsApart(b *testing.B, st graph.Store, actors []string, partner func(i int) string, hops int) [][2]string {
	b.Helper()
	var out [][2]string
	for i := 0; i < len(actors) && len(out) < 200; i++ {
		for k := range 16 {
			from, to := actors[i], partner(i*7+3+k)
			paths, err := st.Connections(context.Background(), graph.ConnectionQuery{From: from, To: to, MaxHops: hops})
			if err != nil {
				b.Fatal(err)
			}
			if len(paths) > 0 && len(paths[0].Steps) == hops {
				out = append(out, [2]string{from, to})
				break
			}
		}
	}
	if len(out) == 0 {
		b.Skipf("no sampled actors %d hops apart", hops)
	}
	b.Logf("%d pairs %d hops apart", len(out), hops)
	return out
}

// timeQuery runs q b.N times after 20 unmeasured calls (plans, statement
// and page caches) and reports the p50 and p99 of its wall and CPU time, and
// the mean a call of each count q tallies. after, if not nil, is run once
// the clock has stopped for each distinct question (the questions repeat
// every 1,000 calls) and its counts are reported as means too.
func timeQuery(b *testing.B, q, after func(i int, t *tally) error) {
	lat := make([]time.Duration, b.N)
	cpu := make([]time.Duration, b.N)
	var t tally
	for i := range 20 {
		if err := q(i, &t); err != nil {
			b.Fatal(err)
		}
	}
	t = tally{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, c := time.Now(), CPUTime()
		if err := q(i, &t); err != nil {
			b.Fatal(err)
		}
		lat[i], cpu[i] = time.Since(s), CPUTime()-c
	}
	b.StopTimer()
	ms := func(d []time.Duration, p float64) float64 { return float64(d[int(p*float64(len(d)-1))]) / 1e6 }
	slices.Sort(lat)
	slices.Sort(cpu)
	b.ReportMetric(ms(lat, 0.50), "p50-ms")
	b.ReportMetric(ms(lat, 0.99), "p99-ms")
	b.ReportMetric(ms(cpu, 0.50), "p50-cpu-ms")
	b.ReportMetric(ms(cpu, 0.99), "p99-cpu-ms")
	t.report(b, b.N)
	if after != nil {
		t = tally{}
		n := min(b.N, 1000)
		for i := range n {
			if err := after(i, &t); err != nil {
				b.Fatal(err)
			}
		}
		t.report(b, n)
	}
}

// tally sums counts of what calls returned, by unit, in the order first added.
type tally struct {
	units []string
	sums  []int
}

func (t *tally) add(unit string, n int) {
	for k, u := range t.units {
		if u == unit {
			t.sums[k] += n
			return
		}
	}
	t.units, t.sums = append(t.units, unit), append(t.sums, n)
}

// report prints each count's mean over n calls, as unit/op.
func (t *tally) report(b *testing.B, n int) {
	for k, u := range t.units {
		b.ReportMetric(float64(t.sums[k])/float64(n), u+"/op")
	}
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
