package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/graphtest"
)

// BenchmarkPutReports measures the store's side of ingest alone: synthetic
// reports of about 3 KB, extracted beforehand, stored in batches of 64 with
// PutReports, after 256 reports of warm-up. cpu-ms/report is the CPU time
// (user and system, all threads) per report.
func BenchmarkPutReports(b *testing.B) {
	const batch, warm = 64, 256
	x := extract.New()
	c := synth.Corpus{Seed: 42}
	n := warm + max(b.N, batch)
	all := make([]*graph.ReportFacts, n)
	for i := range all {
		r := c.Report(i)
		f := x.Extract(extract.Input{Text: r.Text, Published: r.Published, Title: r.Title})
		f.DateTitles(r.Published)
		all[i] = &graph.ReportFacts{Report: graph.Report{ID: graph.ReportID(r.Text), Title: r.Title, Published: r.Published, Text: r.Text}, Facts: *f}
	}
	st := mustOpen(b)
	put := func(rs []*graph.ReportFacts) {
		for len(rs) > 0 {
			k := min(len(rs), batch)
			if _, err := st.PutReports(context.Background(), rs[:k]); err != nil {
				b.Fatal(err)
			}
			rs = rs[k:]
		}
	}
	put(all[:warm])
	b.ReportAllocs()
	b.ResetTimer()
	cpu := graphtest.CPUTime()
	put(all[warm : warm+b.N])
	// CPU per report, which the load of a shared machine does not change.
	b.ReportMetric(float64(graphtest.CPUTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/report")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
