package api

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/schema"
)

// openAPI serves the OpenAPI document kept in schema/.
func (s *Server) openAPI(c *gin.Context) {
	b, err := fs.ReadFile(schema.FS, "openapi.yaml")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/yaml", b)
}
