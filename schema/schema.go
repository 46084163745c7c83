// Package schema is the single source of truth of Parley's graph model: the
// SQL DDL of the embedded store, the Cypher constraints and indexes of the
// Neo4j store, and the OpenAPI document of the REST API, embedded so that
// every backend applies the same files at open.
package schema

import "embed"

// FS holds sqlite/*.sql, neo4j/*.cypher and openapi.yaml.
//
//go:embed sqlite/*.sql neo4j/*.cypher openapi.yaml
var FS embed.FS
