package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are Parley's Prometheus metrics, in a registry of their own (never
// the global default one). One Metrics serves one Server; the store the
// ingest pipeline writes to may be wrapped with Metrics.Store so that its
// errors are counted too.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	ingests     *prometheus.CounterVec
	storeErrors *prometheus.CounterVec
}

// NewMetrics returns the metrics of a server, registered in a new registry
// together with the Go runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_http_requests_total",
			Help: "HTTP requests answered, by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "parley_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route and method.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method"}),
		ingests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_ingest_reports_total",
			Help: "Reports posted for ingestion, by result: created, known (stored already) or failed.",
		}, []string{"result"}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "parley_store_errors_total",
			Help: "Store calls that failed, by kind: unavailable, timeout, canceled, conflict or internal.",
		}, []string{"kind"}),
	}
	for _, r := range []string{"created", "known", "failed"} {
		m.ingests.WithLabelValues(r)
	}
	for _, k := range []string{"unavailable", "timeout", "canceled", "conflict", "internal"} {
		m.storeErrors.WithLabelValues(k)
	}
	m.reg.MustRegister(m.requests, m.latency, m.ingests, m.storeErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Registry is the registry the metrics live in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// measure counts every request and its latency, and the results of report
// ingestion. Routes are labelled by their pattern, so ids do not blow up the
// number of series.
func (s *Server) measure(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	method := c.Request.Method
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
	default:
		method = "other"
	}
	status := c.Writer.Status()
	s.metrics.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	s.metrics.latency.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
	if route == "/v1/reports" && method == http.MethodPost {
		switch {
		case status == http.StatusCreated:
			s.metrics.ingests.WithLabelValues("created").Inc()
		case status == http.StatusOK:
			s.metrics.ingests.WithLabelValues("known").Inc()
		case status == http.StatusUnauthorized || status == http.StatusTooManyRequests:
			// refused before any ingestion was tried
		default:
			s.metrics.ingests.WithLabelValues("failed").Inc()
		}
	}
}

func (s *Server) serveMetrics(c *gin.Context) {
	s.metricsHandler.ServeHTTP(c.Writer, c.Request)
}

// storeErrorKind names the kind of a store error for the metrics, or ""
// for answers that are not failures of the store (not found, invalid,
// ambiguous).
func storeErrorKind(err error) string {
	switch {
	case err == nil, errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrAmbiguous):
		return ""
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, graph.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, graph.ErrConflict):
		return "conflict"
	}
	return "internal"
}

// Store wraps st so that the errors of its calls are counted by kind. A
// store wrapped already by m is returned as it is.
func (m *Metrics) Store(st graph.Store) graph.Store {
	if is, ok := st.(*measuredStore); ok && is.m == m {
		return st
	}
	return &measuredStore{Store: st, m: m}
}

// measuredStore counts the errors of a graph.Store. Methods it does not
// override (none today) pass through uncounted.
type measuredStore struct {
	graph.Store
	m *Metrics
}

func (s *measuredStore) count(err error) error {
	if k := storeErrorKind(err); k != "" {
		s.m.storeErrors.WithLabelValues(k).Inc()
	}
	return err
}

func (s *measuredStore) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	res, err := s.Store.PutReport(ctx, r, f)
	return res, s.count(err)
}

func (s *measuredStore) Report(ctx context.Context, id string) (*graph.ReportFacts, error) {
	rf, err := s.Store.Report(ctx, id)
	return rf, s.count(err)
}

func (s *measuredStore) Reports(ctx context.Context, f graph.ReportFilter) (graph.Page[graph.Report], error) {
	p, err := s.Store.Reports(ctx, f)
	return p, s.count(err)
}

func (s *measuredStore) DeleteReport(ctx context.Context, id string) error {
	return s.count(s.Store.DeleteReport(ctx, id))
}

func (s *measuredStore) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	e, err := s.Store.Entity(ctx, id)
	return e, s.count(err)
}

func (s *measuredStore) EntitiesByID(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
	m, err := s.Store.EntitiesByID(ctx, ids)
	return m, s.count(err)
}

func (s *measuredStore) Entities(ctx context.Context, f graph.EntityFilter) (graph.Page[graph.Entity], error) {
	p, err := s.Store.Entities(ctx, f)
	return p, s.count(err)
}

func (s *measuredStore) Lookup(ctx context.Context, name string) ([]graph.Entity, error) {
	es, err := s.Store.Lookup(ctx, name)
	return es, s.count(err)
}

func (s *measuredStore) Meetings(ctx context.Context, f graph.MeetingFilter) (graph.Page[graph.Meeting], error) {
	p, err := s.Store.Meetings(ctx, f)
	return p, s.count(err)
}

func (s *measuredStore) Statements(ctx context.Context, f graph.StatementFilter) (graph.Page[graph.Statement], error) {
	p, err := s.Store.Statements(ctx, f)
	return p, s.count(err)
}

func (s *measuredStore) Supports(ctx context.Context, f graph.SupportFilter) (graph.Page[graph.Support], error) {
	p, err := s.Store.Supports(ctx, f)
	return p, s.count(err)
}

func (s *measuredStore) Connections(ctx context.Context, q graph.ConnectionQuery) ([]graph.Path, error) {
	ps, err := s.Store.Connections(ctx, q)
	return ps, s.count(err)
}

func (s *measuredStore) Timeline(ctx context.Context, f graph.TimelineFilter) (graph.Page[graph.Event], error) {
	p, err := s.Store.Timeline(ctx, f)
	return p, s.count(err)
}
