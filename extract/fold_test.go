package extract

import (
	"strings"
	"testing"
)

// TestFoldPhraseFastPath checks that the fast path of foldPhrase folds as
// the tokenizer does, on every short word run of the dev texts.
func TestFoldPhraseFastPath(t *testing.T) {
	slow := func(s string) string {
		var w []string
		for _, t := range tokenize(s) {
			if t.word {
				w = append(w, t.fold)
			}
		}
		return strings.Join(w, " ")
	}
	inputs := []string{"Kang Kyung-wha", "al-Sudani", "US", "Wang Yi", "a  b", "-x", "x-", "Iran's", "U.S.", "3-4", "A-B-C"}
	for _, text := range devTexts(t) {
		f := strings.Fields(text)
		for i := 0; i+3 < len(f); i += 7 {
			inputs = append(inputs, strings.Join(f[i:i+3], " "))
		}
	}
	for _, s := range inputs {
		if got, want := foldPhrase(s), slow(s); got != want {
			t.Errorf("foldPhrase(%q) = %q, want %q", s, got, want)
		}
	}
}
