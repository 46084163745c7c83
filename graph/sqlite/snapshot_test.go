package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// TestSnapshotSeesOneVersion: the reads of a snapshot see the graph as of
// its first query, though a report is deleted and another stored beside
// them, and those after it ends see the writes; Version stays the
// snapshot's. Nested snapshots are the outer one.
func TestSnapshotSeesOneVersion(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "parley.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := ingest.New(st, extract.New())
	c := synth.Corpus{Seed: 3, Dense: true}
	var ids []string
	for i := range 3 {
		r := c.Report(i)
		res, err := p.Ingest(ctx, document.Document{Title: r.Title, Published: r.Published, Text: r.Text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ReportID)
	}

	snap, end, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer end()
	before, err := st.Report(snap, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	v, err := st.Version(snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteReport(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	r := c.Report(3)
	if _, err := p.Ingest(ctx, document.Document{Title: r.Title, Published: r.Published, Text: r.Text}); err != nil {
		t.Fatal(err)
	}

	inner, endInner, err := st.Snapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	endInner() // the outer snapshot's: it goes on
	for _, ctx := range []context.Context{snap, inner} {
		again, err := st.Report(ctx, ids[0])
		if err != nil {
			t.Fatalf("Report(%s) in the snapshot, after it was deleted beside it: %v", ids[0], err)
		}
		if len(again.Facts.Meetings) != len(before.Facts.Meetings) || len(again.Facts.Statements) != len(before.Facts.Statements) {
			t.Errorf("Report in the snapshot: %d meetings and %d statements, want %d and %d as before the delete",
				len(again.Facts.Meetings), len(again.Facts.Statements), len(before.Facts.Meetings), len(before.Facts.Statements))
		}
		if w, err := st.Version(ctx); err != nil || w != v {
			t.Errorf("Version in the snapshot = %d, %v; want %d", w, err, v)
		}
		page, err := st.Reports(ctx, graph.ReportFilter{})
		if err != nil || len(page.Items) != 3 {
			t.Errorf("Reports in the snapshot: %d, %v; want the 3 of before", len(page.Items), err)
		}
	}
	end()
	if _, err := st.Report(ctx, ids[0]); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Report(%s) after the delete = %v, want ErrNotFound", ids[0], err)
	}
	if w, err := st.Version(ctx); err != nil || w <= v {
		t.Errorf("Version after the writes = %d, %v; want more than %d", w, err, v)
	}
	// After end, a query with the snapshot's context runs on its own.
	if page, err := st.Reports(snap, graph.ReportFilter{}); err != nil || len(page.Items) != 3 {
		t.Errorf("Reports with an ended snapshot: %d, %v; want the 3 of now", len(page.Items), err)
	}
}
