package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/parley/parley/graph"
)

// minQuoteWords is the fewest words a quotation needs to be a statement of
// its own; shorter ones ("null and void", "Literally.") are scare quotes or
// fragments and are read as part of the reporting sentence.
const minQuoteWords = 4

// quoteInfo is a quotation and the actor it is attributed to.
type quoteInfo struct {
	span
	speaker *entity
	rule    string
}

// statements reads at most one statement per sentence: a quotation with its
// speaker, else reported speech ("X said that ...", "according to X").
func (x *Extractor) statements(d *doc) {
	reported := make([]*entity, len(d.sents))
	rules := make([]string, len(d.sents))
	for si := range d.sents {
		if !d.sents[si].skip {
			reported[si], rules[si] = x.reportedSpeaker(d, si, d.sentenceItems(&d.sents[si], d.ments[si]))
		}
	}
	qs, attrOnly := x.attributeQuotes(d, reported)
	for si := range d.sents {
		s := &d.sents[si]
		if s.skip {
			continue
		}
		its := d.sentenceItems(s, d.ments[si])
		// a quotation of enough words in this sentence
		var best *quoteInfo
		bestWords := 0
		var part span
		for qi := range qs {
			q := &qs[qi]
			a, b := max(q.start, s.start), min(q.end, s.end)
			if b <= a {
				continue
			}
			if n := countWordsIn(d.text[a:b]); n > bestWords {
				best, bestWords, part = q, n, span{a, b}
			}
		}
		if best != nil && bestWords >= minQuoteWords && best.speaker != nil {
			ev := trimEvidence(d.text, part)
			if ev.end > ev.start {
				d.addStatement(si, best.speaker, d.text[ev.start:ev.end], true, best.rule, its)
				continue
			}
		}
		if e := reported[si]; e != nil && !attrOnly[si] {
			if best != nil && bestWords > 0 {
				// a short quotation: its words are what was said
				if ev := trimEvidence(d.text, part); ev.end > ev.start && bestWords*2 >= countWordsIn(d.text[s.start:s.end])-6 {
					d.addStatement(si, e, d.text[ev.start:ev.end], true, rules[si], its)
					continue
				}
			}
			d.addStatement(si, e, d.reportedWords(si, its), false, rules[si], its)
		}
	}
}

// addStatement records the statement of sentence si.
func (d *doc) addStatement(si int, speaker *entity, text string, quoted bool, rule string, its []item) {
	st := graph.Statement{
		Speaker: speaker.id,
		About:   d.about(its, speaker),
		Text:    text,
		Quoted:  quoted,
		Date:    d.sentenceDate(si),
		Sources: []graph.Source{{Evidence: d.sentText(si), Rule: rule}},
	}
	if d.out.Statements == nil {
		d.out.Statements = make([]graph.Statement, 0, len(d.sents)-si) // at most one a sentence, from here on
	}
	d.out.Statements = append(d.out.Statements, st)
	d.stmtBy[si] = &d.out.Statements[len(d.out.Statements)-1]
	d.use(speaker)
}

// about lists the actors a sentence mentions, other than the speaker.
func (d *doc) about(its []item, speaker *entity) []string {
	out := []string{}
	seen := map[string]bool{speaker.id: true}
	for _, it := range its {
		e := it.actor()
		if e == nil || seen[e.id] || e.media || !e.known && e.typ != graph.Person {
			continue
		}
		seen[e.id] = true
		out = append(out, e.id)
		d.use(e)
	}
	return out
}

// sentenceDate is the first date the sentence gives, else the report's date.
func (d *doc) sentenceDate(si int) graph.Date {
	for _, dm := range d.dates[si] {
		if !dm.future && dm.date.Precision == graph.Day {
			return dm.date
		}
	}
	if d.refStr != "" {
		return graph.Date{Value: d.refStr, Precision: graph.Day}
	}
	return graph.Date{}
}

// reportedSpeaker finds who a sentence reports as speaking: the subject of
// a speech verb, "according to X", "X: ..." in a heading, or the agent of a
// passive speech verb ("was condemned by X").
func (x *Extractor) reportedSpeaker(d *doc, si int, its []item) (*entity, string) {
	// "X: words" (a heading or a colon after the speaker)
	if len(its) > 2 && its[0].m != nil && its[1].tok.text == ":" && speakerOK(its[0].actor()) && !its[0].m.quoted {
		return its[0].actor(), "statement.colon"
	}
	firstVerbTried := false
	var fallback *entity
	for i := 0; i < len(its); i++ {
		if its[i].m != nil || !its[i].tok.cue { // "according" and speech verbs are cues
			continue
		}
		if inQuote(d.quotes, its[i].tok.start) {
			continue
		}
		w := its[i].word()
		if w == "according" && i+1 < len(its) && its[i+1].word() == "to" {
			if e := accordingSource(its, i+2); e != nil {
				return e, "statement.according_to"
			}
			continue
		}
		n := phraseAt(its, i, speechVerbs)
		if n == 0 || adjectival(its, i) || saidNothing(its, i) || proposedMeeting(its, i, n) {
			continue
		}
		// passive: "was condemned by X", "seconded by X"
		passive := i > 0 && (its[i-1].word() == "was" || its[i-1].word() == "were" || its[i-1].word() == "been" || its[i-1].word() == "being" || its[i-1].word() == "is" || its[i-1].word() == "are" ||
			i > 1 && its[i-1].m == nil && strings.HasSuffix(its[i-1].word(), "ly") && (its[i-2].word() == "was" || its[i-2].word() == "were"))
		if passive {
			j := i + n
			if j < len(its) && its[j].word() == "by" {
				j++
				// "by members of X", "by officials of X"
				if j+2 < len(its) && its[j].m == nil && (its[j].word() == "members" || its[j].word() == "officials") && its[j+1].word() == "of" {
					j += 2
				}
				if j < len(its) && its[j].m != nil {
					if e := its[j].actor(); speakerOK(e) {
						return e, "statement.passive"
					}
				}
			}
			continue
		}
		if e := subjectBefore(its, i); speakerOK(e) {
			return e, "statement.reported"
		}
		if !firstVerbTried {
			firstVerbTried = true
			k := i - 1
			for k >= 0 && its[k].m == nil && subjectSkips[its[k].word()] && its[k].word() != "and" {
				k--
			}
			if k < 0 || !anonymousNouns[its[k].word()] && !mediaWords[its[k].word()] && its[k].word() != "media" {
				e := clauseSubject(its, i, true)
				if e == nil {
					e = clauseSubject(its, i, false)
				}
				if speakerOK(e) && !speechVerbBetween(its, e, i) {
					fallback = e
				}
			}
		}
		// "said Erdogan", "highlighted the Leader"
		if i+n < len(its) && its[i+n].m != nil && i > 0 && (its[i-1].tok.text == "," || its[i-1].tok.fold == "\"") && !bareAdjective(its, i+n) {
			if e := its[i+n].actor(); speakerOK(e) {
				return e, "statement.reported_inverted"
			}
		}
	}
	if fallback != nil {
		return fallback, "statement.clause_subject"
	}
	return nil, ""
}

// speechVerbBetween reports whether another actor stands between the
// clause subject e and items[v] (then e is not the speaker).
func speechVerbBetween(its []item, e *entity, v int) bool {
	seen := false
	for i := 0; i < v; i++ {
		if its[i].actor() == e {
			seen = true
			continue
		}
		if seen && its[i].m != nil && its[i].actor() != nil && its[i].actor().typ == graph.Person {
			return true
		}
	}
	return false
}

// attributeQuotes finds the speaker of every quotation: named just after it
// ("…,” he said"; "…” highlighted the Leader"), or before it ("X said,
// “…”"; "X: “…”"), or else the speaker of the quotation before it in the
// same paragraph or, for a paragraph that opens with a quotation, the last
// quoted speaker of the paragraph before.
func (x *Extractor) attributeQuotes(d *doc, reported []*entity) ([]quoteInfo, map[int]bool) {
	var out []quoteInfo
	attrOnly := map[int]bool{}
	sentOf := func(p int) int {
		for i := range d.sents {
			if p >= d.sents[i].start && p <= d.sents[i].end {
				return i
			}
		}
		return -1
	}
	var last *entity
	lastPara := -1
	for _, q := range d.quotes {
		qi := quoteInfo{span: q}
		so, sc := sentOf(q.start), sentOf(q.end)
		if so < 0 || sc < 0 {
			continue
		}
		if d.sents[so].para != lastPara && !(so > 0 && d.text[q.start-1:q.start] != "" && startsParagraph(d, so, q.start)) {
			last = nil
		}
		// after the closing mark, in its sentence or (when the quotation
		// ends a sentence) in the next one
		long := hasWords(d.text[q.start:q.end], minQuoteWords)
		if e := x.speakerAfter(d, sc, q.end); e != nil {
			qi.speaker, qi.rule = e, "statement.quote_after"
		} else if e := x.speakerBefore(d, so, q.start); e != nil {
			qi.speaker, qi.rule = e, "statement.quote_before"
		} else if reported[so] != nil && long {
			qi.speaker, qi.rule = reported[so], "statement.quote_before"
		} else if e := x.speakerNextSentence(d, sc, q.end); e != nil {
			qi.speaker, qi.rule = e, "statement.quote_after"
			attrOnly[sc+1] = true
		} else if last != nil && long {
			qi.speaker, qi.rule = last, "statement.quote_continued"
		} else if so > 0 && d.sents[so-1].para == d.sents[so].para && reported[so-1] != nil && long {
			qi.speaker, qi.rule = reported[so-1], "statement.quote_continued"
		}
		if qi.speaker != nil && hasWords(d.text[q.start:q.end], minQuoteWords) {
			last = qi.speaker
		}
		lastPara = d.sents[sc].para
		out = append(out, qi)
	}
	return out, attrOnly
}

// speakerNextSentence reads an attribution that opens the sentence after a
// quotation ending its sentence: "“… first!” Macron told the world".
func (x *Extractor) speakerNextSentence(d *doc, sc, end int) *entity {
	if sc+1 >= len(d.sents) || d.sents[sc+1].para != d.sents[sc].para {
		return nil
	}
	if strings.TrimSpace(strings.Trim(d.text[end:d.sents[sc].end], "\"”’'.!?,")) != "" {
		return nil
	}
	next := &d.sents[sc+1]
	if len(next.quoted) > 0 {
		return nil // the next sentence quotes words of its own
	}
	its := d.sentenceItems(next, d.ments[sc+1])
	if len(its) < 2 || its[0].m == nil {
		return nil
	}
	e := its[0].actor()
	j := 1
	for j < len(its) && its[j].m == nil && subjectSkips[its[j].word()] {
		j++
	}
	if phraseAt(its, j, speechVerbs) > 0 && speakerOK(e) {
		return e
	}
	return nil
}

// startsParagraph reports whether position p opens its paragraph (only a
// quotation mark before it).
func startsParagraph(d *doc, si, p int) bool {
	s := d.sents[si]
	if si > 0 && d.sents[si-1].para == s.para {
		return false
	}
	return p-s.start <= 3
}

// speakerAfter reads an attribution right after a closing quotation mark.
func (x *Extractor) speakerAfter(d *doc, si int, end int) *entity {
	s := &d.sents[si]
	its := d.sentenceItems(s, d.ments[si])
	i := 0
	for i < len(its) && its[i].tok.start < end {
		i++
	}
	// skip the closing mark, commas and dashes
	for i < len(its) && its[i].m == nil && (its[i].tok.fold == "\"" || its[i].tok.text == "," || its[i].tok.text == "-" || its[i].tok.text == "—" || its[i].tok.fold == "'") {
		i++
	}
	if i >= len(its) {
		return nil
	}
	if its[i].word() == "according" && i+1 < len(its) && its[i+1].word() == "to" {
		return accordingSource(its, i+2)
	}
	if its[i].m != nil {
		e := its[i].actor()
		j := i + 1
		for j < len(its) && its[j].m == nil && subjectSkips[its[j].word()] {
			j++
		}
		if phraseAt(its, j, speechVerbs) > 0 && speakerOK(e) {
			return e
		}
		return nil
	}
	if n := phraseAt(its, i, speechVerbs); n > 0 {
		// "tweeted former thinktank executive Ken Gude"
		for j := i + n; j < len(its) && j < i+n+5; j++ {
			if its[j].m != nil {
				if speakerOK(its[j].actor()) && !bareAdjective(its, j) {
					return its[j].actor()
				}
				return nil
			}
			if !its[j].tok.word {
				return nil
			}
		}
	}
	return nil
}

// speakerBefore reads an attribution in the sentence before an opening
// quotation mark: a speech verb with its subject, or "X:".
func (x *Extractor) speakerBefore(d *doc, si int, start int) *entity {
	s := &d.sents[si]
	its := d.sentenceItems(s, d.ments[si])
	end := 0
	for end < len(its) && its[end].tok.start < start-1 {
		end++
	}
	for i := 0; i < end; i++ {
		if its[i].m != nil || inQuote(d.quotes, its[i].tok.start) {
			continue
		}
		if its[i].word() == "according" && i+2 < end && its[i+2].m != nil && speakerOK(its[i+2].actor()) {
			return its[i+2].actor()
		}
		if n := phraseAt(its, i, speechVerbs); n > 0 {
			if e := subjectBefore(its, i); speakerOK(e) {
				return e
			}
			if i+n < end && its[i+n].m != nil && i > 0 && (its[i-1].tok.text == "," || its[i-1].tok.fold == "\"") && speakerOK(its[i+n].actor()) && !bareAdjective(its, i+n) {
				return its[i+n].actor()
			}
			if w := its[i].word(); w == "saying" || w == "adding" || w == "telling" {
				if e := clauseSubject(its, i, false); speakerOK(e) {
					return e
				}
			}
		}
	}
	// "X: “…”" or "X defended his decision, “…”"
	if end > 0 && (its[end-1].tok.text == ":" || its[end-1].tok.text == ",") {
		if e := clauseSubject(its, end, false); speakerOK(e) && (its[end-1].tok.text == ":" || e.typ == graph.Person) {
			return e
		}
	}
	return nil
}

// countWordsIn counts the words of s.
func countWordsIn(s string) int {
	return countWordsUpTo(s, len(s)+1)
}

// hasWords reports whether s has at least n words (countWordsIn(s) >= n),
// reading no further than the nth.
func hasWords(s string, n int) bool {
	return countWordsUpTo(s, n) >= n
}

// countWordsUpTo counts the words of s, stopping at limit.
func countWordsUpTo(s string, limit int) int {
	n := 0
	in := false
	for i, r := range s {
		w := r < utf8.RuneSelf && alnum(s[i]) || r >= utf8.RuneSelf && isWordRune(r)
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

// trimEvidence narrows a span to its words: no surrounding white space,
// quotation marks or trailing commas.
func trimEvidence(text string, sp span) span {
	a, b := sp.start, sp.end
	a += datelineLen(text[a:b])
	for a < b {
		r := firstRune(text[a:b])
		if strings.ContainsRune(" \t\n\"“”'‘’,—–-", r) {
			a += len(string(r))
			continue
		}
		break
	}
	for b > a {
		r := lastRune(text[a:b])
		if strings.ContainsRune(" \t\n\"“”'‘’,—–-", r) {
			b -= len(string(r))
			continue
		}
		break
	}
	return span{a, b}
}

// anonymousNouns are speakers without a name: "official sources said".
var anonymousNouns = set("sources", "source", "officials", "official", "bankers", "diplomats", "analysts", "experts",
	"observers", "witnesses", "residents", "people", "media", "reports", "critics", "spokesman", "spokeswoman",
	"spokesperson", "aides", "insiders", "someone", "traders", "dealers", "economists", "police", "authorities")

// adjectival reports whether a participle is used as an adjective: after an
// article or preposition ("the proposed end point", "over alleged plots") or
// in a hyphenated compound ("Turkish-claimed waters").
func adjectival(its []item, i int) bool {
	if i == 0 || its[i-1].m != nil && its[i-1].m.end != its[i].tok.start {
		return false
	}
	if its[i-1].m != nil || its[i-1].tok.text == "-" && its[i-1].tok.end == its[i].tok.start {
		return true
	}
	switch its[i-1].word() {
	case "the", "a", "an", "over", "of", "for", "with", "its", "their", "his", "her", "this", "that", "these", "those":
		return true
	}
	return false
}

// accordingSource reads the source after "according to": an actor ("according
// to the Kremlin"), or the author of a document ("according to a tweet on
// Monday by X", "according to a statement released by X's office").
func accordingSource(its []item, k int) *entity {
	if k >= len(its) {
		return nil
	}
	if its[k].m != nil {
		if e := its[k].actor(); speakerOK(e) && !bareAdjective(its, k) {
			return e
		}
		return nil
	}
	if !documentNouns[its[min(k+1, len(its)-1)].word()] && !documentNouns[its[k].word()] {
		return nil
	}
	for j := k; j+1 < len(its) && j < k+8; j++ {
		if its[j].word() == "by" && its[j+1].m != nil {
			if e := its[j+1].actor(); speakerOK(e) {
				return e
			}
			return nil
		}
		if its[j].tok.text == "," {
			break
		}
	}
	return nil
}

// documentNouns are things that carry someone's words: "a tweet by X".
var documentNouns = set("tweet", "statement", "post", "letter", "message", "release", "communique", "communiqué",
	"readout", "transcript", "report", "memo", "decree", "announcement")

// saidNothing reports whether a speech verb is denied: "has not yet
// responded", "declined to comment", "did not say".
func saidNothing(its []item, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if its[j].m != nil {
			return false
		}
		switch its[j].word() {
		case "not", "never", "n't", "declined", "refused", "yet", "didn't", "hasn't", "haven't", "won't":
			return true
		}
	}
	return false
}

// proposalVerbs take a thing proposed as object ("proposed a meeting"),
// which is an act, not words said.
var proposalVerbs = set("proposed", "proposes", "propose", "proposing", "suggested", "suggests", "offered", "offers",
	"requested", "requests", "sought", "seeks", "invited", "invites")

// proposedMeeting reports whether the speech verb at items[i] (n items
// long) proposes a meeting: "has proposed a meeting with X", "offered talks".
func proposedMeeting(its []item, i, n int) bool {
	if !proposalVerbs[its[i].word()] {
		return false
	}
	for k := i + n; k < len(its) && k < i+n+4; k++ {
		if phraseAt(its, k, meetingNouns) > 0 {
			return true
		}
		switch its[k].word() {
		case "a", "an", "the", "new", "further", "direct", "face-to-face", "bilateral", "joint", "fresh", "another", "more":
			continue
		}
		return false
	}
	return false
}

// reportedWords returns what a sentence of reported speech reports: the
// words after its first speech verb ("said [that] ..."), or after
// "according to X,"; else the whole sentence.
func (d *doc) reportedWords(si int, its []item) string {
	whole := d.sentText(si)
	for i := 0; i < len(its); i++ {
		if its[i].m != nil || inQuote(d.quotes, its[i].tok.start) {
			continue
		}
		n := 0
		if its[i].word() == "according" && i+2 < len(its) && its[i+1].word() == "to" {
			for n = 2; i+n < len(its) && its[i+n].tok.text != ","; n++ {
			}
		} else if n = phraseAt(its, i, speechVerbs); n == 0 || adjectival(its, i) {
			continue
		}
		// "..., the ministry said (in a statement)." or "..., said X": the words come first
		if c := commaBefore(its, i, n); c > 0 {
			sp := trimEvidence(d.text, span{d.sents[si].start, its[c].tok.start})
			if hasWords(d.text[sp.start:sp.end], 3) {
				return d.text[sp.start:sp.end]
			}
		}
		j := i + n
		// "told reporters that ...": start after "that"
		for k := j; k < len(its) && k < j+5; k++ {
			if its[k].word() == "that" {
				j = k
				break
			}
			if its[k].tok.text == "," || its[k].tok.fold == "\"" {
				break
			}
		}
		for j < len(its) && its[j].m == nil && (its[j].word() == "that" || its[j].tok.text == "," || its[j].tok.text == ":") {
			j++
		}
		if j >= len(its) {
			break
		}
		sp := trimEvidence(d.text, span{its[j].tok.start, d.sents[si].end})
		if hasWords(d.text[sp.start:sp.end], 3) {
			return d.text[sp.start:sp.end]
		}
		break
	}
	return whole
}

// commaBefore returns the index of the comma that ends the reported words
// before a trailing attribution (", X said" or ", said X"), or -1.
func commaBefore(its []item, v, n int) int {
	k := v - 1
	for k >= 0 && its[k].m == nil && subjectSkips[its[k].word()] && its[k].word() != "and" {
		k--
	}
	if k >= 0 && its[k].tok.text == "," && its[k].m == nil && v+n < len(its) && its[v+n].m != nil {
		return k // ", said X"
	}
	if k >= 1 && its[k].m != nil && its[k-1].tok.text == "," && its[k-1].m == nil && len(its)-(v+n) <= 6 {
		return k - 1 // ", X said (in a statement)."
	}
	return -1
}

// datelineLen returns the length of a wire dateline that opens s ("TOKYO,
// May 3 (Reuters) - ", "SEOUL - "), or 0: an upper-case place, then at
// most 40 bytes, then a dash between spaces. A dateline is not evidence.
func datelineLen(s string) int {
	caps := 0
	for caps < len(s) && (s[caps] >= 'A' && s[caps] <= 'Z' || caps > 0 && (s[caps] == ' ' || s[caps] == '.') && caps+1 < len(s) && s[caps+1] >= 'A' && s[caps+1] <= 'Z') {
		caps++
	}
	rest := s[caps:]
	if caps < 3 || !(strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, " (") || strings.HasPrefix(rest, " -") ||
		strings.HasPrefix(rest, " –") || strings.HasPrefix(rest, " —")) {
		return 0
	}
	lim := min(len(s), caps+40)
	for _, dash := range []string{" - ", " – ", " — "} {
		if k := strings.Index(s[caps:lim], dash); k >= 0 {
			return caps + k + len(dash)
		}
	}
	return 0
}
