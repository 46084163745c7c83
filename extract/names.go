package extract

import "regexp"

// romanSyllable matches one lower-case syllable of a romanized Korean,
// Chinese or Vietnamese given name ("in", "wha", "un", "hee", "yeon"),
// which follows a hyphen inside the name ("Jae-in").
var romanSyllable = regexp.MustCompile(`^(kk|tt|pp|ss|jj|ch|sh|wh|[gkndtlmbpsjhcyw])?[yw]?(ae|eo|eu|oe|ui|ee|oo|ou|ai|a|e|i|o|u)(ng|n|m|k|l|p|g)?$`)

// hyphenSyllable reports whether toks[j] is a hyphen that joins a short
// capitalized name word to a romanized syllable, with no spaces.
func hyphenSyllable(toks []token, j int) bool {
	if j < 1 || j+1 >= len(toks) || toks[j].text != "-" {
		return false
	}
	p, n := toks[j-1], toks[j+1]
	if !p.word || !p.upper || len(p.text) > 6 || !n.word || n.upper || len(n.text) > 5 ||
		p.end != toks[j].start || toks[j].end != n.start {
		return false
	}
	return romanSyllable.MatchString(n.text)
}

// monthGivenNames are month abbreviations that are also given names ("Zhao Jun",
// "Jan Novak"): they are months only beside a number or with a full stop.
var monthGivenNames = set("jun", "jan", "mar")

// givenMonth reports whether toks[j], a month abbreviation, is a name word
// here: after a capitalized word, not beside a number, not abbreviated.
func givenMonth(toks []token, j int) bool {
	if !monthGivenNames[toks[j].fold] || j == 0 || !toks[j-1].word || !toks[j-1].upper || isDigitStart(toks[j-1].text) {
		return false
	}
	if j+1 < len(toks) && (toks[j+1].text == "." && toks[j+1].start == toks[j].end || isDigitStart(toks[j+1].text)) {
		return false
	}
	return true
}
