package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// unaccent maps a letter to its base letter when it has one (é → e).
func unaccent(r rune) rune {
	if r < 0x80 {
		return r
	}
	switch r {
	case 'ı':
		return 'i'
	case 'ø', 'Ø':
		return 'o'
	case 'đ':
		return 'd'
	case 'ł':
		return 'l'
	case 'ß':
		return 's'
	}
	d := norm.NFD.String(string(r))
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			return c
		}
	}
	return r
}

// foldPhrase folds a phrase the way tokens are folded and joins its words by
// single spaces; punctuation other than apostrophes and dots separates words.
func foldPhrase(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' && i > 0 && i+1 < len(s) && s[i+1] != ' ') {
			simple = false
			break
		}
	}
	if simple {
		return strings.ToLower(s)
	}
	var words []string
	for _, t := range tokenize(s) {
		if t.word {
			words = append(words, t.fold)
		}
	}
	return strings.Join(words, " ")
}
