// Package document turns the bytes of a news report (plain text, HTML, JSON or
// JSONL) into clean documents ready for extraction: UTF-8 text whose
// paragraphs are separated by blank lines, plus the title, date, source and
// URL the report gives.
//
// The words of a report are never changed: normalisation only touches line
// endings, trailing spaces and runs of blank lines.
package document

import (
	"fmt"

	"github.com/parley/parley/graph"
)

// Size limits. A document larger than MaxDocumentSize (a whole .txt, .html or
// .json file, or one JSONL line) is refused, and so is a JSONL file larger
// than MaxFileSize.
const (
	MaxDocumentSize = 5 << 20
	MaxFileSize     = 64 << 20
)

// Sentinel errors. Each also matches graph.ErrInvalid under errors.Is, so
// callers that map graph.ErrInvalid to "bad request" need no extra rule.
var (
	// ErrUnsupported means the file's extension is not a supported format.
	ErrUnsupported error = &sentinel{"unsupported format"}
	// ErrEmpty means the document has no text.
	ErrEmpty error = &sentinel{"no text"}
	// ErrWall means the HTML page is a JavaScript or cookie wall, not a report.
	ErrWall error = &sentinel{"JavaScript or cookie wall"}
	// ErrInvalid means the input is malformed: invalid UTF-8, binary data,
	// bad front matter or JSON, an impossible date, or too large.
	ErrInvalid error = &sentinel{"invalid document"}
)

// sentinel is an error of this package that is also a graph.ErrInvalid.
type sentinel struct{ msg string }

func (e *sentinel) Error() string { return e.msg }
func (e *sentinel) Unwrap() error { return graph.ErrInvalid }

// Document is one report ready for extraction.
type Document struct {
	Name      string // where it came from: a path, or "path:LINE" for a JSONL line, or "" for an API body
	Title     string
	Published string // YYYY-MM-DD or ""
	Source    string
	URL       string
	Text      string // clean UTF-8 text, paragraphs separated by blank lines
}

// Meta holds metadata given from outside (CLI flags, query parameters).
// Non-empty fields fill in what the document itself does not say.
type Meta struct{ Title, Published, Source, URL string }

// Item is one document read from a file, or the reason it could not be read.
type Item struct {
	Doc Document
	Err error
}

// fill sets the empty fields of d from m. An m.Published that is not a date
// is an error.
func fill(d *Document, m Meta) error {
	if d.Title == "" {
		d.Title = m.Title
	}
	if d.Source == "" {
		d.Source = m.Source
	}
	if d.URL == "" {
		d.URL = m.URL
	}
	if d.Published == "" && m.Published != "" {
		p, err := NormalizeDate(m.Published)
		if err != nil {
			return fmt.Errorf("published: %w", err)
		}
		d.Published = p
	}
	return nil
}
