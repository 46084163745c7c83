package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// token is one word or punctuation mark of a report, with its byte span.
type token struct {
	text       string // exact surface form
	fold       string // graph.Fold-like key: lower case, accents dropped
	start, end int    // byte offsets in the report text
	word       bool   // letters or digits
	upper      bool   // starts with an upper-case letter
	cue        bool   // may start a rule phrase (speech, meeting or support word)
	gazp       bool   // may start a gazetteer phrase (set by the Extractor)
	spaceAfter bool   // followed by white space (or end of text)
	sets       uint8  // the rule phrase tables a phrase of may start here (phraseSet.bit), set by classify
	cls        uint16 // word classes (clsTitle, clsMonth, clsNotName, ...), set by classify
}

// is reports whether the token's word belongs to any of the classes c.
func (t *token) is(c uint16) bool { return t.cls&c != 0 }

// Word classes of a token, looked up once per token (see classify).
const (
	clsCue        uint16 = 1 << iota
	clsGaz               // starts a gazetteer phrase
	clsTitle             // titlePrefixes
	clsMonth             // monthNames
	clsWeekday           // weekdayNames
	clsNotName           // notNames
	clsParticle          // nameParticles
	clsOrgWord           // orgWords
	clsPlaceWord         // placeWords
	clsMediaWord         // mediaWords
	clsHonorific         // honorifics
	clsOfficeWord        // officeWords
	clsTitleHead         // titleHeads
	clsFemale            // femaleWords
	clsMale              // maleWords
	clsProvide           // provideVerbs
)

// wordClasses maps a folded word to its classes: rule cues, gazetteer
// phrase starts, title words, months, weekdays and the word tables that
// the mention rules ask about every token (the low 16 bits), and the rule
// phrase tables whose phrases it starts (phraseSet.bit, the next 8).
func wordClasses(gazPrefixes map[string]bool) map[string]uint32 {
	m := map[string]uint32{}
	add := func(words map[string]bool, c uint16) {
		for w := range words {
			m[w] |= uint32(c)
		}
	}
	for _, s := range cueSets {
		for w := range s.first {
			m[w] |= uint32(s.bit) << 16
		}
	}
	add(phraseCues, clsCue)
	add(gazPrefixes, clsGaz)
	add(titlePrefixes, clsTitle)
	for w := range monthNames {
		m[w] |= uint32(clsMonth)
	}
	for w := range weekdayNames {
		m[w] |= uint32(clsWeekday)
	}
	add(notNames, clsNotName)
	add(nameParticles, clsParticle)
	add(orgWords, clsOrgWord)
	add(placeWords, clsPlaceWord)
	add(mediaWords, clsMediaWord)
	add(honorifics, clsHonorific)
	add(officeWords, clsOfficeWord)
	add(titleHeads, clsTitleHead)
	add(femaleWords, clsFemale)
	add(maleWords, clsMale)
	add(provideVerbs, clsProvide)
	return m
}

// classify sets the word classes of the tokens of a report.
func classify(toks []token, classes *wordTable) {
	for i := range toks {
		if !toks[i].word {
			continue
		}
		c := classes.get(toks[i].fold)
		cls := uint16(c)
		toks[i].cls = cls
		toks[i].sets = uint8(c >> 16)
		toks[i].cue = cls&clsCue != 0
		toks[i].gazp = cls&clsGaz != 0
	}
}

// tokenize splits text into word and punctuation tokens. Words keep internal
// apostrophes (O'Brien) and dotted acronyms (U.S.); a possessive 's and
// hyphens are separate tokens so that "Iran’s" and "Iranian-backed" expose
// their parts.
func tokenize(text string) []token {
	return appendTokens(make([]token, 0, len(text)/5+len(text)/40+8), text) // about 0.19 tokens a byte in English
}

// appendTokens is tokenize appending to toks.
func appendTokens(toks []token, text string) []token {
	low := asciiLower(text) // plain ASCII words fold to a slice of it
	i := 0
	n := len(text)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf && alnum(c) {
			j := i + 1
			for j < n && alnum(text[j]) {
				j++
			}
			if j < n && (text[j] >= utf8.RuneSelf || text[j] == '.' || text[j] == '\'') {
				// the word may go on (a letter with an accent, an apostrophe, a dot)
				j = scanWord(text, i)
				toks = append(toks, newToken(text, low, i, j))
			} else {
				// a plain ASCII word (most): newToken's token, without reading it again
				toks = append(toks, token{text: text[i:j], fold: low[i:j], start: i, end: j, word: true, upper: c >= 'A' && c <= 'Z'})
			}
			i = j
			continue
		}
		r, sz := rune(c), 1
		if r >= utf8.RuneSelf {
			r, sz = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			if len(toks) > 0 {
				toks[len(toks)-1].spaceAfter = true
			}
			i += sz
			continue
		}
		if isWordRune(r) {
			j := scanWord(text, i)
			toks = append(toks, newToken(text, low, i, j))
			i = j
			continue
		}
		// possessive 's / ’s
		if isApos(r) && i+sz < n && (text[i+sz] == 's' || text[i+sz] == 'S') && len(toks) > 0 && toks[len(toks)-1].end == i {
			k := i + sz + 1
			if k >= n || !isWordRune(firstRune(text[k:])) {
				toks = append(toks, token{text: text[i:k], fold: "'s", start: i, end: k})
				i = k
				continue
			}
		}
		toks = append(toks, token{text: text[i : i+sz], fold: punctFold(text[i:i+sz], r), start: i, end: i + sz})
		i += sz
	}
	if len(toks) > 0 {
		toks[len(toks)-1].spaceAfter = true
	}
	return toks
}

// punctFold is string(foldPunct(r)) for the mark s, which encodes r: s itself
// when the mark folds to itself (no allocation), else the folded ASCII mark.
func punctFold(s string, r rune) string {
	switch f := foldPunct(r); {
	case f == '\'':
		return "'"
	case f == '"':
		return "\""
	case f == '-':
		return "-"
	case f == r && r != utf8.RuneError:
		return s
	default:
		return string(f)
	}
}

func foldPunct(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ', '`', '´':
		return '\''
	case '“', '”', '„', '«', '»':
		return '"'
	case '–', '—':
		return '-'
	}
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘'
}

// scanWord returns the end of the word starting at i.
func scanWord(text string, i int) int {
	n := len(text)
	j := i
	for j < n {
		if c := text[j]; c < utf8.RuneSelf {
			if alnum(c) {
				j++ // the common case: an ASCII letter or digit
				continue
			}
			if c != '.' && c != '\'' {
				return j // a space or another mark: only dots and apostrophes may go on (below)
			}
		}
		r, sz := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += sz
			continue
		}
		if j+sz < n {
			next, nsz := utf8.DecodeRuneInString(text[j+sz:])
			switch {
			case isApos(r) && unicode.IsLetter(next):
				// keep O'Brien and don't, but stop before a possessive 's
				if (next == 's' || next == 'S') && (j+sz+nsz >= n || !isWordRune(firstRune(text[j+sz+nsz:]))) {
					return j
				}
				j += sz
				continue
			case r == '.' && unicode.IsDigit(next) && j > i && unicode.IsDigit(lastRune(text[i:j])):
				j += sz
				continue
			case r == '.' && unicode.IsLetter(next) && isAcronymSoFar(text[i:j]):
				// U.S. / U.N. / D.C.: single letters separated by dots
				k := j + sz + nsz
				if k < n && text[k] == '.' {
					j = k + 1
					for j+1 < n && unicode.IsLetter(firstRune(text[j:])) && text[j+1] == '.' {
						j += 2
					}
					return j
				}
			}
		}
		return j
	}
	return j
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isAcronymSoFar(s string) bool {
	return utf8.RuneCountInString(s) == 1 && unicode.IsUpper(firstRune(s))
}

func newToken(text, low string, i, j int) token {
	s := text[i:j]
	upper := s[0] >= 'A' && s[0] <= 'Z'
	if s[0] >= utf8.RuneSelf {
		upper = unicode.IsUpper(firstRune(s))
	}
	f := low[i:j]
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 0x80 || c == '.' || c == '\'' {
			f = foldWord(s)
			break
		}
	}
	return token{text: s, fold: f, start: i, end: j, word: true, upper: upper}
}

// foldWord lower-cases a word, drops accents, dots and apostrophes.
func foldWord(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == '.' || s[i] == '\'' {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range s {
		if r == '.' || isApos(r) {
			continue
		}
		r = unaccent(r)
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// asciiLower returns text with the ASCII capitals in lower case (other
// bytes as they are), in one allocation; text itself when it has none.
func asciiLower(text string) string {
	i := 0
	for i < len(text) && !(text[i] >= 'A' && text[i] <= 'Z') {
		i++
	}
	if i == len(text) {
		return text
	}
	b := make([]byte, len(text))
	copy(b, text[:i])
	for ; i < len(text); i++ {
		c := text[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
}
