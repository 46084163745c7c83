package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DeleteAll deletes every node and relationship of the database. It is for
// tests, which start each case from an empty graph; the schema stays. It
// deletes in transactions of 10,000 nodes, so that a benchmark's graph of
// millions fits in the server's memory: that takes an auto-commit
// transaction, not a managed one.
func (s *Store) DeleteAll(ctx context.Context) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	sess := s.drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(context.Background())
	res, err := sess.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("delete all: %w", s.noteErr(translate(err)))
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
