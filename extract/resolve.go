package extract

import (
	"strings"

	"github.com/parley/parley/graph"
)

// resolve links every mention of the report to an actor: names and known
// phrases first, in reading order, then titles used alone, appositions and
// pronouns, which look back (and, for titles, forward) at the named actors.
func (x *Extractor) resolve(d *doc) {
	acronyms := map[string]*entity{}
	ord := 0
	// the headline is read last: its short forms lean on the body's full names
	order := make([]int, 0, len(d.sents))
	for si := range d.sents {
		if !d.sents[si].headline {
			order = append(order, si)
		}
	}
	for si := range d.sents {
		if d.sents[si].headline {
			order = append(order, si)
		}
	}
	for _, si := range order {
		toks := d.sents[si].toks
		for _, m := range d.ments[si] {
			ord++
			switch m.kind {
			case mGaz:
				e := d.reg.get(m.gaz.typ, m.gaz.name)
				e.known = true
				if e.country == "" {
					e.country = m.gaz.country
				}
				e.addAlias(m.surface)
				m.ent = e
			case mOrg, mMedia:
				name := stripThe(m.name)
				if e := acronyms[name]; e != nil {
					m.ent = e
					e.addAlias(m.surface)
					break
				}
				e := d.reg.get(graph.Organization, name)
				e.known = true
				e.media = m.kind == mMedia
				e.addAlias(m.surface)
				if e.country == "" {
					e.country = x.leadingCountry(toks, m)
				}
				m.ent = e
				// "Syrian Democratic Forces (SDF)": the acronym names it too
				if m.b+2 < len(toks) && toks[m.b].text == "(" && toks[m.b+2].text == ")" && x.isAllCapsWord(toks[m.b+1]) {
					acronyms[toks[m.b+1].text] = e
				}
			case mName:
				m.ent = x.resolveName(d, m, toks[m.a:m.b], acronyms, ord)
			case mDef:
				m.ent = definiteReferent(d, m)
				if m.ent != nil {
					m.ent.addAlias(m.surface)
				}
			}
			if m.ent != nil {
				m.ent.pos = append(m.ent.pos, ord)
				// "members of the European Union" name the body too
				if m.a >= 2 && toks[m.a-1].fold == "of" && toks[m.a-2].fold == "members" && m.kind != mName {
					m.ent.addAlias(d.text[toks[m.a-2].start:m.end])
				}
			}
		}
	}
	// second pass: titles alone, appositions, pronouns
	ord = 0
	for _, si := range order {
		ms := d.ments[si]
		toks := d.sents[si].toks
		for k, m := range ms {
			ord++
			switch m.kind {
			case mTitle:
				if k > 0 && ms[k-1].ent != nil && ms[k-1].ent.typ == graph.Person && ms[k-1].b+1 == m.a && toks[m.a-1].text == "," {
					// "Bruno Parrilla, the foreign affairs minister of Cuba,"
					e := ms[k-1].ent
					m.ent = e
					e.addAlias(m.surface)
					e.addTitle(m.title)
					if e.country == "" {
						e.country = m.country
					}
					continue
				}
				if f := toks[m.a].fold; f == "a" || f == "an" {
					continue
				}
				m.ent = x.resolveTitle(d, m, ord)
				if m.ent != nil {
					m.ent.addAlias(m.surface)
					m.ent.pos = append(m.ent.pos, ord)
				}
			case mName:
				if m.ent == nil {
					m.ent = laterPerson(d, m)
				}
				if m.ent == nil && strings.Contains(m.name, "-") {
					m.pair = hyphenPair(d, m.name)
				}
			case mPronoun:
				if inQuote(d.quotes, toks[m.a].start) {
					continue
				}
				m.ent = antecedent(d, si, k)
			}
		}
	}
}

// leadingCountry returns the country a mention's first words name
// ("United States Department of Defense" → United States), or "".
func (x *Extractor) leadingCountry(toks []token, m *mention) string {
	for i := m.a; i < m.b; i++ {
		if toks[i].fold == "the" {
			continue
		}
		if g, ok := x.gazAt(toks, i); ok && g.b < m.b && g.gaz.typ == graph.Country {
			return g.gaz.id
		}
		break
	}
	return ""
}

// resolveName finds or makes the person a name mention stands for.
func (x *Extractor) resolveName(d *doc, m *mention, mtoks []token, acronyms map[string]*entity, ord int) *entity {
	name := trimNameSuffix(stripHonorifics(m.name))
	key := foldPhrase(name) // the folded name, kept in step with name
	words := d.reg.fields(key)
	nameWords := words // the words of key
	if len(words) == 0 {
		return nil
	}
	if e := acronyms[name]; e != nil && m.single {
		e.addAlias(m.surface)
		return e
	}
	surnameLike := !strings.Contains(name, " ")
	finish := func(e *entity, fromTable bool) *entity {
		if e.gender == 0 {
			e.gender = genderOf(mtoks, nameWords)
		}
		e.addAlias(m.surface)
		for _, f := range m.nameForms {
			e.addAlias(f)
		}
		if name != e.name {
			e.addAlias(name)
		}
		if m.title != "" {
			e.addTitle(m.title)
			e.known = true
		}
		if fromTable {
			e.known = true
		}
		if e.country == "" && m.country != "" {
			e.country = m.country
		}
		return e
	}
	full := key
	if len(words) != strings.Count(key, " ")+1 {
		full = strings.Join(words, " ")
	}
	// the same full name earlier in the report
	for _, e := range d.reg.persons() {
		if e.key == full {
			return finish(e, false)
		}
		for _, a := range e.akeys {
			if a == full && !surnameLike {
				return finish(e, false)
			}
		}
	}
	// a shorter form of a fuller name already read ("De Croo", "al-Muhandis")
	if !surnameLike && m.title == "" {
		for _, e := range d.reg.persons() {
			if suffixOf(words, e.words) {
				return finish(e, false)
			}
		}
	}
	// a known office holder by full name (middle initials dropped)
	if offs := x.gaz.personKey(key, d.refStr, false); len(offs) > 0 && !surnameLike {
		return finish(x.officePerson(d, inOffice(offs, d.refStr)), true)
	}
	if short := dropInitials(words); len(short) != len(words) && len(short) >= 2 {
		if offs := x.gaz.person(strings.Join(short, " "), d.refStr, false); len(offs) > 0 {
			return finish(x.officePerson(d, inOffice(offs, d.refStr)), true)
		}
		name = strings.Join(strings.Fields(strings.ReplaceAll(name, ".", ". ")), " ")
		key = foldPhrase(name)
		nameWords = d.reg.fields(key)
	}
	// a surname (or shorter form) of someone already named; a bare
	// surname keeps the actor it first stood for in the report
	if e := d.surnames[full]; e != nil && surnameLike {
		return finish(e, false)
	}
	if surnameLike || m.title != "" && len(words) <= 2 {
		var best *entity
		bestPos := -1
		for _, e := range d.reg.persons() {
			ok := suffixOf(words, e.words)
			if !ok && len(words) == 1 && len(e.words) > 1 {
				ok = similarSurname(words[0], e.words[len(e.words)-1])
			}
			if ok {
				p := 0
				if ps := e.pos; len(ps) > 0 {
					p = ps[len(ps)-1]
				}
				if p > bestPos {
					best, bestPos = e, p
				}
			}
		}
		if best != nil {
			if surnameLike {
				d.surnames[full] = best
			}
			return finish(best, false)
		}
		// "Sheikh Mohamed" for Mohamed bin Zayed: a given name after an honorific
		if len(words) == 1 && (m.title != "" || hadHonorific(m.name)) {
			for _, e := range d.reg.persons() {
				if len(e.words) > 2 && e.words[0] == words[0] {
					return finish(e, false)
				}
			}
		}
		// a family name written first ("Wang" for Wang Wenbin, "Yoon" for Yoon Suk Yeol)
		if len(words) == 1 && len(words[0]) <= 4 {
			for _, e := range d.reg.persons() {
				if len(e.words) >= 2 && len(e.words) <= 3 && e.words[0] == words[0] {
					return finish(e, false)
				}
			}
		}
		if !monthOrDay(words[0]) {
			if offs := x.gaz.personKey(key, d.refStr, true); len(offs) > 0 && (m.title == "" || offs[0].hasTitle(canonTitle(m.titleKey))) {
				return finish(x.officePerson(d, inOffice(offs, d.refStr)), true)
			}
			if offs := x.gaz.personKey(key, d.refStr, false); len(offs) > 0 {
				return finish(x.officePerson(d, inOffice(offs, d.refStr)), true)
			}
		}
		// the first word of an organization's name ("Mahan" for Mahan Air)
		for _, e := range d.reg.ents {
			if e.typ != graph.Person && len(e.words) >= 2 && e.words[0] == words[0] && len(words) == 1 &&
				!orgAdjectives[words[0]] && !orgWords[words[0]] && !notNames[words[0]] {
				e.addAlias(m.surface)
				return e
			}
		}
		if m.title == "" {
			return nil
		}
	}
	e := d.reg.getFolded(graph.Person, name, key, nameWords)
	return finish(e, false)
}

func (o office) hasTitle(canon string) bool {
	for _, t := range o.titles {
		if canonTitle(t) == canon {
			return true
		}
	}
	return false
}

func monthOrDay(w string) bool {
	_, m := monthNames[w]
	_, d := weekdayNames[w]
	return m || d
}

// officePerson returns the actor for an office holder, with title and country.
func (x *Extractor) officePerson(d *doc, o office) *entity {
	e := d.reg.get(graph.Person, o.person)
	e.known = true
	if d.refStr == "" || o.during(d.refStr) {
		e.addTenure(o.rawTitle, o.from, o.to) // no "President" for a report from before the term
	}
	if e.country == "" && o.country != "" {
		e.country = graph.EntityID(graph.Country, o.country)
	}
	return e
}

// resolveTitle finds the person a title used alone stands for: someone of
// the report who holds that title (and country), the nearest before, else
// the first after; else the holder of that office on the report's date.
func (x *Extractor) resolveTitle(d *doc, m *mention, ord int) *entity {
	canon := canonTitle(m.titleKey)
	head := titleHeadWord(canon)
	var before, after *entity
	bp, ap := -1, 1<<30
	for _, e := range d.reg.persons() {
		if m.country != "" && e.country != "" && e.country != m.country {
			continue
		}
		if m.country != "" && e.country == "" {
			continue
		}
		match := e.hasTitle(canon)
		if !match {
			for _, t := range e.tcanon {
				if titleHeadWord(t) == head {
					match = true
				}
			}
		}
		if !match {
			continue
		}
		for _, p := range e.pos {
			if p < ord && p > bp {
				before, bp = e, p
			}
			if p > ord && p < ap {
				after, ap = e, p
			}
		}
	}
	if before != nil {
		return before
	}
	if after != nil {
		return after
	}
	if m.country != "" {
		cn := ""
		for _, e := range d.reg.ents {
			if e.id == m.country {
				cn = e.name
			}
		}
		if cn == "" {
			cn = x.gaz.isoIDName[m.country]
		}
		if offs := x.gaz.officeHolders(canonTitleForOffice(x.gaz, canon), cn, d.refStr); len(offs) > 0 && d.refStr != "" {
			e := x.officePerson(d, inOffice(offs, d.refStr))
			e.addTitle(m.title)
			return e
		}
	}
	return nil
}

// canonTitleForOffice returns the folded title as the offices table has it.
func canonTitleForOffice(g *gazetteer, canon string) string {
	if t, ok := g.officeTitle[canon]; ok {
		return t
	}
	return canon
}

// antecedent finds the person a pronoun in sentence si (mention k) stands
// for: the first person named earlier in the sentence, else the first
// person named in the nearest earlier sentence that names one.
func antecedent(d *doc, si, k int) *entity {
	want := pronounGender(d.sents[si].toks[d.ments[si][k].a].fold)
	fits := func(m *mention) bool {
		return m.ent != nil && m.ent.typ == graph.Person && !m.quoted && (m.ent.gender == 0 || m.ent.gender == want)
	}
	for j := 0; j < k; j++ {
		if m := d.ments[si][j]; fits(m) {
			return m.ent
		}
	}
	for s := si - 1; s >= 0 && s >= si-4; s-- {
		for _, m := range d.ments[s] {
			if fits(m) {
				return m.ent
			}
		}
	}
	return nil
}

// Genders, as far as a report's words tell.
const (
	male   = 1
	female = 2
)

func pronounGender(w string) int {
	if w == "she" {
		return female
	}
	return male
}

// genderOf guesses a person's gender from the tokens of a mention (an
// honorific or title: "Mrs", "Queen", "spokeswoman") or from the folded
// words of the name (a given name).
func genderOf(toks []token, words []string) int {
	for i := range toks {
		if toks[i].is(clsFemale) {
			return female
		}
		if toks[i].is(clsMale) {
			return male
		}
	}
	if len(words) > 1 && femaleNames[words[0]] {
		return female
	}
	return 0
}

// femaleWords and maleWords are honorifics and titles that tell a gender.
var femaleWords = set("mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "queen", "princess", "empress",
	"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "smt", "shrimati", "duchess", "baroness")
var maleWords = set("mr", "sir", "lord", "king", "prince", "emperor", "sheikh", "emir", "amir", "sultan", "ayatollah",
	"spokesman", "chairman", "congressman", "shri", "duke", "baron", "pope", "father", "cardinal", "imam")

// femaleNames are given names that mark a woman in the reports' languages.
var femaleNames = set("angela", "theresa", "hillary", "condoleezza", "kamala", "ursula", "annalena", "giorgia", "liz",
	"jacinda", "sanna", "nancy", "kaja", "penny", "mette", "maria", "marine", "christine", "federica", "catherine",
	"nikki", "samantha", "linda", "victoria", "madeleine", "golda", "benazir", "indira", "hasina", "yulia", "maia",
	"salome", "ngozi", "dilma", "cristina", "michelle", "elizabeth", "margaret", "julia", "helen", "erna", "ana",
	"anne", "anna", "marie", "sarah", "susan", "karen", "laura", "emily", "elena", "olena", "iryna", "natalia",
	"tatiana", "svetlana", "valentina", "irina", "claudia", "gabriela", "michelle", "beata", "ewa", "magdalena",
	"kristalina", "roberta", "gina", "janet", "jill", "melania", "charlotte", "priti", "suella", "kemi", "yvette",
	"shirin", "malala", "aung", "tsai", "sheikha", "rania", "noor", "fatima", "aisha", "leila", "layla", "mariam",
	"zahra", "masoumeh", "hanna", "hannah", "ingrid", "birgit", "heidi", "petra", "katarina", "sophie", "isabel",
	"isabelle", "carmen", "lucia", "elisabeth", "alexandra", "amina", "mia", "joyce", "ellen", "margrethe", "beatrix")

// laterPerson resolves a surname read before the full name ("Giuliani ...
// Rudy Giuliani"): the person whose name ends with it.
func laterPerson(d *doc, m *mention) *entity {
	words := d.reg.fields(foldPhrase(stripHonorifics(m.name)))
	if len(words) == 0 {
		return nil
	}
	for _, e := range d.reg.persons() {
		if suffixOf(words, e.words) {
			e.addAlias(m.surface)
			return e
		}
	}
	return nil
}

// definiteReferent returns the organization last named whose name holds
// the head of a definite description ("the agency").
func definiteReferent(d *doc, m *mention) *entity {
	var best *entity
	bp := -1
	for _, e := range d.reg.ents {
		if e.typ == graph.Person || e.typ == graph.Country {
			continue
		}
		ok := false
		for _, w := range e.words {
			for _, h := range definiteHeads[m.name] {
				ok = ok || w == h
			}
		}
		if !ok {
			continue
		}
		if ps := e.pos; len(ps) > 0 && ps[len(ps)-1] > bp {
			best, bp = e, ps[len(ps)-1]
		}
	}
	return best
}

// dropInitials removes one-letter words (middle initials) from a folded name.
func dropInitials(words []string) []string {
	initials := false
	for _, w := range words {
		initials = initials || len(w) <= 1
	}
	if !initials {
		return words // the usual case: no copy
	}
	var out []string
	for _, w := range words {
		if len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// hadHonorific reports whether a name starts with an honorific ("Sheikh Mohamed").
func hadHonorific(name string) bool {
	n, first := 0, "" // the number of words, up to 2, and the first
	for w := range strings.FieldsSeq(name) {
		if n++; n > 1 {
			break
		}
		first = w
	}
	if n < 2 {
		return false
	}
	hon, _ := honorificWord(strings.TrimSuffix(first, "."))
	return hon
}

// hyphenPair reads "Putin-Xi" as two persons of the report, or nil.
func hyphenPair(d *doc, name string) []*entity {
	a, b, ok := strings.Cut(name, "-")
	if !ok {
		return nil
	}
	var out []*entity
	for _, part := range []string{a, b} {
		words := strings.Fields(foldPhrase(part))
		var found *entity
		for _, e := range d.reg.persons() {
			if len(words) > 0 && (suffixOf(words, e.words) || len(words) == 1 && len(e.words) > 0 && e.words[0] == words[0] && len(e.words) == 2) {
				found = e
				break
			}
		}
		if found == nil {
			return nil
		}
		out = append(out, found)
	}
	if out[0] == out[1] {
		return nil
	}
	return out
}

// trimNameSuffix removes a generational suffix: "Joseph R. Biden, Jr." →
// "Joseph R. Biden".
func trimNameSuffix(name string) string {
	for _, suf := range []string{", Jr.", ", Jr", " Jr.", " Jr", ", Sr.", ", Sr", " Sr.", " Sr"} {
		if strings.HasSuffix(name, suf) && len(name) > len(suf)+2 {
			return strings.TrimSpace(name[:len(name)-len(suf)])
		}
	}
	return name
}

// inOffice returns the first of offs (most recent first) whose term
// includes date, else the most recent.
func inOffice(offs []office, date string) office {
	for _, o := range offs {
		if o.during(date) {
			return o
		}
	}
	return offs[0]
}
