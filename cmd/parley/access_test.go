package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.2:0": true, "localhost:8080": true, "LOCALHOST:1": true, "[::1]:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "[::]:8080": false, "192.0.2.1:80": false, "example.org:80": false,
		"localhost.example.org:80": false, "127.0.0.1": false, "": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestParseRate(t *testing.T) {
	for in, want := range map[string]float64{"10/s": 10, "10": 10, "120/m": 2, "3600/h": 1, "0": 0, " 5/s ": 5} {
		if got, err := parseRate(in); err != nil || got != want {
			t.Errorf("parseRate(%q) = %v, %v, want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1/s", "10/d", "NaN", "Inf/s", "1/s/s"} {
		if _, err := parseRate(in); err == nil {
			t.Errorf("parseRate(%q) = nil error, want one", in)
		}
	}
}

// TestServeNonLoopback: serve refuses a non-loopback address without a key
// unless --open; with --open or a key it goes on (to a listen error here, as
// 192.0.2.1 is a documentation address no interface has).
func TestServeNonLoopback(t *testing.T) {
	store := filepath.Join(t.TempDir(), "p.db")
	serve := func(getenv func(string) string, args ...string) error {
		var out bytes.Buffer
		e := &env{getenv: getenv, stdin: strings.NewReader(""), stdout: &out, stderr: &out}
		return run(context.Background(), append([]string{"serve", "--store", store, "--no-samples"}, args...), e)
	}
	noEnv := func(string) string { return "" }
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.org:0"} {
		t.Run("ErrRefused "+addr, func(t *testing.T) {
			err := serve(noEnv, "--addr", addr)
			if err == nil || !strings.Contains(err.Error(), "refusing to listen") || !strings.Contains(err.Error(), "--open") ||
				!strings.Contains(err.Error(), "--api-key") {
				t.Fatalf("serve --addr %s = %v, want a refusal naming --api-key and --open", addr, err)
			}
			if exitCode(err) != 2 {
				t.Errorf("exit code %d, want 2", exitCode(err))
			}
		})
	}
	for name, c := range map[string]struct {
		getenv func(string) string
		args   []string
	}{
		"OKOpen":   {noEnv, []string{"--open"}},
		"OKKey":    {noEnv, []string{"--api-key", "k"}},
		"OKKeyEnv": {func(k string) string { return map[string]string{"PARLEY_API_KEY": "k"}[k] }, nil},
	} {
		t.Run(name, func(t *testing.T) {
			err := serve(c.getenv, append([]string{"--addr", "192.0.2.1:0"}, c.args...)...)
			if err == nil || strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), "listen") {
				t.Fatalf("serve = %v, want to get past the check to a listen error", err)
			}
		})
	}
	t.Run("ErrBadFlags", func(t *testing.T) {
		for _, args := range [][]string{
			{"--write-rate", "fast"}, {"--cors-origin", "evil.example"}, {"--request-timeout", "-1s"}, {"--request-timeout", "soon"},
		} {
			err := serve(noEnv, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
			if err == nil || exitCode(err) != 2 {
				t.Errorf("serve %v = %v, want a usage error", args, err)
			}
		}
	})
}

// request sends one request to a running server.
func request(t *testing.T, method, url, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestServeAccess runs the real binary with a key, a write limit and an
// allowed origin.
func TestServeAccess(t *testing.T) {
	bin := buildBinary(t)
	p := mustStartServe(t, bin, []string{"PARLEY_API_KEY=the-key"},
		"--addr", "127.0.0.1:0", "--store", filepath.Join(t.TempDir(), "p.db"), "--no-samples",
		"--write-rate", "1/m", "--write-burst", "4", "--cors-origin", "https://ui.example", "--max-body", "4096")
	report := `{"text": "Foreign Minister Sergey Lavrov met Wang Yi in Beijing on 1 March 2024.", "published": "2024-03-02"}`
	js := map[string]string{"Content-Type": "application/json"}
	withKey := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer the-key"}
	wrongKey := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer the-kez"}

	if resp, body := request(t, "POST", p.url+"/v1/reports", report, js); resp.StatusCode != 401 || !strings.Contains(body, `"unauthorized"`) {
		t.Errorf("POST without key = %d %s, want 401 unauthorized", resp.StatusCode, body)
	}
	if resp, body := request(t, "POST", p.url+"/v1/reports", report, wrongKey); resp.StatusCode != 401 {
		t.Errorf("POST with a wrong key = %d %s, want 401", resp.StatusCode, body)
	}
	if resp, body := request(t, "POST", p.url+"/v1/reports", report, withKey); resp.StatusCode != 201 {
		t.Errorf("POST with the key = %d %s, want 201", resp.StatusCode, body)
	}
	if resp, body := request(t, "GET", p.url+"/v1/meetings", "", nil); resp.StatusCode != 200 {
		t.Errorf("GET without key = %d %s, want 200", resp.StatusCode, body)
	}
	// 413 over --max-body, with the key.
	big := `{"text": "` + strings.Repeat("a", 5000) + `"}`
	if resp, body := request(t, "POST", p.url+"/v1/extract", big, withKey); resp.StatusCode != 413 || !strings.Contains(body, "4096") {
		t.Errorf("POST over --max-body = %d %s, want 413 naming the limit", resp.StatusCode, body)
	}
	// The burst of 4 is spent (wrong-key and over-size writes count): 429.
	resp, body := request(t, "POST", p.url+"/v1/reports", report, withKey)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, `"rate_limited"`) {
		t.Errorf("POST past the write limit = %d %q %s, want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	// Headers over the limit: 431 from net/http.
	if resp, _ := request(t, "GET", p.url+"/healthz", "", map[string]string{"X-Big": strings.Repeat("x", 100<<10)}); resp.StatusCode != 431 {
		t.Errorf("GET with 100 KiB of headers = %d, want 431", resp.StatusCode)
	}
	// CORS for the configured origin only.
	if resp, _ := request(t, "GET", p.url+"/v1/meetings", "", map[string]string{"Origin": "https://ui.example"}); resp.Header.Get("Access-Control-Allow-Origin") != "https://ui.example" {
		t.Errorf("configured origin: Access-Control-Allow-Origin = %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if resp, _ := request(t, "GET", p.url+"/v1/meetings", "", map[string]string{"Origin": "https://evil.example"}); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin: Access-Control-Allow-Origin = %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}
	// Every request has an id in the log and in the answer.
	resp, _ = request(t, "GET", p.url+"/v1/nope", "", map[string]string{"X-Request-ID": "trace-me-42"})
	if resp.Header.Get("X-Request-ID") != "trace-me-42" {
		t.Errorf("X-Request-ID = %q, want it echoed", resp.Header.Get("X-Request-ID"))
	}
	resp, metrics := request(t, "GET", p.url+"/metrics", "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /metrics = %d", resp.StatusCode)
	}
	for _, want := range []string{
		`parley_http_requests_total{method="POST",route="/v1/reports",status="401"} 2`,
		`parley_http_requests_total{method="POST",route="/v1/reports",status="429"} 1`,
		`parley_ingest_reports_total{result="created"} 1`,
		`parley_http_request_duration_seconds_bucket{method="GET",route="/v1/meetings",le="+Inf"} 3`,
		`parley_store_errors_total{kind="internal"} 0`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if err := p.stop(t); err != nil {
		t.Fatalf("serve exit after SIGTERM: %v", err)
	}
	if !strings.Contains(p.stderr.String(), `"request_id":"trace-me-42"`) {
		t.Errorf("log has no line with request_id trace-me-42:\n%s", p.stderr)
	}
}
