package ingest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/ingest"
)

// devDir is the gold-annotated dev set: $PARLEY_EVAL/dev, or the one in
// shared/ beside the repository.
func devDir() string {
	if d := os.Getenv("PARLEY_EVAL"); d != "" {
		return filepath.Join(d, "dev")
	}
	return "../../shared/eval/dev"
}

type goldActor struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Aliases []string `json:"aliases"`
}

type goldDoc struct {
	Published string `json:"published"`
	Title     string `json:"title"`
	Meetings  []struct {
		Participants []goldActor `json:"participants"`
		Date         *string     `json:"date"`
	} `json:"meetings"`
	Statements []struct {
		Speaker goldActor `json:"speaker"`
	} `json:"statements"`
}

// TestDevSetIsOneGraph ingests the whole dev set into one store and checks
// that the graph holds one node per real actor: no gold actor is split over
// several stored actors, and no stored actor stands for two gold actors.
func TestDevSetIsOneGraph(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(devDir(), "dev-*.txt"))
	if len(files) == 0 {
		t.Skip("no dev set at " + devDir())
	}
	st := mustOpen(t)
	p := ingest.New(st, extract.New())
	// gold actor (folded canonical name) -> every folded name it goes by
	gold := map[string]map[string]bool{}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g goldDoc
		b, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Ingest(t.Context(), document.Document{Name: f, Text: string(text), Published: g.Published, Title: g.Title}); err != nil {
			t.Fatalf("ingest %s: %v", f, err)
		}
		add := func(a goldActor) {
			if a.Type != "person" {
				return // countries and bodies are named too loosely in gold to test this way
			}
			k := graph.Fold(a.Name)
			if gold[k] == nil {
				gold[k] = map[string]bool{}
			}
			gold[k][k] = true
			for _, al := range a.Aliases {
				if n := graph.Fold(al); len(strings.Fields(n)) >= 2 || !isTitleOnly(n) {
					gold[k][n] = true
				}
			}
		}
		for _, m := range g.Meetings {
			for _, a := range m.Participants {
				add(a)
			}
		}
		for _, s := range g.Statements {
			add(s.Speaker)
		}
	}
	// One real person may carry two canonical names across gold files
	// ("Volodymyr Zelensky", "Volodymyr Zelenskyy"): join gold actors that
	// share a name or alias.
	real := map[string]string{} // gold key -> representative
	var find func(string) string
	find = func(k string) string {
		if r, ok := real[k]; ok && r != k {
			return find(r)
		}
		return k
	}
	keys := make([]string, 0, len(gold))
	for g := range gold {
		keys = append(keys, g)
		real[g] = g
	}
	sort.Strings(keys)
	for i, a := range keys {
		for _, b := range keys[i+1:] {
			if sameSpellingVariant(a, b) {
				real[find(b)] = find(a)
			}
		}
	}
	byAlias := map[string]string{}
	for _, g := range keys {
		names := gold[g]
		for n := range names {
			if o, ok := byAlias[n]; ok {
				real[find(g)] = find(o)
			}
			byAlias[n] = g
		}
	}
	// How many real gold people answer to each name.
	realsOf := map[string]map[string]bool{}
	for g, names := range gold {
		for n := range names {
			if realsOf[n] == nil {
				realsOf[n] = map[string]bool{}
			}
			realsOf[n][find(g)] = true
		}
	}
	// For each gold person and each of its names, the stored people answering
	// to it: one at most (unless the name is shared by several real people),
	// and none standing for another real person.
	owner := map[string]string{} // stored id -> real gold actor
	for _, g := range keys {
		for n := range gold[g] {
			found, err := st.Lookup(t.Context(), n)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range found {
				if e.Type == graph.Person {
					ids = append(ids, e.ID)
				}
			}
			if len(ids) > 1 && len(realsOf[n]) == 1 {
				t.Errorf("gold actor %q is split: %q names %v", g, n, ids)
			}
			if len(realsOf[n]) > 1 {
				continue
			}
			for _, id := range ids {
				if o, ok := owner[id]; ok && find(o) != find(g) {
					t.Errorf("stored actor %s stands for both %q and %q", id, o, g)
				}
				owner[id] = find(g)
			}
		}
	}
	// No two stored people share a full (two-word or longer) name or alias.
	page, err := st.Entities(t.Context(), graph.EntityFilter{Type: graph.Person, Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, e := range page.Items {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			f := graph.Fold(n)
			if len(strings.Fields(f)) < 2 || isTitleOnly(f) {
				continue
			}
			if o, ok := byName[f]; ok && o != e.ID {
				t.Errorf("two stored people answer to %q: %s and %s", n, o, e.ID)
			}
			byName[f] = e.ID
		}
	}
}

// isTitleOnly reports whether a folded alias is a bare title ("iraqi prime
// minister"), which may name different people in different reports.
func isTitleOnly(n string) bool {
	for _, w := range []string{"president", "minister", "leader", "premier", "secretary", "king", "emir", "chancellor",
		"spokesman", "spokesperson", "envoy", "ambassador", "official", "chief", "head", "prince", "governor", "general"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// sameSpellingVariant reports whether two full names differ only by a
// transliteration slip: same first word, at most two letters apart.
func sameSpellingVariant(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) < 2 || len(fb) < 2 || fa[0] != fb[0] {
		return false
	}
	return editDistance(a, b) <= 2
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
