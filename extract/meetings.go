package extract

import (
	"strings"

	"github.com/parley/parley/graph"
)

// Meeting rules read the items of a sentence around a trigger:
//
//	X (and Y) met (with Z)          verbs: meetingVerbs
//	X received / hosted / welcomed Y   host and guest: hostVerbs
//	Y was received / met by X          passive
//	a meeting / talks / call with Z    nominal, subject from the clause: meetingNouns
//	meeting / call between X and Y
//	the meeting was attended by X, Y   adds to the meeting before
//	X joined the talks                 adds to the meeting before
//	X, Y and Z gathered in C           collective verbs: gatherVerbs
//
// A trigger under a modal, a plan, a refusal or a cancellation is not a
// meeting (meetingNegators); a sentence that dates it in the future neither.

// meetingVerbs are verbs whose subject and "with" object met.
var meetingVerbs = newPhraseSet("met", "meets", "meet", "talked", "talks", "spoke", "speaks", "conferred", "phoned",
	"telephoned", "negotiated", "held talks", "hold talks", "holds talks", "held a meeting",
	"held a phone call", "held a telephone conversation", "held phone talks", "had talks", "had a meeting",
	"had a phone conversation", "had a telephone conversation", "had a phone call", "had a conversation",
	"had a call", "held a video call", "held a videoconference", "held a video conference", "had a video call",
	"held discussions", "held consultations", "sat down", "discussed", "discuss", "discusses")

// hostVerbs have the host as subject and the guest as object.
var hostVerbs = newPhraseSet("received", "receives", "hosted", "hosts", "welcomed", "welcomes", "greeted", "greets", "visited", "visits")

// gatherVerbs have all the participants as subject.
var gatherVerbs = set("gathered", "convened", "assembled")

// meetingNouns name a meeting, talks, a visit or a call.
var meetingNouns = newPhraseSet("meeting", "meetings", "talks", "call", "phone call", "telephone call", "conversation",
	"phone conversation", "telephone conversation", "negotiations", "visit", "audience", "summit", "video call",
	"videoconference", "video conference", "consultations", "encounter", "session", "discussions", "meet")

// meetingNegators before a trigger make the meeting unreal or future.
var meetingNegators = set("will", "would", "to", "shall", "may", "might", "could", "should", "planned", "plans",
	"plan", "planning", "expected", "expects", "scheduled", "proposed", "propose", "proposes", "future", "upcoming",
	"possible", "potential", "next", "hope", "hopes", "hoped", "refused", "refuses", "declined", "not", "never",
	"no", "cancelled", "canceled", "postponed", "arrange", "arranging", "request", "requested", "seek", "sought",
	"invitation", "invited", "invite", "want", "wants", "wanted", "intends", "intend", "agreed", "ahead", "set",
	"prepare", "preparing", "prospective", "a future", "didn't", "won't", "wouldn't", "cannot", "can't", "unless",
	"if", "offered", "offer", "urged", "called")

// sentenceNegators anywhere in the sentence cancel its meetings.
var sentenceNegators = newPhraseSet("cancelled", "canceled", "called off", "postponed", "hypothetical", "refused to meet",
	"declined to meet")

// meetings reads the meetings of the report.
func (x *Extractor) meetings(d *doc) {
	var last *graph.Meeting
	lastPara := -1
	for si := range d.sents {
		s := &d.sents[si]
		if s.skip && !s.headline {
			continue
		}
		if s.para != lastPara && s.para > lastPara+1 {
			last = nil
		}
		its := d.sentenceItems(s, d.ments[si])
		if sentenceHasAny(its, sentenceNegators) || hasFutureDate(d.dates[si]) {
			continue
		}
		// "At the opening of the summit, X said": a speaker at the summit took part
		if st := d.stmtBy[si]; st != nil && atSummit(its) {
			for k := len(d.out.Meetings) - 1; k >= 0; k-- {
				sm := &d.out.Meetings[k]
				if !strings.Contains(strings.ToLower(sm.Sources[0].Evidence), "summit") {
					continue
				}
				if e := d.reg.byID[st.Speaker]; e != nil && e.typ == graph.Person {
					addAttendee(sm, e, graph.Participant)
					sm.Sources = append(sm.Sources, graph.Source{Evidence: d.sentText(si), Rule: "meeting.summit_speaker"})
				}
				break
			}
		}
		for i := 0; i < len(its); i++ {
			// every rule below starts at a cue word
			if its[i].m != nil || !its[i].tok.cue || inQuote(d.quotes, its[i].tok.start) && !quotedMeetingOK(its, i) && !ourMeeting(its, i) {
				continue
			}
			var parts []graph.Attendee
			rule := ""
			mode := graph.InPerson
			w := its[i].word()
			n := 0
			switch {
			case w == "attended" && i+1 < len(its) && its[i+1].word() == "by":
				if last != nil && lastPara >= s.para-1 {
					add := actorsAfter(its, i+2, true)
					if persons(add) >= 2 {
						dropCountries(last)
					}
					for _, e := range add {
						addAttendee(last, e, graph.Participant)
						d.use(e)
					}
					last.Sources = append(last.Sources, graph.Source{Evidence: d.sentText(si), Rule: "meeting.attended_by"})
				}
				continue
			case w == "joined" && i+2 < len(its) && (its[i+1].word() == "the" || its[i+1].word() == "a") && meetingNouns.words[its[i+2].word()]:
				if last != nil && lastPara >= s.para-1 {
					if e := subjectBefore(its, i); e != nil && e.typ != graph.Country {
						addAttendee(last, e, graph.Participant)
						d.use(e)
						last.Sources = append(last.Sources, graph.Source{Evidence: d.sentText(si), Rule: "meeting.joined"})
					}
				}
				continue
			}
			if n = phraseAt(its, i, meetingVerbs); n > 0 && !negated(its, i) {
				subj := subjectsBefore(its, i)
				if w == "spoke" || w == "speaks" || w == "talked" || w == "phoned" || w == "telephoned" || w == "called" {
					mode = graph.Phone
					if w == "called" && (i+n >= len(its) || its[i+n].m == nil) {
						continue
					}
				}
				objs := withObjects(its, i+n)
				if (w == "spoke" || w == "speaks" || w == "talked") && len(objs) == 0 && i+n+1 < len(its) && its[i+n].word() == "to" && its[i+n+1].isPerson() {
					objs = [][]*entity{actorsAfter(its, i+n+1, false)} // "spoke to President X"
				}
				if w == "met" || w == "meets" || w == "meet" || w == "phoned" || w == "telephoned" {
					k := skipCounterpart(its, i+n)
					if k < len(its) && its[k].m != nil && !bareAdjective(its, k) {
						objs = [][]*entity{actorsAfter(its, k, false)}
					}
				}
				if len(subj) == 0 && len(objs) == 0 && last != nil && lastPara >= s.para-1 && pairReference(its, i) {
					// "the two leaders met again": the participants of the meeting before
					for _, p := range last.Participants {
						subj = append(subj, d.reg.byID[p.EntityID])
					}
				}
				if len(subj) == 0 && len(objs) > 0 {
					if e := clauseSubject(its, i, false); e != nil {
						subj = []*entity{e}
					}
				}
				if (w == "spoke" || w == "speaks" || w == "talked") && len(objs) == 0 && !nearPhone(its, i+n) {
					continue
				}
				if m := sentenceMode(its); m != graph.InPerson {
					mode = m
				}
				if len(objs) == 0 {
					if len(subj) >= 2 {
						parts = attendees(subj, nil)
						rule = "meeting.verb_plural_subject"
					} else if len(subj) == 0 && (w == "met" || w == "meet") {
						// "Leaders ... met in C for a summit where Presidents X and Y signed"
						if ps := personsAfter(its, i); len(ps) >= 2 {
							parts = attendees(ps, nil)
							rule = "meeting.summit_persons"
						}
					}
				} else {
					for _, o := range splitInstitutions(objs) {
						p := attendees(subj, o)
						if len(p) >= 2 {
							m := d.addMeeting(si, its, i, p, mode, "meeting.verb_with")
							last, lastPara = m, s.para
						}
					}
					i += n - 1
					continue
				}
			} else if n = phraseAt(its, i, hostVerbs); n > 0 && !negated(its, i) {
				for i+n+1 < len(its) && its[i+n].m == nil && (its[i+n].word() == "the" || its[i+n].word() == "visiting" || its[i+n].word() == "his" || its[i+n].word() == "her" ||
					pairNouns[its[i+n].word()] && (its[i+n+1].word() == "from" || its[i+n+1].word() == "of") || (its[i+n].word() == "from" || its[i+n].word() == "of") && pairNouns[its[i+n-1].word()]) {
					n++
				}
				if i+n < len(its) && its[i+n].m != nil && !possessed(its, i+n) {
					if i > 0 && (its[i-1].word() == "was" || its[i-1].word() == "were" || its[i-1].word() == "being") {
						break
					}
					host := subjectBefore(its, i)
					if host == nil {
						host = clauseSubject(its, i, false)
					}
					guests := actorsAfter(its, i+n, false)
					if host != nil && len(guests) > 0 && (w != "visited" && w != "visits" || guests[0].typ == graph.Person) {
						parts = []graph.Attendee{{EntityID: host.id, Role: graph.Host}}
						for _, g := range guests {
							parts = append(parts, graph.Attendee{EntityID: g.id, Role: graph.Guest})
						}
						rule = "meeting.host_verb"
						if w == "visited" || w == "visits" {
							parts[0].Role, parts[1].Role = graph.Guest, graph.Host
							rule = "meeting.visit"
						}
					}
				}
				// passive: "Y was received by X", "Y was being met by X"
			}
			if rule == "" && (w == "received" || w == "met" || w == "hosted" || w == "welcomed" || w == "greeted") &&
				i > 0 && (its[i-1].word() == "was" || its[i-1].word() == "were" || its[i-1].word() == "being") &&
				i+2 < len(its) && its[i+1].word() == "by" && its[i+2].m != nil && !negated(its, i) {
				guest := subjectBefore(its, i)
				host := its[i+2].actor()
				if guest != nil && host != nil {
					parts = []graph.Attendee{{EntityID: host.id, Role: graph.Host}, {EntityID: guest.id, Role: graph.Guest}}
					rule = "meeting.passive"
				}
			}
			// "X told visiting Y": a wire idiom for remarks made in a meeting
			if rule == "" && (w == "told" || w == "tells" || w == "assured" || w == "urged") && i+2 < len(its) &&
				(its[i+1].word() == "visiting" || its[i+1].word() == "the" && its[i+2].word() == "visiting") {
				k := i + 2
				if its[i+1].word() == "the" {
					k++
				}
				if k < len(its) && its[k].isPerson() {
					if host := subjectBefore(its, i); host != nil {
						parts = []graph.Attendee{{EntityID: host.id, Role: graph.Host}, {EntityID: its[k].actor().id, Role: graph.Guest}}
						rule = "meeting.told_visiting"
					}
				}
			}
			// "the Putin-Xi talks", "a Biden-Kishida call": a compound of two named persons
			if rule == "" && i >= 1 && its[i-1].m != nil && len(its[i-1].m.pair) == 2 && phraseAt(its, i, meetingNouns) > 0 && !negatedNoun(its, i-1) {
				parts = attendees(its[i-1].m.pair[:1], its[i-1].m.pair[1:])
				mode = nounMode(its, i, phraseAt(its, i, meetingNouns))
				rule = "meeting.compound"
			}
			if rule == "" && gatherVerbs[w] && !negated(its, i) {
				subj := personsBefore(its, i)
				if len(subj) >= 2 {
					parts = attendees(subj, nil)
					rule = "meeting.gathered"
				}
			}
			if rule == "" {
				if n = phraseAt(its, i, meetingNouns); n > 0 && !negatedNoun(its, i) {
					mode = nounMode(its, i, n)
					j := i + n
					// "call made by X to Y"
					if j+2 < len(its) && its[j].word() == "made" && its[j+1].word() == "by" && its[j+2].m != nil {
						if a := its[j+2].actor(); a != nil {
							for k := j + 3; k < len(its) && k < j+8; k++ {
								if (its[k].word() == "to" || its[k].word() == "with") && k+1 < len(its) && its[k+1].m != nil {
									if b := its[k+1].actor(); b != nil {
										parts = attendees([]*entity{a}, []*entity{b})
										rule = "meeting.call_made_by"
									}
									break
								}
							}
						}
					}
					if rule == "" && j < len(its) && (its[j].word() == "between" || its[j].word() == "of" && w != "visit") {
						ps := betweenActors(its, j+1)
						if len(ps) >= 2 {
							parts = attendees(ps, nil)
							rule = "meeting.noun_between"
						}
					}
					if rule == "" {
						// "a visit to Ireland with Y", "talks with Y"
						k := j
						if w == "visit" && k+1 < len(its) && its[k].word() == "to" {
							k += 2
						}
						// "a call today from X", "talks on Monday with X"
						for s := 0; s < 3 && k < len(its) && its[k].m == nil && timeWords[its[k].word()]; s++ {
							k++
						}
						if k < len(its) && (its[k].word() == "with" || its[k].word() == "from" && mode == graph.Phone) && k+1 < len(its) && its[k+1].m != nil {
							objs := actorsAfter(its, k+1, false)
							subj := possessorBefore(its, i)
							if subj == nil {
								subj = d.ourSpeaker(si, its, i)
							}
							if subj == nil {
								subj = subjectOfClause(its, i)
							}
							if subj != nil && len(objs) > 0 && !bareAdjective(its, k+1) {
								groups := splitInstitutions([][]*entity{objs})
								for _, g := range groups[:len(groups)-1] {
									if p := attendees([]*entity{subj}, g); len(p) >= 2 {
										m := d.addMeeting(si, its, i, p, mode, "meeting.noun_with")
										last, lastPara = m, s.para
									}
								}
								parts = attendees([]*entity{subj}, groups[len(groups)-1])
								rule = "meeting.noun_with"
							}
						}
					}
				}
			}
			if len(parts) >= 2 {
				m := d.addMeeting(si, its, i, parts, mode, rule)
				last, lastPara = m, s.para
				i += max(n, 1) - 1
			}
		}
	}
	d.mergeMeetings()
}

// quotedMeetingOK allows a meeting told inside a quotation when it names
// its actors ("after Trump spoke with Erdogan").
func quotedMeetingOK(its []item, i int) bool {
	return i > 0 && its[i-1].m != nil && its[i-1].m.kind == mName && i+2 < len(its) && its[i+1].word() == "with" && its[i+2].m != nil && its[i+2].m.kind == mName
}

func sentenceHasAny(its []item, table *phraseSet) bool {
	for i := range its {
		if phraseAt(its, i, table) > 0 {
			return true
		}
	}
	return false
}

func hasFutureDate(ds []dateMention) bool {
	for _, d := range ds {
		if d.future {
			return true
		}
	}
	return false
}

// negated reports whether a modal, plan or refusal stands just before a
// verb ("will meet", "refused to meet", "plans to visit"); "to" counts only
// right before the verb, and a coordination ("and") ends the look-back.
func negated(its []item, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		w := its[j].word()
		if its[j].m != nil || its[j].tok.text == "," || w == "and" || w == "but" {
			return false
		}
		if w == "to" && j != i-1 {
			continue
		}
		if meetingNegators[w] {
			return true
		}
	}
	return false
}

// negatedNoun reports whether a meeting noun is planned, proposed or
// otherwise not (yet) held.
func negatedNoun(its []item, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if its[j].m != nil || its[j].tok.text == "," || its[j].word() == "during" || its[j].word() == "in" {
			return false
		}
		if meetingNegators[its[j].word()] && its[j].word() != "to" {
			return true
		}
		if w := its[j].word(); w == "arrange" || w == "hold" || w == "for" && j == i-1 {
			return true
		}
	}
	return false
}

// nearPhone reports whether a phone word follows within a few items.
func nearPhone(its []item, i int) bool {
	for j := i; j < len(its) && j < i+4; j++ {
		switch its[j].word() {
		case "phone", "telephone", "telephonically", "video", "videoconference":
			return true
		}
	}
	return false
}

func nounMode(its []item, i, n int) graph.Mode {
	for j := max(0, i-3); j < i+n && j < len(its); j++ {
		switch its[j].word() {
		case "phone", "telephone", "call", "telephonic":
			return graph.Phone
		case "video", "videoconference", "virtual", "online":
			return graph.Video
		}
	}
	return graph.InPerson
}

// subjectsBefore returns the actors of a subject list just before a verb:
// "X and Y", "X, Y and Z", or one actor.
func subjectsBefore(its []item, v int) []*entity {
	i := v - 1
	for i >= 0 && its[i].m == nil && subjectSkips[its[i].word()] && its[i].word() != "and" {
		i--
	}
	if i < 0 || its[i].m == nil {
		if e := subjectBefore(its, v); e != nil {
			return []*entity{e}
		}
		return nil
	}
	var out []*entity
	for i >= 0 {
		if its[i].m != nil {
			if e := its[i].actor(); e != nil && !bareAdjective(its, i) {
				out = append([]*entity{e}, out...)
			}
			i--
			continue
		}
		if w := its[i].word(); w == "and" || its[i].tok.text == "," {
			i--
			continue
		}
		break
	}
	// "the delegations of (from) X, Y and Z": fine; another preposition before the list is not
	if i >= 0 && prepositions[its[i].word()] && its[i].word() != "of" && !(its[i].word() == "from" && i > 0 && pairNouns[its[i-1].tok.fold]) {
		return nil
	}
	return out
}

// personsBefore returns the persons named before items[v].
func personsBefore(its []item, v int) []*entity {
	var out []*entity
	for i := 0; i < v; i++ {
		if its[i].isPerson() && !its[i].m.quoted {
			out = append(out, its[i].actor())
		}
	}
	return out
}

// withObjects returns the actor groups after "with" from items[i] on:
// "with X, then with Y" gives two groups.
func withObjects(its []item, i int) [][]*entity {
	var out [][]*entity
	for j := i; j < len(its) && j < i+14; j++ {
		w := its[j].word()
		if w == "where" || w == "which" || w == "who" || its[j].tok.text == ";" || w == "and" && j+1 < len(its) && its[j+1].m == nil && its[j+1].word() != "with" {
			break
		}
		if w == "with" {
			// "with his counterpart X", "with their hosts, X and Y"
			k := j + 1
			if k < len(its) && its[k].m == nil && (its[k].word() == "his" || its[k].word() == "her" || its[k].word() == "their" || its[k].word() == "its") {
				k++
			}
			for k < len(its) && its[k].m == nil && (roleNouns[its[k].word()] || its[k].tok.text == ",") && k > j+1 {
				k++
			}
			if k > j+1 && k < len(its) && its[k].m != nil {
				j = k - 1
			}
		}
		if w == "with" && j+1 < len(its) && its[j+1].m != nil && !bareAdjective(its, j+1) {
			grp := actorsAfter(its, j+1, false)
			if len(grp) > 0 {
				out = append(out, grp)
			}
		}
	}
	return out
}

// actorsAfter returns the actors of a list starting at items[i]: "X",
// "X and Y", "X, Y and Z" (with "and his ..." and appositions skipped).
func actorsAfter(its []item, i int, many bool) []*entity {
	var out []*entity
	for j := i; j < len(its); j++ {
		if its[j].m != nil {
			if j > i && phraseAt(its, j+1, speechVerbs) > 0 {
				break // ", the White House said": the source, not a participant
			}
			if possessed(its, j) && j+2 < len(its) && its[j+2].isPerson() {
				j++ // "Argentina's Ana Lopez": the person, not her country
				continue
			}
			if e := its[j].actor(); e != nil && !bareAdjective(its, j) {
				dup := false
				for _, o := range out {
					dup = dup || o == e
				}
				if !dup {
					out = append(out, e)
				}
			}
			// skip an apposition: ", a US peace envoy,"
			continue
		}
		w := its[j].word()
		if w == "and" || its[j].tok.text == "," {
			if j+1 < len(its) && its[j+1].m == nil && !many {
				// "and his accompanying delegation", ", claiming ..."
				if w == "," && j+1 < len(its) && (its[j+1].word() == "a" || its[j+1].word() == "the") && j+2 < len(its) && its[j+2].m != nil {
					j++
					continue
				}
				if !many {
					break
				}
			}
			continue
		}
		if many && (officeWords[w] || w == "minister" || w == "prime" || w == "president") {
			continue
		}
		break
	}
	return out
}

// betweenActors reads "X and Y" after "between" (or "of"), skipping
// clauses between the two: "between Giuliani, claiming ..., and Yermak".
func betweenActors(its []item, i int) []*entity {
	var out []*entity
	if i >= len(its) || its[i].m == nil || its[i].actor() == nil {
		return nil
	}
	out = append(out, actorsAfter(its, i, false)...)
	for j := i + 1; j < len(its) && j < i+16; j++ {
		if its[j].word() == "and" && j+1 < len(its) && its[j+1].m != nil {
			for _, e := range actorsAfter(its, j+1, false) {
				dup := false
				for _, o := range out {
					dup = dup || o == e
				}
				if !dup {
					out = append(out, e)
				}
			}
			break
		}
		if its[j].tok.text == ";" || its[j].tok.text == "." {
			break
		}
	}
	return out
}

// bareAdjective reports whether a mention is used as an adjective: a
// demonym ("Syrian leaders") or the first part of a compound ("Hamas-run
// ministry"); it does not name a participant or a speaker.
func bareAdjective(its []item, i int) bool {
	m := its[i].m
	if m == nil {
		return false
	}
	if i+1 < len(its) && its[i+1].m == nil && its[i+1].tok.text == "-" && its[i+1].tok.start == m.end && i+2 < len(its) && its[i+2].m == nil {
		return true
	}
	return m.kind == mGaz && m.gaz.kind == gazDemonym && !m.plural && m.b-m.a == 1
}

// possessorBefore returns X of "X's meeting/call".
func possessorBefore(its []item, i int) *entity {
	for j := i - 1; j >= 1 && j >= i-3; j-- {
		if its[j].tok.fold == "'s" && its[j-1].m != nil {
			return its[j-1].actor()
		}
		if its[j].m != nil {
			return nil
		}
	}
	return nil
}

// subjectOfClause returns the subject of the clause holding items[i].
func subjectOfClause(its []item, i int) *entity {
	if e := clauseSubject(its, i, true); e != nil {
		return e
	}
	return clauseSubject(its, i, false)
}

// ourSpeaker returns the speaker when "our talks with X" is inside a quotation.
func (d *doc) ourSpeaker(si int, its []item, i int) *entity {
	if i < 1 || !inQuote(d.quotes, its[i].tok.start) {
		return nil
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w := its[j].word(); w == "our" || w == "my" {
			if st := d.stmtBy[si]; st != nil {
				return d.reg.byID[st.Speaker]
			}
		}
	}
	return nil
}

func attendees(a, b []*entity) []graph.Attendee {
	var out []graph.Attendee
	seen := map[string]bool{}
	for _, e := range append(append([]*entity{}, a...), b...) {
		if e == nil || seen[e.id] || e.media {
			continue
		}
		seen[e.id] = true
		out = append(out, graph.Attendee{EntityID: e.id, Role: graph.Participant})
	}
	return out
}

func persons(es []*entity) int {
	n := 0
	for _, e := range es {
		if e.typ == graph.Person {
			n++
		}
	}
	return n
}

func addAttendee(m *graph.Meeting, e *entity, role graph.Role) {
	for _, p := range m.Participants {
		if p.EntityID == e.id {
			return
		}
	}
	m.Participants = append(m.Participants, graph.Attendee{EntityID: e.id, Role: role})
}

// dropCountries removes country participants (the persons named stand for them).
func dropCountries(m *graph.Meeting) {
	var keep []graph.Attendee
	for _, p := range m.Participants {
		if !strings.HasPrefix(p.EntityID, string(graph.Country)+":") {
			keep = append(keep, p)
		}
	}
	m.Participants = keep
}

// addMeeting records a meeting found in sentence si at trigger items[i].
func (d *doc) addMeeting(si int, its []item, i int, parts []graph.Attendee, mode graph.Mode, rule string) *graph.Meeting {
	for _, p := range parts {
		d.use(d.reg.byID[p.EntityID])
	}
	date, explicit := d.meetingDate(si, its[i].tok.start)
	d.explicit = append(d.explicit, explicit)
	m := graph.Meeting{
		Participants: parts,
		Date:         date,
		Place:        d.meetingPlace(si, its, i),
		Mode:         mode,
		Status:       graph.Held,
		Sources:      []graph.Source{{Evidence: d.sentText(si), Rule: rule}},
	}
	d.out.Meetings = append(d.out.Meetings, m)
	return &d.out.Meetings[len(d.out.Meetings)-1]
}

// meetingDate is the date nearest the trigger in its sentence, else the
// nearest earlier date of the paragraph, else the report's lead date.
func (d *doc) meetingDate(si, at int) (graph.Date, bool) {
	best := graph.Date{}
	dist := 1 << 30
	dl := d.datelineEnd(si)
	var lineDate graph.Date
	for _, dm := range d.dates[si] {
		if dm.future || dm.date.Value == "" {
			continue
		}
		if dm.end <= dl {
			lineDate = dm.date // the dateline's date: the report's, not the meeting's
			continue
		}
		k := dm.start - at
		if k < 0 {
			k = -k
		}
		if k < dist {
			best, dist = dm.date, k
		}
	}
	if best.Value != "" {
		return best, true
	}
	if lineDate.Value != "" {
		return lineDate, false
	}
	for s := si - 1; s >= 0 && d.sents[s].para == d.sents[si].para; s-- {
		for _, dm := range d.dates[s] {
			if !dm.future && dm.date.Precision == graph.Day {
				return dm.date, false
			}
		}
	}
	for s := range d.sents {
		if d.sents[s].skip {
			continue
		}
		dl := d.datelineEnd(s)
		var lineDate graph.Date
		for _, dm := range d.dates[s] {
			if !dm.future && dm.date.Precision == graph.Day {
				if dm.end <= dl {
					lineDate = dm.date
					continue
				}
				return dm.date, false
			}
		}
		return lineDate, false
	}
	return graph.Date{}, false
}

// meetingPlace is the city or country after "in" in the sentence, else
// the dateline's city.
func (d *doc) meetingPlace(si int, its []item, i int) string {
	// a city (capital or unknown name) wins over a country; "situation in
	// Ukraine" and the like are topics, not places
	country := ""
	for j := 0; j+1 < len(its); j++ {
		if w := its[j].word(); w == "at" {
			// "at the Vatican": a country or capital only, not a building
			if m := its[j+1].m; m != nil && m.kind == mGaz && m.gaz.typ == graph.Country && m.gaz.kind != gazDemonym && country == "" {
				country = strings.TrimPrefix(strings.TrimPrefix(m.surface, "the "), "The ")
			}
			continue
		}
		if its[j].word() != "in" || j > 0 && topicNouns[its[j-1].word()] {
			continue
		}
		if m := its[j+1].m; m != nil && m.kind == mGaz && m.gaz.typ == graph.Country && m.gaz.kind != gazDemonym {
			if m.gaz.kind == gazCapital {
				return strings.TrimPrefix(m.surface, "the ")
			}
			if country == "" {
				country = strings.TrimPrefix(m.surface, "the ")
			}
			continue
		}
		t := its[j+1].tok
		unknown := its[j+1].m == nil || its[j+1].m.kind == mName && its[j+1].m.ent == nil
		if unknown && t.upper && t.word && !notNames[t.fold] && !placeWords[t.fold] {
			return t.text
		}
	}
	if country != "" {
		return country
	}
	return d.place
}

// topicNouns before "in X" make X a topic, not a meeting place.
var topicNouns = set("situation", "war", "crisis", "conflict", "developments", "events", "peace", "invasion",
	"fighting", "violence", "investment", "investments", "elections", "interests", "role", "presence", "troops")

// sentText is the exact text of sentence si.
func (d *doc) sentText(si int) string {
	s := d.sents[si]
	sp := trimEvidence(d.text, span{s.start, s.end})
	return d.text[sp.start:sp.end]
}

// mergeMeetings folds a meeting into an earlier one with the same
// participants when their dates agree or one is unknown.
func (d *doc) mergeMeetings() {
	n := len(d.out.Meetings)
	out := make([]graph.Meeting, 0, n)
	outExplicit := make([]bool, 0, n)
	outKeys := make([]string, 0, n) // the participants of out[k], joined (each computed once)
	for mi, m := range d.out.Meetings {
		if len(m.Participants) < 2 {
			continue
		}
		exp := mi < len(d.explicit) && d.explicit[mi]
		key := strings.Join(m.ParticipantIDs(), "|")
		merged := false
		for k := range out {
			o := &out[k]
			if outKeys[k] != key {
				continue
			}
			if o.Date.Value == m.Date.Value || m.Date.Value == "" || o.Date.Value == "" || !exp || !outExplicit[k] ||
				strings.HasPrefix(o.Date.Value, m.Date.Value) || strings.HasPrefix(m.Date.Value, o.Date.Value) {
				if exp && !outExplicit[k] || exp == outExplicit[k] && len(m.Date.Value) > len(o.Date.Value) {
					o.Date = m.Date
					outExplicit[k] = exp
				}
				if o.Mode == graph.InPerson && m.Mode != graph.InPerson {
					o.Mode = m.Mode
				}
				o.Sources = append(o.Sources, m.Sources...)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, m)
			outExplicit = append(outExplicit, exp)
			outKeys = append(outKeys, key)
		}
	}
	d.out.Meetings = out
}

// ourMeeting reports whether a meeting noun inside a quotation belongs to
// the speaker: "our talks with X", "my meeting with X".
func ourMeeting(its []item, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if w := its[j].word(); w == "our" || w == "my" {
			return true
		}
	}
	return false
}

// personsAfter returns the persons named after items[v] (not quoted).
func personsAfter(its []item, v int) []*entity {
	var out []*entity
	for i := v + 1; i < len(its); i++ {
		if its[i].isPerson() && !its[i].m.quoted {
			out = append(out, its[i].actor())
		}
	}
	return out
}

// roleNouns name the other side of a meeting before its name: "his counterpart X".
var roleNouns = set("counterpart", "counterparts", "host", "hosts", "guest", "guests", "colleague", "colleagues",
	"visitor", "visitors", "opposite", "number")

// sentenceMode reads a call's mode from the whole sentence: "in a phone
// call", "by video link".
func sentenceMode(its []item) graph.Mode {
	for i := range its {
		switch its[i].word() {
		case "phone", "telephone", "telephonic", "telephonically":
			return graph.Phone
		case "video", "videoconference", "virtually", "virtual":
			if i+1 < len(its) && (its[i+1].word() == "statement" || its[i+1].word() == "message" || its[i+1].word() == "address") {
				continue
			}
			return graph.Video
		}
	}
	return graph.InPerson
}

// timeWords may stand between a meeting noun and its "with" phrase.
var timeWords = set("today", "yesterday", "tonight", "earlier", "later", "on", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "morning", "afternoon", "evening", "this", "last")

// datelineEnd returns where the dateline of sentence si ends ("TEHRAN, Nov 6
// (Reuters) -"), or -1 if the sentence has none.
func (d *doc) datelineEnd(si int) int {
	s := d.sents[si]
	toks := s.toks
	if len(toks) < 3 || !toks[0].word || !toks[0].upper || len(toks[0].text) < 3 || strings.ToUpper(toks[0].text) != toks[0].text {
		return -1
	}
	for i := 1; i < len(toks) && i < 14; i++ {
		if t := toks[i].text; t == "-" || t == "–" || t == "—" {
			return toks[i].start
		}
	}
	return -1
}

// skipCounterpart skips "his Chinese counterpart" before a name and returns
// the index of the next item.
func skipCounterpart(its []item, k int) int {
	start := k
	if k < len(its) && its[k].m == nil {
		switch its[k].word() {
		case "his", "her", "their", "its", "the", "visiting":
			k++
		}
	}
	if k < len(its) && its[k].m != nil && bareAdjective(its, k) {
		k++
	}
	if k < len(its) && its[k].m == nil && roleNouns[its[k].word()] {
		k++
		if k < len(its) && its[k].tok.text == "," {
			k++
		}
		return k
	}
	if k > start && k < len(its) && its[k].m != nil {
		return k
	}
	return start
}

// pairReference reports whether the subject before items[v] is "the two
// leaders", "both sides" and the like.
func pairReference(its []item, v int) bool {
	for j := v - 1; j >= 1 && j >= v-5; j-- {
		if its[j].m != nil {
			return false
		}
		if w := its[j-1].word(); (w == "two" || w == "both") && pairNouns[its[j].word()] {
			return true
		}
	}
	return false
}

var pairNouns = set("leaders", "sides", "ministers", "presidents", "heads", "delegations", "officials", "men", "diplomats", "premiers")

// splitInstitutions makes "talks with the administration and Congress"
// two meetings: sides named only as institutions each meet the subject.
func splitInstitutions(groups [][]*entity) [][]*entity {
	var out [][]*entity
	for _, g := range groups {
		inst := len(g) > 1
		for _, e := range g {
			if e.typ == graph.Person {
				inst = false
			}
		}
		if !inst {
			out = append(out, g)
			continue
		}
		for _, e := range g {
			out = append(out, []*entity{e})
		}
	}
	return out
}

// atSummit reports whether a sentence places its words "at the summit"
// ("at the opening of the AU summit", "speaking at the summit").
func atSummit(its []item) bool {
	for i := 0; i+1 < len(its); i++ {
		if its[i].word() != "at" {
			continue
		}
		for j := i + 1; j < len(its) && j < i+7; j++ {
			if w := its[j].word(); w == "summit" {
				return true
			} else if its[j].tok.text == "," {
				break
			}
		}
	}
	return false
}

// possessed reports whether the mention at items[k] is a possessor ("Y's
// letter"): the thing owned, not the actor, is the object.
func possessed(its []item, k int) bool {
	return k+1 < len(its) && its[k+1].m == nil && (its[k+1].tok.fold == "'s" || its[k+1].tok.fold == "'" && its[k+1].tok.start == its[k].m.end)
}
