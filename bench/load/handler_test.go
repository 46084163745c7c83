package main

import (
	"context"
	"github.com/parley/parley/graph/graphtest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/api"
	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// BenchmarkHandler is the HTTP layer without the network: each kind of
// request of the mix, served by api.Server straight into a recorder, over
// the graph at $PARLEY_BENCH_GRAPH (parley gen graph; $PARLEY_BENCH_MEETINGS
// and $PARLEY_BENCH_ACTORS say its size, 100000 and meetings/10 by default).
// Skipped when the variable is unset. For a CPU profile of the API:
//
//	PARLEY_BENCH_GRAPH=/tmp/g100k.db go test -run '^$' -bench Handler -cpuprofile /tmp/api.cpu ./bench/load/
func BenchmarkHandler(b *testing.B) {
	path := os.Getenv("PARLEY_BENCH_GRAPH")
	if path == "" {
		b.Skip("PARLEY_BENCH_GRAPH is not set")
	}
	meetings, _ := strconv.Atoi(os.Getenv("PARLEY_BENCH_MEETINGS"))
	if meetings == 0 {
		meetings = 100000
	}
	actors, _ := strconv.Atoi(os.Getenv("PARLEY_BENCH_ACTORS"))
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// As serve does as it starts: the adjacency and the name index in
	// memory, so that each kind is measured as a ready server answers it
	// (without this, the pairs' meetings ran by SQL until connections read
	// the adjacency).
	if err := st.Warm(ctx); err != nil {
		b.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	srv := api.NewServer(st, ingest.New(st, extract.New()), log, api.Config{RequestTimeout: 30 * time.Second})
	pairs := synth.Graph{Seed: 1, Meetings: meetings, Actors: actors}.Sample(2000, 7)
	for _, kind := range []string{"actor", "between", "connections", "search"} {
		urls := requests("", pairs, kind)
		b.Run(kind, func(b *testing.B) {
			for _, u := range urls[:100] { // warm: adjacency, statements, pages
				serve(b, srv, u)
			}
			b.ReportAllocs()
			cpu := graphtest.CPUTime()
			i := 0
			for b.Loop() {
				serve(b, srv, urls[i%len(urls)])
				i++
			}
			b.ReportMetric(float64(graphtest.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

func serve(b *testing.B, h http.Handler, target string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	if w.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
	}
}
