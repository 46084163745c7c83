package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDebugDump prints the mentions of a report named by $DUMP (development aid).
func TestDebugDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip("set DUMP=file to print mentions")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x := New()
	in := Input{Text: string(b), Published: os.Getenv("PUB")}
	d := &doc{text: in.Text, reg: newRegistry(), stmtBy: nil, surnames: map[string]*entity{}}
	d.ref = x.dates.reportDate(in.Text, in.Published)
	if !d.ref.IsZero() {
		d.refStr = d.ref.Format("2006-01-02")
	}
	toks := tokenize(in.Text)
	classify(toks, x.classes)
	d.sents = splitSentences(in.Text, toks)
	d.quotes = quoteSpans(in.Text, d.sents)
	attachQuotes(d.sents, d.quotes)
	x.markSkipped(d, "")
	d.ments = make([][]*mention, len(d.sents))
	d.dates = make([][]dateMention, len(d.sents))
	for i := range d.sents {
		d.dates[i] = x.dates.findDates(in.Text, d.sents[i].start, d.sents[i].end, d.ref, d.sents[i].toks)
		if !d.sents[i].skip {
			d.ments[i] = x.findMentions(in.Text, &d.sents[i], d.quotes)
		}
	}
	x.resolve(d)
	for i := range d.sents {
		var parts []string
		for _, m := range d.ments[i] {
			id := "?"
			if m.ent != nil {
				id = m.ent.id
			}
			parts = append(parts, fmt.Sprintf("[%s|k%d|%s]", m.surface, m.kind, id))
		}
		var ds []string
		for _, dm := range d.dates[i] {
			ds = append(ds, in.Text[dm.start:dm.end]+"="+dm.date.Value)
		}
		fmt.Printf("S%d p%d skip=%v %q\n   %s\n   dates %v\n", i, d.sents[i].para, d.sents[i].skip, trunc(in.Text[d.sents[i].start:d.sents[i].end]), strings.Join(parts, " "), ds)
	}
}

func trunc(s string) string {
	if len(s) > 100 {
		return s[:100]
	}
	return s
}
