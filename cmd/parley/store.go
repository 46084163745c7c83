package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
	graphneo4j "github.com/parley/parley/graph/neo4j"
	"github.com/parley/parley/graph/sqlite"
)

// storeConfig says which store to open.
type storeConfig struct {
	// Store is a file path (embedded store) or a neo4j:// or bolt:// URI.
	Store                string
	Neo4jUser, Neo4jPass string
	Neo4jDatabase        string
}

// storeFlags registers the flags that choose a store, with defaults from the
// environment (PARLEY_STORE, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE).
func storeFlags(fs *flag.FlagSet, e *env, name string) *storeConfig {
	c := &storeConfig{}
	fs.StringVar(&c.Store, name, envOr(e, "PARLEY_STORE", "./parley.db"), "embedded database file, or a Neo4j URI (neo4j://host:7687, bolt://...)")
	fs.StringVar(&c.Neo4jUser, "neo4j-user", envOr(e, "NEO4J_USER", "neo4j"), "Neo4j user")
	fs.StringVar(&c.Neo4jPass, "neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (default $NEO4J_PASSWORD)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", envOr(e, "NEO4J_DATABASE", "neo4j"), "Neo4j database")
	return c
}

// openStore opens the store a config names.
func openStore(ctx context.Context, c *storeConfig) (graph.Store, error) {
	if c.Store == "" {
		return nil, usageError{"no store given"}
	}
	// neo4j: a neo4j://, neo4j+s://, bolt:// or bolt+s:// URI opens the Neo4j store.
	if isNeo4jURI(c.Store) {
		st, err := graphneo4j.Open(ctx, graphneo4j.Config{
			URI: c.Store, User: c.Neo4jUser, Password: c.Neo4jPass, Database: c.Neo4jDatabase,
		})
		if err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, sqlite.Config{Path: c.Store})
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

// isNeo4jURI reports whether a store names a Neo4j server rather than a file.
func isNeo4jURI(store string) bool {
	for _, scheme := range []string{"neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://"} {
		if strings.HasPrefix(store, scheme) {
			return true
		}
	}
	return false
}
