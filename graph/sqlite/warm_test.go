package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley/parley/graph"
)

// TestWarmAfterWrites checks that a store whose adjacency is in use reads
// it again by itself once writes pause, and that one that never queried
// (a batch ingest) does not.
func TestWarmAfterWrites(t *testing.T) {
	ctx := context.Background()
	put := func(st *Store, text string) {
		t.Helper()
		a := graph.Entity{ID: "person:ann-a", Type: graph.Person, Name: "Ann A"}
		b := graph.Entity{ID: "person:bob-b", Type: graph.Person, Name: "Bob B"}
		f := &graph.Facts{Entities: []graph.Entity{a, b}, Meetings: []graph.Meeting{{
			Participants: []graph.Attendee{{EntityID: a.ID, Role: graph.Participant}, {EntityID: b.ID, Role: graph.Participant}},
			Sources:      []graph.Source{{Evidence: text}},
		}}}
		r := &graph.Report{Text: text, ID: graph.ReportID(text)}
		if _, err := st.PutReport(ctx, r, f); err != nil {
			t.Fatal(err)
		}
	}
	version := func(st *Store) int64 {
		a := st.adj.adj.Load()
		if a == nil {
			return -1
		}
		return a.version
	}

	serving, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "a.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer serving.Close()
	put(serving, "Ann A met Bob B.")
	if err := serving.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	before := version(serving)
	put(serving, "Ann A met Bob B again.")
	deadline := time.Now().Add(warmDelay + 10*time.Second)
	for version(serving) <= before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if v, _ := serving.Version(ctx); version(serving) != v {
		t.Errorf("adjacency at version %d after writes paused, want the graph's %d", version(serving), v)
	}

	batch, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "b.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer batch.Close()
	put(batch, "Ann A met Bob B.")
	time.Sleep(warmDelay + 500*time.Millisecond)
	if v := version(batch); v != -1 {
		t.Errorf("a store that never queried read its adjacency (version %d)", v)
	}
}

// TestPrewarm checks that Warm's read of the file reads it whole when it
// fits in memory, and stops when its context ends.
func TestPrewarm(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	st, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.prewarm(ctx)
	if _, ok := memAvailable(); ok && (err != nil || n != info.Size()) {
		t.Errorf("prewarm read %d bytes of %d, %v", n, info.Size(), err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := st.prewarm(canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("prewarm with its context canceled: %v", err)
	}
}
