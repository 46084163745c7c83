package extract_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
)

// FuzzExtract checks the extractor on any text: it never panics, every
// source's evidence is a substring of the text it read, and reading the same
// text twice gives the same facts with the same ids.
func FuzzExtract(f *testing.F) {
	reports, _ := filepath.Glob("../examples/reports/*.txt")
	for _, name := range reports {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "2023-11-07", "")
	}
	f.Add("Foreign Minister Sergey Lavrov met Wang Yi in Beijing on Friday.", "2024-03-02", "Talks in Beijing")
	f.Add("Khamenei said: \"Iraq supports Gaza.\" He met al-Sudani on 6 November 2023.", "", "")
	f.Add("\u201cWe back Kyiv,\u201d Macron told Scholz by phone on 31 February 2024.", "2024-02-30", "")
	f.Add("MATCH (n) DETACH DELETE n; -- Robert'); DROP TABLE reports;-- met {Bobby} in \"Paris\".", "2024-01-01", "")
	x := extract.New()
	f.Fuzz(func(t *testing.T, text, published, title string) {
		in := extract.Input{Text: text, Published: published, Title: title}
		a := x.Extract(in)
		b := x.Extract(in)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two extractions of the same text differ:\n%+v\n%+v", a, b)
		}
		checkEvidence(t, text, title, a)
		if err := a.Bind("report-a"); err != nil {
			return // facts the store would refuse; nothing more to check
		}
		if err := b.Bind("report-a"); err != nil {
			t.Fatalf("Bind failed the second time only: %v", err)
		}
		if !reflect.DeepEqual(ids(a), ids(b)) {
			t.Fatalf("ids differ between two extractions: %v vs %v", ids(a), ids(b))
		}
	})
}

// checkEvidence fails unless every evidence is a substring of the text (or
// of the title, which the extractor may read too).
func checkEvidence(t *testing.T, text, title string, f *graph.Facts) {
	t.Helper()
	check := func(kind string, srcs []graph.Source) {
		for _, s := range srcs {
			if !strings.Contains(text, s.Evidence) && !strings.Contains(title, s.Evidence) {
				t.Fatalf("%s evidence %q is not a substring of the input %q", kind, s.Evidence, text)
			}
		}
	}
	for _, m := range f.Meetings {
		check("meeting", m.Sources)
	}
	for _, s := range f.Statements {
		check("statement", s.Sources)
	}
	for _, s := range f.Supports {
		check("support", s.Sources)
	}
}

func ids(f *graph.Facts) []string {
	var out []string
	for _, e := range f.Entities {
		out = append(out, e.ID)
	}
	for _, m := range f.Meetings {
		out = append(out, m.ID)
	}
	for _, s := range f.Statements {
		out = append(out, s.ID)
	}
	for _, s := range f.Supports {
		out = append(out, s.ID)
	}
	return out
}
