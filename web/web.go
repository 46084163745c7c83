// Package web serves Parley's web explorer: a small front end (web/src,
// bundled by esbuild into web/dist) that calls the public REST API. The
// built files are embedded, so the binary needs nothing else at run time
// and the page loads nothing from the internet.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// dist holds the built front end; `npm run build` in web/ makes it.
//
//go:embed dist
var dist embed.FS

// contentSecurityPolicy lets the page load only its own files and call only
// its own origin. Inline styles stay allowed: Cytoscape.js sets them.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// Register mounts the explorer on r: the page at / and its files under /assets/.
func Register(r gin.IRoutes) {
	h := gin.WrapH(Handler())
	for _, p := range []string{"/", "/assets/*file"} {
		r.GET(p, h)
		r.HEAD(p, h)
	}
}

type file struct {
	body, gz []byte
	etag     string
	ctype    string
}

// Handler serves the page at / and the built files by their paths.
func Handler() http.Handler {
	files := map[string]file{}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		f := file{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: mime.TypeByExtension(path.Ext(p))}
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		if len(body) > 1024 {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			f.gz = b.Bytes()
		}
		files[strings.TrimPrefix(p, "dist")] = f
		return nil
	})
	if err != nil {
		panic("web: embedded files: " + err.Error()) // cannot happen: dist is compiled in
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "/" {
			p = "/index.html"
		}
		f, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		h.Set("Vary", "Accept-Encoding")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		if f.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && r.Header.Get("Range") == "" {
			if r.Header.Get("If-None-Match") == f.etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			h.Set("Content-Encoding", "gzip")
			h.Set("Content-Length", strconv.Itoa(len(f.gz)))
			w.WriteHeader(http.StatusOK)
			if r.Method != http.MethodHead {
				w.Write(f.gz)
			}
			return
		}
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(f.body))
	})
}
