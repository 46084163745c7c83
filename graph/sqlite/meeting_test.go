package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/graph"
)

// tiedGraph is a generated graph with, besides, meetings made to tie: Ann
// and Bob meet on the same day in four line-ups (one of them told by five
// reports), in the same month in five reports, in the same year, on no
// known day, and plan one.
func tiedGraph(t *testing.T) (*Store, synth.Graph, []string) {
	ctx := context.Background()
	st, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := synth.Graph{Seed: 5, Meetings: 3000, Actors: 40, PerBatch: 100}
	if err := g.Write(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	ids := []string{"person:ann-a", "person:bob-b", "person:cy-c", "person:di-d"}
	var ents []graph.Entity
	for i, id := range ids {
		ents = append(ents, graph.Entity{ID: id, Type: graph.Person, Name: fmt.Sprintf("%c %c", 'A'+i, 'A'+i)})
	}
	meet := func(date graph.Date, status graph.Status, who ...int) graph.Meeting {
		m := graph.Meeting{Date: date, Mode: graph.InPerson, Status: status}
		for _, w := range who {
			m.Participants = append(m.Participants, graph.Attendee{EntityID: ids[w], Role: graph.Participant})
		}
		return m
	}
	day, month := graph.Date{Value: "2020-03-01", Precision: graph.Day}, graph.Date{Value: "2020-03", Precision: graph.Month}
	for r := range 5 {
		f := &graph.Facts{Entities: ents, Meetings: []graph.Meeting{meet(month, graph.Held, 0, 1), meet(day, graph.Held, 0, 1)}}
		if r == 0 {
			f.Meetings = append(f.Meetings,
				meet(day, graph.Held, 0, 1, 2), meet(day, graph.Held, 0, 1, 3),
				meet(day, graph.Held, 0, 1, 2, 3), meet(graph.Date{Value: "2020", Precision: graph.Year}, graph.Held, 0, 1),
				meet(graph.Date{}, graph.Held, 0, 1), meet(day, graph.Planned, 0, 1), meet(day, graph.Held, 2, 3))
		}
		for i := range f.Meetings {
			f.Meetings[i].Sources = []graph.Source{{Evidence: fmt.Sprintf("They met (%d, %d).", 5-r, i)}}
		}
		text := fmt.Sprintf("Report %d.", r)
		if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(text), Text: text}, f); err != nil {
			t.Fatal(err)
		}
	}
	return st, g, ids
}

// TestCommonMeetingsMatchSQL checks that the meetings of one actor or several
// answered from the adjacency in memory are, page after page, those the SQL
// gives: the same meetings in the same order, and the same cursors, with
// and without a date range, on a generated graph and on meetings made to
// tie (several on one day, vague dates, none), planned and undated ones.
func TestCommonMeetingsMatchSQL(t *testing.T) {
	ctx := context.Background()
	st, g, ids := tiedGraph(t)
	adj, err := st.adjacency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	groups := [][]string{ids[:2], {ids[1], ids[0]}, ids[:3], {ids[2], ids[3]}, {ids[0], "person:nobody"},
		ids[:1], ids[1:2], ids[3:4], {"person:nobody"}}
	for _, p := range g.Sample(30, 9) {
		groups = append(groups, []string{p.A, p.B}, []string{p.A})
	}
	ranges := [][2]string{{"", ""}, {"2020-02-15", "2020-03-01"}, {"2010-01-01", ""}, {"", "2005-06-30"}, {"2020-03-02", "2020-12-31"}}
	for _, who := range groups {
		for _, r := range ranges {
			for _, limit := range []int{1, 3, 50} {
				f := graph.MeetingFilter{Participants: who, From: r[0], To: r[1], Limit: limit}
				for page := 0; ; page++ {
					want, lim, cur := sqlMeetings(t, st, f)
					got, ok, err := st.commonMeetings(ctx, adj, f, lim, cur)
					if err != nil || !ok {
						t.Fatalf("%v page %d: in memory: ok %v, %v", f, page, ok, err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%v page %d: in memory\n%+v\nSQL\n%+v", f, page, got, want)
					}
					if want.Next == "" || page > 20 {
						break
					}
					f.Cursor = want.Next
				}
			}
		}
	}
	// The tied day of Ann and Bob, read a meeting a page.
	page, err := st.Meetings(ctx, graph.MeetingFilter{Participants: ids[:2], From: "2020-03-01", To: "2020-03-01", Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Next == "" {
		t.Fatalf("a tied day: %+v, %v", page, err)
	}
}

// otherLinksSQL lists the SUPPORTS and STATED_ABOUT facts between two
// actors (?1, ?2), newest first, with their first sources; the MET_WITH ones
// come from metWithSQL. Connections
// reads them by kind; this one query is what it must match. Statements of one about the other are the
// intersection of two index scans (what one said, what was said about the
// other), not a seek per row.
const otherLinksSQL = `
	SELECT * FROM (
	  SELECT 'SUPPORTS' AS type, p.id AS id, p.supporter_id AS f, p.supported_id AS t, '' AS date, '' AS prec, '' AS day,` + supportSourceCols + `
	  FROM supports p
	  WHERE (p.supporter_id = ?1 AND p.supported_id = ?2) OR (p.supporter_id = ?2 AND p.supported_id = ?1)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?2, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?1 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?2)
	  UNION ALL
	  SELECT 'STATED_ABOUT', s.id, s.speaker_id, ?1, COALESCE(s.date, ''), COALESCE(d.precision, ''), s.first_day,` + statementSourceCols + `
	  FROM statements s LEFT JOIN dates d ON d.id = s.date
	  WHERE s.id IN (SELECT id FROM statements WHERE speaker_id = ?2 INTERSECT SELECT statement_id FROM about WHERE entity_id = ?1)
	) ORDER BY day DESC, id LIMIT ?3`

// TestPathLinksMatchSQL checks that the facts of the steps of paths, read
// for all steps at once by the rowids the adjacency keeps, are those SQL
// alone gives, pair by pair: the newest, ties of a day by fact id, each
// with its first source.
func TestPathLinksMatchSQL(t *testing.T) {
	ctx := context.Background()
	st, _, _ := tiedGraph(t)
	adj, err := st.adjacency(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var paths []graph.Path
	for i := range int32(len(adj.ids)) {
		for _, j := range adj.neighbours(i) {
			paths = append(paths, graph.Path{Nodes: []string{adj.ids[i], adj.ids[j]}})
		}
	}
	if got := linksMatchSQL(t, st, adj, paths); got < 100 {
		t.Errorf("%d pairs", got)
	}
}

// linksMatchSQL checks that pathLinks, from the adjacency's lists, gives
// every step of paths the links the SQL path reads; it returns how many
// pairs it compared.
func linksMatchSQL(t *testing.T, st *Store, adj *adjacency, paths []graph.Path) int {
	t.Helper()
	ctx := t.Context()
	got, err := st.pathLinks(ctx, adj, paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		from, to := p.Nodes[0], p.Nodes[1]
		met, err := st.metLinks(ctx, from, to, false)
		if err != nil {
			t.Fatal(err)
		}
		other, err := st.otherLinks(ctx, met, otherLinksSQL, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if want := newest(nil, other); !reflect.DeepEqual(got[[2]string{from, to}], want) {
			t.Fatalf("%s to %s: from memory\n%+v\nSQL\n%+v", from, to, got[[2]string{from, to}], want)
		}
	}
	return len(got)
}

// TestActorMeetingsSeeWrites checks that a list of an actor's meetings
// answered from the adjacency in memory shows a meeting written after the
// adjacency was read (the list goes to SQL until it is read again), and,
// once it is, the new meeting's participants, roles and sources as SQL
// gives them.
func TestActorMeetingsSeeWrites(t *testing.T) {
	ctx := context.Background()
	st, _, ids := tiedGraph(t)
	if _, err := st.adjacency(ctx); err != nil {
		t.Fatal(err)
	}
	f := graph.MeetingFilter{Participants: ids[:1], From: "2029-01-01", Limit: 5}
	before, err := st.Meetings(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	m := graph.Meeting{Date: graph.Date{Value: "2030-01-02", Precision: graph.Day}, Place: "Oslo", Mode: graph.Video, Status: graph.Held,
		Participants: []graph.Attendee{{EntityID: ids[0], Role: graph.Host}, {EntityID: ids[2], Role: graph.Guest}},
		Sources:      []graph.Source{{Evidence: "Ann hosted Cy in Oslo."}}}
	ents := []graph.Entity{{ID: ids[0], Type: graph.Person, Name: "A A"}, {ID: ids[2], Type: graph.Person, Name: "C C"}}
	text := "A report of a meeting in 2030."
	if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(text), Text: text}, &graph.Facts{Entities: ents, Meetings: []graph.Meeting{m}}); err != nil {
		t.Fatal(err)
	}
	want, lim, cur := sqlMeetings(t, st, f)
	if len(want.Items) != len(before.Items)+1 || want.Items[0].Place != "Oslo" {
		t.Fatalf("SQL after the write: %+v (before: %+v)", want, before)
	}
	if adj, err := st.currentAdjacency(ctx); adj != nil || err != nil {
		t.Fatalf("the adjacency of before the write is current: %v", err)
	}
	got, err := st.Meetings(ctx, f)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after the write: %+v, %v; want %+v", got, err, want)
	}
	adj, err := st.adjacency(ctx) // the graph as it is now
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := st.commonMeetings(ctx, adj, f, lim, cur)
	if err != nil || !ok || !reflect.DeepEqual(got, want) {
		t.Fatalf("in memory once read again: ok %v, %+v, %v; want %+v", ok, got, err, want)
	}
}

// TestDayKeyAsTimeParse checks that dayKey accepts the days time.Parse
// does, and that earliestDay is earliestFirstDay, on every day of 1999-2029
// and on strings that are not days.
func TestDayKeyAsTimeParse(t *testing.T) {
	for d := time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2030; d = d.AddDate(0, 0, 1) {
		s := d.Format(time.DateOnly)
		n, ok := dayKey(s)
		if !ok || dayString(n) != s {
			t.Fatalf("dayKey(%q) = %d, %v", s, n, ok)
		}
		if got, want := dayString(earliestDay(n)), earliestFirstDay(s); got != want {
			t.Fatalf("earliestDay(%d) = %s, want %s", n, got, want)
		}
	}
	for _, s := range []string{"2023-02-29", "2024-02-30", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
		"2023-1-01", "2023/01/01", "20230101", "2023-01-0a", "+023-01-01", "2023-01-011", " 2023-01-01", "0000-01-01", "9999-12-31"} {
		_, err := time.Parse(time.DateOnly, s)
		if _, ok := dayKey(s); ok != (err == nil) {
			t.Errorf("dayKey(%q) ok = %v, time.Parse err = %v", s, ok, err)
		}
	}
}

// sqlMeetings is the page of meetings f asks for as SQL alone answers it,
// with the limit and cursor f.Check gives, for the path from memory to be
// asked the same.
func sqlMeetings(t *testing.T, st *Store, f graph.MeetingFilter) (graph.Page[graph.Meeting], int, []string) {
	t.Helper()
	lim, cur, err := f.Check()
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.meetingsSQL(context.Background(), f, lim, cur)
	if err != nil {
		t.Fatal(err)
	}
	return want, lim, cur
}
