package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestClient checks the generator's client: whole answers (small ones with
// a length, large ones in chunks), statuses, reused connections, and a new
// connection when the server closed an idle one.
func TestClient(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/small":
			w.Write([]byte(`{"ok":true}`))
		case "/large":
			w.Write([]byte(strings.Repeat("x", 100<<10))) // chunked
		default:
			http.NotFound(w, r)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	c, err := newClient(srv.URL, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	get := func(path string) int {
		t.Helper()
		req, err := c.request(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		status, err := c.get(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return status
	}
	for _, p := range []string{"/small", "/large", "/small", "/large"} {
		if s := get(p); s != http.StatusOK {
			t.Fatalf("GET %s: status %d, want 200", p, s)
		}
	}
	if s := get("/missing"); s != http.StatusNotFound {
		t.Fatalf("GET /missing: status %d, want 404", s)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for requests one after the other, want 1", n)
	}
	srv.CloseClientConnections() // as a server's idle timeout does
	if s := get("/small"); s != http.StatusOK {
		t.Fatalf("GET /small after the server closed the connection: status %d", s)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

func TestMemoryReadsPeakAndPss(t *testing.T) {
	m := memory(os.Getpid())
	for _, k := range []string{"vmhwm:", "rssanon:", "pss:"} {
		if !strings.Contains(m, k) {
			t.Errorf("memory(self) = %q, want %s", m, k)
		}
	}
}
