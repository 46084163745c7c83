package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
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
	// A page's entities share two arrays: a caller's append to one entity's
	// lists reaches neither the index nor the entity after it.
	ranks := []int32{0, 1, 2}
	page := ix.page(ranks, "")
	for i := range page.Items {
		page.Items[i].Aliases = append(page.Items[i].Aliases, "added")
		page.Items[i].Titles = append(page.Items[i].Titles, graph.Title{Title: "added"})
	}
	for i, r := range ranks {
		id := ix.ids[r]
		if e := page.Items[i]; e.Aliases[len(e.Aliases)-1] != "added" || !reflect.DeepEqual(e.Aliases[:len(e.Aliases)-1], want[id].Aliases) ||
			!reflect.DeepEqual(e.Titles[:len(e.Titles)-1], want[id].Titles) && len(want[id].Titles) > 0 {
			t.Errorf("page entity %d after appends: %+v, want %+v and one more", i, e, want[id])
		}
		if again := ix.byID([]string{id}); !reflect.DeepEqual(again[id], want[id]) {
			t.Errorf("an append to a page's lists reached the index: %+v", again[id])
		}
	}
}

// TestSearchFromMemoryMatchesSQL checks that a search answered from the
// name index returns the pages SQL returns, cursors included, page after
// page: for prefixes that hundreds of entities share by their names, by
// their aliases and by later words of their aliases, with and without a
// type, and pages of several sizes.
func TestSearchFromMemoryMatchesSQL(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "g.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	firsts := []string{"Maria", "Marek", "Ali", "Alina", "Jean", "Mark", "Zoe", "Ana", "Ma", "Omar",
		"Marco", "Mariam", "Alan", "Alejandro", "Ann", "Anna", "Jan", "Janek", "Zeynep", "Olga",
		"Otto", "Mei", "Malik", "Amara", "Aziz", "Jamal", "Marta", "Alois", "Anil", "Ollie"}
	families := []string{"Martin", "Martinez", "Marx", "Marlowe", "Mar", "Mason", "Alvarez", "Al-Martini",
		"Marin", "Anand", "Zhou", "Margolis", "Alba", "Janssen", "Mårtensson", "Ång"}
	types := []graph.EntityType{graph.Person, graph.Organization, graph.Country, graph.Group}
	var f graph.Facts
	for i, fam := range families {
		for j, first := range firsts {
			name := first + " " + fam
			e := graph.Entity{ID: fmt.Sprintf("x:%s-%s-%d", first, fam, i*len(firsts)+j), Type: types[(i+j)%len(types)], Name: name}
			switch (i + j) % 5 {
			case 0:
				e.Aliases = []string{"President " + fam}
			case 1:
				e.Aliases = []string{fam + " of " + firsts[(j+3)%len(firsts)], "the " + first}
			case 2:
				e.Aliases = []string{"Mar " + first, "MAR " + first} // alike once folded
			}
			f.Entities = append(f.Entities, e)
			// Two entities with the same name, apart only by id.
			if j == 0 {
				e.ID += "-twin"
				f.Entities = append(f.Entities, e)
			}
		}
	}
	text := "Report of many names."
	if _, err := st.PutReport(ctx, &graph.Report{ID: graph.ReportID(text), Text: text}, &f); err != nil {
		t.Fatal(err)
	}
	if err := st.warmNames(ctx); err != nil {
		t.Fatal(err)
	}
	ix := st.searchIndex(ctx)
	if ix == nil {
		t.Fatal("no name index after warmNames")
	}
	prefixes := map[string]bool{"president ma": true, "mar m": true, "the": true, "of": true, "zz": true}
	for _, w := range append(firsts, families...) {
		w = graph.Fold(w)
		for n := 1; n <= len(w); n++ {
			prefixes[w[:n]] = true
		}
	}
	pages, most := 0, 0
	for prefix := range prefixes {
		for _, typ := range append([]graph.EntityType{""}, types...) {
			for _, limit := range []int{1, 7, 50, graph.MaxLimit} {
				if limit == 1 && typ != "" || limit == 7 && typ != "" && typ != graph.Person {
					continue // enough short pages
				}
				var cur []string
				seen := 0
				for {
					want, wantNext, err := st.searchSQL(ctx, prefix, typ, cur, limit)
					if err != nil {
						t.Fatal(err)
					}
					ranks, next := ix.search(prefix, typ, cur, limit)
					got := make([]string, len(ranks))
					for i, r := range ranks {
						got[i] = ix.ids[r]
					}
					if fmt.Sprint(got) != fmt.Sprint(want) || next != wantNext {
						t.Fatalf("search %q (type %q, limit %d, after %q): from memory %v, next %q; SQL %v, next %q",
							prefix, typ, limit, cur, got, next, want, wantNext)
					}
					pages++
					seen += len(got)
					if next == "" {
						break
					}
					if cur, err = graph.DecodeCursor(next, 2); err != nil {
						t.Fatal(err)
					}
				}
				most = max(most, seen)
			}
		}
	}
	if most < 300 {
		t.Errorf("the largest match was %d entities: too few to tell", most)
	}
	t.Logf("%d prefixes, %d pages; the largest match %d entities", len(prefixes), pages, most)
}

// TestPrefixEnd checks prefixEnd against a walk, for every prefix of every
// key (and some no key has) and runs of every length.
func TestPrefixEnd(t *testing.T) {
	var keys []string
	for _, a := range []string{"a", "ab", "abc", "b", "ba", "bb", "c"} {
		for n := range 9 {
			keys = append(keys, fmt.Sprintf("%s%d", a, n%3))
		}
	}
	slices.Sort(keys)
	for _, prefix := range append(slices.Clone(keys), "", "a", "ab", "abc", "abc2", "b", "bz", "c", "d", "0") {
		lo, _ := slices.BinarySearch(keys, prefix)
		want := lo
		for want < len(keys) && strings.HasPrefix(keys[want], prefix) {
			want++
		}
		if got := prefixEnd(keys, lo, prefix); got != want {
			t.Errorf("prefixEnd(keys, %d, %q) = %d, want %d", lo, prefix, got, want)
		}
	}
}
