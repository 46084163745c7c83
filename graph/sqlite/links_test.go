package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
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
	steps, links, _, err := s.stepLinks(ctx, adj, seqs)
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string][]graph.Link, len(steps))
	for k, st := range steps {
		out[[2]string{adj.ids[st>>32], adj.ids[uint32(st)]}] = links[k]
	}
	return out, nil
}

// TestConnectionsInOlderSnapshot: a request's snapshot may be of an older
// version than the adjacency, which is always the newest. Where a step's
// links are read by SQL, they must then be read outside the snapshot, not
// from a graph that does not hold the step yet (a step with no link).
func TestConnectionsInOlderSnapshot(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ann := graph.Entity{ID: "person:ann-a", Type: graph.Person, Name: "Ann A"}
	bob := graph.Entity{ID: "person:bob-b", Type: graph.Person, Name: "Bob B"}
	cy := graph.Entity{ID: "person:cy-c", Type: graph.Person, Name: "Cy C"}
	put := func(text string, a, b graph.Entity) {
		t.Helper()
		f := &graph.Facts{Entities: []graph.Entity{a, b}, Meetings: []graph.Meeting{{
			Participants: []graph.Attendee{{EntityID: a.ID, Role: graph.Host}, {EntityID: b.ID, Role: graph.Guest}},
			Date:         graph.Date{Value: "2024-01-02", Precision: graph.Day},
			Sources:      []graph.Source{{Evidence: text}},
		}}}
		if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(text), Text: text}, f); err != nil {
			t.Fatal(err)
		}
	}
	put("Ann A met Cy C.", ann, cy)
	snap, end, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer end()
	if _, err := st.Reports(snap, graph.ReportFilter{}); err != nil { // the snapshot's transaction begins
		t.Fatal(err)
	}
	put("Ann A met Bob B.", ann, bob)
	adj, err := st.adjacency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// As in a graph whose evidence outgrew what the adjacency keeps: every
	// meeting's links are read by SQL.
	for m := range adj.meets {
		adj.meets[m].src = srcRef{report: notKept}
	}
	paths, err := st.Connections(snap, graph.ConnectionQuery{From: ann.ID, To: bob.ID, MaxHops: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || len(paths[0].Steps) != 1 || len(paths[0].Steps[0].Links) != 1 {
		t.Fatalf("Connections(%s, %s) in a snapshot older than the meeting = %+v; want one step with its meeting", ann.ID, bob.ID, paths)
	}
	if l := paths[0].Steps[0].Links[0]; l.Type != graph.MetWith || l.Source.Evidence != "Ann A met Bob B." {
		t.Errorf("the step's link = %+v, want the meeting with its source", l)
	}
}
