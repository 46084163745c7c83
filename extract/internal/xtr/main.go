// Command xtr runs the extractor on one report file and prints the facts in
// the evaluation's JSON shape. It is a development tool.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/parley/parley/extract"
)

func main() {
	published := flag.String("published", "", "publication date YYYY-MM-DD")
	title := flag.String("title", "", "headline")
	debug := flag.Bool("debug", false, "print the full facts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: xtr [--published YYYY-MM-DD] FILE")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f := extract.New().Extract(extract.Input{Text: string(b), Published: *published, Title: *title})
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if *debug {
		enc.Encode(f)
		return
	}
	type ent struct {
		ID      string   `json:"id"`
		Type    string   `json:"type"`
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	}
	type meet struct {
		Participants []string `json:"participants"`
		Date         *string  `json:"date"`
		Place        *string  `json:"place"`
		Mode         string   `json:"mode"`
		Evidence     string   `json:"evidence"`
	}
	type stmt struct {
		Speaker  string   `json:"speaker"`
		About    []string `json:"about"`
		Text     string   `json:"text"`
		Evidence string   `json:"evidence"`
	}
	type supp struct {
		Supporter string  `json:"supporter"`
		Supported string  `json:"supported"`
		ClaimedBy *string `json:"claimed_by"`
		Evidence  string  `json:"evidence"`
	}
	out := struct {
		Entities   []ent  `json:"entities"`
		Meetings   []meet `json:"meetings"`
		Statements []stmt `json:"statements"`
		Supports   []supp `json:"supports"`
	}{[]ent{}, []meet{}, []stmt{}, []supp{}}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	for _, e := range f.Entities {
		out.Entities = append(out.Entities, ent{e.ID, string(e.Type), e.Name, e.Aliases})
	}
	for _, m := range f.Meetings {
		var ids []string
		for _, p := range m.Participants {
			ids = append(ids, p.EntityID)
		}
		ev := ""
		if len(m.Sources) > 0 {
			ev = m.Sources[0].Evidence
		}
		out.Meetings = append(out.Meetings, meet{ids, str(m.Date.Value), str(m.Place), string(m.Mode), ev})
	}
	for _, s := range f.Statements {
		ev := ""
		if len(s.Sources) > 0 {
			ev = s.Sources[0].Evidence
		}
		out.Statements = append(out.Statements, stmt{s.Speaker, s.About, s.Text, ev})
	}
	for _, s := range f.Supports {
		ev := ""
		if len(s.Sources) > 0 {
			ev = s.Sources[0].Evidence
		}
		out.Supports = append(out.Supports, supp{s.Supporter, s.Supported, str(s.ClaimedBy), ev})
	}
	enc.Encode(out)
}
