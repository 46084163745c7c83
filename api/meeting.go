package api

import (
	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

func (s *Server) routeMeetings(g *gin.RouterGroup) {
	g.GET("/meetings", s.listMeetings)
	g.GET("/meetings/:id", s.getMeeting)
}

// getMeeting answers one meeting with every source.
func (s *Server) getMeeting(c *gin.Context) {
	ctx := c.Request.Context()
	if _, err := query(c); err != nil {
		s.fail(c, err)
		return
	}
	m, err := s.store.Meeting(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.lookupNames(ctx, meetingIDs([]graph.Meeting{*m}))
	if err != nil {
		s.fail(c, err)
		return
	}
	okJSON(c, n.meeting(*m))
}

// listMeetings answers who met whom, and when.
func (s *Server) listMeetings(c *gin.Context) {
	s.meetings(c, nil, "participant*")
}

// meetings lists the meetings of the given actors plus those named by the
// repeatable parameter actorParam, filtered by date range and place.
func (s *Server) meetings(c *gin.Context, ids []string, actorParam string) {
	ctx := c.Request.Context()
	q, err := query(c, actorParam, "from", "to", "place", "include_planned", "limit", "cursor")
	if err != nil {
		s.fail(c, err)
		return
	}
	name := actorParam[:len(actorParam)-1]
	for _, v := range q[name] {
		id, err := s.actor(ctx, name, v)
		if err != nil {
			s.fail(c, err)
			return
		}
		ids = append(ids, id)
	}
	f := graph.MeetingFilter{Participants: ids, From: q.Get("from"), To: q.Get("to"), Place: q.Get("place"), Cursor: q.Get("cursor")}
	if f.Limit, err = intParam(q, "limit"); err != nil {
		s.fail(c, err)
		return
	}
	if f.IncludePlanned, err = boolParam(q, "include_planned"); err != nil {
		s.fail(c, err)
		return
	}
	page, err := s.store.Meetings(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	n, err := s.lookupNames(ctx, meetingIDs(page.Items))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]meetingView, len(page.Items))
	for i, m := range page.Items {
		out[i] = n.meeting(m)
	}
	okJSON(c, list(out, page.Next))
}
