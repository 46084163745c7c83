// Command load measures Parley's REST API under load: at each of a list of
// request rates it sends a fixed mix of read requests for a while, open loop
// (each request leaves at its scheduled time, whether or not earlier ones
// have come back, and its latency counts from that time), and prints the
// throughput and latency percentiles; last, the highest rate held at
// p99 <= -slo. Requests go to -url only, meant to be a server on this
// machine; every rate runs for -duration and stops.
//
// The mix asks about a synthetic graph (parley gen graph) of the same
// -seed, -meetings and -actors: meetings of an actor in a date range,
// meetings between two actors, connections up to 4 hops, and entity search by
// name prefix, in equal parts.
//
//	go run ./bench/load -url http://127.0.0.1:8080 -meetings 100000 -actors 10000 -rates 500,1000,2000,4000
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/api"
	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server (on this machine)")
	seed := flag.Uint64("seed", 1, "seed of the graph the server holds")
	meetings := flag.Int("meetings", 10000, "meetings of the graph the server holds")
	actors := flag.Int("actors", 0, "actors of the graph the server holds (default meetings/10)")
	rates := flag.String("rates", "250,500,1000,2000,3000,4000", "requests per second to try, in order")
	duration := flag.Duration("duration", 10*time.Second, "how long each rate runs")
	slo := flag.Duration("slo", 50*time.Millisecond, "the p99 a rate must hold")
	only := flag.String("only", "", "send only this kind of request: actor, between, connections or search")
	path := flag.String("path", "", "send only GET requests of this path (such as /healthz) instead of the mix: what a request costs the server apart from the store")
	pid := flag.Int("pid", 0, "the server's process id, to report its peak resident memory")
	workers := flag.Int("workers", 1000, "most requests in flight")
	warmup := flag.Duration("warmup", 0, "first send the mix at the first rate for this long, unreported (the server's caches, and its graph in memory: serve logs \"graph read into memory\")")
	store := flag.String("store", "", "serve this embedded store in process (the API as `parley serve` runs it) instead of -url")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run here (of the generator, and with -store of the server too)")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if *store != "" {
		addr, stop, err := serveInProcess(*store)
		if err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(1)
		}
		defer stop()
		*base = "http://" + addr
		*pid = os.Getpid() // load_cpu is then the client's and the server's
	}

	g := synth.Graph{Seed: *seed, Meetings: *meetings, Actors: *actors}
	reqs := requests(*base, g.Sample(2000, 7), *only)
	if *path != "" {
		reqs = []string{*base + *path}
	}
	client, err := newClient(*base, 10*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	defer client.close()
	wire := make([][]byte, len(reqs))
	for i, u := range reqs {
		if wire[i], err = client.request(u); err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(2)
		}
	}
	var list []int
	next := 0 // the next request of the mix: each run goes on where the last one ended
	for _, f := range strings.Split(*rates, ",") {
		rate, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || rate <= 0 {
			fmt.Fprintf(os.Stderr, "load: bad rate %q\n", f)
			os.Exit(2)
		}
		list = append(list, rate)
	}
	if *warmup > 0 {
		r := run(client, wire, &next, list[0], *warmup, *workers)
		fmt.Printf("warmup rate=%d for %s: ok=%d errors=%d p99=%.1fms\n", list[0], *warmup, r.ok, r.errs, ms(r.p(0.99)))
	}
	best := 0
	for _, rate := range list {
		serverCPU, selfCPU := cpuOf(*pid), cpuOf(os.Getpid())
		r := run(client, wire, &next, rate, *duration, *workers)
		fmt.Printf("rate=%d sent=%d ok=%d errors=%d throughput=%.0f/s p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms",
			rate, r.sent, r.ok, r.errs, r.throughput, ms(r.p(0.50)), ms(r.p(0.90)), ms(r.p(0.99)), ms(r.p(1)))
		// CPU per request answered: on a shared machine it says more than
		// the rate does.
		var perReq float64 // ms of CPU a request, server and generator
		if *pid > 0 && *pid != os.Getpid() {
			perReq = ms(cpuOf(*pid)-serverCPU) / float64(max(r.ok, 1))
			fmt.Printf(" server_cpu=%.2fms/req", perReq)
		}
		load := ms(cpuOf(os.Getpid())-selfCPU) / float64(max(r.ok, 1))
		perReq += load
		fmt.Printf(" load_cpu=%.2fms/req", load)
		if *pid > 0 && perReq > 0 {
			// The most the machine's cores could answer at this cost,
			// were they idle: what the rates would show on a quiet machine.
			fmt.Printf(" cpu_bound=%.0f/s", float64(runtime.NumCPU())*1000/perReq)
		}
		if *pid > 0 {
			fmt.Printf(" server_rss=%s", memory(*pid))
		}
		fmt.Printf(" loadavg=%s\n", loadAverage())
		if r.errs == 0 && r.p(0.99) <= *slo && r.throughput >= 0.95*float64(rate) {
			best = rate
		}
	}
	fmt.Printf("highest rate held at p99 <= %s: %d requests/s\n", *slo, best)
}

// serveInProcess serves the API over an embedded store on a loopback port;
// stop ends it.
func serveInProcess(path string) (addr string, stop func(), err error) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		return "", nil, err
	}
	// serve reads the graph into memory as it starts taking requests; here
	// it is read first, so that the rates measure a ready server.
	if err := st.Warm(ctx); err != nil {
		st.Close()
		return "", nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	// serve logs a JSON line to stderr for every request: here, to /dev/null.
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return "", nil, err
	}
	log := slog.New(slog.NewJSONHandler(devNull, nil))
	srv := &http.Server{Handler: api.NewServer(st, ingest.New(st, extract.New()), log, api.Config{RequestTimeout: 30 * time.Second})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		return "", nil, err
	}
	go srv.Serve(ln)
	return ln.Addr().String(), func() {
		srv.Close()
		st.Close()
		devNull.Close()
	}, nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

// requests builds the mix: for each sampled pair, one request of each kind.
func requests(base string, pairs []synth.Pair, only string) []string {
	var out []string
	for i, p := range pairs {
		year := 2000 + i%25
		kinds := map[string]string{
			"actor":   fmt.Sprintf("/v1/entities/%s/meetings?from=%d-01-01&to=%d-12-31", url.PathEscape(p.A), year, year+1),
			"between": "/v1/meetings?" + url.Values{"participant": {p.A, p.B}}.Encode(),
			"connections": "/v1/connections?" + url.Values{"from": {p.A},
				"to": {pairs[(i*7+3)%len(pairs)].B}, "max_hops": {"4"}}.Encode(),
		}
		words := strings.Fields(graph.Fold(p.NameB))
		w := words[len(words)-1]
		kinds["search"] = "/v1/entities?" + url.Values{"q": {w[:min(len(w), 3+i%4)]}}.Encode()
		for _, k := range []string{"actor", "between", "connections", "search"} {
			if only == "" || only == k {
				out = append(out, base+kinds[k])
			}
		}
	}
	return out
}

type result struct {
	sent, ok, errs int64
	throughput     float64
	lat            []time.Duration
}

func (r result) p(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[int(q*float64(len(r.lat)-1))]
}

// run sends rate requests per second for d, open loop: each leaves at its
// scheduled time (or as soon as a worker is free, at most workers being in
// flight), and its latency counts from that time. It sends reqs from *next
// on, round and round, and leaves *next after the last one sent.
func run(client *client, reqs [][]byte, next *int, rate int, d time.Duration, workers int) result {
	type job struct {
		req []byte
		due time.Time
	}
	jobs := make(chan job, rate)
	var mu sync.Mutex
	var res result
	var ok, errs atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			for j := range jobs {
				status, err := client.get(j.req)
				lat = append(lat, time.Since(j.due))
				if err != nil || status != http.StatusOK {
					errs.Add(1)
				} else {
					ok.Add(1)
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	n := int(d / interval)
	for i := 0; i < n; i++ {
		due := start.Add(time.Duration(i) * interval)
		if w := time.Until(due); w > 0 {
			time.Sleep(w)
		}
		jobs <- job{req: reqs[*next%len(reqs)], due: due}
		*next++
		res.sent++
	}
	close(jobs)
	wg.Wait()
	el := time.Since(start).Seconds()
	res.ok, res.errs = ok.Load(), errs.Load()
	res.throughput = float64(res.ok) / el
	slices.Sort(res.lat)
	return res
}

// memory reads a process's peak resident set size (VmHWM) and what it holds
// now: anonymous memory (the heap, stacks) apart from pages of mapped files.
// The SQLite store maps its database file into every connection of its pool
// (mmap_size), and each mapping counts in the RSS on its own, though the
// pages are the one page cache: VmHWM and RssFile overstate what the server
// costs the machine; RssAnon is its own memory. Pss (proportional set size,
// from smaps_rollup) counts every page once, however many mappings share it:
// the memory the server holds now, its heap and the file pages it touched.
func memory(pid int) string {
	var out []string
	for _, f := range []struct {
		file string
		keys []string
	}{
		{"status", []string{"VmHWM", "RssAnon", "RssFile"}},
		{"smaps_rollup", []string{"Pss"}},
	} {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, f.file))
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(b), "\n") {
			for _, k := range f.keys {
				if v, ok := strings.CutPrefix(l, k+":"); ok {
					out = append(out, strings.ToLower(k)+":"+strings.Join(strings.Fields(v), ""))
				}
			}
		}
	}
	if len(out) == 0 {
		return "?"
	}
	return strings.Join(out, ",")
}

// cpuOf is the CPU time (user and system) a process has used; 0 if unknown.
func cpuOf(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command (which may hold spaces) in parentheses:
	// utime and stime are the 12th and 13th, in clock ticks (100 a second).
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// loadAverage is the machine's load average over the last minute.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}
