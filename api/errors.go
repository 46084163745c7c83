package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/document"
	"github.com/parley/parley/graph"
)

// Errors of the HTTP layer itself.
var (
	errNoRoute   = errors.New("not found")
	errMethod    = errors.New("method not allowed")
	errMediaType = errors.New("unsupported media type")
	// errUnauthorized: a write without the right API key.
	errUnauthorized = errors.New("unauthorized")
	// errRateLimited: a client writing faster than its limit.
	errRateLimited = errors.New("rate limited")
)

// statusOf is THE table from errors to HTTP statuses and error codes; the
// first match wins. The OpenAPI document's error responses mirror it.
var statusOf = []struct {
	err    error
	status int
	code   string
}{
	{errUnauthorized, http.StatusUnauthorized, "unauthorized"},
	{errRateLimited, http.StatusTooManyRequests, "rate_limited"},
	{errNoRoute, http.StatusNotFound, "not_found"},
	{errMethod, http.StatusMethodNotAllowed, "method_not_allowed"},
	{errMediaType, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	{document.ErrUnsupported, http.StatusUnsupportedMediaType, "unsupported_media_type"},
	{document.ErrWall, http.StatusUnprocessableEntity, "not_a_report"},
	{document.ErrEmpty, http.StatusUnprocessableEntity, "empty_report"},
	{graph.ErrNotFound, http.StatusNotFound, "not_found"},
	{graph.ErrAmbiguous, http.StatusConflict, "ambiguous"},
	{graph.ErrConflict, http.StatusConflict, "conflict"},
	{graph.ErrInvalid, http.StatusBadRequest, "invalid"},
	{context.DeadlineExceeded, http.StatusServiceUnavailable, "timeout"},
	{graph.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
}

// statusClientClosed is the status logged and counted for a request whose
// client went away before its answer was ready (as nginx logs it); the
// client never sees it.
const statusClientClosed = 499

// outageMessage is what a client is told of a 5xx in the table.
var outageMessage = map[string]string{
	"timeout":     "the request took longer than the server allows; try a narrower query",
	"unavailable": "the graph store is unavailable right now; retry in a few seconds",
}

// fail answers with the status and JSON error that err calls for. Errors it
// does not know are logged and answered 500 without their details.
func (s *Server) fail(c *gin.Context, err error) {
	if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		// The client went away (a timeout of its own, a closed tab): no
		// one reads this answer, and it is no failure of the server.
		c.AbortWithStatus(statusClientClosed)
		return
	}
	status, body := s.classify(c.Request.Context(), c.FullPath(), err)
	c.AbortWithStatusJSON(status, body)
}

// classify returns the status and JSON error body that err calls for,
// logging what a client is not told.
func (s *Server) classify(ctx context.Context, route string, err error) (int, gin.H) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return http.StatusRequestEntityTooLarge,
			errorBody("too_large", "request body is larger than the limit of "+itoa(tooBig.Limit)+" bytes", nil)
	}
	for _, m := range statusOf {
		if !errors.Is(err, m.err) {
			continue
		}
		var extra map[string]any
		var amb *graph.AmbiguousError
		if errors.As(err, &amb) {
			extra = map[string]any{"candidates": refsOf(amb.Candidates)}
		}
		msg := err.Error()
		if m.status >= 500 {
			s.log.WarnContext(ctx, "request failed", "request_id", requestIDOf(ctx), "route", route, "err", err)
			// The details (hosts, driver messages) stay in the log.
			msg = outageMessage[m.code] + " (request " + requestIDOf(ctx) + ")"
		}
		return m.status, errorBody(m.code, msg, extra)
	}
	s.log.ErrorContext(ctx, "request failed", "request_id", requestIDOf(ctx), "route", route, slog.Any("err", err))
	return http.StatusInternalServerError, errorBody("internal", "internal error (request "+requestIDOf(ctx)+")", nil)
}

func errorBody(code, msg string, extra map[string]any) gin.H {
	e := gin.H{"code": code, "message": msg}
	for k, v := range extra {
		e[k] = v
	}
	return gin.H{"error": e}
}
