package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/document"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

func (s *Server) routeReports(g *gin.RouterGroup) {
	g.POST("/reports", s.postReport)
	g.POST("/reports/batch", s.postBatch)
	g.POST("/extract", s.postExtract)
	g.GET("/reports", s.listReports)
	g.GET("/reports/:id", s.getReport)
	g.DELETE("/reports/:id", s.deleteReport)
}

// readDocument reads a report from a request body: JSON
// {title, published, source, url, text | html}, or a raw text/plain or
// text/html body with the metadata as query parameters.
func (s *Server) readDocument(c *gin.Context) (document.Document, error) {
	q, err := query(c, "title", "published", "source", "url")
	if err != nil {
		return document.Document{}, err
	}
	meta := document.Meta{Title: q.Get("title"), Published: q.Get("published"), Source: q.Get("source"), URL: q.Get("url")}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return document.Document{}, fmt.Errorf("read body: %w", err)
	}
	if len(body) == 0 {
		return document.Document{}, fmt.Errorf("empty body: send JSON {\"text\": ...} or a text/plain or text/html report: %w", graph.ErrInvalid)
	}
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		return document.Document{}, fmt.Errorf("Content-Type %q: want application/json, text/plain or text/html: %w", ct, errMediaType)
	}
	switch mt {
	case "application/json":
		return document.FromJSON(body, meta)
	case "text/html":
		return document.FromHTML(body, meta.URL, meta)
	case "text/plain":
		items := document.Parse("body.txt", body, meta)
		if len(items) != 1 {
			return document.Document{}, fmt.Errorf("text body: %w", graph.ErrInvalid)
		}
		return items[0].Doc, items[0].Err
	}
	return document.Document{}, fmt.Errorf("Content-Type %q: want application/json, text/plain or text/html: %w", mt, errMediaType)
}

// postReport ingests one report: 201 when new, 200 when already stored.
func (s *Server) postReport(c *gin.Context) {
	ctx := c.Request.Context()
	doc, err := s.readDocument(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.pipe.Ingest(ctx, doc)
	if err != nil {
		s.fail(c, err)
		return
	}
	// The report and the names of its actors are read in one snapshot
	// (see readSnapshot), as a GET of the report is.
	if s.snapshots != nil {
		var end func()
		if ctx, end, err = s.snapshots.Snapshot(ctx); err != nil {
			s.fail(c, err)
			return
		}
		defer end()
	}
	rf, err := s.store.Report(ctx, res.ReportID)
	if errors.Is(err, graph.ErrNotFound) {
		// Another request deleted the report after this one stored it
		// (or found it stored): it is not there, and storing it again
		// would undo that delete. The write lost to a concurrent one.
		err = fmt.Errorf("report %s was deleted by another request before it could be read back: %w", res.ReportID, graph.ErrConflict)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	facts, err := s.facts(ctx, &rf.Facts)
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
		c.Header("Location", "/v1/reports/"+res.ReportID)
	}
	rf.Report.Text = ""
	c.JSON(status, gin.H{"report_id": res.ReportID, "created": res.Created, "report": rf.Report, "facts": facts})
}

// MaxBatch is the most reports one batch request may hold.
const MaxBatch = 1000

// batchResult is what became of one line of a batch.
type batchResult struct {
	Line     int    `json:"line"`
	ReportID string `json:"report_id,omitempty"`
	Created  bool   `json:"created"`
	Facts    int    `json:"facts"`
	Error    gin.H  `json:"error,omitempty"`
}

// postBatch ingests a batch of reports, one JSON report object a line
// (NDJSON). Each report is stored whole or not at all, and a bad line costs
// only itself: the answer is 200 with what became of every line.
func (s *Server) postBatch(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := query(c, "title", "published", "source", "url")
	if err != nil {
		s.fail(c, err)
		return
	}
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != "application/x-ndjson" && mt != "application/jsonl") {
		s.fail(c, fmt.Errorf("Content-Type %q: a batch is application/x-ndjson, one JSON report a line: %w", ct, errMediaType))
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		s.fail(c, fmt.Errorf("read body: %w", err))
		return
	}
	meta := document.Meta{Title: q.Get("title"), Published: q.Get("published"), Source: q.Get("source"), URL: q.Get("url")}
	items := document.Parse("batch.jsonl", body, meta)
	if len(items) == 1 && errors.Is(items[0].Err, document.ErrEmpty) {
		s.fail(c, fmt.Errorf("empty batch: send one JSON report object a line: %w", graph.ErrInvalid))
		return
	}
	if len(items) > MaxBatch {
		s.fail(c, fmt.Errorf("%d reports in one batch: at most %d: %w", len(items), MaxBatch, graph.ErrInvalid))
		return
	}
	results := make([]batchResult, 0, len(items))
	counts := map[string]int{"created": 0, "known": 0, "failed": 0}
	fail := func(line int, err error) {
		_, body := s.classify(ctx, c.FullPath(), err)
		results = append(results, batchResult{Line: line, Error: body["error"].(gin.H)})
		counts["failed"]++
	}
	stream := s.pipe.Stream(ctx, func(d document.Document, o ingest.Outcome) {
		line := lineOf(d.Name)
		switch {
		case o.Err != nil:
			fail(line, o.Err)
		default:
			results = append(results, batchResult{Line: line, ReportID: o.ReportID, Created: o.Created, Facts: o.Facts})
			if o.Created {
				counts["created"]++
			} else {
				counts["known"]++
			}
		}
	})
	for _, it := range items {
		if it.Err != nil {
			fail(lineOf(it.Doc.Name), it.Err)
			continue
		}
		stream.Add(it.Doc)
	}
	if err := stream.Close(); err != nil {
		s.fail(c, err)
		return
	}
	sort.Slice(results, func(i, j int) bool { return results[i].Line < results[j].Line })
	for k, n := range counts {
		s.metrics.ingests.WithLabelValues(k).Add(float64(n))
	}
	c.JSON(http.StatusOK, gin.H{"reports": len(items), "created": counts["created"], "known": counts["known"],
		"failed": counts["failed"], "results": results})
}

// lineOf is the line number of a JSONL document named "name:LINE".
func lineOf(name string) int {
	n, _ := strconv.Atoi(name[strings.LastIndexByte(name, ':')+1:])
	return n
}

// postExtract shows the facts a report would give, storing nothing.
func (s *Server) postExtract(c *gin.Context) {
	ctx := c.Request.Context()
	doc, err := s.readDocument(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, f, err := s.pipe.Extract(ctx, doc)
	if err != nil {
		s.fail(c, err)
		return
	}
	facts, err := s.facts(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	// Nothing was stored: the report has no ingested_at and keeps its text.
	report := gin.H{"id": r.ID, "text": r.Text}
	for k, v := range map[string]string{"title": r.Title, "source": r.Source, "url": r.URL, "published": r.Published} {
		if v != "" {
			report[k] = v
		}
	}
	c.JSON(http.StatusOK, gin.H{"report": report, "facts": facts})
}

func (s *Server) listReports(c *gin.Context) {
	q, err := query(c, "limit", "cursor")
	if err != nil {
		s.fail(c, err)
		return
	}
	limit, err := intParam(q, "limit")
	if err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.store.Reports(c.Request.Context(), graph.ReportFilter{Limit: limit, Cursor: q.Get("cursor")})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}

func (s *Server) getReport(c *gin.Context) {
	ctx := c.Request.Context()
	if _, err := query(c); err != nil {
		s.fail(c, err)
		return
	}
	rf, err := s.store.Report(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	facts, err := s.facts(ctx, &rf.Facts)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"report": rf.Report, "facts": facts})
}

func (s *Server) deleteReport(c *gin.Context) {
	if _, err := query(c); err != nil {
		s.fail(c, err)
		return
	}
	id := c.Param("id")
	if err := s.store.DeleteReport(c.Request.Context(), id); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
