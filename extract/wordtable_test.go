package extract

import "testing"

// TestWordTableMatchesMap checks the word table against the map it is built from.
func TestWordTableMatchesMap(t *testing.T) {
	m := wordClasses(loadGazetteer().prefixes)
	wt := newWordTable(m)
	for w, c := range m {
		if got := wt.get(w); got != c {
			t.Fatalf("get(%q) = %d, want %d", w, got, c)
		}
		for _, v := range []string{w + "x", w[:len(w)-1], "x" + w} {
			if got := wt.get(v); got != m[v] {
				t.Fatalf("get(%q) = %d, want %d", v, got, m[v])
			}
		}
	}
	if got := wt.get(""); got != m[""] {
		t.Fatalf("get(\"\") = %d, want %d", got, m[""])
	}
}
