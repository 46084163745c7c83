package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

func (s *Server) routeStatements(g *gin.RouterGroup) {
	g.GET("/statements", s.listStatements)
}

// listStatements answers what was said about an actor, and by whom: the
// statements of any speaker (or of one) about any actor (or one), newest
// first.
func (s *Server) listStatements(c *gin.Context) { s.statements(c, false) }

// statements lists statements filtered by about, from and to; the speaker
// is the actor of the path (/entities/{id}/statements) or the optional
// speaker parameter.
func (s *Server) statements(c *gin.Context, speakerInPath bool) {
	ctx := c.Request.Context()
	params := []string{"about", "from", "to", "limit", "cursor"}
	if !speakerInPath {
		params = append(params, "speaker")
	}
	q, err := query(c, params...)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := graph.StatementFilter{From: q.Get("from"), To: q.Get("to"), Cursor: q.Get("cursor")}
	if speakerInPath {
		if f.Speaker, err = s.entityParam(c); err != nil {
			s.fail(c, err)
			return
		}
	}
	if f.Limit, err = intParam(q, "limit"); err != nil {
		s.fail(c, err)
		return
	}
	for _, p := range []struct {
		name string
		id   *string
	}{{"speaker", &f.Speaker}, {"about", &f.About}} {
		if v := q.Get(p.name); v != "" {
			if *p.id, err = s.actor(ctx, p.name, v); err != nil {
				s.fail(c, err)
				return
			}
		}
	}
	page, err := s.store.Statements(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.lookupNames(ctx, statementIDs(page.Items))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]statementView, len(page.Items))
	for i, st := range page.Items {
		out[i] = n.statement(st)
	}
	c.JSON(http.StatusOK, list(out, page.Next))
}
