package extract

import (
	"strings"

	"github.com/parley/parley/graph"
)

// item is one step of a sentence seen by the rules: a whole mention, or a
// token outside mentions.
type item struct {
	m   *mention // nil for a plain token
	tok *token   // the token (first token of a mention)
	ti  int      // index of the (first) token in the sentence
}

// items returns the sentence as items: mentions collapsed to one item
// each. The result is cached on the sentence; its memory is carved from
// d.itemBuf (a sentence has at most one item per token).
func (d *doc) sentenceItems(s *sentence, ms []*mention) []item {
	if s.items != nil {
		return s.items
	}
	n := len(s.toks)
	if cap(d.itemBuf)-len(d.itemBuf) < n {
		d.itemBuf = make([]item, 0, max(n, 256))
	}
	at := len(d.itemBuf)
	out := d.itemBuf[at : at : at+n]
	k := 0
	for i := 0; i < len(s.toks); {
		if k < len(ms) && ms[k].a == i {
			out = append(out, item{m: ms[k], tok: &s.toks[i], ti: i})
			i = ms[k].b
			k++
			continue
		}
		for k < len(ms) && ms[k].a < i {
			k++
		}
		out = append(out, item{tok: &s.toks[i], ti: i})
		i++
	}
	d.itemBuf = d.itemBuf[:at+len(out)]
	s.items = out
	return out
}

// actor returns the resolved actor of an item, or nil.
func (it item) actor() *entity {
	if it.m == nil {
		return nil
	}
	return it.m.ent
}

// word returns the folded word of a plain item, or "" for a mention.
func (it item) word() string {
	if it.m != nil {
		return ""
	}
	return it.tok.fold
}

// isPerson reports whether the item is a mention of a person.
func (it item) isPerson() bool {
	e := it.actor()
	return e != nil && e.typ == graph.Person
}

// speakerOK reports whether an actor may be a speaker: not a news outlet.
func speakerOK(e *entity) bool {
	return e != nil && !e.media
}

// phraseSet is a table of words and short phrases (up to three words).
type phraseSet struct {
	words map[string]bool // the phrases
	first map[string]bool // their first words
	most  map[string]int  // first word → the most words of a phrase it starts
	bit   uint8           // this table's bit in token.sets (see cueTables)
}

// newPhraseSet makes a rule phrase table; phraseAt matches it only once it
// is one of cueSets.
func newPhraseSet(phrases ...string) *phraseSet {
	p := &phraseSet{words: set(phrases...), first: map[string]bool{}, most: map[string]int{}}
	for _, ph := range phrases {
		w, _, _ := strings.Cut(ph, " ")
		p.first[w] = true
		p.most[w] = max(p.most[w], strings.Count(ph, " ")+1)
	}
	return p
}

// phraseAt matches a (one- to three-word) entry of table at items[i] and
// returns the number of items it spans, or 0.
func phraseAt(its []item, i int, ps *phraseSet) int {
	if i >= len(its) || its[i].m != nil || !its[i].tok.cue || its[i].tok.sets&ps.bit == 0 {
		return 0 // (a word that starts a phrase of ps has its bit: no lookup for the others)
	}
	most := ps.most[its[i].tok.fold]
	if most == 0 {
		return 0
	}
	table := ps.words
	if most >= 3 && i+2 < len(its) && its[i+1].m == nil && its[i+2].m == nil {
		if table[its[i].tok.fold+" "+its[i+1].tok.fold+" "+its[i+2].tok.fold] {
			return 3
		}
	}
	if most >= 2 && i+1 < len(its) && its[i+1].m == nil {
		if table[its[i].tok.fold+" "+its[i+1].tok.fold] {
			return 2
		}
	}
	if table[its[i].tok.fold] {
		return 1
	}
	return 0
}

// subjectBefore finds the actor that is the subject of a verb at items[v]:
// the mention just before it (past adverbs, auxiliaries, a parenthesis or an
// apposition between commas).
func subjectBefore(its []item, v int) *entity {
	i := v - 1
	for i >= 0 {
		w := its[i].word()
		if its[i].m == nil && subjectSkips[w] && w != "and" {
			i--
			continue
		}
		break
	}
	if i < 0 {
		return nil
	}
	// "Macron's office said", "Erdogan's spokesman said": the principal speaks
	if its[i].m == nil && i >= 2 && principalNouns[its[i].word()] && its[i-1].tok.fold == "'s" && its[i-2].m != nil {
		return its[i-2].actor()
	}
	if its[i].m != nil {
		if e := its[i].actor(); e != nil {
			if i > 0 && prepositions[its[i-1].word()] {
				// "representatives from Iran acknowledged" speaks for Iran;
				// "in Cairo denounced": Cairo is not the subject
				if i > 1 && (its[i-1].word() == "from" || its[i-1].word() == "of") && spokesNouns[its[i-2].word()] {
					return e
				}
				return nil
			}
			return e
		}
		if its[i].m.kind == mTitle && i > 0 && its[i-1].word() == "," {
			i--
		} else {
			return nil
		}
	}
	if its[i].tok.text == ")" {
		for i >= 0 && its[i].tok.text != "(" {
			i--
		}
		i--
		if i >= 0 && its[i].m != nil {
			return its[i].actor()
		}
		return nil
	}
	if its[i].tok.text == "," && i > 0 && its[i-1].tok.text == ")" && its[i-1].m == nil {
		// "the Syrian Democratic Forces (SDF), opposed"
		k := i - 1
		for k >= 0 && its[k].tok.text != "(" {
			k--
		}
		if k > 0 && its[k-1].m != nil && its[k-1].actor() != nil {
			return its[k-1].actor()
		}
	}
	if its[i].tok.text == "," {
		// "X's spokesperson, Name, said"
		if i > 0 && its[i-1].isPerson() && (i == 1 || its[i-2].tok.text == "," && its[i-2].m == nil) {
			return its[i-1].actor()
		}
		for j := i - 1; j >= 0 && j >= i-16; j-- {
			if its[j].tok.text == "," && its[j].m == nil && j+1 < len(its) && its[j+1].word() == "according" {
				// ", according to X," is an aside: look past it
				k := j - 1
				for k >= 0 && its[k].m == nil && (its[k].word() == "and" || subjectSkips[its[k].word()]) {
					k--
				}
				if k >= 0 && its[k].m != nil {
					return its[k].actor()
				}
				return nil
			}
			if its[j].tok.text == "," && its[j].m == nil {
				if j > 0 && its[j-1].m != nil {
					return its[j-1].actor()
				}
				if j > 0 && its[j-1].tok.text == ")" {
					return subjectBefore(its, j)
				}
				return nil
			}
		}
	}
	return nil
}

// clauseSubject returns the first actor of the sentence before items[v]
// that is not the object of a preposition and not quoted.
func clauseSubject(its []item, v int, person bool) *entity {
	from := 0
	for i := 0; i < v && i < len(its); i++ {
		if its[i].m == nil && its[i].tok.text == ";" {
			from = i + 1
		}
	}
	for i := from; i < v && i < len(its); i++ {
		if its[i].m == nil || its[i].m.quoted {
			continue
		}
		e := its[i].actor()
		if e == nil || e.media || bareAdjective(its, i) {
			continue
		}
		if person && e.typ != graph.Person {
			continue
		}
		if i > 0 && prepositions[its[i-1].word()] {
			continue
		}
		if i+1 < len(its) && its[i+1].tok.fold == "'s" && its[i+1].m == nil {
			continue
		}
		return e
	}
	return nil
}

var prepositions = set("with", "by", "to", "of", "for", "from", "in", "at", "on", "between", "about", "against",
	"into", "than", "like", "among", "towards", "toward", "over", "under", "across", "through", "via", "despite")

// spokesNouns speak for the actor after "of" or "from": "representatives from Iran".
var spokesNouns = set("representatives", "representative", "officials", "members", "spokesman", "spokesperson",
	"spokeswoman", "delegation", "delegates", "envoys", "leaders", "leadership", "diplomats")

// principalNouns after "X's" speak for X: "Macron's office said".
var principalNouns = set("office", "spokesman", "spokeswoman", "spokesperson", "press office", "cabinet", "aides",
	"government", "administration", "ministry", "presidency", "embassy")

// cueSets are the rule phrase tables, each with its bit for token.sets
// (at most 8), so that a token can tell once which rules may start at it.
var cueSets = cueTables(speechVerbs, meetingVerbs, hostVerbs, meetingNouns, sentenceNegators, supportVerbs, supportNouns,
	newPhraseSet("stand", "stands", "stood", "standing", "seconded", "according", "attended", "joined", "told", "tells",
		"assured", "urged", "gathered", "convened", "assembled", "thank", "thanks", "thanked", "thanking", "gratitude",
		"grateful", "thankful", "appreciation"))

// phraseCues holds the first words of every rule phrase table.
var phraseCues = unionFirsts(cueSets...)

// cueTables gives each table its bit (once, while the package's tables are
// made) and returns them.
func cueTables(sets ...*phraseSet) []*phraseSet {
	if len(sets) > 8 {
		panic("extract: more than 8 rule phrase tables for token.sets")
	}
	for k, s := range sets {
		s.bit = 1 << k
	}
	return sets
}

func unionFirsts(sets ...*phraseSet) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for w := range s.first {
			out[w] = true
		}
	}
	return out
}
