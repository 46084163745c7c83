package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

func TestIngestBatch(t *testing.T) {
	st := mustOpen(t)
	p := ingest.New(st, extract.New())
	visit := document.Document{Title: "Visit", Published: "2024-06-14",
		Text: "Prime Minister Narendra Modi met Swedish Trade Minister Maria Lindqvist in New Delhi on Thursday."}
	out, err := p.IngestBatch(t.Context(), []document.Document{visit, {Text: " "}, visit})
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Created || out[0].Facts == 0 || out[0].Err != nil {
		t.Errorf("outcome 0 = %+v, want stored with facts", out[0])
	}
	if !errors.Is(out[1].Err, graph.ErrInvalid) {
		t.Errorf("outcome of a blank document = %+v, want ErrInvalid", out[1])
	}
	if out[2].Created || out[2].Err != nil || out[2].ReportID != out[0].ReportID {
		t.Errorf("outcome of the same report twice = %+v, want known, not created", out[2])
	}
	// A title the reference tables know has the office's tenure; another
	// has the day of the report that gives it.
	for _, c := range []struct {
		name string
		want graph.Title
	}{
		{"Narendra Modi", graph.Title{Title: "Prime Minister", From: "2014-05-26"}},
		{"Maria Lindqvist", graph.Title{Title: "Trade Minister", From: "2024-06-14", To: "2024-06-14"}},
	} {
		e, err := st.Entity(t.Context(), graph.EntityID(graph.Person, c.name))
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Titles) != 1 || e.Titles[0] != c.want {
			t.Errorf("%s's titles = %+v, want %+v", c.name, e.Titles, c.want)
		}
	}
}

// TestStreamIsLikeOneByOne checks that ingesting in batches, with the next
// batch read while the last is written, makes the same graph as ingesting
// one report after another: the same actors (with the same names and
// titles), meetings, statements and supports. It uses the dev set, where the
// same people are named differently across reports, and synthetic reports.
func TestStreamIsLikeOneByOne(t *testing.T) {
	docs := sameGraphDocs(t, 2*ingest.BatchSize+7)
	ctx := t.Context()
	x := extract.New()
	batched := mustOpen(t)
	created := 0
	s := ingest.New(batched, x).Stream(ctx, func(d document.Document, o ingest.Outcome) {
		if o.Err != nil && !errors.Is(o.Err, graph.ErrInvalid) {
			t.Errorf("%s: %v", d.Name, o.Err)
		}
		if o.Created {
			created++
		}
	})
	for _, d := range docs {
		s.Add(d)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if created == 0 {
		t.Fatal("the stream stored nothing")
	}
	sameGraph(t, oneByOne(t, x, docs), batched)
}

// TestLargeBatchIsLikeOneByOne ties actors across batches larger than the
// stream's: an actor the store knows keeps its stored country when a later
// document of the batch names it without one (with batches of 256 a Nigerian
// minister once became a Ghanaian one through a title both were called by).
func TestLargeBatchIsLikeOneByOne(t *testing.T) {
	docs := sameGraphDocs(t, 4*ingest.BatchSize+7)
	ctx := t.Context()
	x := extract.New()
	batched := mustOpen(t)
	p := ingest.New(batched, x)
	for start := 0; start < len(docs); start += 3 * ingest.BatchSize {
		outs, err := p.IngestBatch(ctx, docs[start:min(start+3*ingest.BatchSize, len(docs))])
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			if o.Err != nil && !errors.Is(o.Err, graph.ErrInvalid) {
				t.Error(o.Err)
			}
		}
	}
	sameGraph(t, oneByOne(t, x, docs), batched)
}

// sameGraphDocs are the dev set's reports and n synthetic ones.
func sameGraphDocs(t *testing.T, n int) []document.Document {
	t.Helper()
	var docs []document.Document
	files, _ := filepath.Glob(filepath.Join(devDir(), "dev-*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range document.Parse(f, data, document.Meta{}) {
			docs = append(docs, it.Doc)
		}
	}
	c := synth.Corpus{Seed: 3, Dense: true} // many actors shared across reports: the hard case
	for i := range n {
		r := c.Report(i)
		docs = append(docs, document.Document{Name: r.Title, Title: r.Title, Published: r.Published, Text: r.Text})
	}
	return docs
}

// oneByOne is a store that ingested docs one after another.
func oneByOne(t *testing.T, x *extract.Extractor, docs []document.Document) graph.Store {
	t.Helper()
	one := mustOpen(t)
	p := ingest.New(one, x)
	for _, d := range docs {
		if _, err := p.Ingest(t.Context(), d); err != nil && !errors.Is(err, graph.ErrInvalid) {
			t.Fatal(err)
		}
	}
	return one
}

// sameGraph fails the test where the two stores hold different graphs.
func sameGraph(t *testing.T, one, batched graph.Store) {
	t.Helper()
	a, b := dump(t.Context(), t, one), dump(t.Context(), t, batched)
	for k := range a {
		if !reflect.DeepEqual(a[k], b[k]) {
			t.Errorf("%s differ: one by one %d, batched %d", k, len(a[k]), len(b[k]))
			for i := 0; i < min(len(a[k]), len(b[k])); i++ {
				if !reflect.DeepEqual(a[k][i], b[k][i]) {
					t.Errorf("first difference:\none by one %+v\nbatched    %+v", a[k][i], b[k][i])
					break
				}
			}
		}
	}
}

// dump lists what a store holds, by kind, without the times of ingest.
func dump(ctx context.Context, t *testing.T, st graph.Store) map[string][]any {
	t.Helper()
	return map[string][]any{
		"entities": all(t, func(cur string) (graph.Page[graph.Entity], error) {
			return st.Entities(ctx, graph.EntityFilter{Limit: graph.MaxLimit, Cursor: cur})
		}),
		"meetings": all(t, func(cur string) (graph.Page[graph.Meeting], error) {
			return st.Meetings(ctx, graph.MeetingFilter{Limit: graph.MaxLimit, Cursor: cur, IncludePlanned: true})
		}),
		"statements": all(t, func(cur string) (graph.Page[graph.Statement], error) {
			return st.Statements(ctx, graph.StatementFilter{Limit: graph.MaxLimit, Cursor: cur})
		}),
		"supports": all(t, func(cur string) (graph.Page[graph.Support], error) {
			return st.Supports(ctx, graph.SupportFilter{Limit: graph.MaxLimit, Cursor: cur})
		}),
	}
}

// all reads every page of a list.
func all[T any](t *testing.T, page func(cursor string) (graph.Page[T], error)) []any {
	t.Helper()
	var out []any
	for cur := ""; ; {
		p, err := page(cur)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range p.Items {
			out = append(out, x)
		}
		if cur = p.Next; cur == "" {
			return out
		}
	}
}
