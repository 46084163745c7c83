package sqlite

import (
	"context"
	"reflect"
	"testing"
)

// TestEntitiesFromMemoryMatchSQL checks that the entities the name index
// holds are those SQL reads: names, types, countries, aliases and titles in
// the same order, and nothing for an id that is not stored.
func TestEntitiesFromMemoryMatchSQL(t *testing.T) {
	ctx := context.Background()
	st, _, _ := tiedGraph(t)
	if err := st.warmNames(ctx); err != nil {
		t.Fatal(err)
	}
	ix := st.searchIndex(ctx)
	if ix == nil {
		t.Fatal("no name index after warmNames")
	}
	ids := append([]string{"person:nobody"}, ix.ids...)
	want, err := st.entitiesSQL(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	got := ix.byID(ids)
	if !reflect.DeepEqual(got, want) {
		for id := range want {
			if !reflect.DeepEqual(got[id], want[id]) {
				t.Fatalf("%s: from memory %+v, SQL %+v", id, got[id], want[id])
			}
		}
		t.Fatalf("from memory %d entities, SQL %d", len(got), len(want))
	}
	titled, aliased := 0, 0
	for _, e := range want {
		titled += min(len(e.Titles), 1)
		aliased += min(len(e.Aliases), 1)
	}
	if titled == 0 || aliased == 0 || len(want) < 40 {
		t.Errorf("%d entities, %d with titles, %d with aliases: too few to tell", len(want), titled, aliased)
	}
	// The caller owns what it gets.
	e := got[ix.ids[0]]
	e.Aliases = append(e.Aliases[:0], "changed")
	if again := ix.byID(ix.ids[:1]); !reflect.DeepEqual(again[ix.ids[0]], want[ix.ids[0]]) {
		t.Errorf("a caller's change reached the index: %+v", again[ix.ids[0]])
	}
}
