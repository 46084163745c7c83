package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	gojson "github.com/goccy/go-json"
)

// The most asked-for answers (pages of meetings and of entities, paths of
// connections) are encoded by goccy/go-json rather than encoding/json, whose
// reflection over every field was a sixth of the server's CPU under load:
// it writes the same bytes (encode_test.go checks) in about half the time.
// gin itself can switch to it only by a build tag, which every build
// command would have to carry.

// jsonContentType is the Content-Type gin's c.JSON sends.
const jsonContentType = "application/json; charset=utf-8"

// okJSON answers 200 with v as JSON, as c.JSON does.
func okJSON(c *gin.Context, v any) {
	c.Render(http.StatusOK, fastJSON{v})
}

// fastJSON renders as render.JSON does: the same Content-Type, one write,
// no Content-Length (render.Data would add one, and so answer large bodies
// unchunked where c.JSON chunks them).
type fastJSON struct{ v any }

func (r fastJSON) Render(w http.ResponseWriter) error {
	r.WriteContentType(w)
	b, err := gojson.Marshal(r.v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (r fastJSON) WriteContentType(w http.ResponseWriter) {
	if h := w.Header(); len(h["Content-Type"]) == 0 {
		h["Content-Type"] = []string{jsonContentType}
	}
}
