package neo4j_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	graphneo4j "github.com/parley/parley/graph/neo4j"
	"github.com/parley/parley/ingest"
)

// benchFacts builds the facts of the i-th report of a benchmark: the size of
// a typical news report (7 actors, 2 meetings, 2 statements, 2 supports),
// drawn from a pool of 200 actors so that reports overlap as real ones do.
func benchFacts(i int) (*graph.Report, *graph.Facts) {
	const pool = 200
	ent := func(k int) graph.Entity {
		k %= pool
		switch k % 4 {
		case 0:
			name := fmt.Sprintf("Country %d", k)
			return graph.Entity{ID: graph.EntityID(graph.Country, name), Type: graph.Country, Name: name, Aliases: []string{fmt.Sprintf("Land %d", k)}}
		case 1:
			name := fmt.Sprintf("Organization %d", k)
			return graph.Entity{ID: graph.EntityID(graph.Organization, name), Type: graph.Organization, Name: name}
		default:
			name := fmt.Sprintf("Minister Number %d", k)
			return graph.Entity{ID: graph.EntityID(graph.Person, name), Type: graph.Person, Name: name,
				Aliases: []string{fmt.Sprintf("Number %d", k), fmt.Sprintf("the minister %d", k)}, Titles: []graph.Title{{Title: "Foreign Minister"}}}
		}
	}
	f := &graph.Facts{}
	for j := 0; j < 7; j++ {
		f.Entities = append(f.Entities, ent(i*7+j*13))
	}
	id := func(j int) string { return f.Entities[j].ID }
	day := graph.Date{Value: fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28), Precision: graph.Day}
	ev := func(what string) []graph.Source {
		return []graph.Source{{Evidence: fmt.Sprintf("Report %d says %s.", i, what), Rule: "bench"}}
	}
	f.Meetings = []graph.Meeting{
		{Participants: []graph.Attendee{{EntityID: id(0), Role: graph.Host}, {EntityID: id(1), Role: graph.Guest}}, Date: day, Place: "Geneva", Sources: ev("a meeting")},
		{Participants: []graph.Attendee{{EntityID: id(2), Role: graph.Participant}, {EntityID: id(3), Role: graph.Participant}, {EntityID: id(4), Role: graph.Participant}},
			Date: graph.Date{Value: day.Value[:7], Precision: graph.Month}, Sources: ev("a summit")},
	}
	f.Statements = []graph.Statement{
		{Speaker: id(2), About: []string{id(0), id(5)}, Text: fmt.Sprintf("statement %d one", i), Date: day, Sources: ev("a statement")},
		{Speaker: id(3), About: []string{id(6)}, Text: fmt.Sprintf("statement %d two", i), Quoted: true, Date: day, Sources: ev("a quote")},
	}
	f.Supports = []graph.Support{
		{Supporter: id(0), Supported: id(5), Sources: ev("a support")},
		{Supporter: id(1), Supported: id(6), ClaimedBy: id(2), Sources: ev("a claimed support")},
	}
	text := fmt.Sprintf("Benchmark report %d.", i)
	for _, s := range [][]graph.Source{f.Meetings[0].Sources, f.Meetings[1].Sources, f.Statements[0].Sources, f.Statements[1].Sources, f.Supports[0].Sources, f.Supports[1].Sources} {
		text += " " + s[0].Evidence
	}
	return &graph.Report{ID: graph.ReportID(text), Title: fmt.Sprintf("Bench %d", i), Text: text}, f
}

// warmUp stores a few reports first: Neo4j plans each query on first use,
// and plans again while the statistics of a young database move.
const warmUp = 50

// BenchmarkPutReport measures writes of whole reports, one transaction each.
func BenchmarkPutReport(b *testing.B) {
	st := mustOpenEmpty(b)
	ctx := context.Background()
	for i := range warmUp {
		r, f := benchFacts(1_000_000 + i)
		if _, err := st.PutReport(ctx, r, f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, f := benchFacts(i)
		if _, err := st.PutReport(ctx, r, f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkPutReportParallel measures concurrent writers of overlapping reports.
func BenchmarkPutReportParallel(b *testing.B) {
	st := mustOpenEmpty(b)
	ctx := context.Background()
	for i := range warmUp {
		r, f := benchFacts(1_000_000 + i)
		if _, err := st.PutReport(ctx, r, f); err != nil {
			b.Fatal(err)
		}
	}
	var next atomicCounter
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, f := benchFacts(next.add())
			if _, err := st.PutReport(ctx, r, f); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) add() int { return int(c.n.Add(1)) }

// extractedReports extracts n synthetic news reports of about 3 KB
// (bench/synth, seed 42, from index first) as ingest does, without tying
// their actors to a store: ready for PutReports.
func extractedReports(first, n int) []*graph.ReportFacts {
	c := synth.Corpus{Seed: 42}
	x := extract.New()
	out := make([]*graph.ReportFacts, n)
	for i := range out {
		r := c.Report(first + i)
		doc := document.Document{Title: r.Title, Published: r.Published, Text: r.Text}
		f := x.Extract(extract.Input{Text: doc.Text, Published: doc.Published, Title: doc.Title})
		ingest.Tidy(f)
		f.DateTitles(doc.Published)
		out[i] = &graph.ReportFacts{Report: ingest.Report(doc), Facts: *f}
	}
	return out
}

// reportsPerBatch is how many reports BenchmarkPutReports writes at once.
const reportsPerBatch = 64

// BenchmarkPutReports measures batched writes: PutReports of 64 reports at
// a time, after 256 reports of warm-up; b.N counts reports, reports/s is the
// figure. "extracted" are synthetic news reports of about 3 KB (bench/synth)
// read by the extractor, about 13 actors, 6 meetings and 17 statements each;
// "small" are BenchmarkPutReport's reports, for comparing with it.
func BenchmarkPutReports(b *testing.B) {
	const warm = 4 * reportsPerBatch
	b.Run("extracted", func(b *testing.B) {
		benchPutReports(b, extractedReports(0, warm+b.N), warm)
	})
	b.Run("small", func(b *testing.B) {
		var rfs []*graph.ReportFacts
		for i := range warm + b.N {
			k := i - warm // the reports of BenchmarkPutReport
			if i < warm {
				k = 1_000_000 + i // and its warm-up's
			}
			r, f := benchFacts(k)
			rfs = append(rfs, &graph.ReportFacts{Report: *r, Facts: *f})
		}
		benchPutReports(b, rfs, warm)
	})
}

func benchPutReports(b *testing.B, rfs []*graph.ReportFacts, warm int) {
	st := mustOpenEmpty(b)
	ctx := context.Background()
	put := func(batch []*graph.ReportFacts) {
		out, err := st.PutReports(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range out {
			if o.Err != nil {
				b.Errorf("report %s: %v", o.ReportID, o.Err)
			}
		}
	}
	for i := 0; i < warm; i += reportsPerBatch {
		put(rfs[i : i+reportsPerBatch])
	}
	rfs = rfs[warm:]
	b.ReportAllocs()
	work0, all0, _ := graphneo4j.ServerCPU()
	b.ResetTimer()
	for i := 0; i < len(rfs); i += reportsPerBatch {
		put(rfs[i:min(i+reportsPerBatch, len(rfs))])
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
	reportServerCPU(b, work0, all0)
}

// reportServerCPU reports the server's CPU time per report since work0 and
// all0 (graphneo4j.ServerCPU), when PARLEY_NEO4J_PID names the server's
// process (a server on this machine): without the JIT compiler's threads,
// and with them.
func reportServerCPU(b *testing.B, work0, all0 float64) {
	if work, all, ok := graphneo4j.ServerCPU(); ok {
		b.ReportMetric((work-work0)*1000/float64(b.N), "server-cpu-ms/report")
		b.ReportMetric((all-all0)*1000/float64(b.N), "server-cpu+jit-ms/report")
	}
}
