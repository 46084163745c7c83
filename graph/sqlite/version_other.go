//go:build !unix

package sqlite

import (
	"context"
	"fmt"
)

// versionCache is empty where the WAL index cannot be mapped: Version
// queries every time.
type versionCache struct{}

func (c *versionCache) open(string) {}
func (c *versionCache) close()      {}

// walMark, mark and unchangedSince cannot tell here: a snapshot reads its
// version.
type walMark struct{}

func (c *versionCache) mark() walMark                        { return walMark{} }
func (c *versionCache) unchangedSince(walMark) (int64, bool) { return 0, false }

// Version is the graph's change counter: every write, by any process that
// shares the file, makes it larger. A cache of what the store answers is
// good while the version stays the same.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.queryRow(ctx, versionSQL).Scan(&v); err != nil {
		return 0, fmt.Errorf("graph version: %w", translate(err))
	}
	return v, nil
}

// walPending cannot tell here: the writer checkpoints on its own.
func (c *versionCache) walPending() (int, bool) { return 0, false }
