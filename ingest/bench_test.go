package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	graphneo4j "github.com/parley/parley/graph/neo4j"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// benchDocs returns n synthetic reports of about 3 KB and their mean size:
// with as many facts per KB as the dev set's reports, or, dense, about three
// times the actors and six times the meetings (synth.Corpus.Dense).
func benchDocs(n int, dense bool) ([]document.Document, int64) {
	c := synth.Corpus{Seed: 42, Dense: dense}
	docs := make([]document.Document, n)
	var total int64
	for i := range docs {
		r := c.Report(i)
		docs[i] = document.Document{Title: r.Title, Published: r.Published, Text: r.Text}
		total += int64(len(r.Text))
	}
	return docs, total / int64(max(n, 1))
}

// BenchmarkIngest measures the whole pipeline on synthetic reports of about
// 3 KB: extraction, tying actors to the stored graph, and one write
// transaction per report. "embedded" is the SQLite store in a temp dir;
// "neo4j" runs where NEO4J_URI is set (scripts/neo4j-test start), and takes
// the test server's lock and empties its database first.
func BenchmarkIngest(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "parley.db")})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchIngest(b, st)
	})
	b.Run("neo4j", func(b *testing.B) {
		st := openNeo4j(b)
		defer st.Close()
		benchIngest(b, st)
	})
}

// BenchmarkIngestParallel is BenchmarkIngest with one ingest per core:
// extractions run side by side, writes take turns.
func BenchmarkIngestParallel(b *testing.B) {
	b.Run("embedded", func(b *testing.B) {
		st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "parley.db")})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchIngestParallel(b, st)
	})
	b.Run("neo4j", func(b *testing.B) {
		st := openNeo4j(b)
		defer st.Close()
		benchIngestParallel(b, st)
	})
}

// BenchmarkIngestStream is BenchmarkIngest the way `parley ingest` runs:
// an ingest.Stream, extracting each batch of BatchSize reports on every core
// while the store writes the batch before in one PutReports. The -dense
// runs take the dense synthetic reports (the only ones before 2026-11-27).
func BenchmarkIngestStream(b *testing.B) {
	for _, corpus := range []struct {
		suffix string
		dense  bool
	}{{"", false}, {"-dense", true}} {
		suffix, dense := corpus.suffix, corpus.dense
		b.Run("embedded"+suffix, func(b *testing.B) {
			st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "parley.db")})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			benchIngestStream(b, st, dense)
		})
		b.Run("neo4j"+suffix, func(b *testing.B) {
			st := openNeo4j(b)
			defer st.Close()
			benchIngestStream(b, st, dense)
		})
	}
}

func benchIngestStream(b *testing.B, st graph.Store, dense bool) {
	docs, size := benchDocs(warm+b.N, dense)
	p := ingest.New(st, extract.New())
	run := func(docs []document.Document) (invalid int) {
		s := p.Stream(context.Background(), func(_ document.Document, o ingest.Outcome) {
			switch {
			case errors.Is(o.Err, graph.ErrInvalid):
				invalid++
			case o.Err != nil:
				b.Error(o.Err)
			}
		})
		for _, d := range docs {
			s.Add(d)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		return invalid
	}
	run(docs[:warm])
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu, server := graphtest.CPUTime(), serverCPU(st)
	invalid := run(docs[warm:])
	reportCPU(b, cpu)
	reportServerCPU(b, st, server)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(invalid), "invalid-reports")
}

// reportCPU reports the CPU time per report since start (cpu-ms/report).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(graphtest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/report")
}

// serverCPU is the CPU time (user + system) that the Neo4j server of
// scripts/neo4j-test has used so far, read from /proc with the pid in
// $NEO4J_TEST_DIR/pid (default .cache/neo4j-test), or -1 where st is not a
// Neo4j store or that server is not on this machine.
func serverCPU(st graph.Store) time.Duration {
	if _, ok := st.(*graphneo4j.Store); !ok {
		return -1
	}
	dir := os.Getenv("NEO4J_TEST_DIR")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "neo4j-test")
	}
	pid, err := os.ReadFile(filepath.Join(dir, "pid"))
	if err != nil {
		return -1
	}
	stat, err := os.ReadFile(filepath.Join("/proc", strings.TrimSpace(string(pid)), "stat"))
	if err != nil {
		return -1
	}
	// The command (field 2) is in parentheses and may hold spaces; utime
	// and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// reportServerCPU reports the Neo4j server's CPU time per report since
// start (server-cpu-ms/report), where serverCPU can read it.
func reportServerCPU(b *testing.B, st graph.Store, start time.Duration) {
	if now := serverCPU(st); start >= 0 && now >= 0 {
		b.ReportMetric(float64(now-start)/float64(time.Millisecond)/float64(b.N), "server-cpu-ms/report")
	}
}

func openNeo4j(b *testing.B) *graphneo4j.Store {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		b.Skip("set NEO4J_URI (scripts/neo4j-test start) to benchmark the Neo4j store")
	}
	unlock, err := graphneo4j.LockTestServer(uri)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(unlock)
	ctx := context.Background()
	st, err := graphneo4j.Open(ctx, graphneo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.DeleteAll(ctx); err != nil {
		b.Fatal(err)
	}
	return st
}

// warm ingests reports first, so that the figure is of a store that already
// holds a graph, not of an empty one.
const warm = 200

func benchIngest(b *testing.B, st graph.Store) {
	docs, size := benchDocs(warm+b.N, false)
	p := ingest.New(st, extract.New())
	for _, d := range docs[:warm] {
		(&failures{}).check(b, p, d)
	}
	failed := &failures{}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu, server := graphtest.CPUTime(), serverCPU(st)
	for i := 0; i < b.N; i++ {
		failed.check(b, p, docs[warm+i])
	}
	reportCPU(b, cpu)
	reportServerCPU(b, st, server)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	failed.report(b)
}

// failures counts reports refused as invalid: ingest names them and goes on,
// and so does the benchmark (it reports how many, and the first).
type failures struct {
	n     atomic.Int64
	first atomic.Value
}

func (f *failures) check(b *testing.B, p *ingest.Pipeline, d document.Document) {
	_, err := p.Ingest(context.Background(), d)
	switch {
	case err == nil:
	case errors.Is(err, graph.ErrInvalid):
		f.n.Add(1)
		f.first.CompareAndSwap(nil, err.Error())
	default:
		b.Error(err)
	}
}

func (f *failures) report(b *testing.B) {
	b.ReportMetric(float64(f.n.Load()), "invalid-reports")
	if first := f.first.Load(); first != nil {
		b.Logf("%d reports refused as invalid; the first: %s", f.n.Load(), first)
	}
}

func benchIngestParallel(b *testing.B, st graph.Store) {
	docs, size := benchDocs(warm+b.N, false)
	p := ingest.New(st, extract.New())
	for _, d := range docs[:warm] {
		(&failures{}).check(b, p, d)
	}
	failed := &failures{}
	var next atomic.Int64
	next.Store(warm - 1)
	b.SetBytes(size)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			failed.check(b, p, docs[next.Add(1)])
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
