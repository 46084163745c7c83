package synth_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
)

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := synth.Corpus{Seed: 7}, synth.Corpus{Seed: 7}
	for _, i := range []int{0, 1, 999, 123456} {
		if ra, rb := a.Report(i), b.Report(i); ra != rb {
			t.Errorf("Report(%d) differs between two corpora of one seed", i)
		}
	}
	if (synth.Corpus{Seed: 8}).Report(0) == a.Report(0) {
		t.Errorf("seeds 7 and 8 give the same report 0")
	}
	if a.Report(0) == a.Report(1) {
		t.Errorf("reports 0 and 1 are the same")
	}
}

func TestCorpusReportsAreRealistic(t *testing.T) {
	c := synth.Corpus{Seed: 1}
	x := extract.New()
	var meetings, statements, supports, bytes int
	const n = 50
	for i := range n {
		r := c.Report(i)
		if len(r.Text) < 2500 || len(r.Text) > 4500 {
			t.Errorf("Report(%d) is %d bytes, want about 3,000", i, len(r.Text))
		}
		if r.Title == "" || len(r.Published) != 10 {
			t.Errorf("Report(%d): title %q, published %q", i, r.Title, r.Published)
		}
		if strings.Contains(r.Text, "%!") {
			t.Errorf("Report(%d) has a formatting error: %s", i, r.Text)
		}
		f := x.Extract(extract.Input{Text: r.Text, Published: r.Published, Title: r.Title})
		meetings, statements, supports = meetings+len(f.Meetings), statements+len(f.Statements), supports+len(f.Supports)
		bytes += len(r.Text)
	}
	// The extractor reads facts out of them as out of real reports.
	if meetings < n || statements < n || supports < n/2 {
		t.Errorf("%d reports gave %d meetings, %d statements, %d supports; want facts of every kind", n, meetings, statements, supports)
	}
}

func TestGraphIsDeterministic(t *testing.T) {
	g := synth.Graph{Seed: 3, Meetings: 2500, Actors: 300, PerBatch: 1000}
	if g.Batches() != 3 {
		t.Fatalf("Batches() = %d, want 3", g.Batches())
	}
	r1, f1 := g.Batch(2)
	r2, f2 := g.Batch(2)
	if !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(f1, f2) {
		t.Errorf("Batch(2) differs between two calls")
	}
	if len(f1.Meetings) != 500 {
		t.Errorf("last batch has %d meetings, want 500", len(f1.Meetings))
	}
}

func TestGraphActorsAreUnique(t *testing.T) {
	g := synth.Graph{Meetings: 1, Actors: 200000}
	seen := map[string]int{}
	for k := range 200000 {
		id := g.Actor(k).ID
		if j, ok := seen[id]; ok {
			t.Fatalf("actors %d and %d share id %s", j, k, id)
		}
		seen[id] = k
	}
}

func TestGraphWrites(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := synth.Graph{Seed: 1, Meetings: 3000, Actors: 500, PerBatch: 1000}
	if err := g.Write(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: []string{g.Actor(0).ID}, IncludePlanned: true, Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) == 0 {
		t.Errorf("prominent actor %s has no meetings", g.Actor(0).ID)
	}
}
