package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

func (s *Server) routeConnections(g *gin.RouterGroup) {
	g.GET("/connections", s.connections)
	g.GET("/timeline", s.timeline)
}

// connections answers how two actors are connected: the shortest paths.
func (s *Server) connections(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := query(c, "from", "to", "max_hops", "limit")
	if err != nil {
		s.fail(c, err)
		return
	}
	var cq graph.ConnectionQuery
	if cq.From, err = s.actor(ctx, "from", q.Get("from")); err != nil {
		s.fail(c, err)
		return
	}
	if cq.To, err = s.actor(ctx, "to", q.Get("to")); err != nil {
		s.fail(c, err)
		return
	}
	if cq.MaxHops, err = intParam(q, "max_hops"); err != nil {
		s.fail(c, err)
		return
	}
	if cq.Limit, err = intParam(q, "limit"); err != nil {
		s.fail(c, err)
		return
	}
	paths, err := s.store.Connections(ctx, cq)
	if err != nil {
		s.fail(c, err)
		return
	}
	ids := []string{cq.From, cq.To}
	for _, p := range paths {
		ids = append(ids, p.Nodes...)
	}
	n, err := s.lookupNames(ctx, ids)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]pathView, len(paths))
	for i, p := range paths {
		v := pathView{Nodes: make([]ref, len(p.Nodes)), Steps: make([]stepView, len(p.Steps))}
		for j, id := range p.Nodes {
			v.Nodes[j] = n.ref(id)
		}
		for j, st := range p.Steps {
			sv := stepView{From: st.From, To: st.To, Links: make([]linkView, len(st.Links))}
			for k, l := range st.Links {
				d, _ := dateOf(l.Date)
				sv.Links[k] = linkView{Type: l.Type, FactID: l.FactID, From: l.From, To: l.To, Date: d, Source: l.Source}
			}
			v.Steps[j] = sv
		}
		out[i] = v
	}
	okJSON(c, gin.H{"from": n.ref(cq.From), "to": n.ref(cq.To), "paths": out})
}

// timeline lists an actor's dated meetings and statements, oldest first.
func (s *Server) timeline(c *gin.Context) {
	ctx := c.Request.Context()
	q, err := query(c, "entity", "from", "to", "limit", "cursor")
	if err != nil {
		s.fail(c, err)
		return
	}
	f := graph.TimelineFilter{From: q.Get("from"), To: q.Get("to"), Cursor: q.Get("cursor")}
	if f.Entity, err = s.actor(ctx, "entity", q.Get("entity")); err != nil {
		s.fail(c, err)
		return
	}
	if f.Limit, err = intParam(q, "limit"); err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.store.Timeline(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	ids := []string{f.Entity}
	for _, ev := range page.Items {
		if ev.Meeting != nil {
			ids = append(ids, ev.Meeting.ParticipantIDs()...)
		}
		if ev.Statement != nil {
			ids = append(append(ids, ev.Statement.Speaker), ev.Statement.About...)
		}
	}
	n, err := s.lookupNames(ctx, ids)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]eventView, len(page.Items))
	for i, ev := range page.Items {
		v := eventView{Kind: ev.Kind, Date: ev.Date.Value}
		if ev.Meeting != nil {
			m := n.meeting(*ev.Meeting)
			v.Meeting = &m
		}
		if ev.Statement != nil {
			st := n.statement(*ev.Statement)
			v.Statement = &st
		}
		out[i] = v
	}
	body := list(out, page.Next)
	body["entity"] = n.ref(f.Entity)
	c.JSON(http.StatusOK, body)
}
