package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley/parley/api"
)

// send makes a request with headers and returns the recorder.
func (f *fixture) send(method, target, contentType string, body []byte, hdr map[string]string) *httptest.ResponseRecorder {
	f.t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, req)
	return w
}

// jsonError decodes {"error": {"code", "message"}} or fails.
func jsonError(t *testing.T, w *httptest.ResponseRecorder) (code, msg string) {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want JSON; body %s", ct, w.Body)
	}
	var b struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatalf("body is not a JSON error: %v: %s", err, w.Body)
	}
	return b.Error.Code, b.Error.Message
}

func TestAPIKey(t *testing.T) {
	f := newFixture(t, api.Config{APIKey: "s3cret-key"})
	report := seedReport(t)
	t.Run("ErrNoKey", func(t *testing.T) {
		w := f.send("POST", "/v1/reports", "text/plain", report, nil)
		if w.Code != http.StatusUnauthorized {
			t.Fatalf("POST without key = %d, want 401", w.Code)
		}
		if code, msg := jsonError(t, w); code != "unauthorized" || !strings.Contains(msg, "Bearer") {
			t.Errorf("error = %q %q, want unauthorized naming Bearer", code, msg)
		}
		if w.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("no WWW-Authenticate header")
		}
	})
	for name, h := range map[string]string{
		"ErrWrongKey":     "Bearer s3cret-kez",
		"ErrPrefixOfKey":  "Bearer s3cret",
		"ErrLongerKey":    "Bearer s3cret-key-and-more",
		"ErrBasicScheme":  "Basic s3cret-key",
		"ErrNoScheme":     "s3cret-key",
		"ErrEmptyBearer":  "Bearer ",
		"ErrQuotedBearer": `Bearer "s3cret-key"`,
	} {
		t.Run(name, func(t *testing.T) {
			w := f.send("POST", "/v1/reports", "text/plain", report, map[string]string{"Authorization": h})
			if w.Code != http.StatusUnauthorized {
				t.Fatalf("POST with Authorization %q = %d, want 401", h, w.Code)
			}
			if code, _ := jsonError(t, w); code != "unauthorized" {
				t.Errorf("code = %q, want unauthorized", code)
			}
		})
	}
	t.Run("ErrDeleteNoKey", func(t *testing.T) {
		if w := f.send("DELETE", "/v1/reports/x", "", nil, nil); w.Code != http.StatusUnauthorized {
			t.Fatalf("DELETE without key = %d, want 401", w.Code)
		}
	})
	t.Run("ErrExtractNoKey", func(t *testing.T) {
		if w := f.send("POST", "/v1/extract", "text/plain", report, nil); w.Code != http.StatusUnauthorized {
			t.Fatalf("POST /v1/extract without key = %d, want 401", w.Code)
		}
	})
	t.Run("OKNothingStoredByRefusedWrites", func(t *testing.T) {
		w := f.send("GET", "/v1/reports", "", nil, nil)
		if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"id"`) {
			t.Fatalf("GET /v1/reports = %d %s, want 200 and no report", w.Code, w.Body)
		}
	})
	t.Run("OK", func(t *testing.T) {
		auth := map[string]string{"Authorization": "Bearer s3cret-key"}
		w := f.send("POST", "/v1/reports", "text/plain", report, auth)
		if w.Code != http.StatusCreated {
			t.Fatalf("POST with key = %d %s, want 201", w.Code, w.Body)
		}
		var b struct {
			ReportID string `json:"report_id"`
		}
		json.Unmarshal(w.Body.Bytes(), &b)
		auth["Authorization"] = "bearer s3cret-key"
		if w := f.send("DELETE", "/v1/reports/"+b.ReportID, "", nil, auth); w.Code != http.StatusNoContent {
			t.Fatalf("DELETE with key = %d %s, want 204", w.Code, w.Body)
		}
	})
	t.Run("OKReadsOpen", func(t *testing.T) {
		for _, target := range []string{"/healthz", "/v1/reports", "/v1/entities", "/v1/meetings", "/openapi.yaml", "/metrics"} {
			if w := f.send("GET", target, "", nil, nil); w.Code != http.StatusOK {
				t.Errorf("GET %s without key = %d, want 200", target, w.Code)
			}
		}
	})
}

func TestNoAPIKeyWritesOpen(t *testing.T) {
	f := newFixture(t, api.Config{})
	w := f.send("POST", "/v1/reports", "text/plain", seedReport(t), map[string]string{"Authorization": "Bearer anything"})
	if w.Code != http.StatusCreated {
		t.Fatalf("POST without a configured key = %d, want 201", w.Code)
	}
}

func TestWriteRateLimit(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	f := newFixture(t, api.Config{WriteRate: 1, WriteBurst: 3, Now: clock})
	body := []byte(`{"text": ""}`)
	post := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/v1/extract", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = addr
		req.Header.Set("X-Forwarded-For", "203.0.113."+addr[len(addr)-1:]) // not trusted
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, req)
		return w
	}
	for i := 0; i < 3; i++ {
		if w := post("192.0.2.1:1000"); w.Code == http.StatusTooManyRequests {
			t.Fatalf("write %d within the burst = 429", i+1)
		}
	}
	w := post("192.0.2.1:1001")
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("4th write at once = %d, want 429", w.Code)
	}
	if code, msg := jsonError(t, w); code != "rate_limited" || !strings.Contains(msg, "retry") {
		t.Errorf("error = %q %q, want rate_limited", code, msg)
	}
	if ra := w.Header().Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After = %q, want 1", ra)
	}
	t.Run("OKOtherClient", func(t *testing.T) {
		if w := post("192.0.2.2:1000"); w.Code == http.StatusTooManyRequests {
			t.Fatalf("another client's first write = 429")
		}
	})
	t.Run("OKReadsNotLimited", func(t *testing.T) {
		for i := 0; i < 10; i++ {
			req := httptest.NewRequest("GET", "/v1/reports", nil)
			req.RemoteAddr = "192.0.2.1:1000"
			w := httptest.NewRecorder()
			f.srv.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				t.Fatalf("read %d = %d, want 200", i, w.Code)
			}
		}
	})
	t.Run("OKAfterRefill", func(t *testing.T) {
		advance(time.Second)
		if w := post("192.0.2.1:1000"); w.Code == http.StatusTooManyRequests {
			t.Fatalf("write after a second = 429")
		}
		if w := post("192.0.2.1:1000"); w.Code != http.StatusTooManyRequests {
			t.Fatalf("second write after a second = %d, want 429", w.Code)
		}
	})
}

func TestCORS(t *testing.T) {
	t.Run("OKOffByDefault", func(t *testing.T) {
		f := newFixture(t, api.Config{})
		w := f.send("GET", "/v1/reports", "", nil, map[string]string{"Origin": "https://evil.example"})
		for k := range w.Header() {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("header %s set without CORS configured", k)
			}
		}
		w = f.send("OPTIONS", "/v1/reports", "", nil, map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
		if w.Header().Get("Access-Control-Allow-Origin") != "" || w.Code == http.StatusNoContent {
			t.Errorf("preflight without CORS configured = %d %v", w.Code, w.Header())
		}
	})
	f := newFixture(t, api.Config{CORSOrigins: []string{"https://ui.example/"}})
	t.Run("OKConfiguredOrigin", func(t *testing.T) {
		w := f.send("GET", "/v1/reports", "", nil, map[string]string{"Origin": "https://ui.example"})
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://ui.example" {
			t.Errorf("Access-Control-Allow-Origin = %q, want the origin", got)
		}
		if !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Origin") {
			t.Errorf("no Vary: Origin")
		}
	})
	t.Run("OKPreflight", func(t *testing.T) {
		w := f.send("OPTIONS", "/v1/reports", "", nil, map[string]string{"Origin": "https://ui.example", "Access-Control-Request-Method": "POST"})
		if w.Code != http.StatusNoContent || !strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
			t.Errorf("preflight = %d %v, want 204 allowing Authorization", w.Code, w.Header())
		}
	})
	t.Run("ErrOtherOrigin", func(t *testing.T) {
		w := f.send("GET", "/v1/reports", "", nil, map[string]string{"Origin": "https://evil.example"})
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("Access-Control-Allow-Origin = %q for an origin not configured", got)
		}
	})
}

func TestRequestTimeout(t *testing.T) {
	f := newFixture(t, api.Config{RequestTimeout: time.Nanosecond})
	w := f.send("GET", "/v1/meetings?participant=Khamenei", "", nil, nil)
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET past its timeout = %d %s, want 503", w.Code, w.Body)
	}
	if code, _ := jsonError(t, w); code != "timeout" {
		t.Errorf("code = %q, want timeout", code)
	}
}

func TestMetrics(t *testing.T) {
	f := newFixture(t, api.Config{APIKey: "k"})
	auth := map[string]string{"Authorization": "Bearer k"}
	f.send("POST", "/v1/reports", "text/plain", seedReport(t), auth)
	f.send("POST", "/v1/reports", "text/plain", seedReport(t), auth)
	f.send("POST", "/v1/reports", "text/plain", []byte("   "), auth)
	f.send("POST", "/v1/reports", "text/plain", seedReport(t), nil)
	f.send("GET", "/v1/reports/nope", "", nil, nil)
	f.send("GET", "/v1/reports/other", "", nil, nil)
	w := f.send("GET", "/metrics", "", nil, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", w.Code)
	}
	text := w.Body.String()
	for _, want := range []string{
		`parley_http_requests_total{method="POST",route="/v1/reports",status="201"} 1`,
		`parley_http_requests_total{method="POST",route="/v1/reports",status="200"} 1`,
		`parley_http_requests_total{method="POST",route="/v1/reports",status="401"} 1`,
		`parley_http_requests_total{method="GET",route="/v1/reports/:id",status="404"} 2`,
		`parley_http_request_duration_seconds_count{method="GET",route="/v1/reports/:id"} 2`,
		`parley_ingest_reports_total{result="created"} 1`,
		`parley_ingest_reports_total{result="known"} 1`,
		`parley_ingest_reports_total{result="failed"} 1`,
		`parley_store_errors_total{kind="unavailable"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
