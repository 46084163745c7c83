package extract

import (
	"strings"

	"github.com/parley/parley/graph"
)

// supportVerbs say that their subject backs their object.
var supportVerbs = newPhraseSet("support", "supports", "supported", "supporting", "back", "backs", "backed", "backing",
	"arm", "arms", "armed", "arming", "help", "helps", "helped", "helping", "assist", "assists", "assisted",
	"stand with", "stands with", "stood with", "stand by", "stands by", "stood by", "sided with", "sides with",
	"allied with", "supportive of", "in support of", "seconded", "endorsed", "endorses", "defended", "fund",
	"funds", "funded", "funding", "finance", "finances", "financed", "sponsor", "sponsors", "sponsored",
	"committed to", "stand behind", "stands behind", "stood behind")

// supportNouns name backing given to someone: "support for X", "solidarity with X".
var supportNouns = newPhraseSet("support", "backing", "assistance", "aid", "help", "solidarity", "arms", "weapons",
	"military aid", "financial support", "sponsorship", "commitment", "commitments")

// supportAdjectives may stand between a supporter and a support noun ("direct Iranian assistance").
var supportAdjectives = set("direct", "military", "political", "financial", "continued", "strong", "full",
	"unwavering", "steadfast", "firm", "economic", "humanitarian", "diplomatic", "moral", "material", "total",
	"continuing", "ongoing", "unconditional", "much", "more", "any", "the", "its", "their", "his", "her",
	"ironclad", "unshakable", "unshakeable", "enduring", "lasting", "unswerving", "resolute", "security", "defense", "defence")

// supportNegators before a support word make it hoped-for or denied.
var supportNegators = set("hope", "hopes", "hoped", "will", "would", "may", "might", "could", "if", "not", "no",
	"urging", "urged", "urge", "calling", "asking", "seeking", "seeks", "demanding", "demanded", "requesting", "more",
	"appealed", "appealing", "needs", "need", "needed", "wants", "wanted",
	"seek", "sought", "ask", "asked", "request", "requested", "unwilling", "refused", "refuse", "stop", "stopped",
	"ended", "withdrew", "cut", "withholding", "withheld", "suspend", "suspended", "to seek", "never", "without")

// backedSuffix are the words of "X-backed" compounds.
var backedSuffix = set("backed", "supported", "funded", "armed", "sponsored", "allied", "aligned")

// supports reads who backs whom.
func (x *Extractor) supports(d *doc) {
	seen := map[string]bool{}
	for si := range d.sents {
		s := &d.sents[si]
		if s.skip {
			continue
		}
		its := d.sentenceItems(s, d.ments[si])
		// add records that sup backs obj; co-subjects of sup ("Egypt and
		// Jordan voiced support") do not claim it for sup
		add := func(sup, obj *entity, rule string, co ...*entity) {
			if sup == nil || obj == nil || sup == obj || obj.media || sup.media {
				return
			}
			claimed := ""
			if st := d.stmtBy[si]; st != nil && st.Speaker != sup.id {
				claimed = st.Speaker
				for _, c := range co {
					if c != nil && c.id == claimed {
						claimed = ""
					}
				}
			}
			if claimed == "" {
				claimed = accordingTo(its, sup)
			}
			key := sup.id + ">" + obj.id + ">" + claimed
			if seen[key] {
				return
			}
			seen[key] = true
			d.use(sup)
			d.use(obj)
			if claimed != "" {
				d.use(d.reg.byID[claimed])
			}
			d.out.Supports = append(d.out.Supports, graph.Support{Supporter: sup.id, Supported: obj.id, ClaimedBy: claimed,
				Sources: []graph.Source{{Evidence: d.sentText(si), Rule: rule}}})
		}
		for i := 0; i < len(its); i++ {
			if its[i].m != nil {
				continue
			}
			w := its[i].word()
			// "Iranian-backed militia", "the PMF, an Iranian-backed militia"
			if i >= 2 && its[i-1].tok.text == "-" && backedSuffix[w] && its[i-2].m != nil && its[i-1].tok.start == its[i-2].m.end {
				sup := its[i-2].actor()
				var obj *entity
				if i+1 < len(its) && its[i+1].m != nil {
					obj = its[i+1].actor()
				} else if i+2 < len(its) && its[i+2].m != nil && its[i+1].m == nil && its[i+1].tok.word {
					obj = its[i+2].actor()
				}
				if obj == nil {
					obj = appositionHead(its, i-2)
				}
				add(sup, obj, "support.x_backed")
				continue
			}
			if its[i].tok.cue && thankWords[w] {
				if sup, obj := x.thanked(d, its, i); sup != nil {
					add(sup, obj, "support.thanked")
					continue
				}
			}
			if its[i].tok.is(clsProvide) && !supportNegated(its, i) {
				if obj := providedWith(its, i); obj != nil {
					subj := coordinatedSubjects(its, i)
					if len(subj) == 0 {
						subj = append(subj, clauseSubject(its, i, false))
					}
					for _, sup := range subj {
						add(sup, obj, "support.provide_with", subj...)
					}
					continue
				}
			}
			if !its[i].tok.cue && w != "stand" && w != "stands" && w != "stood" && w != "standing" {
				continue // no support word starts here
			}
			if supportNegated(its, i) {
				continue
			}
			// "stood firmly with X", "stands shoulder to shoulder with X"
			if (w == "stand" || w == "stands" || w == "stood" || w == "standing") && i+2 < len(its) && its[i+1].m == nil {
				k := i + 1
				for k < len(its) && k < i+5 && its[k].m == nil && its[k].word() != "with" && its[k].word() != "by" && its[k].tok.word {
					k++
				}
				if k > i+1 && k+1 < len(its) && (its[k].word() == "with" || its[k].word() == "by") && its[k+1].m != nil && !bareAdjective(its, k+1) {
					sup := subjectBefore(its, i)
					if sup == nil {
						sup = clauseSubject(its, i, false)
					}
					add(sup, its[k+1].actor(), "support.stand_with")
					continue
				}
			}
			// "China and Russia will continue to support each other"
			if n := phraseAt(its, i, supportVerbs); n > 0 && !nounContext(its, i) && eachOther(its, i+n) {
				if subj := coordinatedSubjects(its, i); len(subj) >= 2 {
					for _, a := range subj {
						for _, b := range subj {
							add(a, b, "support.each_other", subj...)
						}
					}
					continue
				}
			}
			if n := phraseAt(its, i, supportVerbs); n > 0 && !nounContext(its, i) && objectAfter(its, i+n) != nil {
				obj := objectAfter(its, i+n)
				var sup *entity
				if w == "seconded" || w == "endorsed" {
					sup = subjectBefore(its, i)
					if its[i+n].m == nil {
						// "seconded X's call": the possessor is the one supported
					}
				} else if i > 1 && (its[i-1].word() == "which" || its[i-1].word() == "who" || its[i-1].word() == "that") {
					// "YPG militia which support the PKK": the head before the relative pronoun
					for k := i - 2; k >= 0 && k >= i-4; k-- {
						if its[k].m != nil {
							sup = its[k].actor()
							break
						}
						if !its[k].tok.word {
							break
						}
					}
				} else {
					sup = subjectBefore(its, i)
					gerund := strings.HasSuffix(w, "ing") || i > 0 && its[i-1].word() == "to"
					if gerund && (sup == nil || sup.typ == graph.Person) {
						// "by supporting X", "for the army to help X": the nearest state or body
						if e := nearestStateBefore(its, i); e != nil {
							sup = e
						}
					}
				}
				if sup == nil {
					sup = clauseSubject(its, i, false)
				}
				add(sup, obj, "support.verb")
				i += n - 1
				continue
			}
			// "seconded by X and Y": they back the last speaker
			if w == "seconded" && i+2 < len(its) && its[i+1].word() == "by" {
				if target := d.lastSpeakerBefore(si); target != nil {
					for _, e := range actorsAfter(its, i+2, true) {
						add(e, target, "support.seconded_by")
					}
				}
				continue
			}
			if n := phraseAt(its, i, supportNouns); n > 0 {
				j := i + n
				var obj *entity
				if j+1 < len(its) && (its[j].word() == "for" || its[j].word() == "to" || its[j].word() == "with" || its[j].word() == "of") && its[j+1].m != nil && !bareAdjective(its, j+1) {
					obj = its[j+1].actor()
				}
				if obj == nil && j+1 < len(its) && (its[j].word() == "to" || its[j].word() == "for") {
					obj = guardedObject(its, j+1) // "commitment to the defense of Japan"
				}
				if obj == nil {
					for k := j; k+2 < len(its) && k < j+4; k++ {
						if its[k].word() == "received" && its[k+1].word() == "by" && its[k+2].m != nil {
							obj = its[k+2].actor()
							break
						}
					}
				}
				if obj == nil {
					continue
				}
				sup := supporterOfNoun(its, i)
				if subj := nounSubjects(its, i); sup == nil && len(subj) > 0 {
					for _, e := range subj {
						add(e, obj, "support.noun", subj...)
					}
					continue
				}
				if sup == nil && w != "aid" && w != "help" {
					sup = subjectBefore(its, i-1)
					if sup == nil {
						sup = clauseSubject(its, i, false)
					}
				}
				add(sup, obj, "support.noun")
			}
		}
	}
}

// supportNegated reports whether a support word is hoped-for, asked for or denied.
func supportNegated(its []item, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if its[j].m != nil || its[j].tok.text == "," {
			return false
		}
		switch its[j].word() {
		case "continue", "continues", "keep", "keeps", "remain", "remains":
			return false // "will continue to support": ongoing backing
		}
		if w := its[j].word(); w == "will" || w == "would" {
			// "France will stand with X" is a pledge; "hoped Iran would support X" is not
			return hopedBefore(its, j)
		}
		if supportNegators[its[j].word()] {
			return true
		}
	}
	return false
}

// objectAfter returns the actor a support verb governs: the next mention,
// past "the government of".
func objectAfter(its []item, i int) *entity {
	for j := i; j < len(its) && j < i+4; j++ {
		if its[j].m != nil {
			if bareAdjective(its, j) {
				return nil
			}
			return its[j].actor()
		}
		switch w := its[j].word(); {
		case guardNouns[w] || w == "the" || w == "government" || w == "of" || w == "regime" || w == "forces" || w == "people" ||
			w == "fighters" || w == "rebels" || w == "[" || w == "]":
			continue
		case j > i && its[j-1].word() == "the" && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && !strings.Contains(w, "-"):
			continue // "the oppressed Gazans", "the embattled government"
		}
		return nil
	}
	return nil
}

// appositionHead returns the actor an apposition at items[i] describes:
// "the PMF, an Iranian-backed militia" → the PMF.
func appositionHead(its []item, i int) *entity {
	j := i - 1
	for j >= 0 && its[j].m == nil && (its[j].word() == "a" || its[j].word() == "an" || its[j].word() == "the") {
		j--
	}
	if j >= 1 && its[j].tok.text == "," && its[j-1].m == nil && its[j-1].tok.text == ")" {
		for j >= 0 && its[j].tok.text != "(" {
			j--
		}
	}
	if j >= 1 && (its[j].tok.text == "," || its[j].tok.text == "(") && its[j-1].m != nil {
		return its[j-1].actor()
	}
	return nil
}

// nearestStateBefore returns the nearest country, organization or group
// named before items[i].
func nearestStateBefore(its []item, i int) *entity {
	for j := i - 1; j >= 0; j-- {
		if e := its[j].actor(); e != nil && e.typ != graph.Person && !bareAdjective(its, j) && !e.media {
			return e
		}
	}
	return nil
}

// supporterOfNoun returns the giver of "X's support", "its support",
// "Iranian assistance".
func supporterOfNoun(its []item, i int) *entity {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if its[j].m != nil {
			return its[j].actor()
		}
		w := its[j].word()
		if w == "'s" || w == "'" {
			continue
		}
		if w == "its" || w == "their" {
			return nearestStateBefore(its, j)
		}
		if !supportAdjectives[w] {
			return nil
		}
	}
	return nil
}

// accordingTo returns the actor of "according to X" in the sentence, if
// it is not the supporter itself.
func accordingTo(its []item, sup *entity) string {
	for i := 0; i+2 < len(its); i++ {
		if its[i].word() == "according" && its[i+1].word() == "to" && its[i+2].m != nil {
			if e := its[i+2].actor(); e != nil && e != sup {
				return e.id
			}
		}
	}
	return ""
}

// lastSpeakerBefore returns the speaker of the last statement before sentence si.
func (d *doc) lastSpeakerBefore(si int) *entity {
	for s := si - 1; s >= 0 && s >= si-3; s-- {
		if st := d.stmtBy[s]; st != nil {
			return d.reg.byID[st.Speaker]
		}
	}
	return nil
}

// nounContext reports whether a word that may be a verb or a noun
// ("support", "backing") is used as a noun: after a possessive, an article
// or an adjective.
func nounContext(its []item, i int) bool {
	if i == 0 || its[i-1].m != nil {
		return false
	}
	if strings.HasSuffix(its[i].word(), "ing") {
		switch its[i-1].word() {
		case "of", "for", "in", "by", "and":
			return false // a gerund: "at the forefront of supporting X"
		}
	}
	switch w := its[i-1].word(); w {
	case "'s", "'", "its", "their", "his", "her", "our", "the", "a", "of", "for", "and":
		return true
	default:
		return supportAdjectives[w]
	}
}

// hopeWords before a "will" or "would" make the support hoped-for.
var hopeWords = set("hope", "hopes", "hoped", "hoping", "urge", "urged", "urging", "ask", "asked", "asking", "if",
	"expect", "expects", "expected", "want", "wants", "wanted", "wish", "wished", "demand", "demanded", "unless",
	"whether", "called", "calling", "request", "requested", "unclear", "doubt", "doubted", "doubts", "unlikely")

// hopedBefore reports whether a hope, request or condition word stands
// before items[j] in its clause.
func hopedBefore(its []item, j int) bool {
	for k := j - 1; k >= 0 && k >= j-8; k-- {
		if its[k].m == nil && (its[k].word() == ";" || its[k].word() == ".") {
			return false
		}
		if hopeWords[its[k].word()] {
			return true
		}
	}
	return false
}
