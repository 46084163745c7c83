package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

// dateMention is a date expression found in a sentence.
type dateMention struct {
	start, end int // byte span in the report
	date       graph.Date
	future     bool // tomorrow, next week: the event has not happened
}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

const (
	reMonth   = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`
	reWeekday = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
)

// dateRules are the date patterns, tried in order; earlier ones win where they overlap.
type dateRules struct {
	full, dayMonthYear, monthDay, dayMonth, monthYear *regexp.Regexp
	dateLine, dateline                                *regexp.Regexp
}

func newDateRules() *dateRules {
	return &dateRules{
		full:         regexp.MustCompile(`\b` + reMonth + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`),
		dayMonthYear: regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + reMonth + `,?\s+(\d{4})\b`),
		monthDay:     regexp.MustCompile(`\b` + reMonth + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(\s+last\s+year)?`),
		dayMonth:     regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + reMonth + `\b`),
		monthYear:    regexp.MustCompile(`\b` + reMonth + `\s+(?:of\s+)?(\d{4})\b`),
		dateLine:     regexp.MustCompile(`^\s*` + reWeekday + `,\s+` + reMonth + `\s+(\d{1,2}),\s+(\d{4})\s*$`),
		dateline:     regexp.MustCompile(`^([A-Z][A-Z .'-]+),\s+` + reMonth + `\s+(\d{1,2})\s*(?:\([^)]*\)\s*)?[-–—]`),
	}
}

func monthOf(s string) time.Month {
	return monthNames[strings.ToLower(strings.TrimSuffix(s, "."))]
}

func dayDate(y int, m time.Month, d int) (graph.Date, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m || d < 1 {
		return graph.Date{}, false
	}
	return graph.Date{Value: t.Format("2006-01-02"), Precision: graph.Day}, true
}

func monthDate(y int, m time.Month) graph.Date {
	return graph.Date{Value: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Precision: graph.Month}
}

// findDates reads the date expressions of text[start:end], resolving
// relative ones against ref (the report's date, or the zero time).
func (r *dateRules) findDates(text string, start, end int, ref time.Time, toks []token) []dateMention {
	s := text[start:end]
	if toks == nil {
		toks = tokenize(s)
		for i := range toks {
			if _, ok := monthNames[toks[i].fold]; ok {
				toks[i].cls |= clsMonth
			}
			if _, ok := weekdayNames[toks[i].fold]; ok {
				toks[i].cls |= clsWeekday
			}
		}
	}
	// cheap gates: run a family of patterns only if its key words occur
	hasMonth, hasDay, hasYear, hasRel, hasNum := false, false, false, false, false
	for ti := range toks {
		t := &toks[ti]
		if !t.word {
			continue
		}
		if t.cls&clsMonth != 0 && t.upper {
			hasMonth = true
		}
		if t.cls&clsWeekday != 0 {
			hasDay = true
		}
		if len(t.text) == 4 && isDigitStart(t.text) {
			hasYear = true
		}
		if len(t.text) <= 4 && isDigitStart(t.text) {
			hasNum = true
		}
		switch t.fold {
		case "yesterday", "today", "tonight", "tomorrow", "week", "month", "year", "day":
			hasRel = true
		}
	}
	if !hasMonth && !hasDay && !hasYear && !hasRel {
		return nil
	}
	var out []dateMention
	taken := func(a, b int) bool {
		for _, d := range out {
			if a < d.end-start && b > d.start-start {
				return true
			}
		}
		return false
	}
	add := func(a, b int, d graph.Date, future bool) {
		if d.Value == "" && !future || taken(a, b) {
			return
		}
		out = append(out, dateMention{start: start + a, end: start + b, date: d, future: future})
	}
	hasRef := !ref.IsZero()
	if hasMonth && (hasYear || hasRef && hasNum) {
		full, partial := numericDates(toks)
		for _, nd := range full {
			a, b := toks[nd.a].start-start, toks[nd.b-1].end-start
			if nd.d == 0 {
				add(a, b, monthDate(nd.y, nd.mo), false)
			} else if dd, ok := dayDate(nd.y, nd.mo, nd.d); ok {
				add(a, b, dd, false)
			}
		}
		for _, nd := range partial {
			if !hasRef || !hasNum || nd.d > 31 {
				continue
			}
			y := ref.Year()
			if nd.last || time.Date(y, nd.mo, nd.d, 0, 0, 0, 0, time.UTC).After(ref.AddDate(0, 0, 7)) {
				y--
			}
			if dd, ok := dayDate(y, nd.mo, nd.d); ok {
				add(toks[nd.a].start-start, toks[nd.b-1].end-start, dd, false)
			}
		}
	}
	if hasMonth && hasRef {
		// "in July", "late last July", "since March": month precision
		var prev, prev2 string
		for ti := range toks {
			t := &toks[ti]
			if !t.word {
				continue
			}
			var mo time.Month
			ok := t.cls&clsMonth != 0
			if ok {
				mo = monthNames[t.fold]
			}
			p1, p2 := prev, prev2
			prev2, prev = prev, t.fold
			if !ok || !t.upper || len(t.fold) < 3 || strings.HasSuffix(t.text, ".") {
				continue
			}
			last := p1 == "last"
			lead := p1
			if last || p1 == "this" {
				lead = p2
			}
			if !monthLeads[lead] && !(last && lead == "") {
				continue
			}
			if mo == 5 && (lead == "by" || lead == "may") {
				continue
			}
			a := t.start - start
			if a < 0 || t.end-start > len(s) {
				continue
			}
			y := ref.Year()
			if mo > ref.Month() || last && mo == ref.Month() {
				y--
			}
			add(a, t.end-start, monthDate(y, mo), false)
		}
	}
	if hasYear {
		// "in 2015", "since 2011": year precision
		var prev string
		for ti := range toks {
			t := &toks[ti]
			if !t.word {
				continue
			}
			p := prev
			prev = t.fold
			if len(t.text) != 4 || !isDigitStart(t.text) || !yearLeads[p] || t.text < "1900" || t.text > "2100" {
				continue
			}
			if a := t.start - start; a >= 0 && t.end-start <= len(s) {
				add(a, t.end-start, graph.Date{Value: t.text, Precision: graph.Year}, false)
			}
		}
	}
	if hasDay {
		// weekdays, with "last" / "next" before them
		var prev, prev2 string
		for ti := range toks {
			t := &toks[ti]
			if !t.word {
				continue
			}
			var wd time.Weekday
			ok := t.cls&clsWeekday != 0
			if ok {
				wd = weekdayNames[t.fold]
			}
			if !ok {
				prev2, prev = prev, t.fold
				continue
			}
			a := t.start - start
			if a < 0 || t.end-start > len(s) {
				continue
			}
			switch {
			case prev == "next":
				add(a, t.end-start, graph.Date{}, true)
			case hasRef:
				back := (int(ref.Weekday()) - int(wd) + 7) % 7
				if prev == "last" || prev2 == "last" && prev == "on" {
					back += 7
				}
				add(a, t.end-start, graph.Date{Value: ref.AddDate(0, 0, -back).Format("2006-01-02"), Precision: graph.Day}, false)
			}
			prev2, prev = prev, t.fold
		}
	}
	if !hasRel {
		return out
	}
	// relative words: "yesterday", "last week", "earlier this month"
	var wbuf [64]int32
	words := wbuf[:0] // indexes of the word tokens
	for i := range toks {
		if toks[i].word {
			words = append(words, int32(i))
		}
	}
	for k, wi := range words {
		t := &toks[wi]
		w := t.fold
		a := t.start - start
		switch w {
		case "week", "month", "year":
			if k == 0 {
				continue
			}
			w = toks[words[k-1]].fold + " " + w
			a = toks[words[k-1]].start - start
			if k >= 2 && (toks[words[k-2]].fold == "earlier" || toks[words[k-2]].fold == "later") && toks[words[k-1]].fold == "this" {
				w = toks[words[k-2]].fold + " " + w
				a = toks[words[k-2]].start - start
			}
		case "yesterday", "today", "tonight", "tomorrow":
		default:
			continue
		}
		b := t.end - start
		if a < 0 || b > len(s) {
			continue
		}
		switch w {
		case "tomorrow", "next week", "next month", "later this week", "next year":
			add(a, b, graph.Date{}, true)
			continue
		}
		if !hasRef {
			continue
		}
		var d graph.Date
		switch w {
		case "yesterday":
			d = graph.Date{Value: ref.AddDate(0, 0, -1).Format("2006-01-02"), Precision: graph.Day}
		case "today", "tonight":
			d = graph.Date{Value: ref.Format("2006-01-02"), Precision: graph.Day}
		case "last week":
			d = graph.Date{Value: ref.AddDate(0, 0, -7).Format("2006-01"), Precision: graph.Month}
		case "this week", "earlier this week":
			d = graph.Date{Value: ref.Format("2006-01"), Precision: graph.Month}
		case "last month":
			d = graph.Date{Value: time.Date(ref.Year(), ref.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), Precision: graph.Month}
		case "this month", "earlier this month":
			d = graph.Date{Value: ref.Format("2006-01"), Precision: graph.Month}
		case "last year":
			d = graph.Date{Value: strconv.Itoa(ref.Year() - 1), Precision: graph.Year}
		case "earlier this year", "this year":
			d = graph.Date{Value: strconv.Itoa(ref.Year()), Precision: graph.Year}
		default:
			continue
		}
		add(a, b, d, false)
	}
	return out
}

// reportDate finds the date a report speaks from: the published date, else
// a date line under the headline ("Thursday, January 24, 2019"), else the
// latest full date the text gives. It returns the zero time if none.
func (r *dateRules) reportDate(text, published string) time.Time {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(published)); err == nil {
		return t
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if i > 6 {
			break
		}
		if m := r.dateLine.FindStringSubmatch(l); m != nil {
			d, _ := strconv.Atoi(m[3])
			y, _ := strconv.Atoi(m[4])
			return time.Date(y, monthOf(m[2]), d, 0, 0, 0, 0, time.UTC)
		}
	}
	var best time.Time
	for _, m := range r.full.FindAllStringSubmatch(text, -1) {
		d, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		t := time.Date(y, monthOf(m[1]), d, 0, 0, 0, 0, time.UTC)
		if t.After(best) {
			best = t
		}
	}
	return best
}

// monthLeads may stand before a month named alone: "in July", "late July".
var monthLeads = set("in", "since", "during", "late", "early", "mid", "until", "by", "from", "of", "last", "this")

// yearLeads may stand before a year named alone: "in 2015".
var yearLeads = set("in", "since", "during", "of", "early", "late", "mid")
