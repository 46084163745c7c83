package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/web"
)

func serve(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	h := web.Handler()
	t.Run("OKIndex", func(t *testing.T) {
		w := serve(h, "GET", "/")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("GET / = %d %q, want 200 text/html", w.Code, w.Header().Get("Content-Type"))
		}
		if !strings.Contains(w.Body.String(), `src="assets/app.js"`) {
			t.Errorf("GET / does not load assets/app.js:\n%s", w.Body)
		}
		csp := w.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("Content-Security-Policy = %q, want only the page's own origin", csp)
		}
	})
	t.Run("OKGzip", func(t *testing.T) {
		w := serve(h, "GET", "/assets/app.js", "Accept-Encoding", "gzip, br")
		if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("GET app.js = %d, encoding %q; want 200 gzip", w.Code, w.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		js, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if plain := serve(h, "GET", "/assets/app.js"); !bytes.Equal(js, plain.Body.Bytes()) {
			t.Errorf("gzip body unpacks to %d bytes, plain body has %d", len(js), plain.Body.Len())
		}
	})
	t.Run("OKNotModified", func(t *testing.T) {
		tag := serve(h, "GET", "/assets/app.css").Header().Get("ETag")
		if tag == "" {
			t.Fatal("no ETag")
		}
		for _, enc := range []string{"", "gzip"} {
			if w := serve(h, "GET", "/assets/app.css", "If-None-Match", tag, "Accept-Encoding", enc); w.Code != http.StatusNotModified {
				t.Errorf("GET with If-None-Match (encoding %q) = %d, want 304", enc, w.Code)
			}
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		if w := serve(h, "GET", "/assets/nope.js"); w.Code != http.StatusNotFound {
			t.Errorf("GET /assets/nope.js = %d, want 404", w.Code)
		}
	})
}

// TestRegister checks the routes the explorer adds, and that it leaves the
// router's own answers for every other path alone.
func TestRegister(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.NoRoute(func(c *gin.Context) { c.JSON(http.StatusNotFound, gin.H{"error": gin.H{"code": "not_found"}}) })
	r.GET("/v1/ping", func(c *gin.Context) { c.String(http.StatusOK, "pong") })
	web.Register(r)
	for _, c := range []struct {
		method, target string
		want           int
		body           string
	}{
		{"GET", "/", 200, "<title>Parley</title>"},
		{"HEAD", "/", 200, ""},
		{"GET", "/assets/app.css", 200, ""},
		{"GET", "/v1/ping", 200, "pong"},
		{"GET", "/v1/nope", 404, `"not_found"`},
		{"GET", "/index.html", 404, `"not_found"`},
	} {
		w := serve(r, c.method, c.target)
		if w.Code != c.want || !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("%s %s = %d %.80q, want %d with %q", c.method, c.target, w.Code, w.Body.String(), c.want, c.body)
		}
	}
}
