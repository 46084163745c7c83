package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/parley/parley/bench/synth"
)

// cmdGen generates synthetic data for benchmarks (bench/README.md): report
// files to ingest, or a whole graph written straight to a store.
func cmdGen(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "reports" && args[0] != "graph") {
		fmt.Fprintln(e.stderr, "usage: parley gen reports --out DIR [--count N] [--seed S] [--size BYTES]\n"+
			"       parley gen graph --store PATH|URI [--meetings N] [--actors N] [--batch N] [--per-write N] [--seed S] [--cpuprofile FILE]")
		return usageError{"gen: want reports or graph"}
	}
	if args[0] == "reports" {
		return genReports(e, args[1:])
	}
	return genGraph(ctx, e, args[1:])
}

func genReports(e *env, args []string) error {
	fs := newFlags("gen reports", e)
	out := fs.String("out", "", "folder to write the reports to, one .txt file each with front matter")
	count := fs.Int("count", 1000, "how many reports")
	seed := fs.Uint64("seed", 1, "seed: the same seed gives the same reports")
	size := fs.Int("size", 3000, "length a report grows to, in bytes")
	dense := fs.Bool("dense", false, "pack each report with people, meetings and supports (about 3× the actors and 6× the meetings of real reports): a stress test")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"gen reports: no --out given"}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	c := synth.Corpus{Seed: *seed, Size: *size, Dense: *dense}
	for i := range *count {
		r := c.Report(i)
		body := fmt.Sprintf("---\ntitle: %q\npublished: %s\nsource: synthetic (seed %d)\n---\n%s", r.Title, r.Published, *seed, r.Text)
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("synth-%07d.txt", i)), []byte(body), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "wrote %d reports to %s\n", *count, *out)
	return nil
}

func genGraph(ctx context.Context, e *env, args []string) error {
	fs := newFlags("gen graph", e)
	sc := storeFlags(fs, e, "store")
	g := synth.Graph{}
	fs.IntVar(&g.Meetings, "meetings", 10000, "how many meetings")
	fs.IntVar(&g.Actors, "actors", 0, "how many people (default meetings/10)")
	fs.IntVar(&g.PerBatch, "batch", 500, "meetings per report")
	fs.IntVar(&g.PerWrite, "per-write", 160, "reports per PutReports call (one transaction)")
	fs.Uint64Var(&g.Seed, "seed", 1, "seed: the same seed gives the same graph, whatever --batch and --per-write")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the generation to this file (go tool pprof)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	st, err := openStore(ctx, sc)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	err = g.Write(ctx, st, func(done, total int) {
		fmt.Fprintf(e.stderr, "\rbatch %d/%d, %s", done, total, time.Since(start).Round(time.Second))
	})
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	sec := time.Since(start).Seconds()
	fmt.Fprintf(e.stdout, "wrote %d meetings in %d batches to %s in %.1fs (%.0f meetings/s)\n",
		g.Meetings, g.Batches(), sc.Store, sec, float64(g.Meetings)/sec)
	return nil
}
