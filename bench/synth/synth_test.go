package synth_test

import (
	"context"
	"fmt"
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

// TestCorpusMatchesRealReports checks that synthetic reports carry about as
// many facts per KB of text as real ones, so that ingest figures taken on
// them stand for real reports. The reference is what `parley extract` finds
// in the 21 reports of the evaluation's dev set (2.85 KB on average), per KB
// of text: 4.19 actors (1.82 people), 11.8 names (name, aliases and titles),
// 0.32 meetings, 4.11 statements, 0.23 supports. Dense reports are the
// stress test: they must stay well above.
func TestCorpusMatchesRealReports(t *testing.T) {
	real := map[string]float64{"actors": 4.19, "people": 1.82, "names": 11.8, "meetings": 0.32, "statements": 4.11, "supports": 0.23}
	perKB := func(c synth.Corpus, n int) map[string]float64 {
		x := extract.New()
		got := map[string]float64{}
		var bytes int
		for i := range n {
			r := c.Report(i)
			f := x.Extract(extract.Input{Text: r.Text, Published: r.Published, Title: r.Title})
			bytes += len(r.Text)
			got["actors"] += float64(len(f.Entities))
			for _, e := range f.Entities {
				if e.Type == graph.Person {
					got["people"]++
				}
				got["names"] += float64(1 + len(e.Aliases) + len(e.Titles))
			}
			got["meetings"] += float64(len(f.Meetings))
			got["statements"] += float64(len(f.Statements))
			got["supports"] += float64(len(f.Supports))
		}
		for k := range got {
			got[k] *= 1000 / float64(bytes)
		}
		return got
	}
	story := perKB(synth.Corpus{Seed: 1}, 100)
	for k, want := range real {
		if g := story[k]; g < want/1.5 || g > want*1.5 {
			t.Errorf("%s per KB: %.2f, want within 1.5× of the dev set's %.2f", k, g, want)
		}
	}
	show := func(m map[string]float64) string {
		var b strings.Builder
		for _, k := range []string{"actors", "people", "names", "meetings", "statements", "supports"} {
			fmt.Fprintf(&b, " %s %.2f", k, m[k])
		}
		return b.String()
	}
	t.Logf("per KB, dev set:%s", show(real))
	t.Logf("per KB, synthetic:%s", show(story))
	dense := perKB(synth.Corpus{Seed: 1, Dense: true}, 50)
	t.Logf("per KB, dense:%s", show(dense))
	if dense["actors"] < 2*real["actors"] || dense["meetings"] < 3*real["meetings"] {
		t.Errorf("Dense reports: %.2f actors and %.2f meetings per KB, want at least twice and three times the dev set's", dense["actors"], dense["meetings"])
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
