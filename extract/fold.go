package extract

import (
	"strings"
	"unicode"
	"unsafe"

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
	if simple, lower := simplePhrase(s); simple {
		if lower {
			return s
		}
		b := make([]byte, len(s))
		foldSimple(b, s)
		return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
	}
	var buf [32]token // names and titles are short: tokens on the stack
	var b strings.Builder
	b.Grow(len(s)) // the folded phrase is rarely longer
	n := 0
	for _, t := range appendTokens(buf[:0], s) {
		if t.word {
			if n > 0 {
				b.WriteByte(' ')
			}
			n++
			b.WriteString(t.fold)
		}
	}
	return b.String()
}

// alnum reports whether c is an ASCII letter or digit.
// simplePhrase reports whether s is ASCII words joined by single spaces or
// inner hyphens (foldPhrase's fast path), and whether it is folded already
// (lower case, no hyphen).
func simplePhrase(s string) (simple, lower bool) {
	simple, lower = s != "", true
	for i := 0; i < len(s) && simple; i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			lower = false
		case c == ' ' || c == '-':
			simple = i > 0 && i+1 < len(s) && alnum(s[i-1]) && alnum(s[i+1])
			lower = lower && c == ' '
		default:
			simple = false
		}
	}
	return simple, lower
}

// foldSimple writes the fold of a simple phrase s (see simplePhrase) to
// b[:len(s)]: lower case, hyphens as spaces.
func foldSimple(b []byte, s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == '-':
			b[i] = ' '
		default:
			b[i] = c
		}
	}
}

func alnum(c byte) bool {
	return asciiAlnum[c]
}

// asciiAlnum is alnum as a table: one load instead of three range tests,
// for every byte of every word.
var asciiAlnum = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()
