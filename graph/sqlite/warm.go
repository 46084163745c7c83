package sqlite

import (
	"context"
	"sync"
	"time"
)

// warmDelay is how long the graph must go unwritten before a store that
// serves queries reads again what it keeps in memory: long enough that a
// stream of writes does not set off a read after each, short enough that
// the first query after an ingest seldom waits.
const warmDelay = 2 * time.Second

// warmer reads the in-memory indexes again in the background once writes
// pause, for a store whose indexes are in use.
type warmer struct {
	mu     sync.Mutex
	timer  *time.Timer
	closed bool
}

// Warm reads what the store keeps in memory for queries — the graph's
// adjacency for Connections, the name index for search — so that the first
// queries after a start do not wait for it. A server calls it in the
// background when it starts; after that the store keeps them warm itself,
// reading them again once its own writes pause.
func (s *Store) Warm(ctx context.Context) error {
	if err := s.warmNames(ctx); err != nil {
		return err
	}
	_, err := s.adjacency(ctx)
	return err
}

// wrote notes a write: if the in-memory indexes are in use, they are read
// again once writes pause for warmDelay.
func (s *Store) wrote() {
	if !s.adj.used.Load() {
		return // a batch ingest, say, that never queries: nothing to keep warm
	}
	w := &s.warm
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	if w.timer != nil {
		w.timer.Reset(warmDelay)
		return
	}
	w.timer = time.AfterFunc(warmDelay, func() { s.Warm(context.Background()) })
}

// stop ends the warming; Close calls it.
func (w *warmer) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closed = true
	if w.timer != nil {
		w.timer.Stop()
	}
}
