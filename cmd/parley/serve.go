package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags("serve", e)
	addr := fs.String("addr", envOr(e, "PARLEY_ADDR", "127.0.0.1:8080"), "address to listen on (HOST:PORT; port 0 picks a free one)")
	sc := storeFlags(fs, e, "store")
	noSamples := fs.Bool("no-samples", false, "do not ingest the sample reports into an empty store")
	maxBody := fs.Int64("max-body", api.DefaultMaxBody, "largest request body in bytes")
	apiKey := fs.String("api-key", e.getenv("PARLEY_API_KEY"), "API key that writes (POST, DELETE) must send as 'Authorization: Bearer KEY' (default $PARLEY_API_KEY)")
	open := fs.Bool("open", false, "allow listening on a non-loopback address without an API key: anyone who reaches it may write")
	var origins originList
	fs.Var(&origins, "cors-origin", "origin allowed to call the API from a browser (repeat or comma-separate; * for any; default none: no CORS)")
	writeRate := fs.String("write-rate", "10/s", "writes allowed per client IP: N/s, N/m or N/h; 0 for no limit")
	writeBurst := fs.Int("write-burst", 20, "writes a client may make at once before --write-rate applies")
	pprof := fs.Bool("pprof", false, "serve the Go profiler at /debug/pprof/ (to profile a running server; anyone who reaches it can read it)")
	timeout := fs.Duration("request-timeout", 30*time.Second, "longest a request may take before it is answered 503; 0 for no limit")
	gcPercent := fs.Int("gc-percent", 400, "how far the Go heap may grow past the live heap before a collection, in percent (GOGC in the environment, if set, wins)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	rate, err := parseRate(*writeRate)
	if err != nil {
		return usageError{"--write-rate: " + err.Error()}
	}
	if *timeout < 0 {
		return usageError{"--request-timeout: must not be negative"}
	}
	if *gcPercent <= 0 {
		return usageError{"--gc-percent: must be positive"}
	}
	if *apiKey == "" && !*open && !isLoopback(*addr) {
		return usageError{fmt.Sprintf("refusing to listen on %s without an API key: anyone who reaches it could write to the graph. "+
			"Set --api-key or PARLEY_API_KEY, listen on a loopback address (127.0.0.1:8080), or pass --open if it is meant to be open", *addr)}
	}
	if e.getenv("GOGC") == "" {
		// The live heap of serve is small (tens to a few hundred MB) and
		// requests allocate fast, so at Go's default (100) the collector ran
		// often: 400 took ~14% off the CPU of a request (bench/README.md),
		// for a heap up to 5x the live one. GOMEMLIMIT caps it if need be.
		debug.SetGCPercent(*gcPercent)
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, nil))
	st, err := openStore(ctx, sc)
	if err != nil {
		return err
	}
	defer st.Close()
	metrics := api.NewMetrics()
	pipe := ingest.New(metrics.Store(st), extract.New())
	if !*noSamples {
		if err := seedSamples(ctx, st, pipe, log); err != nil {
			return err
		}
	}
	if w, ok := st.(warmable); ok {
		go warm(ctx, w, log)
	}

	gin.SetMode(gin.ReleaseMode)
	writeTimeout := 60 * time.Second
	if *timeout+10*time.Second > writeTimeout {
		writeTimeout = *timeout + 10*time.Second
	}
	srv := &http.Server{
		Handler: api.NewServer(st, pipe, log, api.Config{
			MaxBody: *maxBody, APIKey: *apiKey, WriteRate: rate, WriteBurst: *writeBurst,
			CORSOrigins: origins, RequestTimeout: *timeout, Metrics: metrics, Pprof: *pprof,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	fmt.Fprintf(e.stdout, "parley: listening on http://%s (store %s)\n", ln.Addr(), sc.Store)
	if *apiKey == "" && !isLoopback(*addr) {
		log.Warn("serving without an API key on a non-loopback address (--open): anyone who reaches it can write", "addr", ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// seedSamples ingests the bundled sample reports when the store is empty.
// warmable is a store that keeps indexes in memory for queries.
type warmable interface {
	Warm(ctx context.Context) error
}

// warm reads a store's in-memory indexes while the server starts taking
// requests, so that the first questions do not wait for them.
func warm(ctx context.Context, w warmable, log *slog.Logger) {
	start := time.Now()
	if err := w.Warm(ctx); err != nil {
		log.Warn("reading the graph into memory failed; the first queries will read it", "err", err)
		return
	}
	log.Info("graph read into memory", "took", time.Since(start).Round(time.Millisecond).String())
}

func seedSamples(ctx context.Context, st graph.Store, pipe *ingest.Pipeline, log *slog.Logger) error {
	page, err := st.Reports(ctx, graph.ReportFilter{Limit: 1})
	if err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	if len(page.Items) > 0 {
		return nil
	}
	var buf logWriter
	buf.log = log
	sum, err := ingestSamples(ctx, &buf, pipe)
	if err != nil {
		return fmt.Errorf("ingest samples: %w", err)
	}
	log.Info("ingested sample reports into the empty store", "summary", sum.String())
	return nil
}

// logWriter turns per-report failure lines into log records.
type logWriter struct{ log *slog.Logger }

func (w *logWriter) Write(p []byte) (int, error) {
	w.log.Warn(string(p))
	return len(p), nil
}

// isLoopback reports whether addr (HOST:PORT) names a loopback host only:
// localhost or a 127.0.0.0/8 or ::1 address. An empty host means every
// interface, so it is not.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseRate reads a rate such as "10/s", "600/m", "36000/h" or "10" (a
// second) as events per second; "0" is no limit.
func parseRate(v string) (float64, error) {
	num, unit, _ := strings.Cut(strings.TrimSpace(v), "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || n < 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, fmt.Errorf("%q: want N/s, N/m or N/h with N >= 0", v)
	}
	switch unit {
	case "", "s":
		return n, nil
	case "m":
		return n / 60, nil
	case "h":
		return n / 3600, nil
	}
	return 0, fmt.Errorf("%q: unit %q: want s, m or h", v, unit)
}

// originList is a repeatable, comma-separated flag of CORS origins.
type originList []string

func (o *originList) String() string { return strings.Join(*o, ",") }

func (o *originList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if s != "*" && !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			return fmt.Errorf("origin %q: want * or scheme://host[:port]", s)
		}
		*o = append(*o, s)
	}
	return nil
}
