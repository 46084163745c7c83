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
func (s *Server) listStatements(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := query(c, "speaker", "about", "from", "to", "limit", "cursor")
	if err != nil {
		s.fail(c, err)
		return
	}
	f := graph.StatementFilter{From: q.Get("from"), To: q.Get("to"), Cursor: q.Get("cursor")}
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
	c.JSON(http.StatusOK, gin.H{"items": out, "next": page.Next})
}
