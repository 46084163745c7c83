package neo4j

import (
	"context"
	"fmt"
)

// DeleteAll deletes every node and relationship of the database. It is for
// tests, which start each case from an empty graph; the schema stays.
func (s *Store) DeleteAll(ctx context.Context) error {
	if _, err := s.run(ctx, `MATCH (n) DETACH DELETE n`, nil); err != nil {
		return fmt.Errorf("delete all: %w", err)
	}
	return nil
}
