// Package graph holds Parley's domain model: the actors, meetings, statements
// and supports read out of diplomatic reports, the provenance of each fact,
// and the Store interface that every storage backend implements.
//
// The package has no dependencies beyond the standard library. Backends live
// in subpackages named after what they depend on (graph/sqlite, graph/neo4j);
// graph/graphtest is the conformance suite they all pass.
package graph
