package api

import (
	"context"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

// snapshotter is a store whose reads can be made to see one version of the
// graph (sqlite.Store.Snapshot): reads with the context it returns, until
// end is called, see no write that commits meanwhile.
type snapshotter interface {
	Snapshot(ctx context.Context) (_ context.Context, end func(), err error)
}

// snapshotOf is st's snapshotter, nil if it has none; through measuredStore
// too.
func snapshotOf(st graph.Store) snapshotter {
	if m, ok := st.(*measuredStore); ok {
		st = m.Store
	}
	sn, _ := st.(snapshotter)
	return sn
}

// readSnapshot runs a read request in one snapshot of the store, where the
// store has them. A request reads several times (the actors its parameters
// name, then its answer, then the names of the actors in it), and a report
// deleted between two of those reads would otherwise leave the answer
// naming what the store no longer holds, or a meeting, a statement or a
// path read half before and half after the delete. Writes read what they
// wrote in a snapshot of their own (postReport).
func (s *Server) readSnapshot(c *gin.Context) {
	if s.snapshots == nil || isWrite(c.Request.Method) {
		c.Next()
		return
	}
	ctx, end, err := s.snapshots.Snapshot(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	defer end()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}
