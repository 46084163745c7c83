package sqlite

import "context"

// WarmIndexes is Warm without reading the file into the page cache, for
// the benchmarks' cold figures.
func (s *Store) WarmIndexes(ctx context.Context) error { return s.warmIndexes(ctx) }

// Prewarm is Warm's read of the file into the page cache: the bytes read.
func (s *Store) Prewarm(ctx context.Context) (int64, error) { return s.prewarm(ctx) }

// CheckpointAt makes the store's checkpointer start at n frames of the WAL
// not copied yet; call it before writing.
func (s *Store) CheckpointAt(n int) { s.ckpt.frames = n }

// WALPending is how many frames of the WAL are not copied yet, and whether
// that can be told here.
func (s *Store) WALPending() (int, bool) { return s.version.walPending() }
