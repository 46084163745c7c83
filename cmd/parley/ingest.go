package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"github.com/parley/parley/document"
	"github.com/parley/parley/examples"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/ingest"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func cmdIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags("ingest", e)
	sc := storeFlags(fs, e, "store")
	var meta document.Meta
	fs.StringVar(&meta.Published, "published", "", "publication date YYYY-MM-DD of reports that do not give one")
	fs.StringVar(&meta.Title, "title", "", "title of reports that do not give one")
	fs.StringVar(&meta.Source, "source", "", "source of reports that do not give one")
	fs.StringVar(&meta.URL, "url", "", "URL of reports that do not give one")
	quiet := fs.Bool("quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: parley ingest [flags] PATH...\n\nIngests .txt, .md, .html, .json and .jsonl files; folders recursively.")
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"ingest: no PATH given"}
	}
	if meta.Published != "" {
		if meta.Published, err = document.NormalizeDate(meta.Published); err != nil {
			return usageError{"--published: " + err.Error()}
		}
	}
	files, err := document.Walk(paths)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, sc)
	if err != nil {
		return err
	}
	defer st.Close()
	pipe := ingest.New(st, extract.New())

	var bar *progressbar.ProgressBar
	if f, ok := e.stderr.(*os.File); ok && !*quiet && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("ingesting"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	sum := newSummary(ctx, e.stderr, pipe)
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			break
		}
		data, err := os.ReadFile(file)
		if err != nil {
			sum.fail(file, err)
		} else {
			sum.add(document.Parse(file, data, meta))
		}
		if bar != nil {
			bar.Add(1)
		}
	}
	sum.close()
	if bar != nil {
		bar.Finish()
	}
	fmt.Fprintln(e.stdout, sum.String())
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ingest interrupted: %w", err)
	}
	if sum.failed > 0 {
		return fmt.Errorf("%d of %d reports failed", sum.failed, sum.read)
	}
	return nil
}

// summary ingests documents through a stream of batches and counts what it
// did, naming every failure.
type summary struct {
	stream                              *ingest.Stream
	w                                   io.Writer // where failures are named
	read, created, known, failed, facts int
}

func newSummary(ctx context.Context, w io.Writer, pipe *ingest.Pipeline) *summary {
	s := &summary{w: w}
	s.stream = pipe.Stream(ctx, s.done)
	return s
}

func (s *summary) String() string {
	return fmt.Sprintf("reports read %d, new %d, already known %d, failed %d, facts added %d",
		s.read, s.created, s.known, s.failed, s.facts)
}

func (s *summary) fail(name string, err error) {
	s.read++
	s.failed++
	fmt.Fprintf(s.w, "failed: %s: %v\n", name, err)
}

// add queues the items of one file, naming each that could not be read.
func (s *summary) add(items []document.Item) {
	for _, it := range items {
		if it.Err != nil {
			s.fail(it.Doc.Name, it.Err)
			continue
		}
		s.stream.Add(it.Doc)
	}
}

// done counts the outcome of one document.
func (s *summary) done(doc document.Document, o ingest.Outcome) {
	switch {
	case o.Err != nil:
		s.fail(doc.Name, o.Err)
	case o.Created:
		s.read++
		s.created++
		s.facts += o.Facts
	default:
		s.read++
		s.known++
	}
}

// close ingests what is queued.
func (s *summary) close() error { return s.stream.Close() }

// ingestSamples ingests the bundled sample reports.
func ingestSamples(ctx context.Context, w io.Writer, pipe *ingest.Pipeline) (*summary, error) {
	sum := newSummary(ctx, w, pipe)
	err := fs.WalkDir(examples.Reports, "reports", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !document.Supported(p) {
			return err
		}
		data, err := fs.ReadFile(examples.Reports, p)
		if err != nil {
			return err
		}
		sum.add(document.Parse(path.Join("examples", p), data, document.Meta{}))
		return nil
	})
	if cerr := sum.close(); err == nil {
		err = cerr
	}
	return sum, err
}
