package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/parley/parley/graph"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// cmdCopy copies a whole graph from one store to another (embedded <-> Neo4j,
// or between two of a kind) through graph.Store: report by report, each
// with the facts it is a source of. PutReport of a report the target has
// already changes nothing, so an interrupted copy is resumed by running it
// again.
func cmdCopy(ctx context.Context, e *env, args []string) error {
	fs := newFlags("copy", e)
	from := fs.String("from", "", "store to copy from: a database file or a Neo4j URI (required)")
	to := fs.String("to", "", "store to copy to: a database file or a Neo4j URI (required)")
	user := fs.String("neo4j-user", envOr(e, "NEO4J_USER", "neo4j"), "Neo4j user, for either store")
	pass := fs.String("neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (default $NEO4J_PASSWORD)")
	db := fs.String("neo4j-database", envOr(e, "NEO4J_DATABASE", "neo4j"), "Neo4j database, for either store")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageError{fmt.Sprintf("copy takes no arguments, got %q", pos)}
	case *from == "" || *to == "":
		return usageError{"copy needs --from and --to"}
	case *from == *to:
		return usageError{"--from and --to name the same store"}
	}
	src, err := openStore(ctx, &storeConfig{Store: *from, Neo4jUser: *user, Neo4jPass: *pass, Neo4jDatabase: *db})
	if err != nil {
		return fmt.Errorf("copy from %s: %w", *from, err)
	}
	defer src.Close()
	dst, err := openStore(ctx, &storeConfig{Store: *to, Neo4jUser: *user, Neo4jPass: *pass, Neo4jDatabase: *db})
	if err != nil {
		return fmt.Errorf("copy to %s: %w", *to, err)
	}
	defer dst.Close()

	start := time.Now()
	sum, err := copyGraph(ctx, src, dst, e.stderr)
	if err != nil {
		return fmt.Errorf("copy %s to %s: %w (%d of %d reports done; run the same command again to resume)",
			*from, *to, err, sum.created+sum.present, sum.total)
	}
	fmt.Fprintf(e.stdout, "parley: copied %d reports from %s to %s in %s: %d new, %d already there; %d facts\n",
		sum.total, *from, *to, time.Since(start).Round(time.Millisecond), sum.created, sum.present, sum.facts)
	return nil
}

// copySummary counts what copyGraph did.
type copySummary struct {
	total, created, present, facts int
}

// copyGraph puts every report of src, with its facts, into dst, oldest
// first so that the target lists them in the same order. It draws a
// progress bar on progress when that is a terminal.
func copyGraph(ctx context.Context, src, dst graph.Store, progress io.Writer) (copySummary, error) {
	var sum copySummary
	var ids []string
	cursor := ""
	for {
		page, err := src.Reports(ctx, graph.ReportFilter{Limit: graph.MaxLimit, Cursor: cursor})
		if err != nil {
			return sum, fmt.Errorf("list reports: %w", err)
		}
		for _, r := range page.Items {
			ids = append(ids, r.ID)
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	sum.total = len(ids)

	var bar *progressbar.ProgressBar
	if f, ok := progress.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(ids), progressbar.OptionSetWriter(progress),
			progressbar.OptionSetDescription("copying reports"), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		defer bar.Close()
	}
	for i := len(ids) - 1; i >= 0; i-- {
		rf, err := src.Report(ctx, ids[i])
		if err != nil {
			return sum, fmt.Errorf("read report %s: %w", ids[i], err)
		}
		r, f := rf.Report, ownFacts(rf)
		res, err := dst.PutReport(ctx, &r, &f)
		if err != nil {
			return sum, fmt.Errorf("write report %s: %w", ids[i], err)
		}
		if res.Created {
			sum.created++
		} else {
			sum.present++
		}
		sum.facts += f.Count()
		if bar != nil {
			bar.Add(1)
		}
	}
	return sum, nil
}

// ownFacts returns a report's facts with only the sources that report gave:
// Report lists every source of a fact, and PutReport would otherwise credit
// the other reports' evidence to this one.
func ownFacts(rf *graph.ReportFacts) graph.Facts {
	id := rf.Report.ID
	own := func(srcs []graph.Source) []graph.Source {
		var out []graph.Source
		for _, s := range srcs {
			if s.ReportID == id {
				out = append(out, s)
			}
		}
		return out
	}
	f := graph.Facts{Entities: rf.Facts.Entities}
	for _, m := range rf.Facts.Meetings {
		m.Sources = own(m.Sources)
		f.Meetings = append(f.Meetings, m)
	}
	for _, s := range rf.Facts.Statements {
		s.Sources = own(s.Sources)
		f.Statements = append(f.Statements, s)
	}
	for _, s := range rf.Facts.Supports {
		s.Sources = own(s.Sources)
		f.Supports = append(f.Supports, s)
	}
	return f
}
