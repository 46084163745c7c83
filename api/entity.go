package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

func (s *Server) routeEntities(g *gin.RouterGroup) {
	g.GET("/entities", s.listEntities)
	g.GET("/entities/:id", s.getEntity)
	g.GET("/entities/:id/meetings", s.entityMeetings)
	g.GET("/entities/:id/statements", s.entityStatements)
	g.GET("/entities/:id/supports", s.entitySupports)
}

func (s *Server) listEntities(c *gin.Context) {
	q, err := query(c, "q", "type", "limit", "cursor")
	if err != nil {
		s.fail(c, err)
		return
	}
	limit, err := intParam(q, "limit")
	if err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.store.Entities(c.Request.Context(), graph.EntityFilter{
		Query: q.Get("q"), Type: graph.EntityType(q.Get("type")), Limit: limit, Cursor: q.Get("cursor")})
	if err != nil {
		s.fail(c, err)
		return
	}
	okJSON(c, page)
}

// entityParam resolves the :id of a path: an id, or any name or alias.
func (s *Server) entityParam(c *gin.Context) (string, error) {
	return s.actor(c.Request.Context(), "id", c.Param("id"))
}

func (s *Server) getEntity(c *gin.Context) {
	if _, err := query(c); err != nil {
		s.fail(c, err)
		return
	}
	id, err := s.entityParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	e, err := s.store.Entity(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, e)
}

func (s *Server) entityMeetings(c *gin.Context) {
	id, err := s.entityParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.meetings(c, []string{id}, "with*")
}

func (s *Server) entityStatements(c *gin.Context) { s.statements(c, true) }

// entitySupports lists whom an actor supports and who supports it.
func (s *Server) entitySupports(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := query(c, "limit")
	if err != nil {
		s.fail(c, err)
		return
	}
	limit, err := intParam(q, "limit")
	if err != nil {
		s.fail(c, err)
		return
	}
	id, err := s.entityParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	gives, err := s.store.Supports(ctx, graph.SupportFilter{Supporter: id, Limit: limit})
	if err != nil {
		s.fail(c, err)
		return
	}
	gets, err := s.store.Supports(ctx, graph.SupportFilter{Supported: id, Limit: limit})
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.lookupNames(ctx, []string{id}, supportIDs(gives.Items), supportIDs(gets.Items))
	if err != nil {
		s.fail(c, err)
		return
	}
	view := func(ps []graph.Support) []supportView {
		out := make([]supportView, len(ps))
		for i, p := range ps {
			out[i] = n.support(p)
		}
		return out
	}
	c.JSON(http.StatusOK, gin.H{"entity": n.ref(id), "supports": view(gives.Items), "supported_by": view(gets.Items)})
}
