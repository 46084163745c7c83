package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// DeleteAll deletes every node and relationship of the database. It is for
// tests, which start each case from an empty graph; the schema stays.
func (s *Store) DeleteAll(ctx context.Context) error {
	if _, err := s.run(ctx, `MATCH (n) DETACH DELETE n`, nil); err != nil {
		return fmt.Errorf("delete all: %w", err)
	}
	return nil
}

// LockTestServer gives the caller the test server at uri to itself, across
// processes: `go test ./...` runs packages at once, and tests that empty the
// database must not interleave. It blocks until the lock is free; call the
// returned function to release it. Do not take it twice in one process.
func LockTestServer(uri string) (unlock func(), err error) {
	sum := sha256.Sum256([]byte(uri))
	path := filepath.Join(os.TempDir(), "parley-neo4j-test-"+hex.EncodeToString(sum[:8])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock test server: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock test server: %w", err)
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}
