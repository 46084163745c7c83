package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// exampleReport is the report the response tests ingest: Khamenei receives
// al-Sudani in Tehran on 2023-11-06.
const exampleReport = "../examples/reports/shafaqna-2023-khamenei-al-sudani.txt"

func mustSpecStore(tb testing.TB) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(tb.TempDir(), "parley.db")})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func mustSpecServer(tb testing.TB, st graph.Store, cfg Config) *Server {
	tb.Helper()
	return NewServer(st, ingest.New(st, extract.New()), slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
}

// mustLoadSpec loads and validates the OpenAPI document the server serves at
// /openapi.yaml, examples included.
func mustLoadSpec(tb testing.TB, s *Server) *openapi3.T {
	tb.Helper()
	// A batch body is NDJSON, which the validator takes as one string.
	openapi3filter.RegisterBodyDecoder("application/x-ndjson",
		func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
			b, err := io.ReadAll(r)
			return string(b), err
		})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/openapi.yaml", nil))
	if w.Code != http.StatusOK {
		tb.Fatalf("GET /openapi.yaml: status = %d, want 200", w.Code)
	}
	doc, err := openapi3.NewLoader().LoadFromData(w.Body.Bytes())
	if err != nil {
		tb.Fatalf("load schema/openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("schema/openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	return doc
}

// openAPIPath turns a gin route path ("/v1/reports/:id") into an OpenAPI
// path template ("/v1/reports/{id}").
func openAPIPath(ginPath string) string {
	parts := strings.Split(ginPath, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") || strings.HasPrefix(p, "*") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// TestOpenAPIRoutes checks that the document describes exactly the routes
// the server registers.
func TestOpenAPIRoutes(t *testing.T) {
	s := mustSpecServer(t, mustSpecStore(t), Config{})
	doc := mustLoadSpec(t, s)

	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range s.router.Routes() {
		registered[r.Method+" "+openAPIPath(r.Path)] = true
	}
	for k := range registered {
		if !documented[k] {
			t.Errorf("route %s is registered but not in schema/openapi.yaml", k)
		}
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("schema/openapi.yaml documents %s, which the server does not register", k)
		}
	}
	if len(registered) == 0 {
		t.Fatal("the server registers no routes")
	}
}

// TestOpenAPIErrorTable checks that the document's error responses mirror
// the table of errors.go: each row's status and code is a response the
// document describes, and the document knows no code the server never sends.
func TestOpenAPIErrorTable(t *testing.T) {
	doc := mustLoadSpec(t, mustSpecServer(t, mustSpecStore(t), Config{}))
	byStatus := map[int][]string{ // status -> the components/responses that describe it
		400: {"Invalid"}, 401: {"Unauthorized"}, 404: {"NotFound"}, 405: {"MethodNotAllowed"}, 409: {"Ambiguous", "Conflict"},
		413: {"TooLarge"}, 415: {"UnsupportedMediaType"}, 422: {"Unprocessable"}, 429: {"RateLimited"},
		500: {"Internal"}, 503: {"Unavailable"},
	}
	type row struct {
		status int
		code   string
	}
	rows := []row{{http.StatusRequestEntityTooLarge, "too_large"}, {http.StatusInternalServerError, "internal"}} // written by fail itself
	for _, m := range statusOf {
		rows = append(rows, row{m.status, m.code})
	}
	codes := map[string]bool{}
	for _, r := range rows {
		codes[r.code] = true
		body := map[string]any{"error": map[string]any{"code": r.code, "message": "m", "candidates": []any{}}}
		ok := false
		for _, name := range byStatus[r.status] {
			resp := doc.Components.Responses[name]
			if resp == nil {
				t.Fatalf("components/responses/%s is missing", name)
			}
			mt := resp.Value.Content.Get("application/json")
			if mt == nil || mt.Schema == nil {
				t.Fatalf("components/responses/%s has no application/json schema", name)
			}
			if mt.Schema.Value.VisitJSON(body) == nil {
				ok = true
			}
		}
		if !ok {
			t.Errorf("errors.go answers %d %q, which no response of status %d in schema/openapi.yaml allows", r.status, r.code, r.status)
		}
	}
	for _, c := range doc.Components.Schemas["Error"].Value.Properties["error"].Value.Properties["code"].Value.Enum {
		if !codes[c.(string)] {
			t.Errorf("schema/openapi.yaml lists error code %q, which errors.go never sends", c)
		}
	}
}

// specCase is one request and the answer it must get.
type specCase struct {
	name   string
	method string
	target string
	ctype  string // request Content-Type
	body   []byte
	reqID  string // X-Request-ID to send; the answer must echo it
	auth   string // Authorization to send
	want   int    // status
	code   string // error code, for errors
	// unrouted names the components/responses entry that describes the
	// answer to a path or method the document does not have.
	unrouted string
	// known names a bug of the server that makes its answer break the
	// document; the case then must fail validation (see knownBug).
	known string
}

func (c specCase) request() *http.Request {
	var body io.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req := httptest.NewRequest(c.method, c.target, body)
	if c.ctype != "" {
		req.Header.Set("Content-Type", c.ctype)
	}
	if c.reqID != "" {
		req.Header.Set("X-Request-ID", c.reqID)
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	return req
}

// specChecker serves requests and validates each answer against the document.
type specChecker struct {
	doc    *openapi3.T
	router routers.Router
}

func newSpecChecker(t *testing.T, doc *openapi3.T) *specChecker {
	t.Helper()
	r, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &specChecker{doc: doc, router: r}
}

// run serves c on srv, checks the status, validates the request (for
// successes) and the answer against the document, and returns the body.
func (sc *specChecker) run(t *testing.T, srv http.Handler, c specCase) []byte {
	t.Helper()
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, c.request())
	if w.Code != c.want {
		t.Fatalf("%s %s: status = %d, want %d; body %s", c.method, c.target, w.Code, c.want, w.Body.Bytes())
	}
	if c.reqID != "" && w.Header().Get("X-Request-ID") != c.reqID {
		t.Errorf("%s %s: X-Request-ID = %q, want %q", c.method, c.target, w.Header().Get("X-Request-ID"), c.reqID)
	}
	if c.code != "" {
		var e struct {
			Error struct{ Code string } `json:"error"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code != c.code {
			t.Errorf("%s %s: error code = %q (%v), want %q", c.method, c.target, e.Error.Code, err, c.code)
		}
	}
	err := sc.validate(c, w)
	switch {
	case c.known == "" && err != nil:
		t.Errorf("%s %s -> %d: the answer breaks schema/openapi.yaml: %v\nbody: %s", c.method, c.target, w.Code, err, truncate(w.Body.Bytes()))
	case c.known != "" && err == nil:
		t.Errorf("%s %s: known bug %q seems fixed: the answer now fits schema/openapi.yaml; drop the known field of this case", c.method, c.target, c.known)
	case c.known != "":
		t.Logf("%s %s: known bug (%s): %v", c.method, c.target, c.known, err)
	}
	return w.Body.Bytes()
}

func (sc *specChecker) validate(c specCase, w *httptest.ResponseRecorder) error {
	ctx := context.Background()
	req := c.request()
	route, params, err := sc.router.FindRoute(req)
	if err != nil {
		if c.unrouted == "" {
			return fmt.Errorf("no operation in the document: %w", err)
		}
		resp := sc.doc.Components.Responses[c.unrouted]
		if resp == nil {
			return fmt.Errorf("no components/responses/%s", c.unrouted)
		}
		route = &routers.Route{Spec: sc.doc, Path: req.URL.Path, Method: req.Method,
			Operation: &openapi3.Operation{Responses: openapi3.NewResponses(openapi3.WithStatus(w.Code, resp))}}
	} else if c.unrouted != "" {
		return fmt.Errorf("the document has an operation for %s %s, want none", c.method, req.URL.Path)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	// Requests that succeed must be ones the document describes. (No
	// decoder reads text/html bodies, so those are checked by the server only.)
	if w.Code < 300 && c.unrouted == "" {
		if c.ctype == "text/html" {
			in.Options.ExcludeRequestBody = true
		}
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return fmt.Errorf("request: %w", err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code, Header: w.Header(),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(w.Body.Bytes())
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return err
	}
	if r := route.Operation.Responses.Status(w.Code); r != nil && len(r.Value.Content) == 0 && w.Body.Len() > 0 {
		return fmt.Errorf("status %d has no content in the document, but the body has %d bytes", w.Code, w.Body.Len())
	}
	return nil
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// TestOpenAPIResponses ingests the example report, then asks every endpoint
// realistic questions and some wrong ones, and checks that each answer
// (status, headers and body) is one schema/openapi.yaml describes.
func TestOpenAPIResponses(t *testing.T) {
	st := mustSpecStore(t)
	s := mustSpecServer(t, st, Config{})
	sc := newSpecChecker(t, mustLoadSpec(t, s))

	report, err := os.ReadFile(exampleReport)
	if err != nil {
		t.Fatal(err)
	}
	wall, err := os.ReadFile(filepath.Join("testdata", "cookiewall.html"))
	if err != nil {
		t.Fatal(err)
	}
	const published = "published=2023-11-07"
	ingestQuery := published + "&url=" + url.QueryEscape("https://en.shafaqna.com/2023/11/07/khamenei-al-sudani/")
	jsonReport, err := json.Marshal(map[string]string{
		"title": "Khamenei receives Iraqi Prime Minister al-Sudani", "published": "November 7, 2023", "source": "Shafaqna",
		"text": "The Leader made the remarks during a meeting with Iraqi prime minister, Mohammad Shia’ al-Sudani and his accompanying delegation on November 6, 2023.",
	})
	if err != nil {
		t.Fatal(err)
	}
	run := func(c specCase) []byte {
		t.Helper()
		var body []byte
		t.Run(c.name, func(t *testing.T) { body = sc.run(t, s, c) })
		return body
	}

	// Extract before anything is stored, then ingest twice.
	run(specCase{name: "OKExtractText", method: "POST", target: "/v1/extract?" + published, ctype: "text/plain", body: report, want: 200})
	run(specCase{name: "OKExtractJSON", method: "POST", target: "/v1/extract", ctype: "application/json", body: jsonReport, want: 200})
	body := run(specCase{name: "OKIngestNew", method: "POST", target: "/v1/reports?" + ingestQuery, ctype: "text/plain; charset=utf-8", body: report, want: 201})
	var ingested struct {
		ReportID string     `json:"report_id"`
		Facts    factsShape `json:"facts"`
	}
	if err := json.Unmarshal(body, &ingested); err != nil || ingested.ReportID == "" {
		t.Fatalf("POST /v1/reports: no report_id in %s (%v)", truncate(body), err)
	}
	run(specCase{name: "OKIngestAgain", method: "POST", target: "/v1/reports?" + ingestQuery, ctype: "text/plain", body: report, want: 200})

	// Who met whom, and when: the meeting of 2023-11-06 must be there.
	body = run(specCase{name: "OKMeetingsOfTwo", method: "GET",
		target: "/v1/meetings?participant=Khamenei&participant=al-Sudani&from=2023-11-01&to=2023-11-30", want: 200})
	var meetings struct {
		Items []struct {
			ID           string  `json:"id"`
			Date         *string `json:"date"`
			Participants []struct {
				ID string `json:"id"`
			} `json:"participants"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &meetings); err != nil {
		t.Fatal(err)
	}
	found, meetingID := false, ""
	for _, m := range meetings.Items {
		var ids []string
		for _, p := range m.Participants {
			ids = append(ids, p.ID)
		}
		if m.Date != nil && *m.Date == "2023-11-06" && slices.Contains(ids, "person:ali-khamenei") && slices.Contains(ids, "person:mohammed-shia-al-sudani") {
			found, meetingID = true, m.ID
		}
	}
	if !found {
		t.Errorf("GET /v1/meetings: no meeting of Khamenei and al-Sudani on 2023-11-06 in %s", truncate(body))
	}

	// A first page with a cursor, to ask for the next one.
	next := func(body []byte) string {
		t.Helper()
		var p struct {
			Next string `json:"next"`
		}
		if err := json.Unmarshal(body, &p); err != nil || p.Next == "" {
			t.Fatalf("no next cursor in %s (%v)", truncate(body), err)
		}
		return url.QueryEscape(p.Next)
	}
	entities := run(specCase{name: "OKEntitiesFirstPage", method: "GET", target: "/v1/entities?limit=2", want: 200})
	statements := run(specCase{name: "OKStatementsFirstPage", method: "GET", target: "/v1/entities/Khamenei/statements?limit=1", want: 200})
	timeline := run(specCase{name: "OKTimelineFirstPage", method: "GET", target: "/v1/timeline?entity=al-Sudani&from=2023-11-01&to=2023-11-30&limit=1", want: 200})

	// Actors picked from what the extractor read, so that these cases do not
	// hang on the details of extraction.
	f := ingested.Facts
	byType := map[string]bool{}
	for _, e := range f.Entities {
		byType[e.Type] = true
	}
	lone, far := f.unsupported(), f.unrelated()

	cases := []specCase{
		{name: "OKHealth", method: "GET", target: "/healthz", want: 200},
		{name: "OKHealthRequestID", method: "GET", target: "/healthz", reqID: "client-42", want: 200},
		{name: "OKOpenAPI", method: "GET", target: "/openapi.yaml", want: 200},
		{name: "OKMetrics", method: "GET", target: "/metrics", want: 200},
		{name: "OKExplorer", method: "GET", target: "/", want: 200},
		{name: "OKExplorerHead", method: "HEAD", target: "/", want: 200},
		{name: "OKExplorerScript", method: "GET", target: "/assets/app.js", want: 200},
		{name: "OKExplorerStyle", method: "GET", target: "/assets/app.css", want: 200},
		{name: "OKReports", method: "GET", target: "/v1/reports", want: 200},
		{name: "OKReportsLimit", method: "GET", target: "/v1/reports?limit=1", want: 200},
		{name: "OKReport", method: "GET", target: "/v1/reports/" + ingested.ReportID, want: 200},
		{name: "OKEntitiesQuery", method: "GET", target: "/v1/entities?q=sudani&type=person", want: 200},
		{name: "OKEntitiesNextPage", method: "GET", target: "/v1/entities?limit=2&cursor=" + next(entities), want: 200},
		{name: "OKEntityByName", method: "GET", target: "/v1/entities/Khamenei", want: 200},
		{name: "OKEntityByID", method: "GET", target: "/v1/entities/person:mohammed-shia-al-sudani", want: 200},
		{name: "OKEntityMeetingsWith", method: "GET", target: "/v1/entities/Khamenei/meetings?with=al-Sudani&from=2023-11-01&to=2023-11-30", want: 200},
		{name: "OKEntityMeetingsAll", method: "GET", target: "/v1/entities/al-Sudani/meetings?include_planned=true&limit=10", want: 200},
		{name: "OKStatementsAbout", method: "GET", target: "/v1/entities/Khamenei/statements?about=al-Sudani&from=2023-11-01&to=2023-11-30&limit=5", want: 200},
		{name: "OKStatementsNextPage", method: "GET", target: "/v1/entities/Khamenei/statements?limit=1&cursor=" + next(statements), want: 200},
		{name: "OKStatementsAll", method: "GET", target: "/v1/entities/al-Sudani/statements", want: 200},

		{name: "OKMeetingsAll", method: "GET", target: "/v1/meetings", want: 200},
		{name: "OKBatch", method: "POST", target: "/v1/reports/batch", ctype: "application/x-ndjson",
			body: []byte(string(jsonReport) + "\n{\"title\": \"no text\"}\n"), want: 200},
		{name: "ErrBatchMediaType", method: "POST", target: "/v1/reports/batch", ctype: "application/json", body: jsonReport, want: 415, code: "unsupported_media_type"},
		{name: "OKMeeting", method: "GET", target: "/v1/meetings/" + meetingID, want: 200},
		{name: "ErrMeetingNotFound", method: "GET", target: "/v1/meetings/m-0000", want: 404, code: "not_found"},
		{name: "OKMeetingsPlace", method: "GET", target: "/v1/meetings?place=Tehran&include_planned=false", want: 200},
		{name: "OKConnections", method: "GET", target: "/v1/connections?from=Khamenei&to=al-Sudani", want: 200},
		{name: "OKConnectionsSelf", method: "GET", target: "/v1/connections?from=Khamenei&to=person:ali-khamenei", want: 200},
		{name: "OKConnectionsByID", method: "GET", target: "/v1/connections?from=person:ali-khamenei&to=person:mohammed-shia-al-sudani&max_hops=6&limit=25", want: 200},
		{name: "OKTimelineNextPage", method: "GET", target: "/v1/timeline?entity=al-Sudani&from=2023-11-01&to=2023-11-30&limit=1&cursor=" + next(timeline), want: 200},

		{name: "ErrUnknownParameter", method: "GET", target: "/v1/meetings?participants=Khamenei", want: 400, code: "invalid"},
		{name: "ErrRepeatedParameter", method: "GET", target: "/v1/timeline?entity=Khamenei&entity=al-Sudani", want: 400, code: "invalid"},
		{name: "ErrBadDate", method: "GET", target: "/v1/meetings?from=2023-13-01", want: 400, code: "invalid"},
		{name: "ErrReversedRange", method: "GET", target: "/v1/entities/Khamenei/meetings?from=2023-12-01&to=2023-11-01", want: 400, code: "invalid"},
		{name: "ErrBadPlanned", method: "GET", target: "/v1/meetings?include_planned=maybe", want: 400, code: "invalid"},
		{name: "ErrLimitZero", method: "GET", target: "/v1/entities?limit=0", want: 400, code: "invalid"},
		{name: "ErrLimitHigh", method: "GET", target: "/v1/reports?limit=501", want: 400, code: "invalid"},
		{name: "ErrBadType", method: "GET", target: "/v1/entities?type=city", want: 400, code: "invalid"},
		{name: "ErrBadCursor", method: "GET", target: "/v1/reports?cursor=nope", want: 400, code: "invalid"},
		{name: "ErrMaxHops", method: "GET", target: "/v1/connections?from=Khamenei&to=al-Sudani&max_hops=7", want: 400, code: "invalid"},
		{name: "ErrPathLimit", method: "GET", target: "/v1/connections?from=Khamenei&to=al-Sudani&limit=26", want: 400, code: "invalid"},
		{name: "ErrConnectionsNoTo", method: "GET", target: "/v1/connections?from=Khamenei", want: 400, code: "invalid"},
		{name: "ErrTimelineNoEntity", method: "GET", target: "/v1/timeline", want: 400, code: "invalid"},
		{name: "ErrReportParameter", method: "GET", target: "/v1/reports/" + ingested.ReportID + "?full=1", want: 400, code: "invalid"},
		{name: "ErrAbsentReport", method: "GET", target: "/v1/reports/00000000000000000000000000000000", want: 404, code: "not_found"},
		{name: "ErrDeleteAbsent", method: "DELETE", target: "/v1/reports/00000000000000000000000000000000", want: 404, code: "not_found"},
		{name: "ErrUnknownActor", method: "GET", target: "/v1/entities/Zelensky", want: 404, code: "not_found"},
		{name: "ErrUnknownParticipant", method: "GET", target: "/v1/meetings?participant=Zelensky", want: 404, code: "not_found"},
		{name: "ErrUnknownAbout", method: "GET", target: "/v1/entities/Khamenei/statements?about=Zelensky", want: 404, code: "not_found"},
		{name: "ErrUnknownTimeline", method: "GET", target: "/v1/timeline?entity=Zelensky", want: 404, code: "not_found"},
		{name: "ErrAmbiguousEntity", method: "GET", target: "/v1/entities/Ira", want: 409, code: "ambiguous"},
		{name: "ErrAmbiguousMeetings", method: "GET", target: "/v1/entities/Ira/meetings", want: 409, code: "ambiguous"},
		{name: "ErrAmbiguousConnections", method: "GET", target: "/v1/connections?from=Ira&to=Khamenei", want: 409, code: "ambiguous"},
		{name: "ErrAmbiguousSupports", method: "GET", target: "/v1/entities/Ira/supports", want: 409, code: "ambiguous"},
		{name: "ErrMediaType", method: "POST", target: "/v1/reports", ctype: "application/xml", body: []byte("<report/>"), want: 415, code: "unsupported_media_type"},
		{name: "ErrNoMediaType", method: "POST", target: "/v1/extract", body: report, want: 415, code: "unsupported_media_type"},
		{name: "ErrEmptyBody", method: "POST", target: "/v1/reports", ctype: "text/plain", want: 400, code: "invalid"},
		{name: "ErrJSONUnknownField", method: "POST", target: "/v1/extract", ctype: "application/json", body: []byte(`{"title":"x","body":"y"}`), want: 400, code: "invalid"},
		{name: "ErrJSONBoth", method: "POST", target: "/v1/reports", ctype: "application/json", body: []byte(`{"text":"a","html":"<p>a</p>"}`), want: 400, code: "invalid"},
		{name: "ErrPublished", method: "POST", target: "/v1/extract?published=yesterday", ctype: "text/plain", body: report, want: 400, code: "invalid"},
		{name: "ErrEmptyText", method: "POST", target: "/v1/extract", ctype: "application/json", body: []byte(`{"title":"x","text":"   "}`), want: 422, code: "empty_report"},
		{name: "ErrCookieWall", method: "POST", target: "/v1/reports", ctype: "text/html", body: wall, want: 422, code: "not_a_report"},
		{name: "ErrNoRoute", method: "GET", target: "/v1/people", want: 404, code: "not_found", unrouted: "NotFound"},
		{name: "ErrMethod", method: "PUT", target: "/v1/meetings", want: 405, code: "method_not_allowed", unrouted: "MethodNotAllowed"},
		{name: "ErrMethodReport", method: "PATCH", target: "/v1/reports/" + ingested.ReportID, want: 405, code: "method_not_allowed", unrouted: "MethodNotAllowed"},
	}
	for _, sp := range f.Supports {
		cases = append(cases,
			specCase{name: "OKSupportsGiven", method: "GET", target: "/v1/entities/" + url.PathEscape(sp.Supporter.ID) + "/supports", want: 200},
			specCase{name: "OKSupportsReceived", method: "GET", target: "/v1/entities/" + url.PathEscape(sp.Supported.Name) + "/supports?limit=5", want: 200})
	}
	if lone != "" {
		cases = append(cases, specCase{name: "OKSupportsNone", method: "GET", target: "/v1/entities/" + url.PathEscape(lone) + "/supports", want: 200})
	}
	if far[0] != "" {
		q := "from=" + url.QueryEscape(far[0]) + "&to=" + url.QueryEscape(far[1])
		cases = append(cases,
			specCase{name: "OKConnectionsFar", method: "GET", target: "/v1/connections?" + q + "&max_hops=6&limit=1", want: 200},
			specCase{name: "OKConnectionsNone", method: "GET", target: "/v1/connections?" + q + "&max_hops=1", want: 200})
	}
	if len(byType) > 1 {
		cases = append(cases, specCase{name: "OKEntitiesType", method: "GET", target: "/v1/entities?type=country&limit=500", want: 200})
	}
	for _, c := range cases {
		run(c)
	}

	// A body over the server's limit.
	small := mustSpecServer(t, st, Config{MaxBody: 1024})
	for _, c := range []specCase{
		{name: "ErrTooLargeText", method: "POST", target: "/v1/reports?" + published, ctype: "text/plain", body: report, want: 413, code: "too_large"},
		{name: "ErrTooLargeJSON", method: "POST", target: "/v1/extract", ctype: "application/json",
			body: []byte(`{"text":"` + strings.Repeat("Talks were held. ", 100) + `"}`), want: 413, code: "too_large"},
	} {
		t.Run(c.name, func(t *testing.T) { sc.run(t, small, c) })
	}

	// Writes with an API key and a rate limit, and reads with a time bound.
	clock := func() time.Time { return time.Date(2023, 11, 7, 12, 0, 0, 0, time.UTC) } // frozen: no token comes back
	guarded := mustSpecServer(t, st, Config{APIKey: "s3cret", WriteRate: 1, WriteBurst: 4, Now: clock})
	for _, c := range []specCase{
		{name: "ErrNoKey", method: "POST", target: "/v1/reports?" + published, ctype: "text/plain", body: report, want: 401, code: "unauthorized"},
		{name: "ErrWrongKey", method: "DELETE", target: "/v1/reports/" + ingested.ReportID, auth: "Bearer guess", want: 401, code: "unauthorized"},
		{name: "OKWithKey", method: "POST", target: "/v1/reports?" + published, ctype: "text/plain", body: report, auth: "Bearer s3cret", want: 200},
		{name: "OKExtractWithKey", method: "POST", target: "/v1/extract", ctype: "application/json", body: jsonReport, auth: "Bearer s3cret", want: 200},
		{name: "ErrRateLimited", method: "POST", target: "/v1/extract", ctype: "application/json", body: jsonReport, auth: "Bearer s3cret", want: 429, code: "rate_limited"},
		{name: "OKReadsOpen", method: "GET", target: "/v1/reports", want: 200},
	} {
		t.Run(c.name, func(t *testing.T) { sc.run(t, guarded, c) })
	}
	slow := mustSpecServer(t, st, Config{RequestTimeout: time.Nanosecond})
	t.Run("ErrTimeout", func(t *testing.T) {
		sc.run(t, slow, specCase{method: "GET", target: "/v1/meetings?participant=Khamenei", want: 503, code: "timeout"})
	})

	// Deleting the report leaves nothing to find.
	run(specCase{name: "OKDelete", method: "DELETE", target: "/v1/reports/" + ingested.ReportID, want: 204})
	run(specCase{name: "ErrDeleted", method: "GET", target: "/v1/reports/" + ingested.ReportID, want: 404, code: "not_found"})
	run(specCase{name: "ErrDeletedActor", method: "GET", target: "/v1/entities/Khamenei/meetings", want: 404, code: "not_found"})
	run(specCase{name: "OKEmptyLists", method: "GET", target: "/v1/meetings", want: 200})

	// A store closed under a running server is a bug, not an outage: 500.
	st.Close()
	run(specCase{name: "ErrStoreClosed", method: "GET", target: "/healthz", want: 500, code: "internal"})
}

// TestOpenAPIRejects checks that the checker fails answers the document does
// not describe, so that TestOpenAPIResponses cannot pass by accepting anything.
func TestOpenAPIRejects(t *testing.T) {
	sc := newSpecChecker(t, mustLoadSpec(t, mustSpecServer(t, mustSpecStore(t), Config{})))
	answer := func(status int, ctype, body string, header ...string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		w.Header().Set("X-Request-ID", "r1")
		for i := 0; i+1 < len(header); i += 2 {
			if header[i+1] == "" {
				w.Header().Del(header[i])
				continue
			}
			w.Header().Set(header[i], header[i+1])
		}
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		w.WriteString(body)
		return w
	}
	const js = "application/json; charset=utf-8"
	meeting := `{"id":"m-1","date":"2023-11-06","date_precision":"day","mode":"in_person","status":"held",` +
		`"participants":[{"id":"person:a","name":"A","type":"person","role":"host"},{"id":"person:b","name":"B","type":"person","role":"guest"}],` +
		`"sources":[{"report_id":"r","evidence":"A met B."}]}`
	get := specCase{method: "GET", target: "/v1/meetings"}
	if err := sc.validate(get, answer(200, js, `{"items":[`+meeting+`],"next":""}`)); err != nil {
		t.Fatalf("a good page of meetings fails: %v", err)
	}
	for _, tc := range []struct {
		name string
		c    specCase
		w    *httptest.ResponseRecorder
	}{
		{"ErrUndocumentedStatus", get, answer(http.StatusTeapot, js, `{"items":[]}`)},
		{"ErrExtraField", get, answer(200, js, `{"items":[],"total":0}`)},
		{"ErrMissingField", get, answer(200, js, `{"next":""}`)},
		{"ErrNullNotNullable", get, answer(200, js, `{"items":[`+strings.Replace(meeting, `"id":"m-1"`, `"id":null`, 1)+`]}`)},
		{"ErrBadEnum", get, answer(200, js, `{"items":[`+strings.Replace(meeting, `"held"`, `"rumoured"`, 1)+`]}`)},
		{"ErrWrongContentType", get, answer(200, "text/plain", `{"items":[]}`)},
		{"ErrNoRequestID", get, answer(200, js, `{"items":[]}`, "X-Request-ID", "")},
		{"ErrWrongErrorCode", get, answer(400, js, `{"error":{"code":"not_found","message":"m"}}`)},
		{"ErrNoLocation", specCase{method: "POST", target: "/v1/reports", ctype: "text/plain", body: []byte("x")},
			answer(201, js, `{"report_id":"r","created":true,"report":{"id":"00000000000000000000000000000000","ingested_at":"2023-11-07T00:00:00Z"},"facts":{"entities":[],"meetings":[],"statements":[],"supports":[]}}`)},
		{"ErrBodyOn204", specCase{method: "DELETE", target: "/v1/reports/x"}, answer(204, js, `{}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := sc.validate(tc.c, tc.w); err == nil {
				t.Errorf("%s %s -> %d %s: validates, want an error", tc.c.method, tc.c.target, tc.w.Code, tc.w.Body)
			}
		})
	}
}

// factsShape is what the tests read of the facts of an ingested report.
type factsShape struct {
	Entities []struct {
		ID   string `json:"id"`
		Type string `json:"type"`
	} `json:"entities"`
	Meetings []struct {
		Participants []struct {
			ID string `json:"id"`
		} `json:"participants"`
	} `json:"meetings"`
	Statements []struct {
		Speaker struct {
			ID string `json:"id"`
		} `json:"speaker"`
		About []struct {
			ID string `json:"id"`
		} `json:"about"`
	} `json:"statements"`
	Supports []struct {
		Supporter struct {
			ID string `json:"id"`
		} `json:"supporter"`
		Supported struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"supported"`
	} `json:"supports"`
}

// unsupported returns an actor that supports no one and whom no one
// supports, or "".
func (f factsShape) unsupported() string {
	in := map[string]bool{}
	for _, sp := range f.Supports {
		in[sp.Supporter.ID], in[sp.Supported.ID] = true, true
	}
	for _, e := range f.Entities {
		if !in[e.ID] {
			return e.ID
		}
	}
	return ""
}

// unrelated returns two actors that no single fact relates, or two "".
func (f factsShape) unrelated() [2]string {
	near := map[[2]string]bool{}
	link := func(a, b string) { near[[2]string{a, b}], near[[2]string{b, a}] = true, true }
	for _, m := range f.Meetings {
		for _, p := range m.Participants {
			for _, q := range m.Participants {
				link(p.ID, q.ID)
			}
		}
	}
	for _, st := range f.Statements {
		for _, a := range st.About {
			link(st.Speaker.ID, a.ID)
		}
	}
	for _, sp := range f.Supports {
		link(sp.Supporter.ID, sp.Supported.ID)
	}
	for _, a := range f.Entities {
		for _, b := range f.Entities {
			if a.ID != b.ID && !near[[2]string{a.ID, b.ID}] {
				return [2]string{a.ID, b.ID}
			}
		}
	}
	return [2]string{}
}
