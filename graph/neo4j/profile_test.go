package neo4j

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

// TestProfileWrites prints the profile of every write statement of batches
// of extracted synthetic reports (64, or PARLEY_PROFILE_BATCH): time, db hits and the operators of the
// plan. It runs only with PARLEY_PROFILE=1, on an emptied test server.
func TestProfileWrites(t *testing.T) {
	if os.Getenv("PARLEY_PROFILE") == "" {
		t.Skip("set PARLEY_PROFILE=1 to profile the write statements")
	}
	st := mustOpenModel(t)
	ctx := context.Background()
	c := synth.Corpus{Seed: 42}
	x := extract.New()
	size := 64 // reports a batch
	if n, err := strconv.Atoi(os.Getenv("PARLEY_PROFILE_BATCH")); err == nil && n > 0 {
		size = n
	}
	batch := func(first int) []*graph.ReportFacts {
		var out []*graph.ReportFacts
		for i := first; i < first+size; i++ {
			r := c.Report(i)
			doc := document.Document{Title: r.Title, Published: r.Published, Text: r.Text}
			f := x.Extract(extract.Input{Text: doc.Text, Published: doc.Published, Title: doc.Title})
			ingest.Tidy(f)
			f.DateTitles(doc.Published)
			rep := ingest.Report(doc)
			if err := f.Bind(rep.ID); err != nil {
				t.Fatal(err)
			}
			out = append(out, &graph.ReportFacts{Report: rep, Facts: *f})
		}
		return out
	}
	// Server CPU after the first 128 reports, statements and commits.
	var total float64
	defer func() { t.Logf("server CPU a report, reports 128-511: %.2f ms", total*1000/384) }()
	for b := range 512 / size {
		rfs := batch(b * size)
		cpuBatch := serverCPU()
		var commit time.Time
		var cpuCommit float64
		sess := st.drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: st.db})
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			var lines []string
			recs, err := collect(ctx, tx, replanSkip+knownCypher, knownParams(rfs))
			if err != nil {
				return nil, err
			}
			k := readKnown(recs)
			for _, w := range writeBatches(rfs, time.Now().UTC(), k) {
				start, cpu0 := time.Now(), serverCPU()
				if os.Getenv("PARLEY_PROFILE") == "plan" {
					w.query = strings.Replace(w.query, "CYPHER replan=skip ", "CYPHER replan=skip PROFILE ", 1)
				}
				sum, err := w.run(ctx, tx, k.nodes)
				if err != nil {
					return nil, err
				}
				cpu := serverCPU() - cpu0
				name := ""
				for k, v := range w.params {
					if l, ok := v.([]any); ok {
						name = fmt.Sprintf("%s (%d)", k, len(l))
					}
				}
				lines = append(lines, fmt.Sprintf("%-24s %8.1f ms %6.0f ms cpu %9d db hits  %s", name,
					float64(time.Since(start).Microseconds())/1000, cpu*1000, totalHits(sum.Profile()), operators(sum.Profile())))
			}
			t.Logf("batch %d:\n%s", b, strings.Join(lines, "\n"))
			commit, cpuCommit = time.Now(), serverCPU()
			return nil, nil
		})
		t.Logf("commit %.1f ms, %.0f ms cpu", float64(time.Since(commit).Microseconds())/1000, (serverCPU()-cpuCommit)*1000)
		sess.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b*size >= 128 {
			total += serverCPU() - cpuBatch
		}
	}
}

// ServerCPU is the CPU time of the server process PARLEY_NEO4J_PID, in
// seconds, without and with its JIT compiler threads, and whether it is
// known. A young JVM spends more on compiling than on the writes (C2 took
// more CPU than the Bolt workers in the first minutes of a bench server),
// so the benchmarks report both per report. The process's total counts
// the threads that have ended too; the compiler's are those alive.
func ServerCPU() (work, all float64, ok bool) {
	pid := os.Getenv("PARLEY_NEO4J_PID")
	if pid == "" {
		return 0, 0, false
	}
	all = serverCPU()
	work = all
	tasks, _ := os.ReadDir("/proc/" + pid + "/task")
	for _, t := range tasks {
		dir := "/proc/" + pid + "/task/" + t.Name()
		if comm, _ := os.ReadFile(dir + "/comm"); strings.HasPrefix(string(comm), "C1 ") || strings.HasPrefix(string(comm), "C2 ") {
			work -= procCPU(dir + "/stat")
		}
	}
	return work, all, true
}

// serverCPU is the CPU time of the server process PARLEY_NEO4J_PID, in
// seconds; 0 if unknown.
func serverCPU() float64 {
	return procCPU("/proc/" + os.Getenv("PARLEY_NEO4J_PID") + "/stat")
}

// procCPU reads user + system time, in seconds, from a /proc stat file.
func procCPU(path string) float64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	var user, sys float64
	fmt.Sscan(f[11], &user)
	fmt.Sscan(f[12], &sys)
	return (user + sys) / 100
}

func totalHits(p neo4j.ProfiledPlan) int64 {
	if p == nil {
		return 0
	}
	n := p.DbHits()
	for _, c := range p.Children() {
		n += totalHits(c)
	}
	return n
}

// operators lists the plan's operators with their db hits, root first.
func operators(p neo4j.ProfiledPlan) string {
	if p == nil {
		return ""
	}
	s := fmt.Sprintf("%s:%d", strings.TrimSuffix(p.Operator(), "@neo4j"), p.DbHits())
	for _, c := range p.Children() {
		s += " < " + operators(c)
	}
	return s
}
