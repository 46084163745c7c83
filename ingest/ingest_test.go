package ingest_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

func mustOpen(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "parley.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestIngest(t *testing.T) {
	st := mustOpen(t)
	p := ingest.New(st, extract.New())
	doc := document.Document{Title: "Visit", Published: "2024-06-14",
		Text: "Prime Minister Narendra Modi met President Joe Biden in Washington on Thursday. Modi said India stands with the United States."}
	res, err := p.Ingest(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Facts == 0 || res.ReportID != graph.ReportID(doc.Text) {
		t.Errorf("Ingest = %+v, want a new report with facts, id the hash of its text", res)
	}
	again, err := p.Ingest(t.Context(), doc)
	if err != nil || again.Created || again.ReportID != res.ReportID {
		t.Errorf("Ingest again = %+v, %v; want the same id, not created", again, err)
	}
	ms, err := st.Meetings(t.Context(), graph.MeetingFilter{})
	if err != nil || len(ms.Items) != 1 || ms.Items[0].Date.Value != "2024-06-13" {
		t.Errorf("meetings = %+v, %v; want one on Thursday 2024-06-13", ms.Items, err)
	}
	if _, err := p.Ingest(t.Context(), document.Document{Text: "  "}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Ingest(blank) = %v, want ErrInvalid", err)
	}
}

// TestResolveAcrossReports checks that an actor named differently in two
// reports is one node: a second report naming only a surname joins the
// stored actor when the countries agree.
func TestResolveAcrossReports(t *testing.T) {
	st := mustOpen(t)
	first := &graph.Facts{Entities: []graph.Entity{
		{ID: "person:ali-khamenei", Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"Khamenei", "Ayatollah Khamenei"}, Country: "country:iran"},
		{ID: "person:jane-roe", Type: graph.Person, Name: "Jane Roe", Aliases: []string{"Roe"}},
	}}
	r := graph.Report{Text: "first"}
	r.ID = graph.ReportID(r.Text)
	if _, err := st.PutReport(t.Context(), &r, first); err != nil {
		t.Fatal(err)
	}
	second := &graph.Facts{
		Entities: []graph.Entity{
			{ID: "person:khamenei", Type: graph.Person, Name: "Khamenei", Country: "country:iran"},
			{ID: "person:roe", Type: graph.Person, Name: "Roe"}, // one word, no country: never merged
			{ID: "person:sayyid-ali-khamenei", Type: graph.Person, Name: "Sayyid Ali Khamenei", Aliases: []string{"Ayatollah Khamenei"}},
			{ID: "country:iran", Type: graph.Country, Name: "Iran"},
		},
		Statements: []graph.Statement{{Speaker: "person:khamenei", About: []string{"country:iran"}, Text: "x", Sources: []graph.Source{{Evidence: "x"}}}},
	}
	if err := ingest.Resolve(t.Context(), st, second); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range second.Entities {
		ids[e.ID] = true
	}
	if !ids["person:ali-khamenei"] || ids["person:khamenei"] {
		t.Errorf("entities after Resolve = %v, want Khamenei tied to person:ali-khamenei", second.Entities)
	}
	if !ids["person:roe"] {
		t.Errorf("entities after Resolve = %v, want the bare 'Roe' without a country left alone", second.Entities)
	}
	if !ids["person:sayyid-ali-khamenei"] {
		t.Errorf("entities after Resolve = %v: a second actor may not take an id already taken in the same report", second.Entities)
	}
	if second.Statements[0].Speaker != "person:ali-khamenei" {
		t.Errorf("speaker = %q, want the stored actor's id", second.Statements[0].Speaker)
	}
}

func TestTidy(t *testing.T) {
	src := []graph.Source{{Evidence: "x"}}
	f := &graph.Facts{
		Meetings: []graph.Meeting{
			{Participants: []graph.Attendee{{EntityID: "a", Role: graph.Host}, {EntityID: "b", Role: graph.Guest}, {EntityID: "a", Role: graph.Participant}}, Sources: src},
			{Participants: []graph.Attendee{{EntityID: "a"}, {EntityID: "a"}}, Sources: src},
		},
		Supports: []graph.Support{{Supporter: "a", Supported: "a", Sources: src}, {Supporter: "a", Supported: "b", Sources: src}},
	}
	ingest.Tidy(f)
	if len(f.Meetings) != 1 || len(f.Meetings[0].Participants) != 2 || f.Meetings[0].Participants[0].Role != graph.Host {
		t.Errorf("meetings after Tidy = %+v, want the first with a (host) and b", f.Meetings)
	}
	if len(f.Supports) != 1 || f.Supports[0].Supported != "b" {
		t.Errorf("supports after Tidy = %+v, want a -> b only", f.Supports)
	}
}

// TestResolveKeepsNamesakesApart checks the two ways strangers used to be
// merged across reports: a shared surname, and a shared description by
// office ("Colombia's defence minister" is whoever holds the post).
func TestResolveKeepsNamesakesApart(t *testing.T) {
	st := mustOpen(t)
	first := &graph.Facts{Entities: []graph.Entity{
		{ID: "person:pedro-carvalho", Type: graph.Person, Name: "Pedro Carvalho", Aliases: []string{"Carvalho"}, Country: "country:brazil"},
		{ID: "person:ana-diaz", Type: graph.Person, Name: "Ana Diaz", Aliases: []string{"Diaz", "Colombia's defence minister"},
			Titles: []graph.Title{{Title: "defence minister"}}, Country: "country:colombia"},
	}}
	r := graph.Report{Text: "first"}
	r.ID = graph.ReportID(r.Text)
	if _, err := st.PutReport(t.Context(), &r, first); err != nil {
		t.Fatal(err)
	}
	second := &graph.Facts{Entities: []graph.Entity{
		{ID: "person:rafael-carvalho", Type: graph.Person, Name: "Rafael Carvalho", Aliases: []string{"Carvalho"}, Country: "country:brazil"},
		{ID: "person:luis-perez", Type: graph.Person, Name: "Luis Perez", Aliases: []string{"Colombia's defence minister"},
			Titles: []graph.Title{{Title: "Defence Minister"}}, Country: "country:colombia"},
		{ID: "person:diaz", Type: graph.Person, Name: "Diaz", Country: "country:colombia"},
	}}
	if err := ingest.Resolve(t.Context(), st, second); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, e := range second.Entities {
		got = append(got, e.ID)
	}
	want := []string{"person:rafael-carvalho", "person:luis-perez", "person:ana-diaz"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entities after Resolve = %v, want %v (namesakes apart; a bare surname with a country still ties)", got, want)
	}
}
