package neo4j

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

// titledReport is a report that names Raisi with titles.
func titledReport(n int, titles ...graph.Title) *graph.ReportFacts {
	raisi := graph.Entity{ID: "person:ebrahim-raisi", Type: graph.Person, Name: "Ebrahim Raisi", Titles: titles}
	iran := graph.Entity{ID: "country:iran", Type: graph.Country, Name: "Iran"}
	ev := fmt.Sprintf("Raisi met Iran officials, report %d.", n)
	f := graph.Facts{
		Entities: []graph.Entity{raisi, iran},
		Meetings: []graph.Meeting{{Participants: []graph.Attendee{{EntityID: raisi.ID, Role: graph.Host}, {EntityID: iran.ID, Role: graph.Guest}},
			Date: graph.Date{Value: "2023-11-06", Precision: graph.Day}, Sources: []graph.Source{{Evidence: ev}}}},
	}
	return &graph.ReportFacts{Report: graph.Report{ID: graph.ReportID(ev), Text: ev}, Facts: f}
}

// TestTitlePeriods checks that a title's period widens with every report,
// a known day winning over "", and that a title goes with the last report
// naming it.
func TestTitlePeriods(t *testing.T) {
	st := mustOpenModel(t)
	ctx := context.Background()
	r1 := titledReport(1, graph.Title{Title: "President", From: "2021-08-03", To: "2021-08-03"}, graph.Title{Title: "Judge"})
	r2 := titledReport(2, graph.Title{Title: "President", From: "2024-05-19", To: ""})
	r3 := titledReport(3, graph.Title{Title: "President", From: "2020-01-01", To: "2024-05-19"}, graph.Title{Title: "Cleric", From: "1990-01-01"})
	// r1 twice and an invalid report in the same batch as r2.
	bad := titledReport(4, graph.Title{Title: "President", From: "2024-02-30"})
	out, err := st.PutReports(ctx, []*graph.ReportFacts{r1, r2, bad, r1})
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Created || !out[1].Created || out[3].Created || out[0].Err != nil || out[1].Err != nil || out[3].Err != nil {
		t.Errorf("outcomes %+v, want r1 and r2 created, the repeat of r1 not", out)
	}
	if !errors.Is(out[2].Err, graph.ErrInvalid) {
		t.Errorf("invalid report: %v, want ErrInvalid", out[2].Err)
	}
	if r1.Report.IngestedAt.IsZero() {
		t.Errorf("IngestedAt not set")
	}
	// r2's open end leaves r1's To as it was (graph.Title.Widen).
	want := []graph.Title{{Title: "Judge"}, {Title: "President", From: "2021-08-03", To: "2021-08-03"}}
	if e, err := st.Entity(ctx, "person:ebrahim-raisi"); err != nil || !reflect.DeepEqual(e.Titles, want) {
		t.Fatalf("after r1, r2: titles %+v, %v; want %+v", e.Titles, err, want)
	}
	if _, err := st.PutReport(ctx, &r3.Report, &r3.Facts); err != nil {
		t.Fatal(err)
	}
	want = []graph.Title{{Title: "Cleric", From: "1990-01-01"}, {Title: "Judge"}, {Title: "President", From: "2020-01-01", To: "2024-05-19"}}
	if e, err := st.Entity(ctx, "person:ebrahim-raisi"); err != nil || !reflect.DeepEqual(e.Titles, want) {
		t.Fatalf("after r3: titles %+v, %v; want %+v", e.Titles, err, want)
	}
	if err := st.DeleteReport(ctx, r1.Report.ID); err != nil {
		t.Fatal(err)
	}
	want = []graph.Title{{Title: "Cleric", From: "1990-01-01"}, {Title: "President", From: "2020-01-01", To: "2024-05-19"}}
	if e, err := st.Entity(ctx, "person:ebrahim-raisi"); err != nil || !reflect.DeepEqual(e.Titles, want) {
		t.Fatalf("after deleting r1: titles %+v, %v; want %+v", e.Titles, err, want)
	}
	m := r2.Facts.Meetings[0]
	got, err := st.Meeting(ctx, m.ID)
	if err != nil || len(got.Participants) != 2 || len(got.Sources) != 2 {
		t.Errorf("Meeting(%s) = %+v, %v; want 2 participants and the sources of r2 and r3", m.ID, got, err)
	}
	if _, err := st.Meeting(ctx, "m-absent"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Meeting(absent) = %v, want ErrNotFound", err)
	}
}

// TestPutReportsFallback checks that a batch that fails in the database
// stores its reports one by one, so that only the failing one is left out.
func TestPutReportsFallback(t *testing.T) {
	st := mustOpenModel(t)
	ctx := context.Background()
	// Neo4j refuses a place too long for the index of places: a valid
	// report, but only that one, that the database will not take.
	var batch []*graph.ReportFacts
	for i := range 4 {
		batch = append(batch, titledReport(i))
	}
	batch[2].Facts.Meetings[0].Place = strings.Repeat("Tehran ", 10_000)
	out, err := st.PutReports(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if (o.Err != nil) != (i == 2) || o.Created != (i != 2) {
			t.Errorf("outcome %d = %+v, err %v; want only report 2 failed", i, o.PutResult, o.Err)
		}
	}
	reports, err := st.Reports(ctx, graph.ReportFilter{})
	if err != nil || len(reports.Items) != 3 {
		t.Errorf("Reports = %d, %v; want 3", len(reports.Items), err)
	}
}
