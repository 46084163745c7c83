package extract

import "github.com/parley/parley/graph"

// guardNouns name what a supporter defends of an actor: "the defense of
// Japan", "Israel's security", "Ukraine's sovereignty".
var guardNouns = set("defense", "defence", "security", "sovereignty", "territorial", "integrity", "independence",
	"safety", "protection", "survival", "self-defense", "self-defence")

// thankWords open "thanked X for its support" and "expressed gratitude to X for its aid".
var thankWords = set("thanked", "thanks", "thank", "thanking", "gratitude", "grateful", "thankful", "appreciation")

// guardedObject returns the actor at items[j] of a support phrase, past
// "the", guard nouns and "of" ("the defense of Japan"), or the possessor
// of a guard noun ("Israel's security"); else nil.
func guardedObject(its []item, j int) *entity {
	for k := j; k < len(its) && k < j+5; k++ {
		if its[k].m != nil {
			if bareAdjective(its, k) {
				return nil
			}
			if k+2 < len(its) && its[k+1].word() == "'s" && its[k+2].m == nil && !guardNouns[its[k+2].word()] {
				return nil // "Brazil's peace plan"
			}
			return its[k].actor()
		}
		w := its[k].word()
		if w == "the" || w == "of" || w == "and" || guardNouns[w] {
			continue
		}
		return nil
	}
	return nil
}

// eachOther reports whether items[j:] read "each other" or "one another".
func eachOther(its []item, j int) bool {
	if j+1 >= len(its) {
		return false
	}
	a, b := its[j].word(), its[j+1].word()
	return a == "each" && b == "other" || a == "one" && b == "another"
}

// coordinatedSubjects returns the actors joined by "and" or commas just
// before the verb at items[v], past auxiliaries and adverbs: "China and
// Russia will continue to support".
func coordinatedSubjects(its []item, v int) []*entity {
	k := v - 1
	for k >= 0 && its[k].m == nil && (subjectSkips[its[k].word()] && its[k].word() != "and" || its[k].word() == "to" ||
		its[k].word() == "continue" || its[k].word() == "keep" || its[k].word() == "shall") {
		k--
	}
	var out []*entity
	for k >= 0 {
		if its[k].m == nil {
			break
		}
		if e := its[k].actor(); e != nil {
			out = append(out, e)
		}
		k--
		if k >= 0 && its[k].m == nil && (its[k].word() == "and" || its[k].word() == ",") {
			k--
			continue
		}
		break
	}
	return out
}

// thanked reads "X thanked Y for its military aid" and "X expressed
// gratitude to Y for its support" at items[i] (the thank word): Y backs X,
// or X's country when X is a person.
func (x *Extractor) thanked(d *doc, its []item, i int) (sup, obj *entity) {
	j := i + 1
	if j < len(its) && its[j].word() == "to" {
		j++
	}
	if j+1 >= len(its) || its[j].m == nil || its[j+1].word() != "for" {
		return nil, nil
	}
	sup = its[j].actor()
	found := false
	for k := j + 2; k < len(its) && k < j+7; k++ {
		if phraseAt(its, k, supportNouns) > 0 {
			found = true
			break
		}
		w := its[k].word()
		if its[k].m == nil && w != "'s" && w != "its" && w != "their" && w != "his" && w != "her" && !supportAdjectives[w] {
			break
		}
	}
	if !found {
		return nil, nil
	}
	if its[i].word() == "thanked" || its[i].word() == "thanks" || its[i].word() == "thank" || its[i].word() == "thanking" {
		obj = subjectBefore(its, i)
	} else {
		obj = subjectBefore(its, i-1)
	}
	if obj == nil {
		obj = clauseSubject(its, i, false)
	}
	return sup, x.countryOfPerson(d, obj)
}

// countryOfPerson returns a person's country as an actor, or e itself.
func (x *Extractor) countryOfPerson(d *doc, e *entity) *entity {
	if e == nil || e.typ != graph.Person || e.country == "" {
		return e
	}
	if c := d.reg.byID[e.country]; c != nil {
		return c
	}
	if name, ok := x.gaz.idName[e.country]; ok {
		return d.reg.get(graph.Country, name)
	}
	return nil
}

// givingVerbs give or voice backing named by a support noun after them:
// "Egypt and Jordan voiced support for X", "Russia was providing military
// assistance to X", "sent weapons to X".
var givingVerbs = set("voiced", "voices", "expressed", "expresses", "pledged", "pledges", "reaffirmed", "reaffirms",
	"reiterated", "reiterates", "offered", "offers", "extended", "extends", "provided", "provides", "provide", "providing",
	"gave", "give", "gives", "giving", "sent", "sends", "send", "sending", "delivered", "delivers", "delivering",
	"supplied", "supplies", "supply", "supplying", "shipped", "ships", "shipping", "promised", "promises", "announced",
	"announces", "approved", "approves", "continued", "continues", "increased", "stepped")

// provideVerbs take the one supported as object: "provide Ukraine with tanks".
var provideVerbs = set("provide", "provides", "provided", "providing", "supply", "supplies", "supplied", "supplying",
	"equip", "equips", "equipped", "equipping")

// materielWords are what "provide X with ..." gives when it is backing.
var materielWords = set("weapons", "arms", "ammunition", "missiles", "tanks", "jets", "aircraft", "drones", "artillery",
	"systems", "equipment", "aid", "assistance", "support", "funding", "funds", "loans", "munitions", "rockets",
	"shells", "vehicles", "intelligence", "training")

// nounSubjects returns the subjects of the giving verb before the support
// noun at items[i], past adjectives and determiners; else nil.
func nounSubjects(its []item, i int) []*entity {
	v := i - 1
	for v >= 0 && its[v].m == nil && supportAdjectives[its[v].word()] {
		v--
	}
	if v < 0 || its[v].m != nil || !givingVerbs[its[v].word()] {
		return nil
	}
	return coordinatedSubjects(its, v)
}

// providedWith reads "provide X with weapons" at items[i] (the verb): the
// actor X it equips, or nil.
func providedWith(its []item, i int) *entity {
	if !provideVerbs[its[i].word()] || i+1 >= len(its) || its[i+1].m == nil || bareAdjective(its, i+1) {
		return nil
	}
	for k := i + 2; k < len(its) && k < i+4; k++ {
		if its[k].word() != "with" {
			continue
		}
		for j := k + 1; j < len(its) && j < k+6 && its[j].m == nil; j++ {
			if materielWords[its[j].word()] {
				return its[i+1].actor()
			}
		}
	}
	return nil
}
