package api_test

import (
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

	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// getRoutes are the GET routes that answer JSON, with sample ids.
var getRoutes = []string{
	"/healthz", "/v1/reports", "/v1/reports/REPORT", "/v1/entities", "/v1/entities/Khamenei",
	"/v1/entities/person:ali-khamenei/meetings", "/v1/entities/Khamenei/statements", "/v1/entities/Iraq/supports",
	"/v1/meetings", "/v1/connections", "/v1/timeline",
}

// FuzzQueryParams sends GET requests with any path under /v1 and any query
// string to a server over a store holding a sample report: no answer is a
// 5xx, and every answer but a redirect, the web explorer's files, /metrics
// and /openapi.yaml is a JSON object (an error has a code and a message).
func FuzzQueryParams(f *testing.F) {
	for _, r := range getRoutes {
		f.Add(r, "")
		f.Add(r, "limit=1&cursor=x")
	}
	f.Add("/v1/meetings", "participant=Khamenei&participant=al-Sudani&from=2023-01-01&to=2023-12-31&place=Tehran&include_planned=true")
	f.Add("/v1/connections", "from=Khamenei&to=Raisi&max_hops=99")
	f.Add("/v1/entities/..%2F..%2Fetc%2Fpasswd", "q=%22%7D%29+MATCH+%28n%29+DETACH+DELETE+n+%2F%2F")
	f.Add("/v1/reports/x?y#z", "limit=-5&limit=5")

	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(f.TempDir(), "fuzz.db")})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	srv := api.NewServer(st, ingest.New(st, extract.New()), slog.New(slog.NewTextHandler(io.Discard, nil)), api.Config{})
	seed, err := os.ReadFile("../examples/reports/shafaqna-2023-khamenei-al-sudani.txt")
	if err != nil {
		f.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/v1/reports", strings.NewReader(string(seed)))
	req.Header.Set("Content-Type", "text/plain")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, req)
	if w.Code != http.StatusCreated {
		f.Fatalf("seed report: %d %s", w.Code, w.Body)
	}

	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		if !strings.HasPrefix(path, "/") {
			path = "/v1/" + path
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = &url.URL{Path: path, RawQuery: rawQuery}
		req.RequestURI = req.URL.RequestURI()
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("GET %s?%s = %d %s", path, rawQuery, w.Code, w.Body)
		}
		if w.Code >= 300 && w.Code < 400 {
			if w.Header().Get("Location") == "" {
				t.Fatalf("GET %s?%s = %d without Location", path, rawQuery, w.Code)
			}
			return
		}
		if path == "/metrics" || path == "/openapi.yaml" {
			return
		}
		if webFile(path) {
			if w.Code == http.StatusOK && w.Header().Get("Content-Type") == "" {
				t.Fatalf("GET %s?%s = 200 without a Content-Type", path, rawQuery)
			}
			return
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("GET %s?%s = %d with Content-Type %q: %s", path, rawQuery, w.Code, ct, w.Body)
		}
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("GET %s?%s = %d, body not a JSON object: %v: %s", path, rawQuery, w.Code, err, w.Body)
		}
		if w.Code >= 400 {
			e, _ := body["error"].(map[string]any)
			if code, _ := e["code"].(string); code == "" || e["message"] == nil {
				t.Fatalf("GET %s?%s = %d, error without code and message: %s", path, rawQuery, w.Code, w.Body)
			}
		}
	})
}

// webFile reports whether path is the web explorer's: its page at / and
// its built files under /assets/, which answer HTML, scripts and styles.
func webFile(path string) bool {
	return path == "/" || strings.HasPrefix(path, "/assets/")
}
