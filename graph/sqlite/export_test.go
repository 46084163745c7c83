package sqlite

import "context"

// WarmIndexes is Warm without reading the file into the page cache, for
// the benchmarks' cold figures.
func (s *Store) WarmIndexes(ctx context.Context) error { return s.warmIndexes(ctx) }

// Prewarm is Warm's read of the file into the page cache: the bytes read.
func (s *Store) Prewarm(ctx context.Context) (int64, error) { return s.prewarm(ctx) }
