package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
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
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, nil))
	st, err := openStore(ctx, sc)
	if err != nil {
		return err
	}
	defer st.Close()
	pipe := ingest.New(st, extract.New())
	if !*noSamples {
		if err := seedSamples(ctx, st, pipe, log); err != nil {
			return err
		}
	}

	gin.SetMode(gin.ReleaseMode)
	srv := &http.Server{
		Handler:           api.NewServer(st, pipe, log, api.Config{MaxBody: *maxBody}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	fmt.Fprintf(e.stdout, "parley: listening on http://%s (store %s)\n", ln.Addr(), sc.Store)
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
