package extract

import "strings"

// sentence is a span of tokens that ends a sentence, within one paragraph.
type sentence struct {
	idx        int // position in the report
	para       int // paragraph number
	start, end int // byte offsets in the report text
	toks       []token
	quoted     []span // parts of the sentence inside quotation marks
	skip       bool   // headline or date line: read for dates only
	headline   bool   // the headline: also read for meetings
	items      []item // the sentence as rule items, once mentions are resolved
}

// hasNewline reports whether the white space between two tokens (mostly
// none or one space) breaks a line: a loop, not a call to strings.Contains.
func hasNewline(gap string) bool {
	for i := 0; i < len(gap); i++ {
		if gap[i] == '\n' {
			return true
		}
	}
	return false
}

// span is a byte range of the report text.
type span struct{ start, end int }

// abbreviations are words that a following full stop does not end a sentence after.
var abbreviations = set(
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm",
	"sen", "rep", "gov", "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mt", "ft", "approx", "dept", "univ", "est", "fig", "vol", "rev", "hon", "excl", "incl", "op", "ed",
)

// splitSentences cuts the report into paragraphs (at line breaks) and the
// paragraphs into sentences. A full stop, question or exclamation mark ends
// a sentence when the next word starts with a capital, a digit or a quote
// mark, unless it closes a known abbreviation or an initial.
func splitSentences(text string, toks []token) []sentence {
	return appendSentences(nil, text, toks)
}

// appendSentences is splitSentences appending to out (which is empty).
func appendSentences(out []sentence, text string, toks []token) []sentence {
	para := 0
	begin := 0
	flush := func(end int) {
		if end > begin {
			s := sentence{idx: len(out), para: para, toks: toks[begin:end]}
			s.start = s.toks[0].start
			s.end = s.toks[len(s.toks)-1].end
			out = append(out, s)
		}
		begin = end
	}
	for i := 0; i < len(toks); i++ {
		if i > begin && hasNewline(text[toks[i-1].end:toks[i].start]) {
			flush(i)
			para++
		}
		t := &toks[i]
		if t.word || !(t.text == "." || t.text == "!" || t.text == "?" || t.text == "…") {
			continue
		}
		// swallow more terminal marks, closing quotes and brackets
		j := i + 1
		for j < len(toks) && !toks[j].word && toks[j].start == toks[j-1].end && strings.ContainsAny(toks[j].fold, ".!?\"')]…") {
			j++
		}
		if j >= len(toks) {
			continue
		}
		if hasNewline(text[toks[j-1].end:toks[j].start]) {
			continue // the paragraph break will cut here
		}
		next := toks[j]
		if !(next.upper || isDigitStart(next.text) || next.fold == "\"" || next.text == "[" || next.text == "(" || next.fold == "'") {
			continue
		}
		if t.text == "." && i > 0 && toks[i-1].end == t.start && toks[i-1].word {
			prev := toks[i-1]
			if abbreviations[prev.fold] || (len([]rune(prev.text)) == 1 && prev.upper) {
				continue
			}
		}
		if toks[j-1].text == "[" || toks[i].start > 0 && i > 0 && toks[i-1].text == "[" {
			continue
		}
		flush(j)
		i = j - 1
	}
	flush(len(toks))
	return out
}

func isDigitStart(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// quoteSpans finds the passages inside double quotation marks, paragraph by
// paragraph: curly pairs, and straight quotes taken in turn. A quote left
// open runs to the end of its paragraph.
func quoteSpans(text string, sents []sentence) []span {
	var out []span
	var cur [][]token // the paragraph's sentences' tokens
	flushPara := func() {
		open := -1
		lastEnd := 0 // the end of the paragraph's last token
		for _, ts := range cur {
			for ti := range ts {
				t := &ts[ti]
				lastEnd = t.end
				if t.word {
					continue // quotation marks are not words
				}
				switch t.text {
				case "“", "„", "«":
					if open < 0 {
						open = t.end
					}
				case "”", "»":
					if open >= 0 {
						out = append(out, span{open, t.start})
						open = -1
					}
				case "\"":
					if open < 0 {
						open = t.end
					} else {
						out = append(out, span{open, t.start})
						open = -1
					}
				}
			}
		}
		if open >= 0 && len(cur) > 0 {
			out = append(out, span{open, lastEnd})
		}
		if !hadDouble(cur) {
			out = append(out, singleQuoteSpans(text, cur)...)
		}
		cur = cur[:0]
	}
	para := -1
	for _, s := range sents {
		if s.para != para {
			flushPara()
			para = s.para
		}
		cur = append(cur, s.toks)
	}
	flushPara()
	return out
}

// attachQuotes records on each sentence the parts of it that are quoted.
func attachQuotes(sents []sentence, quotes []span) {
	for i := range sents {
		s := &sents[i]
		for _, q := range quotes {
			a, b := max(q.start, s.start), min(q.end, s.end)
			if b > a {
				s.quoted = append(s.quoted, span{a, b})
			}
		}
	}
}

// inQuote reports whether byte offset p lies inside one of the quotes.
func inQuote(quotes []span, p int) bool {
	for _, q := range quotes {
		if p >= q.start && p < q.end {
			return true
		}
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hadDouble reports whether a paragraph uses double quotation marks.
func hadDouble(para [][]token) bool {
	for _, ts := range para {
		for ti := range ts {
			t := &ts[ti]
			if t.fold == "\"" {
				return true
			}
		}
	}
	return false
}

// singleQuoteSpans finds quotations in curly single quotes (‘…’), the
// British style, in a paragraph without double quotes: an opening ‘ after a
// space or at the start, closed by a ’ that is not inside a word.
func singleQuoteSpans(text string, para [][]token) []span {
	var out []span
	open := -1
	for _, ts := range para {
		for ti := range ts {
			t := &ts[ti]
			switch t.text {
			case "‘":
				if open < 0 && (t.start == 0 || strings.ContainsAny(text[t.start-1:t.start], " \n\t(—–-")) {
					open = t.end
				}
			case "’":
				if open >= 0 && hasWords(text[open:t.start], 3) {
					out = append(out, span{open, t.start})
					open = -1
				}
			}
		}
	}
	return out
}
