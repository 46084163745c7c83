package graphtest

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/parley/parley/graph"
)

func testReportRoundTrip(t *testing.T, st graph.Store) {
	r, f := seed(t, st)
	got, err := st.Report(ctx(t), r.ID)
	if err != nil {
		t.Fatalf("Report(%q) = %v", r.ID, err)
	}
	if got.Report.ID != r.ID || got.Report.Text != r.Text || got.Report.Title != r.Title ||
		got.Report.Published != "2023-11-07" || got.Report.URL != r.URL || got.Report.Source != "test" {
		t.Errorf("Report(%q).Report = %+v, want the stored report", r.ID, got.Report)
	}
	if got.Report.IngestedAt.IsZero() {
		t.Errorf("Report(%q).IngestedAt is zero", r.ID)
	}
	if len(got.Facts.Meetings) != 2 || len(got.Facts.Statements) != 2 || len(got.Facts.Supports) != 2 {
		t.Fatalf("Report(%q) facts = %d meetings, %d statements, %d supports; want 2, 2, 2",
			r.ID, len(got.Facts.Meetings), len(got.Facts.Statements), len(got.Facts.Supports))
	}
	if len(got.Facts.Entities) != len(f.Entities) {
		t.Errorf("Report(%q) has %d entities, want %d", r.ID, len(got.Facts.Entities), len(f.Entities))
	}
	var dated *graph.Meeting
	for i := range got.Facts.Meetings {
		if got.Facts.Meetings[i].Date.Value == "2023-11-06" {
			dated = &got.Facts.Meetings[i]
		}
	}
	if dated == nil {
		t.Fatalf("no meeting dated 2023-11-06 in %+v", got.Facts.Meetings)
	}
	if dated.Date.Precision != graph.Day || dated.Place != "Tehran" || dated.Mode != graph.InPerson || dated.Status != graph.Held {
		t.Errorf("meeting = %+v, want day precision, Tehran, in person, held", dated)
	}
	if want := fmt.Sprint(sortedStrings([]string{khamenei.ID, sudani.ID})); participantsOf(*dated) != want {
		t.Errorf("participants = %v, want %v", participantsOf(*dated), want)
	}
	for _, p := range dated.Participants {
		want := map[string]graph.Role{khamenei.ID: graph.Host, sudani.ID: graph.Guest}[p.EntityID]
		if p.Role != want {
			t.Errorf("role of %s = %q, want %q", p.EntityID, p.Role, want)
		}
	}
	if len(dated.Sources) != 1 || dated.Sources[0].ReportID != r.ID || dated.Sources[0].Rule != "test" ||
		dated.Sources[0].Evidence != f.Meetings[0].Sources[0].Evidence {
		t.Errorf("sources = %+v, want the report and its evidence", dated.Sources)
	}
	var claimed bool
	for _, s := range got.Facts.Supports {
		if s.ClaimedBy == khamenei.ID && s.Supporter == usa.ID {
			claimed = true
		}
	}
	if !claimed {
		t.Errorf("supports = %+v, want US -> Israel claimed by Khamenei", got.Facts.Supports)
	}
	e, err := st.Entity(ctx(t), khamenei.ID)
	if err != nil {
		t.Fatalf("Entity(%q) = %v", khamenei.ID, err)
	}
	if e.Name != "Ali Khamenei" || e.Type != graph.Person || e.Country != "country:iran" ||
		!contains(e.Aliases, "the Leader") || !contains(graph.TitleNames(e.Titles), "Supreme Leader") {
		t.Errorf("Entity(%q) = %+v", khamenei.ID, e)
	}
	if contains(e.Aliases, e.Name) {
		t.Errorf("Entity(%q).Aliases %v repeat the name", khamenei.ID, e.Aliases)
	}
}

func testReportTwice(t *testing.T, st graph.Store) {
	r, _ := seed(t, st)
	res := mustPut(t, st, r, seedFactsWithIsrael())
	if res.Created || res.ReportID != r.ID {
		t.Errorf("second PutReport = %+v, want Created false and the same id", res)
	}
	page, err := st.Meetings(ctx(t), graph.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 {
		t.Errorf("after two puts: %d meetings, want 2", len(page.Items))
	}
	for _, m := range page.Items {
		if len(m.Sources) != 1 {
			t.Errorf("meeting %s has %d sources, want 1", m.ID, len(m.Sources))
		}
	}
	reports, err := st.Reports(ctx(t), graph.ReportFilter{})
	if err != nil || len(reports.Items) != 1 {
		t.Errorf("Reports = %d, %v; want 1 report", len(reports.Items), err)
	}
}

func seedFactsWithIsrael() *graph.Facts {
	f := seedFacts()
	f.Entities = append(f.Entities, graph.Entity{ID: "country:israel", Type: graph.Country, Name: "Israel", Aliases: []string{"the Israel regime"}})
	return f
}

func testInvalidReport(t *testing.T, st graph.Store) {
	for _, tc := range []struct {
		name   string
		break_ func(r *graph.Report, f *graph.Facts)
	}{
		{"ErrUnknownEntity", func(r *graph.Report, f *graph.Facts) { f.Entities = f.Entities[:1] }},
		{"ErrOneParticipant", func(r *graph.Report, f *graph.Facts) { f.Meetings[0].Participants = f.Meetings[0].Participants[:1] }},
		{"ErrNoEvidence", func(r *graph.Report, f *graph.Facts) { f.Statements[0].Sources[0].Evidence = "" }},
		{"ErrIDMismatch", func(r *graph.Report, f *graph.Facts) { r.ID = graph.ReportID("other") }},
		{"ErrBadPublished", func(r *graph.Report, f *graph.Facts) { r.Published = "2023-02-30" }},
		{"ErrBadDate", func(r *graph.Report, f *graph.Facts) {
			f.Meetings[0].Date = graph.Date{Value: "2023-13-01", Precision: graph.Day}
		}},
		{"ErrSelfSupport", func(r *graph.Report, f *graph.Facts) { f.Supports[0].Supported = f.Supports[0].Supporter }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := seedFactsWithIsrael()
			r := report("Invalid "+tc.name, "2023-11-07", f)
			tc.break_(r, f)
			_, err := st.PutReport(ctx(t), r, f)
			if !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("PutReport = %v, want ErrInvalid", err)
			}
		})
	}
	reports, err := st.Reports(ctx(t), graph.ReportFilter{})
	if err != nil || len(reports.Items) != 0 {
		t.Errorf("after invalid puts: Reports = %d, %v; want none", len(reports.Items), err)
	}
	ents, err := st.Entities(ctx(t), graph.EntityFilter{})
	if err != nil || len(ents.Items) != 0 {
		t.Errorf("after invalid puts: Entities = %d, %v; want none", len(ents.Items), err)
	}
	ms, err := st.Meetings(ctx(t), graph.MeetingFilter{IncludePlanned: true})
	if err != nil || len(ms.Items) != 0 {
		t.Errorf("after invalid puts: Meetings = %d, %v; want none", len(ms.Items), err)
	}
}

func testMissing(t *testing.T, st graph.Store) {
	seed(t, st)
	if _, err := st.Report(ctx(t), graph.ReportID("absent")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Report(absent) = %v, want ErrNotFound", err)
	}
	if err := st.DeleteReport(ctx(t), graph.ReportID("absent")); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("DeleteReport(absent) = %v, want ErrNotFound", err)
	}
	if _, err := st.Entity(ctx(t), "person:nobody"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Entity(absent) = %v, want ErrNotFound", err)
	}
	if _, err := st.Connections(ctx(t), graph.ConnectionQuery{From: khamenei.ID, To: "person:nobody"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Connections(to absent) = %v, want ErrNotFound", err)
	}
	got, err := st.EntitiesByID(ctx(t), []string{khamenei.ID, "person:nobody"})
	if err != nil || len(got) != 1 {
		t.Errorf("EntitiesByID(one stored, one absent) = %d, %v; want 1", len(got), err)
	}
	if ls, err := st.Lookup(ctx(t), "Nobody At All"); err != nil || len(ls) != 0 {
		t.Errorf("Lookup(unknown) = %v, %v; want empty", ls, err)
	}
}

func testSameMeetingTwoReports(t *testing.T, st graph.Store) {
	r1, _ := seed(t, st)
	f := &graph.Facts{
		Entities: []graph.Entity{
			{ID: khamenei.ID, Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"Ayatollah Ali Khamenei"}},
			{ID: sudani.ID, Type: graph.Person, Name: "Mohammed Shia al-Sudani", Aliases: []string{"Sudani"}},
		},
		Meetings: []graph.Meeting{meeting("2023-11-06", "", "Ayatollah Ali Khamenei received Sudani in Tehran on Monday.", sudani.ID, khamenei.ID)},
	}
	r2 := report("Second account", "2023-11-06", f)
	if res := mustPut(t, st, r2, f); !res.Created {
		t.Fatalf("PutReport(second) = %+v, want created", res)
	}
	page, err := st.Meetings(ctx(t), graph.MeetingFilter{Participants: []string{khamenei.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("meetings of Khamenei = %v, want one", meetingIDs(page.Items))
	}
	m := page.Items[0]
	if len(m.Sources) != 2 {
		t.Fatalf("meeting sources = %+v, want two", m.Sources)
	}
	reports := []string{m.Sources[0].ReportID, m.Sources[1].ReportID}
	if !contains(reports, r1.ID) || !contains(reports, r2.ID) {
		t.Errorf("meeting sources name reports %v, want %s and %s", reports, r1.ID, r2.ID)
	}
	if m.Place != "Tehran" {
		t.Errorf("place = %q, want Tehran (kept from the first report)", m.Place)
	}
}

func testEntityMerge(t *testing.T, st graph.Store) {
	seed(t, st)
	f := &graph.Facts{
		Entities: []graph.Entity{
			{ID: khamenei.ID, Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"Grand Ayatollah Khamenei"}, Titles: []graph.Title{
				{Title: "Leader of the Islamic Revolution"},
				{Title: "Supreme Leader", From: "2023-12-01", To: "2023-12-01"},
			}},
			{ID: hamas.ID, Type: graph.Organization, Name: "Hamas"},
		},
		Supports: []graph.Support{{Supporter: khamenei.ID, Supported: hamas.ID, Sources: src("Khamenei backed Hamas.")}},
	}
	mustPut(t, st, report("Merge", "2023-12-01", f), f)
	e, err := st.Entity(ctx(t), khamenei.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"the Leader", "Grand Ayatollah Khamenei"} {
		if !contains(e.Aliases, a) {
			t.Errorf("aliases %v lack %q", e.Aliases, a)
		}
	}
	if len(e.Titles) != 2 || e.Titles[0].Title != "Leader of the Islamic Revolution" || e.Titles[1].Title != "Supreme Leader" {
		t.Errorf("titles %+v, want both reports' titles, once each, sorted", e.Titles)
	}
	if ti, _ := title(e.Titles, "Supreme Leader"); ti.From != "2023-11-06" || ti.To != "2023-12-01" {
		t.Errorf("Supreme Leader period %s to %s, want widened to 2023-11-06 to 2023-12-01", ti.From, ti.To)
	}
	if ti, _ := title(e.Titles, "Leader of the Islamic Revolution"); ti.From != "" || ti.To != "" {
		t.Errorf("a title given no period got %s to %s", ti.From, ti.To)
	}
	s, err := st.Entity(ctx(t), sudani.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ti, _ := title(s.Titles, "Prime Minister"); ti.From != "2022-10-27" || ti.To != "" {
		t.Errorf("Prime Minister period %q to %q, want from 2022-10-27, open-ended", ti.From, ti.To)
	}
	if e.Country != "country:iran" {
		t.Errorf("country = %q, want kept as country:iran", e.Country)
	}
	all, err := st.Entities(ctx(t), graph.EntityFilter{Type: graph.Person})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range all.Items {
		if x.ID == khamenei.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Khamenei listed %d times, want once", n)
	}
}

func testReportsList(t *testing.T, st graph.Store) {
	var ids []string
	for i := range 5 {
		f := &graph.Facts{}
		r := report(fmt.Sprintf("Report number %d", i), "", f)
		mustPut(t, st, r, f)
		ids = append(ids, r.ID)
	}
	seen := map[string]bool{}
	cursor := ""
	for range 10 {
		page, err := st.Reports(ctx(t), graph.ReportFilter{Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 2 {
			t.Fatalf("page of %d, want at most 2", len(page.Items))
		}
		for _, r := range page.Items {
			if seen[r.ID] {
				t.Errorf("report %s listed twice", r.ID)
			}
			seen[r.ID] = true
			if r.Text != "" {
				t.Errorf("Reports lists text of %s, want it omitted", r.ID)
			}
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	if len(seen) != 5 {
		t.Errorf("pages listed %d reports, want 5", len(seen))
	}
	page, err := st.Reports(ctx(t), graph.ReportFilter{Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != ids[4] {
		t.Errorf("first report listed = %+v, %v; want the last ingested %s", page.Items, err, ids[4])
	}
}

func testPutReports(t *testing.T, st graph.Store) {
	r0, _ := seed(t, st)
	fa := &graph.Facts{
		Entities: []graph.Entity{khamenei, hamas},
		Supports: []graph.Support{{Supporter: khamenei.ID, Supported: hamas.ID, Sources: src("Khamenei backed Hamas.")}},
	}
	ra := report("Batch A", "2023-12-01", fa)
	fb := &graph.Facts{
		Entities: []graph.Entity{sudani, raisi},
		Meetings: []graph.Meeting{meeting("2023-12-02", "Baghdad", "Raisi met al-Sudani in Baghdad.", sudani.ID, raisi.ID)},
	}
	rb := report("Batch B", "2023-12-02", fb)
	fbad := &graph.Facts{
		Entities: []graph.Entity{sudani},
		Meetings: []graph.Meeting{meeting("2023-12-03", "", "Al-Sudani met nobody listed.", sudani.ID, "person:nobody")},
	}
	rbad := report("Batch bad", "2023-12-03", fbad)
	again := seedFactsWithIsrael()
	batch := []*graph.ReportFacts{
		{Report: *ra, Facts: *fa},
		{Report: *rbad, Facts: *fbad},
		{Report: *rb, Facts: *fb},
		{Report: *ra, Facts: *fa}, // twice in one batch
		{Report: *report("Khamenei receives al-Sudani", "2023-11-07", again), Facts: *again}, // stored before
	}
	out, err := st.PutReports(ctx(t), batch)
	if err != nil {
		t.Fatalf("PutReports = %v", err)
	}
	if len(out) != len(batch) {
		t.Fatalf("PutReports gave %d outcomes for %d reports", len(out), len(batch))
	}
	want := []struct {
		created bool
		invalid bool
	}{{true, false}, {false, true}, {true, false}, {false, false}, {false, false}}
	for i, w := range want {
		o := out[i]
		if o.ReportID != batch[i].Report.ID {
			t.Errorf("outcome %d: report id %q, want %q", i, o.ReportID, batch[i].Report.ID)
		}
		if o.Created != w.created || errors.Is(o.Err, graph.ErrInvalid) != w.invalid || (o.Err != nil && !w.invalid) {
			t.Errorf("outcome %d = created %v, err %v; want created %v, invalid %v", i, o.Created, o.Err, w.created, w.invalid)
		}
	}
	if batch[0].Report.IngestedAt.IsZero() {
		t.Errorf("a stored report of the batch has no ingested_at")
	}
	if out[4].ReportID != r0.ID {
		t.Errorf("the seed report again has id %s, want %s", out[4].ReportID, r0.ID)
	}
	if _, err := st.Report(ctx(t), rbad.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Report(invalid one of the batch) = %v, want ErrNotFound", err)
	}
	for _, r := range []*graph.Report{ra, rb} {
		rf, err := st.Report(ctx(t), r.ID)
		if err != nil {
			t.Fatalf("Report(%s) = %v", r.Title, err)
		}
		if rf.Facts.Count() != 1 {
			t.Errorf("Report(%s) holds %d facts, want 1", r.Title, rf.Facts.Count())
		}
	}
	ms, err := st.Meetings(ctx(t), graph.MeetingFilter{Participants: []string{raisi.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms.Items) != 2 {
		t.Errorf("Raisi's meetings after the batch = %d, want 2 (seed and batch)", len(ms.Items))
	}
	if out, err := st.PutReports(ctx(t), nil); err != nil || len(out) != 0 {
		t.Errorf("PutReports(nil) = %v, %v; want no outcomes, no error", out, err)
	}
}

func testMeetingByID(t *testing.T, st graph.Store) {
	_, f := seed(t, st)
	want := f.Meetings[0]
	m, err := st.Meeting(ctx(t), want.ID)
	if err != nil {
		t.Fatalf("Meeting(%s) = %v", want.ID, err)
	}
	if m.ID != want.ID || m.Date.Value != "2023-11-06" || m.Date.Precision != graph.Day || m.Place != "Tehran" {
		t.Errorf("Meeting = %+v, want the seed's Tehran meeting of 2023-11-06", m)
	}
	if len(m.Participants) != 2 || len(m.Sources) != 1 || m.Sources[0].Evidence != want.Sources[0].Evidence {
		t.Errorf("Meeting participants %+v, sources %+v; want 2 and the seed's evidence", m.Participants, m.Sources)
	}
	page, err := st.Meetings(ctx(t), graph.MeetingFilter{Participants: []string{khamenei.ID, sudani.ID}})
	if err != nil || len(page.Items) != 1 || !reflect.DeepEqual(page.Items[0], *m) {
		t.Errorf("Meeting(id) = %+v, not the same as in the list: %+v (%v)", m, page.Items, err)
	}
	for _, id := range []string{"meeting:nope", "", "' OR 1=1 --"} {
		if _, err := st.Meeting(ctx(t), id); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Meeting(%q) = %v, want ErrNotFound", id, err)
		}
	}
}
