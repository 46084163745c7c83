package graphtest

import (
	"fmt"
	"sort"
	"testing"

	"github.com/parley/parley/graph"
)

// The cast of the fixtures.
var (
	khamenei = graph.Entity{ID: graph.EntityID(graph.Person, "Ali Khamenei"), Type: graph.Person, Name: "Ali Khamenei",
		Aliases: []string{"Ayatollah Khamenei", "Khamenei", "the Leader"}, Titles: []graph.Title{{Title: "Supreme Leader", From: "2023-11-06", To: "2023-11-06"}}, Country: "country:iran"}
	sudani = graph.Entity{ID: graph.EntityID(graph.Person, "Mohammed Shia al-Sudani"), Type: graph.Person, Name: "Mohammed Shia al-Sudani",
		Aliases: []string{"Al-Sudani", "the Iraqi Prime Minister"}, Titles: []graph.Title{{Title: "Prime Minister", From: "2022-10-27"}}, Country: "country:iraq"}
	raisi = graph.Entity{ID: graph.EntityID(graph.Person, "Ebrahim Raisi"), Type: graph.Person, Name: "Ebrahim Raisi",
		Aliases: []string{"the Iranian president"}, Titles: []graph.Title{{Title: "President"}}, Country: "country:iran"}
	iran  = graph.Entity{ID: "country:iran", Type: graph.Country, Name: "Iran", Aliases: []string{"Iranian"}}
	iraq  = graph.Entity{ID: "country:iraq", Type: graph.Country, Name: "Iraq", Aliases: []string{"the Iraqi government"}}
	usa   = graph.Entity{ID: "country:united-states", Type: graph.Country, Name: "United States", Aliases: []string{"US", "the Americans"}}
	gaza  = graph.Entity{ID: "group:people-of-gaza", Type: graph.Group, Name: "people of Gaza", Aliases: []string{"Gazans"}}
	hamas = graph.Entity{ID: "organization:hamas", Type: graph.Organization, Name: "Hamas"}
)

func day(s string) graph.Date {
	d, err := graph.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func src(ev string) []graph.Source { return []graph.Source{{Evidence: ev, Rule: "test"}} }

func meeting(date, place string, ev string, ids ...string) graph.Meeting {
	m := graph.Meeting{Date: day(date), Place: place, Mode: graph.InPerson, Status: graph.Held, Sources: src(ev)}
	for i, id := range ids {
		role := graph.Participant
		if len(ids) == 2 {
			role = []graph.Role{graph.Host, graph.Guest}[i]
		}
		m.Participants = append(m.Participants, graph.Attendee{EntityID: id, Role: role})
	}
	return m
}

// report builds a report whose text holds every evidence, so it is valid.
func report(title, published string, f *graph.Facts) *graph.Report {
	text := title + "."
	add := func(srcs []graph.Source) {
		for _, s := range srcs {
			text += " " + s.Evidence
		}
	}
	for _, m := range f.Meetings {
		add(m.Sources)
	}
	for _, s := range f.Statements {
		add(s.Sources)
	}
	for _, s := range f.Supports {
		add(s.Sources)
	}
	return &graph.Report{ID: graph.ReportID(text), Title: title, Source: "test", URL: "https://example.org/" + graph.Slug(title), Published: published, Text: text}
}

// seedReport is the example report of the project, in facts.
func seedFacts() *graph.Facts {
	return &graph.Facts{
		Entities: []graph.Entity{khamenei, sudani, raisi, iran, iraq, usa, gaza},
		Meetings: []graph.Meeting{
			meeting("2023-11-06", "Tehran", "The Leader made the remarks during a meeting with Iraqi prime minister al-Sudani on November 6, 2023.", khamenei.ID, sudani.ID),
			meeting("", "", "Arrangements were made during our negotiations with the Iranian president.", sudani.ID, raisi.ID),
		},
		Statements: []graph.Statement{{
			Speaker: khamenei.ID, About: []string{usa.ID, gaza.ID}, Text: "it is essential to increase political pressures on the US",
			Quoted: false, Date: day("2023-11-06"), Sources: src("Khamenei said that it is essential to increase political pressures on the US."),
		}, {
			Speaker: sudani.ID, About: []string{gaza.ID}, Text: "The next step is to send food and medical aid to the people of Gaza.",
			Quoted: true, Date: day("2023-11-06"), Sources: src("“The next step is to send food and medical aid to the people of Gaza.”"),
		}},
		Supports: []graph.Support{
			{Supporter: iraq.ID, Supported: gaza.ID, Sources: src("Iraq is at the forefront of supporting oppressed Gazans")},
			{Supporter: usa.ID, Supported: graph.EntityID(graph.Country, "Israel"), ClaimedBy: khamenei.ID, Sources: src("the Americans are truly accomplices of the Israel regime")},
		},
	}
}

func seed(t *testing.T, st graph.Store) (*graph.Report, *graph.Facts) {
	t.Helper()
	f := seedFacts()
	f.Entities = append(f.Entities, graph.Entity{ID: "country:israel", Type: graph.Country, Name: "Israel", Aliases: []string{"the Israel regime"}})
	r := report("Khamenei receives al-Sudani", "2023-11-07", f)
	mustPut(t, st, r, f)
	return r, f
}

func mustPut(t *testing.T, st graph.Store, r *graph.Report, f *graph.Facts) graph.PutResult {
	t.Helper()
	res, err := st.PutReport(ctx(t), r, f)
	if err != nil {
		t.Fatalf("PutReport(%q) = %v", r.Title, err)
	}
	return res
}

func meetingIDs(ms []graph.Meeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

func participantsOf(m graph.Meeting) string {
	ids := m.ParticipantIDs()
	return fmt.Sprint(ids)
}

func sortedStrings(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// title returns the title named name among ts, and whether there is one.
func title(ts []graph.Title, name string) (graph.Title, bool) {
	for _, t := range ts {
		if t.Title == name {
			return t, true
		}
	}
	return graph.Title{}, false
}

func entityIDs(es []graph.Entity) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
