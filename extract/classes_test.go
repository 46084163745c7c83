package extract

import (
	"testing"
	"unicode/utf8"
)

// TestWordClassesAreWords checks that the word tables read through token
// classes hold no punctuation: classify leaves punctuation tokens without
// classes, which must agree with looking their fold up in the tables.
func TestWordClassesAreWords(t *testing.T) {
	for w := range wordClasses(loadGazetteer().prefixes) {
		r, n := utf8.DecodeRuneInString(w)
		if w == "'s" || n == len(w) && !isWordRune(r) {
			t.Errorf("word table entry %q is punctuation", w)
		}
	}
}
