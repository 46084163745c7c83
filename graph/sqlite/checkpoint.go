package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Checkpoints (copying the WAL back into the database file) are run by a
// goroutine of the store's own, on a connection of its own, rather than by
// the writer at the end of the commit that filled the WAL. A checkpoint
// reads and writes back every page the WAL holds and syncs both files; run
// by the writer, it held up the write it ended and every write queued
// behind it: a 64-report batch dirties some 4,500 pages, so with the
// writer checkpointing every 8,000 the checkpoints of a batch ingest were
// ~40% of the writer's time (wall clock), most of it waiting for the disk.
// A passive checkpoint runs beside the writer, which goes on appending to
// the WAL meanwhile; readers look up only the frames not copied yet.
//
// The writer still checkpoints itself (wal_autocheckpoint) once the WAL
// holds writerCheckpointFrames: SQLite starts the WAL again from its
// beginning only at a write that begins once every frame is copied, which a
// writer with no pause between transactions may not meet otherwise, and
// then the WAL file would only grow. By then the checkpointer has copied
// most frames, so the writer's checkpoint is short.
const (
	// checkpointFrames is how many frames not copied yet start a checkpoint:
	// as the writer's autocheckpoint did before (32 MB of 4 KB pages).
	checkpointFrames = 8000
	// writerCheckpointFrames is the writer's own wal_autocheckpoint.
	writerCheckpointFrames = 4 * checkpointFrames
)

// checkpointer runs passive checkpoints when told that the writer wrote
// and the WAL holds checkpointFrames not copied yet.
type checkpointer struct {
	db      *sql.DB
	pending func() (int, bool) // frames not copied yet; false: unknown
	frames  int                // pending frames that start a checkpoint
	kick    chan struct{}
	quit    chan struct{}
	done    chan struct{}
	stopped sync.Once
}

// startCheckpointer starts the checkpointer of the database at path.
// pending tells how many frames of the WAL are not copied yet; where it
// cannot tell, the writer's own checkpoints are the only ones.
func startCheckpointer(path string, pending func() (int, bool)) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open checkpointer: %w", err)
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, pending: pending, frames: checkpointFrames, kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.quit:
			return
		case <-c.kick:
		}
		if n, ok := c.pending(); !ok || n < c.frames {
			continue
		}
		// An error leaves the frames to the next checkpoint, or to the
		// writer's own.
		var busy, log, copied int
		c.db.QueryRowContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied)
	}
}

// wrote tells the checkpointer that the writer committed; it does not wait,
// and does nothing once the checkpointer has stopped.
func (c *checkpointer) wrote() {
	select {
	case c.kick <- struct{}{}:
	default: // told already
	}
}

// stop waits for a checkpoint under way, and closes the connection. It may
// be called again (Store.Close may be), and then does nothing more.
func (c *checkpointer) stop() error {
	c.stopped.Do(func() { close(c.quit) })
	<-c.done
	return c.db.Close()
}
