// Package ingest turns documents into stored graph facts: it extracts the
// facts of a report, ties its actors to the ones already in the graph, and
// stores the report and its facts in one transaction.
package ingest

import (
	"context"
	"fmt"

	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
)

// Pipeline ingests documents into a store.
type Pipeline struct {
	store graph.Store
	x     *extract.Extractor
}

// New returns a pipeline that extracts with x and writes to st.
func New(st graph.Store, x *extract.Extractor) *Pipeline {
	return &Pipeline{store: st, x: x}
}

// Result is what ingesting one document did.
type Result struct {
	ReportID string `json:"report_id"`
	// Created is false when the same content was stored already.
	Created bool `json:"created"`
	// Facts counts the meetings, statements and supports the report holds.
	Facts int `json:"facts"`
}

// Report builds the report of a document, without storing it.
func Report(doc document.Document) graph.Report {
	return graph.Report{
		ID: graph.ReportID(doc.Text), Title: doc.Title, Source: doc.Source, URL: doc.URL,
		Published: doc.Published, Text: doc.Text,
	}
}

// Extract reads the facts of a document, with its actors tied to those
// already stored, without storing anything.
func (p *Pipeline) Extract(ctx context.Context, doc document.Document) (*graph.Report, *graph.Facts, error) {
	r := Report(doc)
	if err := r.Validate(); err != nil {
		return nil, nil, err
	}
	f := p.x.Extract(extract.Input{Text: doc.Text, Published: doc.Published, Title: doc.Title})
	if err := p.finish(ctx, p.store, &r, f); err != nil {
		return nil, nil, err
	}
	return &r, f, nil
}

// finish readies extracted facts for storing: actors tied to those known to
// names, what the model cannot hold tidied away, titles dated by the report,
// facts bound to the report.
func (p *Pipeline) finish(ctx context.Context, names Names, r *graph.Report, f *graph.Facts) error {
	if err := Resolve(ctx, names, f); err != nil {
		return fmt.Errorf("resolve actors: %w", err)
	}
	Tidy(f)
	f.DateTitles(r.Published)
	if err := f.Bind(r.ID); err != nil {
		return fmt.Errorf("extracted facts: %w", err)
	}
	return nil
}

// Ingest extracts and stores one document. The same content twice stores
// nothing new.
func (p *Pipeline) Ingest(ctx context.Context, doc document.Document) (Result, error) {
	r, f, err := p.Extract(ctx, doc)
	if err != nil {
		return Result{}, err
	}
	res, err := p.store.PutReport(ctx, r, f)
	if err != nil {
		return Result{}, err
	}
	return Result{ReportID: res.ReportID, Created: res.Created, Facts: f.Count()}, nil
}

// Tidy drops what the model cannot hold from extracted facts, so that one
// odd reading does not cost the whole report: a participant named twice in
// a meeting is kept once, a meeting left with fewer than two participants is
// dropped, and so is an actor supporting itself.
func Tidy(f *graph.Facts) {
	ms := f.Meetings[:0]
	for _, m := range f.Meetings {
		seen := map[string]bool{}
		ps := m.Participants[:0]
		for _, p := range m.Participants {
			if !seen[p.EntityID] {
				seen[p.EntityID] = true
				ps = append(ps, p)
			}
		}
		m.Participants = ps
		if len(ps) >= 2 {
			ms = append(ms, m)
		}
	}
	f.Meetings = ms
	sp := f.Supports[:0]
	for _, s := range f.Supports {
		if s.Supporter != s.Supported {
			sp = append(sp, s)
		}
	}
	f.Supports = sp
}
