package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// isWrite reports whether a request may change the graph: every method but
// GET, HEAD and OPTIONS.
func isWrite(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// authorize lets a write through only with "Authorization: Bearer KEY" when
// the server has an API key. Reads stay open. The key is compared in
// constant time (over SHA-256 digests, so its length does not leak either).
func (s *Server) authorize(c *gin.Context) {
	if s.apiKey == nil || !isWrite(c.Request.Method) {
		c.Next()
		return
	}
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if h == "" {
		c.Header("WWW-Authenticate", `Bearer realm="parley"`)
		s.fail(c, fmt.Errorf("writes need an API key: send Authorization: Bearer KEY: %w", errUnauthorized))
		return
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], s.apiKey) != 1 {
		c.Header("WWW-Authenticate", `Bearer realm="parley", error="invalid_token"`)
		s.fail(c, fmt.Errorf("the API key is wrong or the Authorization header is not \"Bearer KEY\": %w", errUnauthorized))
		return
	}
	c.Next()
}

// keyDigest is what authorize compares against; nil when there is no key.
func keyDigest(key string) []byte {
	if key == "" {
		return nil
	}
	d := sha256.Sum256([]byte(key))
	return d[:]
}
