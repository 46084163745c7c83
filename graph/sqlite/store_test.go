package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	"github.com/parley/parley/graph/sqlite"
)

func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(tb.TempDir(), "parley.db")})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

func TestConformance(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return mustOpen(t) })
}

// TestVersionCountsWrites checks that the change counter grows with every
// write, whichever Store value of the file makes it, and with nothing else.
func TestVersionCountsWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	a, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	v0, err := a.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := &graph.Report{Text: "Nothing happened."}
	r.ID = graph.ReportID(r.Text)
	if _, err := b.PutReport(ctx, r, &graph.Facts{}); err != nil {
		t.Fatal(err)
	}
	v1, _ := a.Version(ctx)
	if _, err := b.PutReport(ctx, r, &graph.Facts{}); err != nil { // known: no write
		t.Fatal(err)
	}
	v2, _ := a.Version(ctx)
	if err := b.DeleteReport(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	v3, _ := a.Version(ctx)
	if !(v1 > v0 && v2 == v1 && v3 > v2) {
		t.Errorf("versions %d, %d, %d, %d: want growth on put and delete only", v0, v1, v2, v3)
	}
}
