//go:build !unix

package neo4j

import "os"

// lockFile does nothing where flock is missing: run Neo4j tests one package
// at a time there (go test -p 1).
func lockFile(f *os.File) error { return nil }
