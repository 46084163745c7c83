package extract

import (
	"strconv"
	"time"
)

// Numeric dates are read from tokens, not by regular expressions over the
// sentence: "May 3, 2023", "3 May 2023", "May 2023", "May of 2023",
// "May 3" (maybe "last year"), "3 May". Months are capitalized ("May",
// "Sept."), days have one or two digits (maybe "3rd"), years four.

// monthTok returns the month of toks[k] and the index after it (past the
// full stop of an abbreviation), or 0 and k.
func monthTok(toks []token, k int) (time.Month, int) {
	if k < 0 || k >= len(toks) || toks[k].cls&clsMonth == 0 {
		return 0, k
	}
	t := toks[k].text
	mo, ok := monthNames[toks[k].fold]
	if !ok || t[0] < 'A' || t[0] > 'Z' {
		return 0, k
	}
	for i := 1; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return 0, k
		}
	}
	next := k + 1
	if len(t) <= 4 && t != "June" && t != "July" && next < len(toks) && toks[next].text == "." && toks[next].start == toks[k].end {
		next++ // "Jan."
	}
	return mo, next
}

// dayTok returns the day number of toks[k] ("3", "03", "3rd"), or 0.
func dayTok(toks []token, k int) int {
	if k < 0 || k >= len(toks) || !toks[k].word {
		return 0
	}
	t := toks[k].text
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return 0
	}
	switch t[n:] {
	case "", "st", "nd", "rd", "th":
	default:
		return 0
	}
	d, _ := strconv.Atoi(t[:n])
	return d
}

// yearTok returns the year of toks[k] (four digits), or 0.
func yearTok(toks []token, k int) int {
	if k < 0 || k >= len(toks) || !toks[k].word || len(toks[k].text) != 4 {
		return 0
	}
	y, err := strconv.Atoi(toks[k].text)
	if err != nil || toks[k].text[0] == '+' || toks[k].text[0] == '-' {
		return 0
	}
	return y
}

// spaced reports whether white space separates toks[k-1] and toks[k].
func spaced(toks []token, k int) bool {
	return k > 0 && k < len(toks) && toks[k-1].spaceAfter
}

// commaThenYear reads ",? year" at toks[k] (white space before the year)
// and returns the year and the index of its token, or 0.
func commaThenYear(toks []token, k int) (int, int) {
	if k < len(toks) && toks[k].text == "," && toks[k].start == toks[k-1].end {
		k++
	}
	if !spaced(toks, k) {
		return 0, 0
	}
	return yearTok(toks, k), k
}

// numericDate is one numeric date found by datesFromTokens.
type numericDate struct {
	a, b int // token span [a, b)
	y    int // 0: the year is to be guessed from the report's date
	mo   time.Month
	d    int // 0: month precision
	last bool
}

// numericDates finds the numeric dates of a sentence's tokens, family by
// family in order of precedence (full dates, day-month-year, month-year,
// then month-day and day-month).
func numericDates(toks []token) (full, partial []numericDate) {
	for k := range toks {
		mo, next := monthTok(toks, k)
		if mo == 0 || !spaced(toks, next) {
			continue
		}
		// "May 3, 2023"
		if d := dayTok(toks, next); d > 0 {
			if y, yk := commaThenYear(toks, next+1); y > 0 {
				full = append(full, numericDate{a: k, b: yk + 1, y: y, mo: mo, d: d})
			}
		}
	}
	for k := range toks {
		d := dayTok(toks, k)
		if d == 0 || !spaced(toks, k+1) {
			continue
		}
		// "3 May 2023"
		if mo, next := monthTok(toks, k+1); mo > 0 {
			if y, yk := commaThenYear(toks, next); y > 0 {
				full = append(full, numericDate{a: k, b: yk + 1, y: y, mo: mo, d: d})
			}
		}
	}
	for k := range toks {
		mo, next := monthTok(toks, k)
		if mo == 0 || !spaced(toks, next) {
			continue
		}
		// "May 2023", "May of 2023"
		j := next
		if toks[j].fold == "of" && spaced(toks, j+1) {
			j++
		}
		if y := yearTok(toks, j); y > 0 {
			full = append(full, numericDate{a: k, b: j + 1, y: y, mo: mo})
		}
	}
	for k := range toks {
		mo, next := monthTok(toks, k)
		if mo == 0 || !spaced(toks, next) {
			continue
		}
		// "May 3", "May 3 last year"
		if d := dayTok(toks, next); d > 0 {
			nd := numericDate{a: k, b: next + 1, mo: mo, d: d}
			if j := next + 1; spaced(toks, j) && j+1 < len(toks) && toks[j].fold == "last" && toks[j+1].fold == "year" && spaced(toks, j+1) {
				nd.b, nd.last = j+2, true
			}
			partial = append(partial, nd)
		}
	}
	for k := range toks {
		d := dayTok(toks, k)
		if d == 0 || !spaced(toks, k+1) {
			continue
		}
		// "3 May"
		if mo, _ := monthTok(toks, k+1); mo > 0 {
			partial = append(partial, numericDate{a: k, b: k + 2, mo: mo, d: d, last: false})
		}
	}
	return full, partial
}
