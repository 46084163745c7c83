package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
	"github.com/parley/parley/graph/sqlite"
)

func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	return openAt(tb, filepath.Join(tb.TempDir(), "parley.db"))
}

// openAt opens the store at path, closed when the test ends.
func openAt(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: path})
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
	a, b := openAt(t, path), openAt(t, path)
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

// TestVersionSeesOtherProcesses checks that Version, which keeps the last
// version read while the WAL index is unchanged, sees every write of another
// process, and of another Store of this one, however often it was read
// between them; the version it gives is the table's, read apart.
func TestVersionSeesOtherProcesses(t *testing.T) {
	ctx := context.Background()
	if path := os.Getenv("PARLEY_TEST_WRITE_REPORT"); path != "" {
		// The other process: writes one report to the store at path.
		st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		r := &graph.Report{Text: os.Getenv("PARLEY_TEST_REPORT_TEXT")}
		r.ID = graph.ReportID(r.Text)
		if _, err := st.PutReport(ctx, r, &graph.Facts{}); err != nil {
			t.Fatal(err)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "parley.db")
	a, b := openAt(t, path), openAt(t, path)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	check := func(when string) int64 {
		t.Helper()
		var want int64
		if err := raw.QueryRowContext(ctx, `SELECT n FROM graph_version WHERE id = 1`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if v, err := a.Version(ctx); err != nil || v != want {
				t.Fatalf("%s: Version = %d, %v; want %d", when, v, err, want)
			}
		}
		return want
	}
	last := check("at start")
	for i := range 6 {
		text := fmt.Sprintf("Report %d of another writer.", i)
		if i%2 == 0 {
			cmd := exec.Command(os.Args[0], "-test.run", "^TestVersionSeesOtherProcesses$")
			cmd.Env = append(os.Environ(), "PARLEY_TEST_WRITE_REPORT="+path, "PARLEY_TEST_REPORT_TEXT="+text)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("writer process: %v: %s", err, out)
			}
		} else {
			r := &graph.Report{Text: text}
			r.ID = graph.ReportID(r.Text)
			if _, err := b.PutReport(ctx, r, &graph.Facts{}); err != nil {
				t.Fatal(err)
			}
		}
		v := check(fmt.Sprintf("after write %d", i))
		if v <= last {
			t.Fatalf("after write %d: version %d, was %d: want larger", i, v, last)
		}
		last = v
	}
}
