package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
)

func cmdExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags("extract", e)
	format := fs.String("format", "json", "output format: json or text")
	explain := fs.Bool("explain", false, "show the rule behind each fact (text format implies it)")
	var meta document.Meta
	fs.StringVar(&meta.Published, "published", "", "publication date YYYY-MM-DD, to resolve 'on Monday' (default: the report's own)")
	fs.StringVar(&meta.Title, "title", "", "headline")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: parley extract [flags] FILE|-\n\nPrints the facts of one report and stores nothing; - reads standard input.")
		fs.PrintDefaults()
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"extract: give one FILE, or - for standard input"}
	}
	if *format != "json" && *format != "text" {
		return usageError{fmt.Sprintf("extract: --format %q: want json or text", *format)}
	}
	if meta.Published != "" {
		if meta.Published, err = document.NormalizeDate(meta.Published); err != nil {
			return usageError{"--published: " + err.Error()}
		}
	}
	name := pos[0]
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(e.stdin, 64<<20))
		name = "stdin.txt"
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return err
	}
	items := document.Parse(name, data, meta)
	if len(items) != 1 {
		return fmt.Errorf("%s holds %d reports; extract reads one (use ingest for batches)", name, len(items))
	}
	if items[0].Err != nil {
		return items[0].Err
	}
	doc := items[0].Doc
	f := extract.New().Extract(extract.Input{Text: doc.Text, Published: doc.Published, Title: doc.Title})
	if *format == "text" {
		return printText(e.stdout, f)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(factsJSON(f, *explain))
}

// factsJSON is the machine-readable form of a report's facts, as
// ../shared/eval/score.py reads it: actors by id, evidence as exact substrings.
func factsJSON(f *graph.Facts, explain bool) map[string]any {
	rule := func(m map[string]any, srcs []graph.Source) map[string]any {
		if len(srcs) > 0 {
			m["evidence"] = srcs[0].Evidence
			if explain {
				m["rule"] = srcs[0].Rule
			}
		}
		return m
	}
	ents := []map[string]any{}
	for _, en := range f.Entities {
		m := map[string]any{"id": en.ID, "type": en.Type, "name": en.Name, "aliases": nonNil(en.Aliases)}
		if len(en.Titles) > 0 {
			m["titles"] = en.Titles
		}
		if en.Country != "" {
			m["country"] = en.Country
		}
		ents = append(ents, m)
	}
	meetings := []map[string]any{}
	for _, mt := range f.Meetings {
		roles := map[string]string{}
		for _, p := range mt.Participants {
			roles[p.EntityID] = string(p.Role)
		}
		var date any
		if !mt.Date.IsZero() {
			date = mt.Date.Value
		}
		var place any
		if mt.Place != "" {
			place = mt.Place
		}
		ids := []string{}
		for _, p := range mt.Participants {
			ids = append(ids, p.EntityID)
		}
		meetings = append(meetings, rule(map[string]any{"participants": ids, "roles": roles, "date": date,
			"place": place, "mode": mt.Mode, "status": mt.Status}, mt.Sources))
	}
	stmts := []map[string]any{}
	for _, s := range f.Statements {
		stmts = append(stmts, rule(map[string]any{"speaker": s.Speaker, "about": nonNil(s.About), "text": s.Text,
			"quoted": s.Quoted}, s.Sources))
	}
	sups := []map[string]any{}
	for _, s := range f.Supports {
		var by any
		if s.ClaimedBy != "" {
			by = s.ClaimedBy
		}
		sups = append(sups, rule(map[string]any{"supporter": s.Supporter, "supported": s.Supported, "claimed_by": by}, s.Sources))
	}
	return map[string]any{"entities": ents, "meetings": meetings, "statements": stmts, "supports": sups}
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// printText lists the facts for a person to read, with the rule of each.
func printText(w io.Writer, f *graph.Facts) error {
	names := map[string]string{}
	for _, en := range f.Entities {
		names[en.ID] = en.Name
	}
	n := func(ids ...string) string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = names[id]
		}
		return strings.Join(out, ", ")
	}
	fmt.Fprintf(w, "ACTORS (%d)\n", len(f.Entities))
	for _, en := range f.Entities {
		fmt.Fprintf(w, "  %-12s %s", en.Type, en.Name)
		if len(en.Aliases) > 0 {
			fmt.Fprintf(w, "  aka %s", strings.Join(en.Aliases, " | "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nMEETINGS (%d)\n", len(f.Meetings))
	for _, m := range f.Meetings {
		var ps []string
		for _, p := range m.Participants {
			ps = append(ps, names[p.EntityID]+" ("+string(p.Role)+")")
		}
		fmt.Fprintf(w, "  %s  date=%s place=%s mode=%s status=%s\n", strings.Join(ps, " + "), orDash(m.Date.Value), orDash(m.Place), m.Mode, m.Status)
		explainSources(w, m.Sources)
	}
	fmt.Fprintf(w, "\nSTATEMENTS (%d)\n", len(f.Statements))
	for _, s := range f.Statements {
		fmt.Fprintf(w, "  %s about [%s]: %q\n", names[s.Speaker], n(s.About...), s.Text)
		explainSources(w, s.Sources)
	}
	fmt.Fprintf(w, "\nSUPPORTS (%d)\n", len(f.Supports))
	for _, s := range f.Supports {
		fmt.Fprintf(w, "  %s -> %s", names[s.Supporter], names[s.Supported])
		if s.ClaimedBy != "" {
			fmt.Fprintf(w, "  (according to %s)", names[s.ClaimedBy])
		}
		fmt.Fprintln(w)
		explainSources(w, s.Sources)
	}
	return nil
}

func explainSources(w io.Writer, srcs []graph.Source) {
	for _, s := range srcs {
		fmt.Fprintf(w, "      rule %s: %q\n", s.Rule, s.Evidence)
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
