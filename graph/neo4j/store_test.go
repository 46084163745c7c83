package neo4j_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	graphneo4j "github.com/parley/parley/graph/neo4j"
)

// testConfig returns the server to test against, from NEO4J_URI (and
// NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Without NEO4J_URI the test is
// skipped on a developer's machine and fails in CI, which must never skip.
func testConfig(tb testing.TB) graphneo4j.Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal("NEO4J_URI is not set; CI must start a test server with: scripts/neo4j-test start")
		}
		tb.Skip("set NEO4J_URI; start a test server with: scripts/neo4j-test start")
	}
	return graphneo4j.Config{
		URI:      uri,
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// mustOpenEmpty takes the test server for the test, opens its database and
// deletes everything in it, so each test starts from an empty graph.
func mustOpenEmpty(tb testing.TB) *graphneo4j.Store {
	tb.Helper()
	cfg := testConfig(tb)
	unlock, err := graphneo4j.LockTestServer(cfg.URI)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(unlock)
	ctx := context.Background()
	st, err := graphneo4j.Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := st.DeleteAll(ctx); err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	testConfig(t)
	graphtest.Run(t, func(t *testing.T) graph.Store { return mustOpenEmpty(t) })
}

func TestOpenUnreachableIsUnavailable(t *testing.T) {
	// Port 1 on loopback: nothing listens there.
	_, err := graphneo4j.Open(context.Background(), graphneo4j.Config{URI: "bolt://127.0.0.1:1"})
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("Open(unreachable) = %v, want ErrUnavailable", err)
	}
}

func TestOpenTwiceAppliesSchemaIdempotently(t *testing.T) {
	mustOpenEmpty(t)
	st, err := graphneo4j.Open(context.Background(), testConfig(t))
	if err != nil {
		t.Fatalf("second Open = %v", err)
	}
	st.Close()
}
