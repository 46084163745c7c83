package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

// TestBadInput sends malformed and hostile input to every endpoint. Each is
// answered with a 4xx JSON error and changes nothing: the store holds the
// one report it held before, with the same actors and meetings.
func TestBadInput(t *testing.T) {
	f := newFixture(t, api.Config{MaxBody: 64 << 10})
	reportID := f.postSeed()
	before := snapshot(t, f.store)
	bin := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range bin {
		bin[i] = byte(r.IntN(256))
	}
	hostile := []string{
		`Robert'); DROP TABLE reports;--`, `" OR 1=1 --`, `x'}) MATCH (n) DETACH DELETE n //`, `{id: "x"}`, `$id`,
		`\u0000`, `%00`, `..`, `../../etc/passwd`, `a?b=c`, `a#b`, `a/b`, `*`, `%`, `_`, `\`, `'`, `"`,
	}
	type req struct {
		method, target, ct string
		body               []byte
		status             int
	}
	cases := map[string]req{
		"EmptyBodyHTML":        {"POST", "/v1/reports", "text/html", nil, 400},
		"EmptyBodyJSON":        {"POST", "/v1/reports", "application/json", nil, 400},
		"WhitespaceOnly":       {"POST", "/v1/reports", "text/plain", []byte(" \n\t\n "), 422},
		"EmptyJSONObject":      {"POST", "/v1/reports", "application/json", []byte(`{}`), 400},
		"JSONArray":            {"POST", "/v1/reports", "application/json", []byte(`[{"text": "Biden met Scholz."}]`), 400},
		"JSONNull":             {"POST", "/v1/reports", "application/json", []byte(`null`), 400},
		"JSONTrailing":         {"POST", "/v1/reports", "application/json", []byte(`{"text": "Biden met Scholz."} {"text": "x"}`), 400},
		"JSONTextNull":         {"POST", "/v1/reports", "application/json", []byte(`{"text": null}`), 400},
		"JSONTextObject":       {"POST", "/v1/reports", "application/json", []byte(`{"text": {"$ne": ""}}`), 400},
		"JSONPublishedNumber":  {"POST", "/v1/reports", "application/json", []byte(`{"text": "Biden met Scholz.", "published": 20240101}`), 400},
		"JSONImpossibleDate":   {"POST", "/v1/reports", "application/json", []byte(`{"text": "Biden met Scholz.", "published": "2023-13-01"}`), 400},
		"JSONFeb29NonLeap":     {"POST", "/v1/reports", "application/json", []byte(`{"text": "Biden met Scholz.", "published": "2023-02-29"}`), 400},
		"JSONInvalidUTF8":      {"POST", "/v1/reports", "application/json", []byte("{\"text\": \"Biden \xff met Scholz.\"}"), 400},
		"JSONDuplicateKey":     {"POST", "/v1/reports", "application/json", []byte(`{"text": "Biden met Scholz.", "text": "Biden met Macron.", "title": 1}`), 400},
		"BinaryAsText":         {"POST", "/v1/reports", "text/plain", bin, 400},
		"BinaryAsHTML":         {"POST", "/v1/reports", "text/html", bin, 400},
		"BinaryAsJSON":         {"POST", "/v1/reports", "application/json", bin, 400},
		"NULBytes":             {"POST", "/v1/reports", "text/plain", []byte("Biden met\x00 Scholz in Berlin."), 400},
		"OverSizeLimit":        {"POST", "/v1/reports", "text/plain", bytes.Repeat([]byte("Biden met Scholz in Berlin. "), 4000), 413},
		"OverSizeLimitExtract": {"POST", "/v1/extract", "application/json", append(append([]byte(`{"text": "`), bytes.Repeat([]byte("a"), 70000)...), '"', '}'), 413},
		"MultipartForm":        {"POST", "/v1/reports", "multipart/form-data; boundary=x", []byte("--x\r\n\r\nBiden met Scholz.\r\n--x--"), 415},
		"BadContentType":       {"POST", "/v1/reports", "text/plain; charset", []byte("Biden met Scholz."), 415},
		"ImpossibleDateQuery":  {"POST", "/v1/reports?published=2024-02-30", "text/plain", []byte("Biden met Scholz."), 400},
		"RepeatedParam":        {"POST", "/v1/reports?title=a&title=b", "text/plain", []byte("Biden met Scholz."), 400},
		"CookieWall":           {"POST", "/v1/reports", "text/html", mustReadFile(t, "../document/testdata/cookiewall.html"), 422},
		"JavaScriptWall":       {"POST", "/v1/reports", "text/html", mustReadFile(t, "../document/testdata/jswall.html"), 422},
		"DeleteUnknown":        {"DELETE", "/v1/reports/nope", "", nil, 404},
		"DeleteQueryChars":     {"DELETE", "/v1/reports/" + reportID + "%3Fx=1", "", nil, 404},
		"DeletePathChars":      {"DELETE", "/v1/reports/..%2F" + reportID, "", nil, 404},
		"DeleteWithParam":      {"DELETE", "/v1/reports/" + reportID + "?force=true", "", nil, 400},
		"PutNotAllowed":        {"PUT", "/v1/reports/" + reportID, "text/plain", []byte("x"), 405},
		"PatchNotAllowed":      {"PATCH", "/v1/reports", "application/json", []byte(`{}`), 405},
		"LimitZeroText":        {"GET", "/v1/reports?limit=0", "", nil, 400},
		"LimitNegative":        {"GET", "/v1/meetings?limit=-1", "", nil, 400},
		"LimitHuge":            {"GET", "/v1/entities?limit=99999999999999999999", "", nil, 400},
		"LimitOverMax":         {"GET", "/v1/entities?limit=501", "", nil, 400},
		"LimitFloat":           {"GET", "/v1/entities?limit=1.5", "", nil, 400},
		"LimitHex":             {"GET", "/v1/entities?limit=0x10", "", nil, 400},
		"MaxHopsOverCap":       {"GET", "/v1/connections?from=Khamenei&to=Sudani&max_hops=7", "", nil, 400},
		"MaxHopsHuge":          {"GET", "/v1/connections?from=Khamenei&to=Sudani&max_hops=1000000", "", nil, 400},
		"MaxHopsNegative":      {"GET", "/v1/connections?from=Khamenei&to=Sudani&max_hops=-3", "", nil, 400},
		"ConnectionsNoTo":      {"GET", "/v1/connections?from=Khamenei", "", nil, 400},
		"UnknownType":          {"GET", "/v1/entities?type=planet", "", nil, 400},
		"UnknownBool":          {"GET", "/v1/meetings?include_planned=maybe", "", nil, 400},
		"ImpossibleFrom":       {"GET", "/v1/meetings?from=2023-02-29", "", nil, 400},
		"FromAfterTo":          {"GET", "/v1/timeline?entity=Khamenei&from=2024-01-01&to=2023-01-01", "", nil, 400},
		"ForgedCursor":         {"GET", "/v1/reports?cursor=eyJpZCI6IngifQ", "", nil, 400},
		"CursorInjection":      {"GET", "/v1/meetings?cursor=%27%29%3B+DROP+TABLE+meetings%3B--", "", nil, 400},
		"LongParam":            {"GET", "/v1/entities?q=" + strings.Repeat("a", 2000), "", nil, 400},
		"InvalidUTF8Param":     {"GET", "/v1/entities?q=%ff%fe", "", nil, 400},
		"EntityQueryChars":     {"GET", "/v1/entities/Khamenei%3Fq=1", "", nil, 404},
	}
	for _, name := range hostile {
		esc := urlEscape(name)
		cases["HostileEntity "+name] = req{"GET", "/v1/entities/" + esc, "", nil, 404}
		cases["HostileParticipant "+name] = req{"GET", "/v1/meetings?participant=" + esc, "", nil, 404}
		cases["HostileAbout "+name] = req{"GET", "/v1/entities/Khamenei/statements?about=" + esc, "", nil, 404}
		cases["HostileReport "+name] = req{"GET", "/v1/reports/" + esc, "", nil, 404}
	}
	for name, c := range cases {
		t.Run("Err"+name, func(t *testing.T) {
			w := f.send(c.method, c.target, c.ct, c.body, nil)
			if w.Code != c.status {
				t.Errorf("%s %s = %d %s, want %d", c.method, c.target, w.Code, w.Body, c.status)
			}
			code, msg := jsonError(t, w)
			if code == "" || msg == "" {
				t.Errorf("error without code or message: %s", w.Body)
			}
			if strings.Contains(name, "Wall") && !(strings.Contains(msg, "JavaScript") && strings.Contains(msg, "cookies")) {
				t.Errorf("wall refused with %q, want a message saying it is a wall", msg)
			}
		})
	}
	// Hostile names are data: a search for them finds nothing and breaks nothing.
	for _, name := range hostile {
		w := f.send("GET", "/v1/entities?q="+urlEscape(name), "", nil, nil)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"items":[]`) {
			t.Errorf("GET /v1/entities?q=%s = %d %s, want 200 and no match", name, w.Code, w.Body)
		}
	}
	if after := snapshot(t, f.store); after != before {
		t.Errorf("bad input changed the store:\nbefore %s\nafter  %s", before, after)
	}
}

// TestHostileReportIsData: a report whose names and text hold quotes, braces
// and SQL or Cypher fragments is stored as it is and read back the same.
func TestHostileReportIsData(t *testing.T) {
	f := newFixture(t, api.Config{})
	text := "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on 3 June 2024. " +
		`Macron said "Robert'); DROP TABLE reports;-- and {x: 1}) MATCH (n) DETACH DELETE n // are not welcome".`
	body := []byte(`{"title": "x'}) DETACH DELETE n //", "source": "\"; DROP TABLE entities; --", "published": "2024-06-04", "text": ` + jsonString(text) + `}`)
	w := f.send("POST", "/v1/reports", "application/json", body, nil)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST hostile report = %d %s, want 201", w.Code, w.Body)
	}
	page, err := f.store.Reports(context.Background(), graph.ReportFilter{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("reports = %v, %v", page.Items, err)
	}
	rf, err := f.store.Report(context.Background(), page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if rf.Report.Text != text || rf.Report.Title != "x'}) DETACH DELETE n //" || rf.Report.Source != `"; DROP TABLE entities; --` {
		t.Errorf("stored report = %+v, want the text and metadata as sent", rf.Report)
	}
	if len(rf.Facts.Meetings) == 0 {
		t.Errorf("the Macron-Scholz meeting was not stored")
	}
}

// TestHTMLCleaned: scripts, styles, iframes, comments and hidden elements of
// an HTML report never reach the stored text.
func TestHTMLCleaned(t *testing.T) {
	f := newFixture(t, api.Config{})
	page := `<!DOCTYPE html><html><head><title>Summit in Paris</title><style>p{color:red} .SECRETSTYLE{}</style>
<script>var SECRETSCRIPT = 1;</script><noscript>SECRETNOSCRIPT</noscript></head><body>
<nav>Home | World | SECRETNAV</nav>
<article><h1>Summit in Paris</h1>
<p>Prime Minister Narendra Modi held talks with President Emmanuel Macron in Paris on Monday, officials said.</p>
<!-- SECRETCOMMENT -->
<iframe src="https://ads.example/">SECRETIFRAME</iframe>
<div hidden>SECRETHIDDEN</div><p style="display:none">SECRETDISPLAYNONE</p><span aria-hidden="true">SECRETARIA</span>
<template>SECRETTEMPLATE</template>
<p>The two leaders discussed trade and defence cooperation in detail during the visit, which lasted two days.</p>
<p>Macron said France supports India's bid for a permanent seat on the Security Council of the United Nations.</p>
<script type="application/ld+json">{"SECRETJSONLD": 1}</script>
</article></body></html>`
	w := f.send("POST", "/v1/reports?published=2024-02-14", "text/html", []byte(page), nil)
	if w.Code != http.StatusCreated {
		t.Fatalf("POST html = %d %s", w.Code, w.Body)
	}
	page2, _ := f.store.Reports(context.Background(), graph.ReportFilter{})
	rf, err := f.store.Report(context.Background(), page2.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rf.Report.Text, "Modi held talks") {
		t.Errorf("stored text lacks the article: %q", rf.Report.Text)
	}
	for _, secret := range []string{"SECRETSTYLE", "SECRETSCRIPT", "SECRETNOSCRIPT", "SECRETCOMMENT", "SECRETIFRAME",
		"SECRETHIDDEN", "SECRETDISPLAYNONE", "SECRETTEMPLATE", "SECRETJSONLD", "color:red"} {
		if strings.Contains(rf.Report.Text, secret) {
			t.Errorf("stored text holds %s: %q", secret, rf.Report.Text)
		}
	}
}

// TestPanicIsJSON500: a panic under a handler becomes a 500 with a JSON
// error naming the request id, and a log line with that id; the server goes
// on serving.
func TestPanicIsJSON500(t *testing.T) {
	f := newFixture(t, api.Config{})
	var logs bytes.Buffer
	srv := api.NewServer(panicStore{f.store}, ingest.New(f.store, extract.New()), slog.New(slog.NewJSONHandler(&logs, nil)), api.Config{})
	req := httptest.NewRequest("GET", "/v1/reports", nil)
	req.Header.Set("X-Request-ID", "panic-req-1")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("GET over a panicking store = %d %s, want 500", w.Code, w.Body)
	}
	code, msg := jsonError(t, w)
	if code != "internal" || !strings.Contains(msg, "panic-req-1") || strings.Contains(w.Body.String(), "boom") {
		t.Errorf("error = %q %q, want internal naming the request id, without the panic's text", code, msg)
	}
	if !strings.Contains(logs.String(), `"request_id":"panic-req-1"`) || !strings.Contains(logs.String(), "boom") {
		t.Errorf("no log line with the request id and the panic: %s", logs.String())
	}
	w = httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/v1/entities", nil))
	if w.Code != http.StatusOK {
		t.Errorf("next request = %d, want 200", w.Code)
	}
}

// panicStore panics in Reports.
type panicStore struct{ graph.Store }

func (panicStore) Reports(context.Context, graph.ReportFilter) (graph.Page[graph.Report], error) {
	panic("boom")
}

// snapshot summarizes what a store holds.
func snapshot(t *testing.T, st graph.Store) string {
	t.Helper()
	ctx := context.Background()
	r, err1 := st.Reports(ctx, graph.ReportFilter{Limit: graph.MaxLimit})
	e, err2 := st.Entities(ctx, graph.EntityFilter{Limit: graph.MaxLimit})
	m, err3 := st.Meetings(ctx, graph.MeetingFilter{IncludePlanned: true, Limit: graph.MaxLimit})
	s, err4 := st.Statements(ctx, graph.StatementFilter{Limit: graph.MaxLimit})
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	for _, x := range r.Items {
		ids = append(ids, x.ID)
	}
	for _, x := range e.Items {
		ids = append(ids, x.ID+"="+x.Name+strings.Join(x.Aliases, "|"))
	}
	for _, x := range m.Items {
		ids = append(ids, x.ID)
	}
	for _, x := range s.Items {
		ids = append(ids, x.ID)
	}
	return strings.Join(ids, ",")
}

func mustReadFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
