package graphtest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/parley/parley/graph"
)

func testLookup(t *testing.T, st graph.Store) {
	seed(t, st)
	for _, name := range []string{"Khamenei", "KHAMENEI", "ali khamenei", "The Leader", "ayatollah khamenei", khamenei.ID} {
		got, err := st.Lookup(ctx(t), name)
		if err != nil || len(got) != 1 || got[0].ID != khamenei.ID {
			t.Errorf("Lookup(%q) = %v, %v; want Khamenei", name, got, err)
		}
	}
	// Two actors sharing an alias: both come back, ordered by id.
	f := &graph.Facts{Entities: []graph.Entity{
		{ID: "person:ali-reza", Type: graph.Person, Name: "Ali Reza", Aliases: []string{"the Leader"}},
		{ID: "person:zed-leader", Type: graph.Person, Name: "Zed Leader", Aliases: []string{"the Leader"}},
	}}
	mustPut(t, st, report("Leaders", "", f), f)
	got, err := st.Lookup(ctx(t), "the leader")
	if err != nil || len(got) != 3 || got[0].ID != khamenei.ID && got[0].ID != "person:ali-reza" {
		t.Fatalf("Lookup(the leader) = %v, %v; want three actors", got, err)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].ID >= got[i].ID {
			t.Errorf("Lookup order %s before %s, want ids ascending", got[i-1].ID, got[i].ID)
		}
	}
}

func testEntitySearch(t *testing.T, st graph.Store) {
	seed(t, st)
	for _, tc := range []struct {
		q    string
		typ  graph.EntityType
		want []string
	}{
		{"khame", "", []string{khamenei.ID}},
		{"Ali", "", []string{khamenei.ID}},
		{"sudani", "", []string{sudani.ID}},     // a word of an alias
		{"the Americans", "", []string{usa.ID}}, // an alias
		{"ira", graph.Country, []string{iran.ID, iraq.ID}},
		{"ira", graph.Person, []string{raisi.ID, sudani.ID}}, // words of aliases: "Iranian", "Iraqi"
		{"hamas", "", []string{}},
		{"zzz", "", []string{}},
	} {
		got, err := st.Entities(ctx(t), graph.EntityFilter{Query: tc.q, Type: tc.typ})
		if err != nil {
			t.Fatalf("Entities(%q) = %v", tc.q, err)
		}
		var ids []string
		for _, e := range got.Items {
			ids = append(ids, e.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(tc.want) && !(len(ids) == 0 && len(tc.want) == 0) {
			t.Errorf("Entities(%q, %q) = %v, want %v", tc.q, tc.typ, ids, tc.want)
		}
	}
	// Ordered by name; pages cover everything once.
	var names []string
	cursor := ""
	for range 20 {
		page, err := st.Entities(ctx(t), graph.EntityFilter{Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Items {
			names = append(names, graph.Fold(e.Name))
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if len(names) != 8 {
		t.Errorf("paged through %d entities, want 8: %v", len(names), names)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] > names[i] {
			t.Errorf("entities out of order: %q before %q", names[i-1], names[i])
		}
	}
	if _, err := st.Entities(ctx(t), graph.EntityFilter{Type: "planet"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Entities(type planet) = %v, want ErrInvalid", err)
	}
}

// threeMeetings stores meetings of Khamenei on three dates of different precision, and one undated.
func threeMeetings(t *testing.T, st graph.Store) {
	t.Helper()
	f := &graph.Facts{
		Entities: []graph.Entity{khamenei, sudani, raisi, iran, iraq},
		Meetings: []graph.Meeting{
			meeting("2023-11-06", "Tehran", "Khamenei met al-Sudani in Tehran on 6 November 2023.", khamenei.ID, sudani.ID),
			meeting("2023-07", "", "Khamenei met Raisi in July 2023.", khamenei.ID, raisi.ID),
			meeting("2022", "Baghdad", "Al-Sudani met Raisi in Baghdad in 2022.", sudani.ID, raisi.ID),
			meeting("", "", "Khamenei once met the Iraqi government.", khamenei.ID, iraq.ID),
		},
	}
	mustPut(t, st, report("Meetings", "2023-12-01", f), f)
}

func testMeetingFilters(t *testing.T, st graph.Store) {
	threeMeetings(t, st)
	for _, tc := range []struct {
		name string
		f    graph.MeetingFilter
		want []string // dates of the meetings, in order
	}{
		{"All", graph.MeetingFilter{}, []string{"2023-11-06", "2023-07", "2022", ""}},
		{"OneParticipant", graph.MeetingFilter{Participants: []string{khamenei.ID}}, []string{"2023-11-06", "2023-07", ""}},
		{"TwoParticipants", graph.MeetingFilter{Participants: []string{raisi.ID, sudani.ID}}, []string{"2022"}},
		{"NoSuchPair", graph.MeetingFilter{Participants: []string{raisi.ID, iraq.ID}}, []string{}},
		{"FromDay", graph.MeetingFilter{From: "2023-11-06"}, []string{"2023-11-06"}},
		{"MonthOverlaps", graph.MeetingFilter{From: "2023-07-31", To: "2023-08-31"}, []string{"2023-07"}},
		{"YearOverlaps", graph.MeetingFilter{To: "2022-06-01"}, []string{"2022"}},
		{"Range", graph.MeetingFilter{Participants: []string{khamenei.ID}, From: "2023-01-01", To: "2023-12-31"}, []string{"2023-11-06", "2023-07"}},
		{"Place", graph.MeetingFilter{Place: "baghdad"}, []string{"2022"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := st.Meetings(ctx(t), tc.f)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, m := range page.Items {
				got = append(got, m.Date.Value)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("Meetings(%+v) dates = %q, want %q", tc.f, got, tc.want)
			}
		})
	}
	if _, err := st.Meetings(ctx(t), graph.MeetingFilter{From: "2023-02-30"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Meetings(from 2023-02-30) = %v, want ErrInvalid", err)
	}
	if _, err := st.Meetings(ctx(t), graph.MeetingFilter{From: "2024-01-01", To: "2023-01-01"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Meetings(from after to) = %v, want ErrInvalid", err)
	}
}

func testMeetingPagination(t *testing.T, st graph.Store) {
	f := &graph.Facts{Entities: []graph.Entity{khamenei, sudani}}
	for i := 1; i <= 9; i++ {
		// Two meetings share each of some days, to exercise ties.
		d := fmt.Sprintf("2023-01-%02d", (i+1)/2)
		f.Meetings = append(f.Meetings, meeting(d, "", fmt.Sprintf("They met, time %d.", i), khamenei.ID, sudani.ID))
		f.Meetings[len(f.Meetings)-1].Mode = []graph.Mode{graph.InPerson, graph.Phone}[i%2]
	}
	mustPut(t, st, report("Many meetings", "", f), f)
	all, err := st.Meetings(ctx(t), graph.MeetingFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var paged []graph.Meeting
	cursor := ""
	for range 20 {
		page, err := st.Meetings(ctx(t), graph.MeetingFilter{Participants: []string{sudani.ID}, Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page.Items...)
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if fmt.Sprint(meetingIDs(paged)) != fmt.Sprint(meetingIDs(all.Items)) {
		t.Errorf("paged ids %v, want %v", meetingIDs(paged), meetingIDs(all.Items))
	}
	for i := 1; i < len(all.Items); i++ {
		a, b := all.Items[i-1], all.Items[i]
		if a.Date.Value < b.Date.Value || a.Date.Value == b.Date.Value && a.ID < b.ID {
			t.Errorf("meeting %s (%s) before %s (%s): want newest first, ties by id descending", a.ID, a.Date, b.ID, b.Date)
		}
	}
}

func testPlanned(t *testing.T, st graph.Store) {
	f := &graph.Facts{Entities: []graph.Entity{khamenei, sudani}, Meetings: []graph.Meeting{
		meeting("2024-01-10", "", "Khamenei will meet al-Sudani next month.", khamenei.ID, sudani.ID),
	}}
	f.Meetings[0].Status = graph.Planned
	mustPut(t, st, report("Planned", "2023-12-10", f), f)
	page, err := st.Meetings(ctx(t), graph.MeetingFilter{})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("Meetings() = %v, %v; want no held meeting", meetingIDs(page.Items), err)
	}
	page, err = st.Meetings(ctx(t), graph.MeetingFilter{IncludePlanned: true})
	if err != nil || len(page.Items) != 1 || page.Items[0].Status != graph.Planned {
		t.Errorf("Meetings(IncludePlanned) = %+v, %v; want the planned meeting", page.Items, err)
	}
	paths, err := st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: sudani.ID})
	if err != nil || len(paths) != 0 {
		t.Errorf("Connections over a planned meeting = %v, %v; want none (no MET_WITH)", paths, err)
	}
}

func testStatements(t *testing.T, st graph.Store) {
	seed(t, st)
	page, err := st.Statements(ctx(t), graph.StatementFilter{Speaker: khamenei.ID})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("Statements(speaker Khamenei) = %+v, %v; want 1", page.Items, err)
	}
	s := page.Items[0]
	if s.Quoted || s.Date.Value != "2023-11-06" || fmt.Sprint(s.About) != fmt.Sprint(sortedStrings([]string{usa.ID, gaza.ID})) ||
		len(s.Sources) != 1 || s.Sources[0].Evidence == "" {
		t.Errorf("statement = %+v", s)
	}
	page, err = st.Statements(ctx(t), graph.StatementFilter{About: gaza.ID})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("Statements(about Gaza) = %d, %v; want 2", len(page.Items), err)
	}
	page, err = st.Statements(ctx(t), graph.StatementFilter{Speaker: sudani.ID, About: usa.ID})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("Statements(al-Sudani about US) = %d, %v; want 0", len(page.Items), err)
	}
	page, err = st.Statements(ctx(t), graph.StatementFilter{From: "2023-11-07"})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("Statements(from 2023-11-07) = %d, %v; want 0", len(page.Items), err)
	}

	// A statement about Gaza that a first report leaves undated and a
	// second dates: listed about Gaza by its date, newest first.
	said := "Gaza must be rebuilt."
	undated := &graph.Facts{Entities: []graph.Entity{raisi, gaza}, Statements: []graph.Statement{{
		Speaker: raisi.ID, About: []string{gaza.ID}, Text: said, Sources: src("Raisi said Gaza must be rebuilt."),
	}}}
	mustPut(t, st, report("Undated", "", undated), undated)
	dated := &graph.Facts{Entities: []graph.Entity{raisi, gaza}, Statements: []graph.Statement{{
		Speaker: raisi.ID, About: []string{gaza.ID}, Text: said, Date: day("2023-12-01"), Sources: src("On 1 December Raisi said Gaza must be rebuilt."),
	}}}
	mustPut(t, st, report("Dated", "2023-12-02", dated), dated)
	page, err = st.Statements(ctx(t), graph.StatementFilter{About: gaza.ID})
	if err != nil || len(page.Items) != 3 || page.Items[0].Text != said || page.Items[0].Date.Value != "2023-12-01" {
		t.Errorf("Statements(about Gaza) after a later report dates one = %+v, %v; want it first, on 2023-12-01", page.Items, err)
	}
	page, err = st.Statements(ctx(t), graph.StatementFilter{About: gaza.ID, From: "2023-11-15"})
	if err != nil || len(page.Items) != 1 || page.Items[0].Text != said {
		t.Errorf("Statements(about Gaza, from 2023-11-15) = %+v, %v; want the one dated 2023-12-01", page.Items, err)
	}
	first, err := st.Statements(ctx(t), graph.StatementFilter{About: gaza.ID, Limit: 2})
	if err != nil || len(first.Items) != 2 || first.Next == "" {
		t.Fatalf("Statements(about Gaza, limit 2) = %+v, %v; want 2 and a next page", first, err)
	}
	rest, err := st.Statements(ctx(t), graph.StatementFilter{About: gaza.ID, Limit: 2, Cursor: first.Next})
	if err != nil || len(rest.Items) != 1 || rest.Next != "" || rest.Items[0].ID == first.Items[1].ID {
		t.Errorf("Statements(about Gaza) second page = %+v, %v; want the last one", rest, err)
	}
}

func testSupports(t *testing.T, st graph.Store) {
	seed(t, st)
	page, err := st.Supports(ctx(t), graph.SupportFilter{Supporter: usa.ID})
	if err != nil || len(page.Items) != 1 || page.Items[0].Supported != "country:israel" || page.Items[0].ClaimedBy != khamenei.ID {
		t.Errorf("Supports(by US) = %+v, %v; want US -> Israel claimed by Khamenei", page.Items, err)
	}
	page, err = st.Supports(ctx(t), graph.SupportFilter{Supported: gaza.ID})
	if err != nil || len(page.Items) != 1 || page.Items[0].Supporter != iraq.ID || page.Items[0].ClaimedBy != "" {
		t.Errorf("Supports(of Gaza) = %+v, %v; want Iraq -> Gaza, unclaimed", page.Items, err)
	}
	page, err = st.Supports(ctx(t), graph.SupportFilter{})
	if err != nil || len(page.Items) != 2 || page.Items[0].ID > page.Items[1].ID {
		t.Errorf("Supports() = %+v, %v; want 2 by id", page.Items, err)
	}
}

func testConnections(t *testing.T, st graph.Store) {
	seed(t, st)
	// Seed: Khamenei -MET- Sudani -MET- Raisi; Khamenei -STATED_ABOUT- US, Gaza;
	// Iraq -SUPPORTS- Gaza; US -SUPPORTS- Israel.
	paths, err := st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: raisi.ID, MaxHops: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || fmt.Sprint(paths[0].Nodes) != fmt.Sprint([]string{khamenei.ID, sudani.ID, raisi.ID}) {
		t.Fatalf("Connections(Khamenei, Raisi) = %+v, want Khamenei-Sudani-Raisi", paths)
	}
	step := paths[0].Steps[0]
	if len(paths[0].Steps) != 2 || len(step.Links) != 1 || step.Links[0].Type != graph.MetWith ||
		step.Links[0].Date.Value != "2023-11-06" || step.Links[0].Source.Evidence == "" || step.Links[0].Source.ReportID == "" {
		t.Errorf("steps = %+v, want MET_WITH links with evidence", paths[0].Steps)
	}
	paths, err = st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: raisi.ID, MaxHops: 1})
	if err != nil || len(paths) != 0 {
		t.Errorf("Connections(max 1 hop) = %+v, %v; want none", paths, err)
	}
	// Iraq reaches Israel through Gaza? No: Iraq-Gaza-Khamenei-US-Israel is 4 hops.
	paths, err = st.Connections(ctx(t), graph.ConnectionQuery{From: iraq.ID, To: "country:israel", MaxHops: 4})
	if err != nil || len(paths) != 1 || len(paths[0].Nodes) != 5 {
		t.Fatalf("Connections(Iraq, Israel, 4) = %+v, %v; want one 4-hop path", paths, err)
	}
	last := paths[0].Steps[3].Links[0]
	if last.Type != graph.Supports || last.From != usa.ID || last.To != "country:israel" {
		t.Errorf("last link = %+v, want US SUPPORTS Israel in its own direction", last)
	}
	// Two shortest paths, ordered by their actor ids.
	f := &graph.Facts{Entities: []graph.Entity{khamenei, raisi, iraq}, Meetings: []graph.Meeting{
		meeting("2023-05-01", "", "Khamenei met the Iraqi government.", khamenei.ID, iraq.ID),
		meeting("2023-05-02", "", "Raisi met the Iraqi government.", raisi.ID, iraq.ID),
	}}
	mustPut(t, st, report("Second path", "", f), f)
	paths, err = st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: raisi.ID})
	if err != nil || len(paths) != 2 {
		t.Fatalf("Connections = %+v, %v; want two paths", paths, err)
	}
	if paths[0].Nodes[1] != iraq.ID || paths[1].Nodes[1] != sudani.ID {
		t.Errorf("paths via %s then %s, want via Iraq then Sudani (id order)", paths[0].Nodes[1], paths[1].Nodes[1])
	}
	paths, err = st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: raisi.ID, Limit: 1})
	if err != nil || len(paths) != 1 || paths[0].Nodes[1] != iraq.ID {
		t.Errorf("Connections(limit 1) = %+v, %v; want the first path only", paths, err)
	}
	for _, q := range []graph.ConnectionQuery{
		{From: khamenei.ID, To: raisi.ID, MaxHops: graph.MaxHops + 1},
		{From: khamenei.ID, To: raisi.ID, MaxHops: -1},
		{From: khamenei.ID, To: ""},
	} {
		if _, err := st.Connections(ctx(t), q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Connections(%+v) = %v, want ErrInvalid", q, err)
		}
	}
}

func testTimeline(t *testing.T, st graph.Store) {
	seed(t, st)
	threeMeetings(t, st)
	page, err := st.Timeline(ctx(t), graph.TimelineFilter{Entity: khamenei.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range page.Items {
		got = append(got, ev.Kind+"@"+ev.Date.Value)
		if (ev.Kind == "meeting") != (ev.Meeting != nil) || (ev.Kind == "statement") != (ev.Statement != nil) {
			t.Errorf("event %+v: kind and body disagree", ev)
		}
	}
	// The seed meeting and the threeMeetings one on 2023-11-06 are one meeting.
	want := []string{"meeting@2023-07", "meeting@2023-11-06", "statement@2023-11-06"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Timeline(Khamenei) = %v, want %v", got, want)
	}
	page, err = st.Timeline(ctx(t), graph.TimelineFilter{Entity: khamenei.ID, From: "2023-08-01", Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Next == "" {
		t.Fatalf("Timeline(from August, limit 1) = %+v, %v; want one event and a next page", page, err)
	}
	page, err = st.Timeline(ctx(t), graph.TimelineFilter{Entity: khamenei.ID, From: "2023-08-01", Limit: 1, Cursor: page.Next})
	if err != nil || len(page.Items) != 1 || page.Next != "" {
		t.Errorf("Timeline page 2 = %+v, %v; want the last event", page, err)
	}
	if _, err := st.Timeline(ctx(t), graph.TimelineFilter{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Timeline(no entity) = %v, want ErrInvalid", err)
	}
}

func testDeleteReport(t *testing.T, st graph.Store) {
	r1, _ := seed(t, st)
	f := &graph.Facts{
		Entities: []graph.Entity{
			{ID: khamenei.ID, Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"Sayyid Ali"}},
			{ID: sudani.ID, Type: graph.Person, Name: "Mohammed Shia al-Sudani"},
			hamas,
		},
		Meetings: []graph.Meeting{meeting("2023-11-06", "", "Khamenei met Sudani on 6 November.", khamenei.ID, sudani.ID)},
		Supports: []graph.Support{{Supporter: khamenei.ID, Supported: hamas.ID, Sources: src("Khamenei backs Hamas.")}},
	}
	r2 := report("Other", "2023-11-08", f)
	mustPut(t, st, r2, f)
	if err := st.DeleteReport(ctx(t), r1.ID); err != nil {
		t.Fatalf("DeleteReport = %v", err)
	}
	if _, err := st.Report(ctx(t), r1.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Report(deleted) = %v, want ErrNotFound", err)
	}
	ms, err := st.Meetings(ctx(t), graph.MeetingFilter{})
	if err != nil || len(ms.Items) != 1 || len(ms.Items[0].Sources) != 1 || ms.Items[0].Sources[0].ReportID != r2.ID {
		t.Fatalf("Meetings after delete = %+v, %v; want the shared meeting with r2 as its only source", ms.Items, err)
	}
	if _, err := st.Entity(ctx(t), raisi.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Entity(Raisi) after delete = %v, want ErrNotFound (only the deleted report named him)", err)
	}
	e, err := st.Entity(ctx(t), khamenei.ID)
	if err != nil {
		t.Fatal(err)
	}
	if contains(e.Aliases, "the Leader") || !contains(e.Aliases, "Sayyid Ali") {
		t.Errorf("aliases after delete = %v, want only the remaining report's", e.Aliases)
	}
	if len(e.Titles) != 0 {
		t.Errorf("titles after delete = %+v, want none (only the deleted report gave one)", e.Titles)
	}
	for q, want := range map[string]bool{"leader": false, "sayyid": true, "ali": true, "ayatollah": false} {
		page, err := st.Entities(ctx(t), graph.EntityFilter{Query: q, Type: graph.Person})
		if err != nil {
			t.Fatal(err)
		}
		if got := contains(entityIDs(page.Items), khamenei.ID); got != want {
			t.Errorf("search %q after delete finds Khamenei: %v, want %v", q, got, want)
		}
	}
	if got, err := st.Lookup(ctx(t), "Ali Khamenei"); err != nil || len(got) != 1 {
		t.Errorf("Lookup(a name both reports gave) after delete = %v, %v; want Khamenei", got, err)
	}
	ss, err := st.Statements(ctx(t), graph.StatementFilter{})
	if err != nil || len(ss.Items) != 0 {
		t.Errorf("Statements after delete = %d, %v; want 0", len(ss.Items), err)
	}
	ps, err := st.Supports(ctx(t), graph.SupportFilter{})
	if err != nil || len(ps.Items) != 1 || ps.Items[0].Supported != hamas.ID {
		t.Errorf("Supports after delete = %+v, %v; want Khamenei -> Hamas only", ps.Items, err)
	}
	if err := st.DeleteReport(ctx(t), r1.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("DeleteReport twice = %v, want ErrNotFound", err)
	}
}

func testBadInput(t *testing.T, st graph.Store) {
	seed(t, st)
	for _, lim := range []int{-1, graph.MaxLimit + 1} {
		if _, err := st.Meetings(ctx(t), graph.MeetingFilter{Limit: lim}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Meetings(limit %d) = %v, want ErrInvalid", lim, err)
		}
		if _, err := st.Entities(ctx(t), graph.EntityFilter{Limit: lim}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Entities(limit %d) = %v, want ErrInvalid", lim, err)
		}
	}
	for _, c := range []string{"garbage", "e30", "!!!"} {
		if _, err := st.Meetings(ctx(t), graph.MeetingFilter{Cursor: c}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Meetings(cursor %q) = %v, want ErrInvalid", c, err)
		}
		if _, err := st.Statements(ctx(t), graph.StatementFilter{Cursor: c}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Statements(cursor %q) = %v, want ErrInvalid", c, err)
		}
	}
	// Names are data, never query text.
	for _, name := range []string{`' OR 1=1 --`, `"}) MATCH (n) DETACH DELETE n //`, `%`, `_`, `\`} {
		got, err := st.Lookup(ctx(t), name)
		if err != nil || len(got) != 0 {
			t.Errorf("Lookup(%q) = %v, %v; want nothing", name, got, err)
		}
		page, err := st.Entities(ctx(t), graph.EntityFilter{Query: name})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("Entities(%q) = %d, %v; want nothing", name, len(page.Items), err)
		}
	}
	if e, err := st.Entity(ctx(t), khamenei.ID); err != nil || e.Name != "Ali Khamenei" {
		t.Errorf("after hostile names: Entity = %v, %v", e, err)
	}
}

func testConcurrent(t *testing.T, st graph.Store) {
	const writers = 8
	errs := make(chan error, writers)
	for i := range writers {
		go func() {
			f := &graph.Facts{
				Entities: []graph.Entity{khamenei, sudani, {ID: fmt.Sprintf("person:writer-%d", i), Type: graph.Person, Name: fmt.Sprintf("Writer %d", i)}},
				Meetings: []graph.Meeting{
					meeting("2023-11-06", "", fmt.Sprintf("Report %d: Khamenei met al-Sudani on November 6.", i), khamenei.ID, sudani.ID),
					meeting("2023-11-07", "", fmt.Sprintf("Report %d: Writer met Khamenei.", i), khamenei.ID, fmt.Sprintf("person:writer-%d", i)),
				},
			}
			_, err := st.PutReport(t.Context(), report(fmt.Sprintf("Concurrent %d", i), "", f), f)
			errs <- err
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Errorf("concurrent PutReport = %v", err)
		}
	}
	page, err := st.Meetings(ctx(t), graph.MeetingFilter{Participants: []string{sudani.ID}})
	if err != nil || len(page.Items) != 1 || len(page.Items[0].Sources) != writers {
		t.Errorf("shared meeting: %d meetings, %v; want 1 with %d sources", len(page.Items), err, writers)
	}
	ents, err := st.Entities(ctx(t), graph.EntityFilter{Query: "khamenei"})
	if err != nil || len(ents.Items) != 1 {
		t.Errorf("Entities(khamenei) = %d, %v; want exactly 1", len(ents.Items), err)
	}
	all, err := st.Meetings(ctx(t), graph.MeetingFilter{})
	if err != nil || len(all.Items) != writers+1 {
		t.Errorf("all meetings = %d, %v; want %d", len(all.Items), err, writers+1)
	}
}
