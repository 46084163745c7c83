package neo4j

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/parley/parley/graph"
)

// mustOpenModel opens the test server (NEO4J_URI) empty, or skips.
func mustOpenModel(t *testing.T) *Store {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("NEO4J_URI is not set; CI must start a test server with: scripts/neo4j-test start")
		}
		t.Skip("set NEO4J_URI; start a test server with: scripts/neo4j-test start")
	}
	unlock, err := LockTestServer(uri)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unlock)
	st, err := Open(context.Background(), Config{URI: uri, User: os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.DeleteAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestModel checks that the graph looks in Neo4j as schema/neo4j/README.md
// says: the labels, relationships and properties people query in Browser.
func TestModel(t *testing.T) {
	st := mustOpenModel(t)
	ctx := context.Background()
	kh := graph.Entity{ID: "person:ali-khamenei", Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"the Leader"}, Titles: []graph.Title{{Title: "Supreme Leader", From: "2023-11-06", To: "2023-11-07"}}}
	su := graph.Entity{ID: "person:al-sudani", Type: graph.Person, Name: "al-Sudani"}
	us := graph.Entity{ID: "country:united-states", Type: graph.Country, Name: "United States"}
	il := graph.Entity{ID: "country:israel", Type: graph.Country, Name: "Israel"}
	f := &graph.Facts{
		Entities: []graph.Entity{kh, su, us, il},
		Meetings: []graph.Meeting{
			{Participants: []graph.Attendee{{EntityID: kh.ID, Role: graph.Host}, {EntityID: su.ID, Role: graph.Guest}},
				Date: graph.Date{Value: "2023-11-06", Precision: graph.Day}, Place: "Tehran",
				Sources: []graph.Source{{Evidence: "Khamenei received al-Sudani.", Rule: "met"}}},
			{Participants: []graph.Attendee{{EntityID: kh.ID, Role: graph.Host}, {EntityID: us.ID, Role: graph.Guest}},
				Date: graph.Date{Value: "2024-01", Precision: graph.Month}, Status: graph.Planned,
				Sources: []graph.Source{{Evidence: "Khamenei will receive the US.", Rule: "plan"}}},
		},
		Statements: []graph.Statement{{Speaker: kh.ID, About: []string{us.ID}, Text: "pressure the US",
			Date: graph.Date{Value: "2023-11", Precision: graph.Month}, Sources: []graph.Source{{Evidence: "Khamenei said to pressure the US."}}}},
		Supports: []graph.Support{{Supporter: us.ID, Supported: il.ID, ClaimedBy: kh.ID,
			Sources: []graph.Source{{Evidence: "the US backs Israel, he said", Rule: "sup"}}}},
	}
	text := "Khamenei received al-Sudani. Khamenei will receive the US. Khamenei said to pressure the US. the US backs Israel, he said"
	r := &graph.Report{ID: graph.ReportID(text), Title: "Model", Text: text}
	if _, err := st.PutReport(ctx, r, f); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, query string
		want        int64
	}{
		{"PersonIsActor", `MATCH (a:Person:Actor) RETURN count(a) AS n`, 2},
		{"CountryIsActor", `MATCH (a:Country:Actor) RETURN count(a) AS n`, 2},
		{"MetWithOnlyHeld", `MATCH (:Actor)-[w:MET_WITH]->(:Actor) WHERE w.meeting IS NOT NULL AND w.date = '2023-11-06' RETURN count(w) AS n`, 1},
		{"AllMetWith", `MATCH ()-[w:MET_WITH]->() RETURN count(w) AS n`, 1},
		{"Attended", `MATCH (:Actor)-[t:ATTENDED]->(:Meeting) WHERE t.role IN ['host', 'guest'] RETURN count(t) AS n`, 4},
		{"MeetingDates", `MATCH (m:Meeting)-[:ON]->(d:Date) WHERE m.date_start = date('2023-11-06') AND d.id = '2023-11-06' RETURN count(m) AS n`, 1},
		{"MonthIsDateRange", `MATCH (m:Meeting {date: '2024-01'}) WHERE m.date_start = date('2024-01-01') AND m.date_end = date('2024-01-31') RETURN count(m) AS n`, 1},
		{"StatedAbout", `MATCH (:Person {id: 'person:ali-khamenei'})-[:STATED]->(s:Statement)-[:ABOUT]->(:Country) RETURN count(s) AS n`, 1},
		{"StatementOnDate", `MATCH (:Statement)-[:ON]->(:Date {id: '2023-11', precision: 'month'}) RETURN count(*) AS n`, 1},
		{"Supports", `MATCH (:Country)-[p:SUPPORTS {claimed_by: 'person:ali-khamenei'}]->(:Country) WHERE size(p.reports) = 1 RETURN count(p) AS n`, 1},
		{"SourcedFrom", `MATCH ()-[s:SOURCED_FROM]->(:Report) WHERE s.evidence <> '' RETURN count(s) AS n`, 3},
		{"MentionedIn", `MATCH (:Actor)-[m:MENTIONED_IN]->(:Report) RETURN count(m) AS n`, 4},
		{"MentionTitles", `MATCH (:Actor {id: 'person:ali-khamenei'})-[m:MENTIONED_IN]->(:Report) WHERE m.titles = ['Supreme Leader'] RETURN count(m) AS n`, 1},
		{"MentionNoTitles", `MATCH (:Actor)-[m:MENTIONED_IN]->(:Report) WHERE m.titles IS NULL RETURN count(m) AS n`, 3},
		{"Aliases", `MATCH (a:Actor {id: 'person:ali-khamenei'}) WHERE a.aliases = ['the Leader'] AND a.titles = ['Supreme Leader'] RETURN count(a) AS n`, 1},
		{"TitlePeriods", `MATCH (a:Actor {id: 'person:ali-khamenei'}) WHERE a.title_from = ['2023-11-06'] AND a.title_to = ['2023-11-07'] RETURN count(a) AS n`, 1},
		{"Report", `MATCH (r:Report) WHERE r.ingested_at IS NOT NULL AND r.text <> '' RETURN count(r) AS n`, 1},
	} {
		recs, err := st.read(ctx, c.query, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		n, _ := recs[0].Get("n")
		if n != c.want {
			t.Errorf("%s: %s = %v, want %d", c.name, c.query, n, c.want)
		}
	}
}

func TestStatements(t *testing.T) {
	src := `// comment
CREATE INDEX a IF NOT EXISTS
  FOR (n:A) ON (n.x);

CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);
`
	got := statements(src)
	want := []string{"CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)", "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("statements = %q, want %q", got, want)
	}
}

// TestSchemaAfterOutage checks that a store that saw the server go away
// applies the schema again: the server may come back as an empty database.
func TestSchemaAfterOutage(t *testing.T) {
	st := mustOpenModel(t)
	ctx := context.Background()
	for _, q := range []string{`DROP INDEX actor_names IF EXISTS`, `DROP CONSTRAINT actor_id IF EXISTS`} {
		if _, err := st.query(ctx, q, nil); err != nil {
			t.Fatal(err)
		}
	}
	// What translate reports when the server is away.
	st.noteErr(unavailable(errors.New("connection refused")))
	e := graph.Entity{ID: "person:ali-khamenei", Type: graph.Person, Name: "Ali Khamenei"}
	f := &graph.Facts{Entities: []graph.Entity{e}}
	r := &graph.Report{ID: graph.ReportID("x"), Text: "x"}
	if _, err := st.PutReport(ctx, r, f); err != nil {
		t.Fatal(err)
	}
	page, err := st.Entities(ctx, graph.EntityFilter{Query: "ali"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("Entities(ali) after the schema was lost = %+v, %v; want Khamenei", page.Items, err)
	}
	recs, err := st.read(ctx, `SHOW CONSTRAINTS YIELD name WHERE name = 'actor_id' RETURN name`, nil)
	if err != nil || len(recs) != 1 {
		t.Errorf("constraint actor_id after recheck: %d, %v; want it back", len(recs), err)
	}
}
