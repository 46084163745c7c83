package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/parley/parley/graph"
)

// TestPathLinksTiedStatements checks the statements and supports of a step,
// read from the pair's lists in the adjacency, against SQL alone where the
// lists must be cut: more than MaxLinks statements tied on one day (the
// newest by fact id), undated ones, and more than MaxLinks supports either
// way (the first by id, for a pair that has nothing else).
func TestPathLinksTiedStatements(t *testing.T) {
	ctx := context.Background()
	st, _, ids := tiedGraph(t)
	ann, bob := ids[0], ids[1]
	eve, fay := "person:eve-e", "person:fay-f" // only supports
	var f graph.Facts
	for _, id := range append(ids, eve, fay) {
		f.Entities = append(f.Entities, graph.Entity{ID: id, Type: graph.Person, Name: id})
	}
	day := graph.Date{Value: "2021-05-04", Precision: graph.Day}
	for i := range 9 {
		speaker, about, date := ann, bob, day
		switch {
		case i >= 7:
			date = graph.Date{}
		case i >= 5:
			speaker, about, date = bob, ann, graph.Date{Value: "2021-05", Precision: graph.Month}
		}
		text := fmt.Sprintf("Statement %d.", i)
		f.Statements = append(f.Statements, graph.Statement{ID: graph.StatementID(speaker, text), Speaker: speaker,
			About: []string{about}, Text: text, Date: date, Sources: []graph.Source{{Evidence: text}}})
	}
	for _, claimed := range []string{"", ids[2], ids[3]} {
		for _, p := range [][2]string{{ann, bob}, {bob, ann}, {eve, fay}, {fay, eve}} {
			f.Supports = append(f.Supports, graph.Support{ID: graph.SupportID(p[0], p[1], claimed), Supporter: p[0],
				Supported: p[1], ClaimedBy: claimed, Sources: []graph.Source{{Evidence: "Support " + claimed}}})
		}
	}
	text := "Report of statements."
	if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(text), Text: text}, &f); err != nil {
		t.Fatal(err)
	}
	adj, err := st.adjacency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stated, supports := adj.pairFacts(adj.index[ann], adj.index[bob]); len(stated) < 9 || len(supports) < 6 {
		t.Fatalf("the pair's lists: %d statements, %d supports", len(stated), len(supports))
	}
	if _, supports := adj.pairFacts(adj.index[eve], adj.index[fay]); len(supports) < 6 {
		t.Fatalf("the pair's lists: %d supports", len(supports))
	}
	paths := []graph.Path{{Nodes: []string{ann, bob}}, {Nodes: []string{bob, ann}}, {Nodes: []string{fay, eve}}}
	linksMatchSQL(t, st, adj, paths)
}

// pathLinks is stepLinks over paths of actor ids, by step (from, to): what
// the tests compare with SQL.
func (s *Store) pathLinks(ctx context.Context, adj *adjacency, paths []graph.Path) (map[[2]string][]graph.Link, error) {
	seqs := make([][]int32, len(paths))
	for i, p := range paths {
		for _, id := range p.Nodes {
			seqs[i] = append(seqs[i], adj.index[id])
		}
	}
	steps, links, err := s.stepLinks(ctx, adj, seqs)
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string][]graph.Link, len(steps))
	for k, st := range steps {
		out[[2]string{adj.ids[st>>32], adj.ids[uint32(st)]}] = links[k]
	}
	return out, nil
}
