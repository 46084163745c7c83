package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley/parley/api"
	"github.com/parley/parley/graph"
)

func TestPostBatch(t *testing.T) {
	f := newFixture(t, api.Config{})
	lines := []string{
		`{"title": "Visit", "published": "2024-06-14", "text": "Prime Minister Narendra Modi met President Joe Biden in Washington on Thursday."}`,
		`{"title": "No text"}`,
		``,
		`not json`,
		`{"published": "2024-06-15", "text": "Modi said India stands with the United States."}`,
		`{"title": "Visit", "published": "2024-06-14", "text": "Prime Minister Narendra Modi met President Joe Biden in Washington on Thursday."}`,
	}
	code, body := f.do("POST", "/v1/reports/batch", "application/x-ndjson", []byte(strings.Join(lines, "\n")))
	if code != http.StatusOK {
		t.Fatalf("POST batch = %d %v, want 200", code, body)
	}
	if body["reports"] != 5.0 || body["created"] != 2.0 || body["known"] != 1.0 || body["failed"] != 2.0 {
		t.Errorf("batch counts = %v, want 5 reports: 2 created, 1 known, 2 failed", body)
	}
	results := body["results"].([]any)
	want := []struct {
		line    float64
		created bool
		code    string
	}{{1, true, ""}, {2, false, "invalid"}, {4, false, "invalid"}, {5, true, ""}, {6, false, ""}}
	if len(results) != len(want) {
		t.Fatalf("results = %v, want %d", results, len(want))
	}
	for i, w := range want {
		r := results[i].(map[string]any)
		code := ""
		if e, ok := r["error"].(map[string]any); ok {
			code = e["code"].(string)
		}
		if r["line"] != w.line || r["created"] != w.created || code != w.code {
			t.Errorf("result %d = %v, want line %v created %v error %q", i, r, w.line, w.created, w.code)
		}
	}
	st, _ := f.do("GET", "/v1/meetings?participant=Modi&participant=Biden", "", nil)
	if st != http.StatusOK {
		t.Errorf("meetings after the batch: %d", st)
	}
	if _, err := f.store.Entity(t.Context(), graph.EntityID(graph.Person, "Narendra Modi")); err != nil {
		t.Errorf("Modi after the batch: %v", err)
	}

	for _, c := range []struct {
		name, ctype, body string
		status            int
	}{
		{"wrong type", "application/json", lines[0], http.StatusUnsupportedMediaType},
		{"empty", "application/x-ndjson", "\n\n", http.StatusBadRequest},
		{"too many", "application/x-ndjson", strings.Repeat(`{"text": "x"}`+"\n", api.MaxBatch+1), http.StatusBadRequest},
	} {
		if code, body := f.do("POST", "/v1/reports/batch", c.ctype, []byte(c.body)); code != c.status {
			t.Errorf("%s: POST batch = %d %v, want %d", c.name, code, body, c.status)
		}
	}
}
