package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
)

// TestShutdownInFlight: a POST whose body is still arriving when SIGTERM
// comes completes with 201, the server then exits 0, and the store it
// closed opens again with the report in it.
func TestShutdownInFlight(t *testing.T) {
	bin := buildBinary(t)
	store := filepath.Join(t.TempDir(), "p.db")
	p := mustStartServe(t, bin, nil, "--addr", "127.0.0.1:0", "--store", store, "--no-samples")
	u, err := url.Parse(p.url)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var text strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&text, "Foreign Minister Sergey Lavrov met Wang Yi in Beijing on %d March 2024 to discuss trade number %d.\n", i%28+1, i)
	}
	body := text.String()
	half := len(body) / 2
	fmt.Fprintf(conn, "POST /v1/reports?published=2024-03-30 HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", u.Host, len(body))
	if _, err := conn.Write([]byte(body[:half])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the server is reading the body now
	stopped := make(chan error, 1)
	go func() { stopped <- p.stop(t) }()
	time.Sleep(time.Second)
	if !p.running() {
		t.Fatalf("serve exited with a request in flight; stderr:\n%s", p.stderr)
	}
	if _, err := conn.Write([]byte(body[half:])); err != nil {
		t.Fatalf("finish the body after SIGTERM: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("read the answer of the in-flight request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("in-flight POST = %d, want 201", resp.StatusCode)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("serve exit after SIGTERM: %v; stderr:\n%s", err, p.stderr)
	}
	if !strings.Contains(p.stderr.String(), "shutting down") {
		t.Errorf("no 'shutting down' log line")
	}
	// Closed cleanly: the store opens and holds the report.
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: store})
	if err != nil {
		t.Fatalf("reopen the store: %v", err)
	}
	defer st.Close()
	page, err := st.Reports(context.Background(), graph.ReportFilter{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("reports after shutdown = %d, %v, want 1", len(page.Items), err)
	}
}
