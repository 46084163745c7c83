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
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

// DefaultMaxBody is the largest request body accepted unless configured.
const DefaultMaxBody = 5 << 20

// Config tunes the server.
type Config struct {
	// MaxBody is the largest request body in bytes; DefaultMaxBody if 0.
	MaxBody int64
}

// Server serves the REST API.
type Server struct {
	store   graph.Store
	pipe    *ingest.Pipeline
	log     *slog.Logger
	router  *gin.Engine
	maxBody int64
}

// NewServer returns a server over st that ingests with pipe.
func NewServer(st graph.Store, pipe *ingest.Pipeline, log *slog.Logger, cfg Config) *Server {
	s := &Server{store: st, pipe: pipe, log: log, router: gin.New(), maxBody: cfg.MaxBody}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	s.router.HandleMethodNotAllowed = true
	s.router.Use(s.requestID, s.recover, s.logRequests, s.limitBody)
	s.router.NoRoute(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("no route %s %s: %w", c.Request.Method, c.Request.URL.Path, errNoRoute))
	})
	s.router.NoMethod(func(c *gin.Context) {
		s.fail(c, fmt.Errorf("method %s not allowed on %s: %w", c.Request.Method, c.Request.URL.Path, errMethod))
	})
	s.router.GET("/healthz", s.health)
	s.router.GET("/openapi.yaml", s.openAPI)
	v1 := s.router.Group("/v1")
	s.routeReports(v1)
	s.routeEntities(v1)
	s.routeMeetings(v1)
	s.routeConnections(v1)
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

func (s *Server) health(c *gin.Context) {
	if _, err := s.store.Reports(c.Request.Context(), graph.ReportFilter{Limit: 1}); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
