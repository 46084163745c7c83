package document_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/document"
)

// TestExamples reads the sample reports that `parley serve` ingests on first
// start: every one must parse, say where it came from, and be distinct; a
// text report's words must come through unchanged.
func TestExamples(t *testing.T) {
	dir := filepath.Join("..", "examples", "reports")
	files, err := document.Walk([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	texts := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		formats[filepath.Ext(f)]++
		for _, it := range document.Parse(f, data, document.Meta{}) {
			if it.Err != nil {
				t.Errorf("Parse(%q): %v", f, it.Err)
				continue
			}
			d := it.Doc
			if d.Title == "" || d.Source == "" {
				t.Errorf("Parse(%q): %q lacks a title or source: %+v", f, d.Name, d)
			}
			if other, ok := texts[d.Text]; ok {
				t.Errorf("Parse(%q): %q has the same text as %q", f, d.Name, other)
			}
			texts[d.Text] = d.Name
			if filepath.Ext(f) == ".txt" {
				_, body, _ := strings.Cut(string(data)[len("---\n"):], "\n---\n")
				if want := strings.TrimSpace(body); d.Text != want {
					t.Errorf("Parse(%q): text changed:\n%q\nwant\n%q", f, d.Text, want)
				}
			}
		}
	}
	for _, ext := range []string{".txt", ".json", ".jsonl", ".html"} {
		if formats[ext] == 0 {
			t.Errorf("no %s sample in %s", ext, dir)
		}
	}
}
