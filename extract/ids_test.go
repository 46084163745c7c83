package extract

import (
	"math/rand"
	"testing"

	"github.com/parley/parley/graph"
)

// TestEntityIDMatchesGraph checks the fast entityID against graph.EntityID
// on the reference tables' names and on random ASCII strings.
func TestEntityIDMatchesGraph(t *testing.T) {
	g := loadGazetteer()
	var names []string
	for _, es := range g.phrases {
		for _, e := range es {
			names = append(names, e.name)
		}
	}
	for _, o := range g.offices {
		names = append(names, o.person, o.country)
		names = append(names, o.aliases...)
	}
	names = append(names, "", "the", "The", "the ", "The Hague", "theodore", "  the  x", "the-x", "x--y", "A.B. O'Brien", "_a_b_", "the.x", "'the x", "The`Gambia", "9 the")
	r := rand.New(rand.NewSource(1))
	const alpha = "atTh e.'`-_,:;!9Z\t"
	for range 20000 {
		b := make([]byte, r.Intn(12))
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		for _, typ := range []graph.EntityType{graph.Person, graph.Country} {
			if got, want := entityID(typ, n), graph.EntityID(typ, n); got != want {
				t.Fatalf("entityID(%q, %q) = %q, want %q", typ, n, got, want)
			}
		}
	}
}
