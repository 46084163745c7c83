package neo4j_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/parley/parley/graph"
)

// TestLookupNamesMatchesLookup checks that looking up many names in one
// query answers each name as Lookup does, and that StoredEntities tells
// the ids EntitiesByID finds.
func TestLookupNamesMatchesLookup(t *testing.T) {
	st := mustOpenEmpty(t)
	ctx := context.Background()
	khamenei := graph.Entity{ID: "person:ali-khamenei", Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"Ayatollah Khamenei", "Sayyid Ali Hosseini Khamenei"}, Country: "country:iran"}
	khamenei2 := graph.Entity{ID: "person:ali-khamenei-2", Type: graph.Person, Name: "Ali Khamenei"}
	iran := graph.Entity{ID: "country:iran", Type: graph.Country, Name: "Iran", Aliases: []string{"Islamic Republic of Iran"}}
	erdogan := graph.Entity{ID: "person:recep-tayyip-erdogan", Type: graph.Person, Name: "Recep Tayyip Erdoğan"}
	ev := "Khamenei met Erdoğan in Tehran."
	f := &graph.Facts{Entities: []graph.Entity{khamenei, khamenei2, iran, erdogan},
		Meetings: []graph.Meeting{{Participants: []graph.Attendee{{EntityID: khamenei.ID, Role: graph.Host}, {EntityID: erdogan.ID, Role: graph.Guest}},
			Sources: []graph.Source{{Evidence: ev}}}}}
	if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(ev), Text: ev}, f); err != nil {
		t.Fatal(err)
	}
	names := []string{"Ali Khamenei", "ali  KHAMENEI", "Ayatollah Khamenei", "Khamenei", "Iran", "islamic republic of iran",
		"country:iran", "Recep Tayyip Erdogan", "Erdoğan", "Nobody Atall", "", "Ali Khamenei"}
	got, err := st.LookupNames(ctx, names)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		want, err := st.Lookup(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := got[n]
		if !ok {
			t.Errorf("LookupNames: no answer for %q", n)
			continue
		}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("LookupNames[%q] = %v, want %v (Lookup)", n, g, want)
		}
	}

	ids := []string{khamenei.ID, iran.ID, "person:nobody", erdogan.ID}
	stored, err := st.StoredEntities(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := st.EntitiesByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, want := ents[id]; stored[id] != want {
			t.Errorf("StoredEntities[%q] = %v, want %v", id, stored[id], want)
		}
	}
}
