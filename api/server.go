// Package api is Parley's REST API (v1) over a graph.Store, built on gin.
// Handlers are methods on Server; every error goes through Server.fail,
// which maps domain errors to HTTP statuses in one table (errors.go).
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
	"github.com/parley/parley/web"
)

// DefaultMaxBody is the largest request body accepted unless configured.
const DefaultMaxBody = 5 << 20

// Config tunes the server.
type Config struct {
	// MaxBody is the largest request body in bytes; DefaultMaxBody if 0.
	MaxBody int64
	// APIKey, when set, is needed for writes (POST, DELETE) as
	// "Authorization: Bearer APIKey". Reads stay open.
	APIKey string
	// WriteRate is how many writes a second one client (IP address) may
	// make, with bursts of WriteBurst; 0 means no limit.
	WriteRate  float64
	WriteBurst int
	// CORSOrigins are the origins allowed to call the API from a browser
	// ("*" for any); none means no CORS headers at all.
	CORSOrigins []string
	// RequestTimeout bounds the work of one request; 0 means no bound.
	RequestTimeout time.Duration
	// Metrics collects the server's metrics, served at /metrics; NewServer
	// makes its own if nil.
	Metrics *Metrics
	// Now returns the current time (for the rate limiter); time.Now if nil.
	Now func() time.Time
	// Pprof serves the Go profiler (net/http/pprof) at /debug/pprof/: off
	// unless asked for, as it tells much about the process. A CPU profile
	// (/debug/pprof/profile?seconds=N) must end within RequestTimeout.
	Pprof bool
}

// Server serves the REST API.
type Server struct {
	store          graph.Store
	pipe           *ingest.Pipeline
	log            *slog.Logger
	router         *gin.Engine
	maxBody        int64
	apiKey         []byte // SHA-256 of the API key; nil if none
	writes         *limiter
	origins        map[string]bool
	timeout        time.Duration
	metrics        *Metrics
	metricsHandler http.Handler
	refs           *refCache
	snapshots      snapshotter // nil if the store has no snapshots
}

// NewServer returns a server over st that ingests with pipe.
func NewServer(st graph.Store, pipe *ingest.Pipeline, log *slog.Logger, cfg Config) *Server {
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{store: cfg.Metrics.Store(st), pipe: pipe, log: log, router: gin.New(), maxBody: cfg.MaxBody,
		apiKey: keyDigest(cfg.APIKey), writes: newLimiter(cfg.WriteRate, cfg.WriteBurst, cfg.Now),
		origins: originSet(cfg.CORSOrigins), timeout: cfg.RequestTimeout,
		metrics: cfg.Metrics, metricsHandler: cfg.Metrics.Handler()}
	s.refs = newRefCache(s.store, versionOf(st))
	s.snapshots = snapshotOf(st)
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	s.router.HandleMethodNotAllowed = true
	// Clients are told apart by the address they connect from; forwarded
	// headers are not trusted, so they cannot dodge the write limit.
	s.router.SetTrustedProxies(nil)
	s.router.Use(s.requestID, s.recover, s.forgetNames, s.measure, s.logRequests, s.cors, s.limitWrites, s.authorize,
		s.limitBody, s.limitTime)
	s.router.NoRoute(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("no route %s %s: %w", c.Request.Method, c.Request.URL.Path, errNoRoute))
	})
	s.router.NoMethod(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("method %s not allowed on %s: %w", c.Request.Method, c.Request.URL.Path, errMethod))
	})
	s.router.GET("/healthz", s.health)
	s.router.GET("/openapi.yaml", s.openAPI)
	s.router.GET("/metrics", s.serveMetrics)
	v1 := s.router.Group("/v1", s.readSnapshot)
	s.routeReports(v1)
	s.routeEntities(v1)
	s.routeMeetings(v1)
	s.routeConnections(v1)
	s.routeStatements(v1)
	if cfg.Pprof {
		p := s.router.Group("/debug/pprof")
		p.GET("/", gin.WrapF(pprof.Index))
		p.GET("/cmdline", gin.WrapF(pprof.Cmdline))
		p.GET("/profile", gin.WrapF(pprof.Profile))
		p.GET("/symbol", gin.WrapF(pprof.Symbol))
		p.GET("/trace", gin.WrapF(pprof.Trace))
		p.GET("/:name", gin.WrapF(pprof.Index)) // heap, allocs, goroutine, ...
	}
	web.Register(s.router) // the web explorer at /, over this same API
	return s
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

type ctxKey struct{}

// requestID tags each request with an id (the client's X-Request-ID if sane).
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if id == "" || len(id) > 64 {
		var b [8]byte
		rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Header("X-Request-ID", id)
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), ctxKey{}, id))
	c.Next()
}

func requestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// recover turns a panic into a 500 with a JSON error and a log line.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if p := recover(); p != nil {
			s.log.ErrorContext(c.Request.Context(), "panic", "request_id", requestIDOf(c.Request.Context()),
				"route", c.FullPath(), "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody("internal", "internal error (request "+requestIDOf(c.Request.Context())+")", nil))
		}
	}()
	c.Next()
}

func (s *Server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	s.log.InfoContext(c.Request.Context(), "request", "request_id", requestIDOf(c.Request.Context()),
		"method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
		"duration_ms", float64(time.Since(start).Microseconds())/1000)
}

func (s *Server) limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.maxBody)
	}
	c.Next()
}

// limitTime bounds the work of a request: its context ends after the
// configured timeout, and the store call under way fails with
// context.DeadlineExceeded (503 "timeout").
func (s *Server) limitTime(c *gin.Context) {
	if s.timeout <= 0 {
		c.Next()
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), s.timeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

func (s *Server) health(c *gin.Context) {
	if _, err := s.store.Reports(c.Request.Context(), graph.ReportFilter{Limit: 1}); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
