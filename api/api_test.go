package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

type fixture struct {
	t     *testing.T
	store graph.Store
	srv   *api.Server
}

func newFixture(t *testing.T, cfg api.Config) *fixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "parley.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := api.NewServer(st, ingest.New(st, extract.New()), slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
	return &fixture{t: t, store: st, srv: srv}
}

// do sends a request and decodes a JSON answer into a generic map.
func (f *fixture) do(method, target, contentType string, body []byte) (int, map[string]any) {
	f.t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, req)
	var out map[string]any
	if w.Body.Len() > 0 && strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			f.t.Fatalf("%s %s: body is not JSON: %v: %s", method, target, err, w.Body)
		}
	}
	return w.Code, out
}

func seedReport(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../examples/reports/shafaqna-2023-khamenei-al-sudani.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fixture) postSeed() string {
	f.t.Helper()
	code, body := f.do("POST", "/v1/reports", "text/plain; charset=utf-8", seedReport(f.t))
	if code != http.StatusCreated {
		f.t.Fatalf("POST seed = %d %v, want 201", code, body)
	}
	return body["report_id"].(string)
}

func items(t *testing.T, body map[string]any) []map[string]any {
	t.Helper()
	raw, ok := body["items"].([]any)
	if !ok {
		t.Fatalf("no items in %v", body)
	}
	out := make([]map[string]any, len(raw))
	for i, r := range raw {
		out[i] = r.(map[string]any)
	}
	return out
}

func errorCode(body map[string]any) string {
	e, _ := body["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

func TestPostReport(t *testing.T) {
	f := newFixture(t, api.Config{})
	t.Run("OK", func(t *testing.T) {
		code, body := f.do("POST", "/v1/reports", "text/plain", seedReport(t))
		if code != http.StatusCreated || body["created"] != true {
			t.Fatalf("POST = %d %v, want 201 created", code, body)
		}
		facts := body["facts"].(map[string]any)
		if n := len(facts["meetings"].([]any)); n == 0 {
			t.Errorf("POST found no meetings in the example report")
		}
	})
	t.Run("OKSameContentAgain", func(t *testing.T) {
		code, body := f.do("POST", "/v1/reports", "text/plain", seedReport(t))
		if code != http.StatusOK || body["created"] != false {
			t.Fatalf("POST again = %d %v, want 200 not created", code, body)
		}
		_, list := f.do("GET", "/v1/reports", "", nil)
		if n := len(items(t, list)); n != 1 {
			t.Errorf("after posting twice: %d reports, want 1", n)
		}
	})
	t.Run("OKJSON", func(t *testing.T) {
		b, _ := json.Marshal(map[string]string{"title": "Talks", "published": "2024-03-01", "source": "test",
			"text": "Foreign Minister Sergey Lavrov met Wang Yi in Beijing on Friday."})
		code, body := f.do("POST", "/v1/reports", "application/json", b)
		if code != http.StatusCreated {
			t.Fatalf("POST json = %d %v, want 201", code, body)
		}
		rep := body["report"].(map[string]any)
		if rep["title"] != "Talks" || rep["published"] != "2024-03-01" {
			t.Errorf("report metadata = %v", rep)
		}
	})
	t.Run("OKHTML", func(t *testing.T) {
		html := `<html><head><title>Summit</title><script>alert("x")</script></head><body><article>
			<h1>Summit</h1><p>Prime Minister Narendra Modi held talks with President Emmanuel Macron in Paris on Monday, officials said.</p>
			<p>The two leaders discussed trade and defence cooperation in detail during the visit, which lasted two days.</p>
			<p>Macron said France supports India's bid for a permanent seat on the Security Council of the United Nations.</p></article></body></html>`
		code, body := f.do("POST", "/v1/reports?published=2024-02-14&url=https://example.org/summit", "text/html", []byte(html))
		if code != http.StatusCreated {
			t.Fatalf("POST html = %d %v, want 201", code, body)
		}
		rf, err := f.store.Report(context.Background(), body["report_id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(rf.Report.Text, "alert") || !strings.Contains(rf.Report.Text, "Modi held talks") {
			t.Errorf("stored text = %q: want the article without its script", rf.Report.Text)
		}
	})
	for _, tc := range []struct {
		name, ct string
		body     []byte
		target   string
		status   int
	}{
		{"ErrEmpty", "text/plain", nil, "/v1/reports", 400},
		{"ErrNoContentType", "", []byte("Biden met Scholz."), "/v1/reports", 415},
		{"ErrMediaType", "image/png", []byte("\x89PNG"), "/v1/reports", 415},
		{"ErrBadJSON", "application/json", []byte(`{"text": `), "/v1/reports", 400},
		{"ErrUnknownField", "application/json", []byte(`{"text": "Biden met Scholz.", "author": "x"}`), "/v1/reports", 400},
		{"ErrWrongType", "application/json", []byte(`{"text": 42}`), "/v1/reports", 400},
		{"ErrBadDate", "text/plain", []byte("Biden met Scholz."), "/v1/reports?published=2023-02-30", 400},
		{"ErrUnknownParam", "text/plain", []byte("Biden met Scholz."), "/v1/reports?author=me", 400},
		{"ErrInvalidUTF8", "text/plain", []byte("Biden \xff\xfe met Scholz."), "/v1/reports", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.do("POST", tc.target, tc.ct, tc.body)
			if code != tc.status || errorCode(body) == "" {
				t.Errorf("POST %s = %d %v, want %d with an error body", tc.name, code, body, tc.status)
			}
		})
	}
	_, list := f.do("GET", "/v1/reports", "", nil)
	if n := len(items(t, list)); n != 3 {
		t.Errorf("after bad posts: %d reports, want the 3 good ones", n)
	}
}

func TestBodyLimit(t *testing.T) {
	f := newFixture(t, api.Config{MaxBody: 1024})
	code, body := f.do("POST", "/v1/reports", "text/plain", bytes.Repeat([]byte("Biden met Scholz. "), 100))
	if code != http.StatusRequestEntityTooLarge || errorCode(body) != "too_large" {
		t.Errorf("POST 1.8 KB over a 1 KB limit = %d %v, want 413 too_large", code, body)
	}
}

func TestMeetings(t *testing.T) {
	f := newFixture(t, api.Config{})
	reportID := f.postSeed()
	for _, name := range []string{"Khamenei", "khamenei", "Ali Khamenei", "person:ali-khamenei", "the Leader"} {
		t.Run("OK"+name, func(t *testing.T) {
			code, body := f.do("GET", "/v1/meetings?participant="+url.QueryEscape(name), "", nil)
			if code != http.StatusOK {
				t.Fatalf("GET = %d %v", code, body)
			}
			var found bool
			for _, m := range items(t, body) {
				var names []string
				for _, p := range m["participants"].([]any) {
					names = append(names, p.(map[string]any)["name"].(string))
				}
				if m["date"] == "2023-11-06" && strings.Contains(strings.Join(names, ","), "Sudani") {
					found = true
					src := m["sources"].([]any)[0].(map[string]any)
					if src["report_id"] != reportID || !strings.Contains(src["evidence"].(string), "November 6, 2023") {
						t.Errorf("source = %v, want the report and its sentence", src)
					}
				}
			}
			if !found {
				t.Errorf("meetings of %q = %v, want the 2023-11-06 meeting with al-Sudani", name, body)
			}
		})
	}
	t.Run("OKPairAndRange", func(t *testing.T) {
		code, body := f.do("GET", "/v1/meetings?participant=Khamenei&participant=al-Sudani&from=2023-11-01&to=2023-11-30", "", nil)
		if code != 200 || len(items(t, body)) != 1 {
			t.Errorf("pair in November = %d %v, want one meeting", code, body)
		}
		code, body = f.do("GET", "/v1/meetings?participant=Khamenei&from=2024-01-01", "", nil)
		if code != 200 || len(items(t, body)) != 0 {
			t.Errorf("Khamenei in 2024 = %d %v, want none", code, body)
		}
	})
	t.Run("OKEntityMeetings", func(t *testing.T) {
		code, body := f.do("GET", "/v1/entities/Khamenei/meetings?with=Sudani", "", nil)
		if code != 200 || len(items(t, body)) != 1 {
			t.Errorf("entity meetings = %d %v, want one", code, body)
		}
	})
	for _, tc := range []struct {
		name, target string
		status       int
		code         string
	}{
		{"ErrUnknownName", "/v1/meetings?participant=Nobody+Known", 404, "not_found"},
		{"ErrBadDate", "/v1/meetings?participant=Khamenei&from=2023-13-01", 400, "invalid"},
		{"ErrReversedRange", "/v1/meetings?from=2024-01-01&to=2023-01-01", 400, "invalid"},
		{"ErrNegativeLimit", "/v1/meetings?limit=-1", 400, "invalid"},
		{"ErrHugeLimit", "/v1/meetings?limit=100000", 400, "invalid"},
		{"ErrBadCursor", "/v1/meetings?cursor=xyz", 400, "invalid"},
		{"ErrUnknownParam", "/v1/meetings?who=Khamenei", 400, "invalid"},
		{"ErrRepeatedFrom", "/v1/meetings?from=2023-01-01&from=2023-02-01", 400, "invalid"},
		{"ErrBadBool", "/v1/meetings?include_planned=maybe", 400, "invalid"},
		{"ErrInjection", "/v1/meetings?participant=" + url.QueryEscape(`x' OR '1'='1`), 404, "not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.do("GET", tc.target, "", nil)
			if code != tc.status || errorCode(body) != tc.code {
				t.Errorf("GET %s = %d %v, want %d %s", tc.target, code, body, tc.status, tc.code)
			}
		})
	}
}

func TestAmbiguousName(t *testing.T) {
	f := newFixture(t, api.Config{})
	// Two actors who both go by "Kim", stored directly: the test is about
	// the API's answer, not about extraction.
	facts := &graph.Facts{Entities: []graph.Entity{
		{ID: "person:kim-jong-un", Type: graph.Person, Name: "Kim Jong Un", Aliases: []string{"Kim"}},
		{ID: "person:kim-yo-jong", Type: graph.Person, Name: "Kim Yo Jong", Aliases: []string{"Kim"}},
	}}
	r := &graph.Report{Text: "Kim met Kim."}
	r.ID = graph.ReportID(r.Text)
	if _, err := f.store.PutReport(context.Background(), r, facts); err != nil {
		t.Fatal(err)
	}
	code, body := f.do("GET", "/v1/meetings?participant=Kim", "", nil)
	if code != http.StatusConflict || errorCode(body) != "ambiguous" {
		t.Fatalf("GET participant=Kim = %d %v, want 409 ambiguous", code, body)
	}
	cands := body["error"].(map[string]any)["candidates"].([]any)
	if len(cands) < 2 {
		t.Errorf("candidates = %v, want both Kims", cands)
	}
}

func TestQueries(t *testing.T) {
	f := newFixture(t, api.Config{})
	reportID := f.postSeed()
	for _, tc := range []struct {
		name, target string
		check        func(t *testing.T, body map[string]any)
	}{
		{"Entities", "/v1/entities?q=khame", func(t *testing.T, body map[string]any) {
			its := items(t, body)
			if len(its) != 1 || its[0]["name"] != "Ali Khamenei" {
				t.Errorf("entities = %v", its)
			}
		}},
		{"EntitiesByType", "/v1/entities?type=country", func(t *testing.T, body map[string]any) {
			for _, e := range items(t, body) {
				if e["type"] != "country" {
					t.Errorf("entity %v is not a country", e)
				}
			}
		}},
		{"Entity", "/v1/entities/Khamenei", func(t *testing.T, body map[string]any) {
			if body["id"] != "person:ali-khamenei" || body["country"] != "country:iran" {
				t.Errorf("entity = %v", body)
			}
		}},
		{"Statements", "/v1/entities/Khamenei/statements?about=" + url.QueryEscape("United States"), func(t *testing.T, body map[string]any) {
			if len(items(t, body)) == 0 {
				t.Errorf("no statements of Khamenei about the US: %v", body)
			}
		}},
		{"Supports", "/v1/entities/Iraq/supports", func(t *testing.T, body map[string]any) {
			if body["supports"] == nil || body["supported_by"] == nil {
				t.Errorf("supports = %v, want both directions", body)
			}
		}},
		{"Connections", "/v1/connections?from=Khamenei&to=Raisi&max_hops=3", func(t *testing.T, body map[string]any) {
			paths := body["paths"].([]any)
			if len(paths) == 0 {
				t.Fatalf("no path from Khamenei to Raisi: %v", body)
			}
			step := paths[0].(map[string]any)["steps"].([]any)[0].(map[string]any)
			link := step["links"].([]any)[0].(map[string]any)
			if link["source"].(map[string]any)["evidence"] == "" {
				t.Errorf("link without evidence: %v", link)
			}
		}},
		{"Timeline", "/v1/timeline?entity=Khamenei&from=2023-01-01", func(t *testing.T, body map[string]any) {
			its := items(t, body)
			if len(its) == 0 || its[0]["date"] != "2023-11-06" {
				t.Errorf("timeline = %v", its)
			}
		}},
		{"Report", "/v1/reports/" + reportID, func(t *testing.T, body map[string]any) {
			rep := body["report"].(map[string]any)
			if rep["id"] != reportID || !strings.Contains(rep["text"].(string), "Khamenei") {
				t.Errorf("report = %v", rep)
			}
		}},
		{"Health", "/healthz", func(t *testing.T, body map[string]any) {
			if body["status"] != "ok" {
				t.Errorf("health = %v", body)
			}
		}},
	} {
		t.Run("OK"+tc.name, func(t *testing.T) {
			code, body := f.do("GET", tc.target, "", nil)
			if code != http.StatusOK {
				t.Fatalf("GET %s = %d %v", tc.target, code, body)
			}
			tc.check(t, body)
		})
	}
	for _, tc := range []struct {
		name, method, target string
		status               int
	}{
		{"ErrNoRoute", "GET", "/v1/nothing", 404},
		{"ErrMethod", "PUT", "/v1/meetings", 405},
		{"ErrMaxHops", "GET", "/v1/connections?from=Khamenei&to=Raisi&max_hops=99", 400},
		{"ErrNoFrom", "GET", "/v1/connections?to=Raisi", 400},
		{"ErrTimelineNoEntity", "GET", "/v1/timeline", 400},
		{"ErrBadType", "GET", "/v1/entities?type=planet", 400},
		{"ErrReportAbsent", "GET", "/v1/reports/0000", 404},
		{"ErrEntityAbsent", "GET", "/v1/entities/person:nobody", 404},
		{"ErrPathChars", "GET", "/v1/reports/..%2F..%2Fetc%2Fpasswd", 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.do(tc.method, tc.target, "", nil)
			if code != tc.status || errorCode(body) == "" {
				t.Errorf("%s %s = %d %v, want %d with an error body", tc.method, tc.target, code, body, tc.status)
			}
		})
	}
}

func TestDeleteReport(t *testing.T) {
	f := newFixture(t, api.Config{})
	id := f.postSeed()
	if code, body := f.do("DELETE", "/v1/reports/"+id, "", nil); code != http.StatusNoContent {
		t.Fatalf("DELETE = %d %v, want 204", code, body)
	}
	if code, _ := f.do("GET", "/v1/meetings?participant=person:ali-khamenei", "", nil); code != http.StatusNotFound {
		t.Errorf("after delete, Khamenei = %d, want 404 (only that report named him)", code)
	}
	if code, body := f.do("DELETE", "/v1/reports/"+id, "", nil); code != http.StatusNotFound || errorCode(body) != "not_found" {
		t.Errorf("DELETE again = %d %v, want 404", code, body)
	}
}

func TestExtractStoresNothing(t *testing.T) {
	f := newFixture(t, api.Config{})
	code, body := f.do("POST", "/v1/extract", "text/plain", seedReport(t))
	if code != http.StatusOK || len(body["facts"].(map[string]any)["meetings"].([]any)) == 0 {
		t.Fatalf("POST /v1/extract = %d %v, want 200 with meetings", code, body)
	}
	_, list := f.do("GET", "/v1/reports", "", nil)
	if n := len(items(t, list)); n != 0 {
		t.Errorf("after extract: %d reports stored, want 0", n)
	}
}
