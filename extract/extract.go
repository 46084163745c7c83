// Package extract reads diplomatic facts out of report text: the actors
// (people, countries, organizations, groups), the meetings between them,
// what they said, and who backs whom. It works by rules over tokens,
// reference tables of countries, organizations and office holders, and word
// tables; it uses no network and no statistical model.
//
// The pipeline, one report at a time:
//
//   - tokens.go, sentences.go: words with byte spans and word classes (one
//     table lookup per token); paragraphs and sentences (abbreviations,
//     initials and quotes survive); quotation spans. A first line is a
//     headline only when it has no final stop and a blank line follows it.
//   - dates.go, datetok.go: the report's date (published, date line,
//     dateline or latest full date) and every date expression, read from
//     tokens and resolved against it.
//   - names.go: name pieces that are not capitalized words: romanized
//     syllables after a hyphen ("Moon Jae-in"), month abbreviations that are
//     given names ("Zhao Jun").
//   - mentions.go: actor mentions per sentence: gazetteer phrases (countries,
//     demonyms, capitals, organizations, groups), titled names ("Iraqi Prime
//     Minister, Mohammad Shia’ al-Sudani"), titles alone ("the Leader"),
//     organizations named by capitalized phrases, state organs ("Russia's
//     foreign ministry"), definite descriptions ("the embassy"), pronouns.
//   - resolve.go, coref.go: mentions linked to actors: full names, surnames
//     and spelling variants, office holders from data/offices.tsv (by name,
//     surname or title and country on the report's date), appositions,
//     titles alone, pronouns, names read before their full form.
//   - statements.go: at most one statement per sentence: quotations with
//     their attribution (before, after, in the next sentence, or continued),
//     else reported speech (speech verb with its subject, "according to X").
//   - meetings.go: meeting verbs, host verbs, meeting nouns, passives,
//     gatherings, "attended by", "joined the talks", with negation for
//     planned, refused or cancelled meetings; date, place and mode.
//   - supports.go, supports_idioms.go: support verbs and nouns, "X-backed",
//     "allied with", "stand with", pledges ("will stand with"), commitments
//     ("commitment to the defense of X", "committed to X's security"),
//     "support each other", "thanked X for its aid", with claimed_by from
//     the sentence's statement.
//
// Word tables live in lexicon.go and the phrase tables beside each rule;
// reference tables are data/*.tsv (countries, organizations, offices) and
// lexicon/*.tsv (groups and former states). Every fact carries its evidence
// (an exact substring of the text) and the name of the rule that produced it.
package extract

import (
	"strings"
	"sync"
	"time"

	"github.com/parley/parley/graph"
)

// Extractor reads facts out of report text. Safe for concurrent use; holds
// immutable tables and a pool of token buffers.
type Extractor struct {
	gaz     *gazetteer
	dates   *dateRules
	classes *wordTable // folded word → word classes
	scratch sync.Pool  // *scratch: working memory reused from report to report
}

// scratch is the working memory of one extraction that no fact keeps:
// tokens, sentences, rule items and index buffers, reused from report to
// report (cleared after use, so that no report's text stays referenced).
type scratch struct {
	toks  []token
	sents []sentence
	items []item
	ints  []int
	ments mentArena
	mptrs []*mention // backing store of the sentences' mention lists
	reg   *registry
}

// Input is one report to read: its text, its publication date
// ("YYYY-MM-DD" or "") and its headline (may be "").
type Input struct {
	Text      string
	Published string
	Title     string
}

// New returns an Extractor with the embedded reference tables loaded.
func New() *Extractor {
	g := loadGazetteer()
	return &Extractor{gaz: g, dates: newDateRules(), classes: newWordTable(wordClasses(g.prefixes))}
}

// doc is the working state of one extraction.
type doc struct {
	text     string
	ref      time.Time // the report's date, or zero
	refStr   string    // ref as YYYY-MM-DD, or ""
	sents    []sentence
	quotes   []span
	ments    [][]*mention    // per sentence
	dates    [][]dateMention // per sentence
	reg      *registry
	out      graph.Facts
	stmtBy   map[int]*graph.Statement // sentence → its statement
	place    string                   // dateline city, if any
	explicit []bool                   // per meeting: its date is given in its own sentence
	surnames map[string]*entity       // bare surname (folded) → the person it first stood for
	itemBuf  []item                   // backing store of the sentences' items (see sentenceItems)
}

// Extract reads the facts of one report. Every entity a fact names is
// listed in Entities, and every Evidence is an exact substring of in.Text.
func (x *Extractor) Extract(in Input) *graph.Facts {
	d := &doc{text: in.Text, stmtBy: map[int]*graph.Statement{}, surnames: map[string]*entity{}}
	d.ref = x.dates.reportDate(in.Text, in.Published)
	if !d.ref.IsZero() {
		d.refStr = d.ref.Format("2006-01-02")
	}
	// the token, sentence and item buffers (the largest allocations of a
	// report) are reused: no fact keeps a token, a sentence or an item, only
	// strings of the text and new strings
	sc, _ := x.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{reg: newRegistry()}
	}
	d.reg = sc.reg
	toks := appendTokens(sc.toks[:0], in.Text)
	if cap(sc.items) < len(toks) {
		sc.items = make([]item, 0, len(toks)+len(toks)/4)
	}
	d.itemBuf = sc.items[:0]
	defer func() {
		clear(toks) // drop the references to this report's text
		sc.toks = toks[:0]
		clear(d.sents)
		sc.sents = d.sents[:0]
		clear(sc.items[:min(len(toks), cap(sc.items))])
		clear(sc.ments.buf) // the last chunk of mentions, kept for the next report
		sc.ments.buf = sc.ments.buf[:0]
		clear(sc.mptrs)
		sc.mptrs = sc.mptrs[:0]
		sc.reg.reset() // after facts, which copy what they keep of the actors
		x.scratch.Put(sc)
	}()
	classify(toks, x.classes)
	d.sents = appendSentences(sc.sents[:0], in.Text, toks)
	d.quotes = quoteSpans(in.Text, d.sents)
	attachQuotes(d.sents, d.quotes)
	x.markSkipped(d, in.Title)
	if m := x.dates.dateline.FindStringSubmatch(firstBodyLine(in.Text)); m != nil {
		d.place = strings.TrimSpace(m[1])
	}
	d.ments = make([][]*mention, len(d.sents))
	d.dates = make([][]dateMention, len(d.sents))
	for i := range d.sents {
		s := &d.sents[i]
		d.dates[i] = x.dates.findDates(in.Text, s.start, s.end, d.ref, s.toks)
		if s.skip && !s.headline {
			continue
		}
		d.ments[i] = x.findMentionsBuf(in.Text, s, d.quotes, sc)
	}
	x.resolve(d)
	x.statements(d)
	x.meetings(d)
	x.supports(d)
	return d.facts(x.gaz)
}

// markSkipped marks the headline and date lines, which are read for dates
// only. The first paragraph is a headline when it equals the title, or when
// it has no final stop, a blank line follows it and other text comes after;
// a first line that is a sentence is body (a single posted paragraph).
func (x *Extractor) markSkipped(d *doc, title string) {
	blankAfter := false
	for i := 1; i < len(d.sents); i++ {
		if d.sents[i].para != d.sents[0].para {
			blankAfter = strings.Count(d.text[d.sents[i-1].end:d.sents[i].start], "\n") >= 2
			break
		}
	}
	paras := 0
	for i := range d.sents {
		s := &d.sents[i]
		if s.para > 0 && i > 0 && d.sents[i-1].para != s.para {
			paras++
		}
		line := d.text[s.start:s.end]
		if _, wd := weekdayNames[s.toks[0].fold]; wd && x.dates.dateLine.MatchString(line) {
			s.skip = true
			continue
		}
		if s.para == d.sents[0].para && len(d.sents) > 1 && d.sents[len(d.sents)-1].para != s.para {
			if !endsSentence(s.toks) && blankAfter || strings.EqualFold(strings.TrimSpace(line), strings.TrimSpace(title)) {
				s.skip = true
				s.headline = true
			}
		}
		if shouting(s.toks) {
			s.skip = true
			s.headline = false
		}
	}
}

// shouting reports whether most words are in capitals (a wire headline).
func shouting(toks []token) bool {
	n, caps := 0, 0
	for ti := range toks {
		t := &toks[ti]
		if !t.word || len(t.text) < 2 {
			continue
		}
		n++
		upper := true
		for i := 0; i < len(t.text); i++ {
			if c := t.text[i]; c >= 'a' && c <= 'z' {
				upper = false
				break
			}
		}
		if upper {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*7
}

// firstBodyLine returns the first of the first nine lines that holds a
// dateline's dash or "(Reuters)", or "".
func firstBodyLine(text string) string {
	rest := text
	for range 9 {
		l, after, more := strings.Cut(rest, "\n")
		if strings.Contains(l, " - ") || strings.Contains(l, " – ") || strings.Contains(l, "(Reuters)") {
			return l
		}
		if !more {
			break
		}
		rest = after
	}
	return ""
}

// endsSentence reports whether tokens end with a full stop, question or
// exclamation mark, maybe followed by closing quotation marks.
func endsSentence(toks []token) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		switch toks[i].fold {
		case ".", "!", "?", "…":
			return true
		case "\"", "'", "»", ")":
			continue
		}
		return false
	}
	return false
}
