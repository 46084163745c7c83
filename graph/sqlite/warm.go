package sqlite

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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

// Warm makes the store ready for queries: it reads the database file into
// the OS page cache if it fits comfortably in memory (see prewarm), then
// what the store keeps in memory for queries — the graph's adjacency for
// Connections, the name index for search — so that the first queries after
// a start wait for neither. A server calls it in the background when it
// starts; after that the store keeps its indexes warm itself, reading them
// again once its own writes pause. It stops early if ctx ends.
func (s *Store) Warm(ctx context.Context) error {
	if _, err := s.prewarm(ctx); err != nil {
		return err
	}
	return s.warmIndexes(ctx)
}

// warmIndexes reads the name index and the adjacency if they are not current.
func (s *Store) warmIndexes(ctx context.Context) error {
	if err := s.warmNames(ctx); err != nil {
		return err
	}
	_, err := s.adjacency(ctx)
	return err
}

// prewarm reads the database file from start to end, as PostgreSQL's
// pg_prewarm does, so that the pages queries touch are in the OS page cache
// rather than read from disk one at a time on first touch (at 1M meetings a
// query of a cold 1.7 GB file waits tens of ms for its reads). It does so
// only if the file takes at most half the memory the OS says is available
// (MemAvailable of /proc/meminfo; elsewhere it does nothing), so that it
// never pushes out what other processes need. It returns the bytes read.
// It reads through the store's own descriptor of the file, which stays open
// until Close: closing a descriptor of the file would drop every POSIX lock
// this process holds on it, SQLite's included (sqlite.org/howtocorrupt.html).
func (s *Store) prewarm(ctx context.Context) (int64, error) {
	f := s.file
	if f == nil {
		return 0, nil // an in-memory or vanished database: nothing to warm
	}
	info, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("prewarm: %w", err)
	}
	if avail, ok := memAvailable(); !ok || info.Size() > avail/2 {
		return 0, nil
	}
	buf := make([]byte, 1<<20)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		k, err := f.ReadAt(buf, n)
		n += int64(k)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("prewarm: %w", err)
		}
	}
}

// memAvailable is the memory the OS can give without swapping, in bytes,
// as Linux's /proc/meminfo says; ok is false where it cannot be read.
func memAvailable() (n int64, ok bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// MemAvailable:   20516000 kB
		if rest, found := strings.CutPrefix(sc.Text(), "MemAvailable:"); found {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
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
	w.timer = time.AfterFunc(warmDelay, func() { s.warmIndexes(context.Background()) })
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
