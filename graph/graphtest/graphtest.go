// Package graphtest checks that a graph.Store honours the contract documented
// in package graph. Every backend runs Run in its own tests; a backend is
// done only when every case passes.
package graphtest

import (
	"context"
	"testing"

	"github.com/parley/parley/graph"
)

// Run runs every conformance case against a fresh, empty store from open.
// Cases run one after another; open may reuse one server but must return a
// store with nothing in it.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, graph.Store)
	}{
		{"ReportRoundTrip", testReportRoundTrip},
		{"ReportTwiceChangesNothing", testReportTwice},
		{"InvalidReportStoresNothing", testInvalidReport},
		{"MissingIsNotFound", testMissing},
		{"SameMeetingTwoReports", testSameMeetingTwoReports},
		{"EntityMergesAcrossReports", testEntityMerge},
		{"Lookup", testLookup},
		{"EntitySearch", testEntitySearch},
		{"MeetingFilters", testMeetingFilters},
		{"MeetingPagination", testMeetingPagination},
		{"PlannedIsNotMetWith", testPlanned},
		{"Statements", testStatements},
		{"Supports", testSupports},
		{"Connections", testConnections},
		{"Timeline", testTimeline},
		{"DeleteReport", testDeleteReport},
		{"ReportsList", testReportsList},
		{"BadLimitsAndCursors", testBadInput},
		{"ConcurrentOverlappingReports", testConcurrent},
		{"PutReportsBatch", testPutReports},
		{"MeetingByID", testMeetingByID},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }
