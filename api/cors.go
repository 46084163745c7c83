package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// cors answers cross-origin requests from the configured origins only; with
// none configured it adds no header at all, so browsers keep other sites out.
// A preflight (OPTIONS with Access-Control-Request-Method) from an allowed
// origin is answered 204 here.
func (s *Server) cors(c *gin.Context) {
	origin := c.GetHeader("Origin")
	if len(s.origins) == 0 || origin == "" {
		c.Next()
		return
	}
	c.Writer.Header().Add("Vary", "Origin")
	if !s.origins[origin] && !s.origins["*"] {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", "Location, Retry-After, X-Request-ID")
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Add("Vary", "Access-Control-Request-Method")
		h.Add("Vary", "Access-Control-Request-Headers")
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-ID")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	c.Next()
}

// originSet normalizes the configured origins ("https://a.example" or "*").
func originSet(origins []string) map[string]bool {
	set := map[string]bool{}
	for _, o := range origins {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			set[o] = true
		}
	}
	if len(set) == 0 {
		return nil
	}
	return set
}
