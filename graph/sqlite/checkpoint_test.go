package sqlite_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/parley/parley/graph"
)

// TestCheckpointerCopiesTheWAL checks that the store's checkpointer copies
// the WAL back into the database beside the writer: with its threshold at
// one frame, every frame is copied soon after the last write, where the
// writer's own checkpoint would wait for thousands.
func TestCheckpointerCopiesTheWAL(t *testing.T) {
	st := mustOpen(t)
	if _, ok := st.WALPending(); !ok {
		t.Skip("the WAL index cannot be read on this platform")
	}
	st.CheckpointAt(1)
	for i := range 5 {
		r := &graph.Report{Text: fmt.Sprintf("Report %d of the checkpointer test.", i)}
		r.ID = graph.ReportID(r.Text)
		if _, err := st.PutReport(t.Context(), r, &graph.Facts{}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, _ := st.WALPending()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d frames of the WAL still not copied 10 s after the last write", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestCloseTwice checks that closing a store again does no harm.
func TestCloseTwice(t *testing.T) {
	st := openAt(t, t.TempDir()+"/twice.db")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
