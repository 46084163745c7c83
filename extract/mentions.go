package extract

import (
	"bytes"
	"strings"

	"github.com/parley/parley/graph"
)

// mentionKind says how a mention names its actor.
type mentionKind int

const (
	mGaz     mentionKind = iota // a known country, organization or group
	mName                       // a person's name, maybe with title
	mTitle                      // a title alone: "the Iraqi prime minister"
	mPronoun                    // he, she
	mOrg                        // an organization named by a capitalized phrase
	mMedia                      // a news outlet
	mDef                        // a definite description: "the embassy", "the agency"
)

// mention is one place where the text names (or points to) an actor.
type mention struct {
	kind       mentionKind
	a, b       int    // token indices in the sentence, [a, b)
	start, end int    // byte span in the report text
	surface    string // exact text of the whole mention
	name       string // the name, titles and honorifics removed ("Ali Khamenei")
	nameForms  []string
	title      string // title as written ("Prime Minister")
	titleKey   string // folded title head ("prime minister")
	country    string // country entity id given by an adjective, possessive or "of" phrase
	plural     bool
	gaz        gazEntry
	quoted     bool
	ent        *entity   // resolved actor
	pair       []*entity // "Putin-Xi": two persons joined by a hyphen
	single     bool      // a single capitalized word (surname or unknown)
}

// mentArena hands out the mentions of one report from chunks of memory
// reused from report to report (no fact keeps a mention).
type mentArena struct{ buf []mention }

// make returns a pointer to a copy of m in the arena.
func (ar *mentArena) make(m mention) *mention {
	if len(ar.buf) == cap(ar.buf) {
		ar.buf = make([]mention, 0, max(64, 2*cap(ar.buf))) // the full chunk stays with its mentions
	}
	ar.buf = append(ar.buf, m)
	return &ar.buf[len(ar.buf)-1]
}

// findMentions reads the actor mentions of one sentence.
func (x *Extractor) findMentions(text string, s *sentence, quotes []span) []*mention {
	return x.findMentionsBuf(text, s, quotes, new(scratch))
}

// findMentionsBuf is findMentions with the report's scratch: its index
// buffer, its mentions' arena and the memory of the sentences' lists of
// mentions.
func (x *Extractor) findMentionsBuf(text string, s *sentence, quotes []span, sc *scratch) []*mention {
	ar := &sc.ments
	buf := &sc.ints
	toks := s.toks
	n0 := len(sc.mptrs) // this sentence's mentions are appended to the report's
	// nextTitle[i] is the index of the first title word at or after i: a
	// title phrase can only start a few words before one
	if cap(*buf) < len(toks)+1 {
		*buf = make([]int, len(toks)+1, len(toks)+64)
	}
	nextTitle := (*buf)[:len(toks)+1]
	nextTitle[len(toks)] = len(toks) + 100
	for i := len(toks) - 1; i >= 0; i-- {
		nextTitle[i] = nextTitle[i+1]
		if toks[i].cls&clsTitle != 0 || toks[i].fold == "majesty" {
			nextTitle[i] = i
		}
	}
	for i := 0; i < len(toks); {
		t := &toks[i]
		if !t.word {
			i++
			continue
		}
		if isPronoun(t.text) {
			sc.mptrs = append(sc.mptrs, ar.make(mention{kind: mPronoun, a: i, b: i + 1}))
			i++
			continue
		}
		if nextTitle[i]-i <= 9 || toks[i].fold == "his" || toks[i].fold == "her" {
			if m := x.titled(ar, text, toks, i); m != nil {
				sc.mptrs = append(sc.mptrs, m)
				i = m.b
				continue
			}
		}
		if m := x.capPhrase(ar, text, toks, i); m != nil {
			if o := organOf(ar, toks, m); o != nil && m.kind == mGaz {
				m = o
			}
			if m.kind >= 0 {
				sc.mptrs = append(sc.mptrs, m)
			}
			i = m.b
			continue
		}
		if m := x.gazMatch(ar, toks, i); m != nil {
			if o := organOf(ar, toks, m); o != nil {
				m = o
			}
			sc.mptrs = append(sc.mptrs, m)
			i = m.b
			continue
		}
		if t.fold == "the" && i+1 < len(toks) && definiteHeads[toks[i+1].fold] != nil &&
			(i+2 >= len(toks) || !toks[i+2].upper || !toks[i+2].word) {
			sc.mptrs = append(sc.mptrs, ar.make(mention{kind: mDef, a: i, b: i + 2, name: toks[i+1].fold}))
			i += 2
			continue
		}
		i++
	}
	if len(sc.mptrs) == n0 {
		return nil
	}
	out := sc.mptrs[n0:len(sc.mptrs):len(sc.mptrs)] // capped: an append to it copies
	for _, m := range out {
		// "the central Interior Ministry": keep the article and adjective in the surface
		if m.kind == mOrg && m.a >= 2 && orgModifiers[toks[m.a-1].fold] && toks[m.a-2].fold == "the" {
			m.a -= 2
		}
		m.start = toks[m.a].start
		m.end = toks[m.b-1].end
		m.surface = text[m.start:m.end]
		m.quoted = inQuote(quotes, m.start)
	}
	return out
}

// gazMatch matches the longest gazetteer phrase at toks[i], with an optional
// leading "the" and a trailing state noun ("the Iraqi government").
func (x *Extractor) gazMatch(ar *mentArena, toks []token, i int) *mention {
	if !gazStart(toks, i) {
		return nil // most words: no need to build an empty mention
	}
	m, ok := x.gazAt(toks, i)
	if !ok {
		return nil
	}
	return ar.make(m) // taken for a match only
}

// gazStart reports whether a gazetteer phrase may start at toks[i], maybe
// after "the": whether its first word starts one.
func gazStart(toks []token, i int) bool {
	if toks[i].fold == "the" && i+1 < len(toks) {
		i++
	}
	return toks[i].gazp
}

// gazAt is gazMatch returning the mention by value, for the rules that only
// look at it (no allocation).
func (x *Extractor) gazAt(toks []token, i int) (mention, bool) {
	if !gazStart(toks, i) {
		return mention{}, false
	}
	a := i
	if toks[i].fold == "the" && i+1 < len(toks) {
		i++
	}
	// collect the words of the longest run that is a prefix of some phrase;
	// ends[k] is the key length after k+1 words
	var words, ends []int
	var buf, ebuf [16]int
	words, ends = buf[:0], ebuf[:0]
	var kb [256]byte
	key := kb[:0]
	for j := i; j < len(toks) && len(words) < x.gaz.maxWords && len(words) < len(buf); j++ {
		if toks[j].word {
			n := len(key)
			if n > 0 {
				key = append(key, ' ')
			}
			key = append(key, toks[j].fold...)
			// the first word is a prefix: toks[i].gazp says so
			if j > i && !x.gaz.prefixes[string(key)] {
				key = key[:n]
				break
			}
			words = append(words, j)
			ends = append(ends, len(key))
			continue
		}
		if toks[j].text == "-" || toks[j].fold == "'" || toks[j].text == "." || toks[j].text == "," {
			if toks[j].text == "," && len(words) > 0 {
				// "Washington, D.C." only
				if j+1 < len(toks) && toks[j+1].text == "D.C." {
					continue
				}
				break
			}
			continue
		}
		break
	}
	for n := len(words); n > 0; n-- {
		ents := x.gaz.phrases[string(key[:ends[n-1]])]
		if len(ents) == 0 {
			continue
		}
		first := toks[words[0]]
		for _, e := range ents {
			if e.exact != "" {
				if n != 1 || (first.text != e.exact && strings.ReplaceAll(first.text, ".", "") != e.exact) {
					continue
				}
			} else if !first.upper && e.capital {
				continue
			}
			end := words[n-1] + 1
			m := mention{kind: mGaz, a: a, b: end, gaz: e, name: e.name, plural: e.plural}
			if a != i && !(toks[a].fold == "the") {
				m.a = i
			}
			// "a Kremlin official", "a UN spokesman": the body speaks
			if e.typ != graph.Country && end < len(toks) && bodyVoices[toks[end].fold] {
				m.b = end + 1
				return m, true
			}
			// a demonym or country followed by a state noun stands for the state
			if e.typ == graph.Country && end < len(toks) && govNouns[toks[end].fold] &&
				!(end+1 < len(toks) && (toks[end+1].fold == "media" || toks[end+1].fold == "television" || toks[end+1].fold == "tv" || toks[end+1].fold == "news")) {
				m.b = end + 1
				m.kind = mGaz
			}
			if a != i && e.kind == gazDemonym && m.b == end && !e.plural {
				// "the Iraqi" alone is an adjective: drop the article
				m.a = i
			}
			return m, true
		}
	}
	return mention{}, false
}

// capPhrase reads a run of capitalized words at toks[i] and classifies it as
// a gazetteer actor, an organization, a news outlet, a person's name, or a
// place or thing (returned with kind -1 so that it is skipped).
func (x *Extractor) capPhrase(ar *mentArena, text string, toks []token, i int) *mention {
	t := &toks[i]
	theCap := t.fold == "the" && i+1 < len(toks) && toks[i+1].upper
	if !theCap && (!t.upper || t.is(clsNotName)) {
		return nil
	}
	a := i
	if t.fold == "the" {
		i++
	}
	if (toks[i].is(clsTitleHead) || strings.HasSuffix(toks[i].fold, "s") && titleHeads[strings.TrimSuffix(toks[i].fold, "s")] || toks[i].fold == "members") && i+1 < len(toks) && toks[i+1].fold == "of" {
		return ar.make(mention{kind: -1, a: a, b: i + 1}) // "Leaders of ...": read what follows
	}
	if toks[i].is(clsNotName) || toks[i].is(clsHonorific) && i+1 < len(toks) && toks[i+1].upper {
		if toks[i].fold != "the" && !toks[i].is(clsHonorific) {
			return nil
		}
	}
	// collect the run: capitalized words, and connectors between them
	j := i
	hasOrg, hasPlace, hasMedia := false, false, false
	for j < len(toks) {
		w := toks[j]
		if w.word && (w.upper || isDigitStart(w.text) && j > i) && !(j > i && w.is(clsNotName) && !orgConnector(w.fold) && !givenMonth(toks, j)) {
			if w.is(clsOrgWord) {
				hasOrg = true
			}
			if w.is(clsPlaceWord) {
				hasPlace = true
			}
			if w.is(clsMediaWord) {
				hasMedia = true
			}
			j++
			continue
		}
		if j > i+1 && hyphenSyllable(toks, j) {
			j += 2 // "Kang Kyung-wha"
			continue
		}
		// hyphen or apostrophe inside a name: al-Sudani, Shia’ al-Sudani, Export–Import
		// (not after a shouted prefix: "SHAFAQNA-Iran")
		if !w.word && (w.text == "-" || w.text == "–" || w.fold == "'") && j > i && j+1 < len(toks) && toks[j+1].word &&
			!(x.isAllCapsWord(toks[j-1]) && len(toks[j-1].text) >= 3) &&
			(toks[j-1].end == w.start || w.fold == "'") && (w.end == toks[j+1].start || w.fold == "'" && toks[j+1].start == w.end+1) &&
			(toks[j+1].upper || toks[j+1].is(clsParticle) || w.text != "'" && w.fold != "'") {
			j++
			continue
		}
		if w.word && !w.upper && j > i && j+1 < len(toks) {
			nx := toks[j+1]
			if w.is(clsParticle) && (particleRun(toks, j) || nx.text == "-" && j+2 < len(toks) && toks[j+2].upper) {
				j++
				continue
			}
			if orgConnector(w.fold) && nx.upper && !nx.is(clsNotName) && (w.fold != "in" || seatWords[toks[j-1].fold]) {
				j++
				continue
			}
		}
		break
	}
	// a person's name has no connectors: "Zelensky and Trump" is two names
	if !hasOrg && !hasMedia {
		for k := i + 1; k < j; k++ {
			if toks[k].word && !toks[k].upper && orgConnector(toks[k].fold) && !toks[k].is(clsParticle) || toks[k].fold == "and" {
				j = k
				break
			}
		}
	}
	// "Member of the Political Bureau ... and Foreign Minister Wang Yi": a
	// titled name at the end of the run is read on its own
	if j-i > 2 {
		for h := i + 1; h < j; h++ {
			n := x.titleAt(toks, h)
			if n == 0 {
				continue
			}
			if ns, ne := x.nameAt(toks, h+n); ne > ns && ne >= j {
				cut := h
				for cut > i+1 && toks[cut-1].upper && toks[cut-1].is(clsOfficeWord) {
					cut--
				}
				j = cut
				hasOrg, hasPlace, hasMedia = false, false, false
				for k := i; k < j; k++ {
					hasOrg = hasOrg || toks[k].is(clsOrgWord)
					hasPlace = hasPlace || toks[k].is(clsPlaceWord)
					hasMedia = hasMedia || toks[k].is(clsMediaWord)
				}
				break
			}
		}
	}
	// do not end on a connector or hyphen
	for j > i && (!toks[j-1].word || orgConnector(toks[j-1].fold) || toks[j-1].is(clsParticle) && !toks[j-1].upper) {
		j--
	}
	if j <= i {
		return nil
	}
	// a gazetteer phrase covering the start wins unless the run is longer and names an organization
	g := x.gazMatch(ar, toks, a)
	if g != nil && (g.b >= j || !hasOrg && !hasMedia) {
		if g.b < j && !hasPlace {
			// "Turkey Erdogan"? keep the gazetteer part only
			return g
		}
		if g.b >= j {
			return g
		}
	}
	words := 0
	for k := i; k < j; k++ {
		if toks[k].word {
			words++
		}
	}
	if !hasOrg && !hasPlace {
		j = nameSuffix(toks, j)
	}
	name := joinTokens(text, toks[i:j])
	m := ar.make(mention{a: a, b: j, name: name})
	switch {
	case hasMedia || mediaName(name):
		m.kind = mMedia
	case hasOrg && !startsWithPlaceWord(toks[i:j]):
		m.kind = mOrg
		if j < len(toks) && (toks[j].fold == "officials" || toks[j].fold == "official") {
			m.b = j + 1
		}
	case hasPlace || orgAdjectives[toks[i].fold] && words > 1:
		if orgAdjectives[toks[i].fold] && !hasPlace {
			m.kind = mOrg
		} else {
			m.kind = -1
		}
	case g != nil:
		return g
	default:
		m.kind = mName
		m.a = i
		m.single = words == 1
		if words > 1 {
			for k := i; k < j; k++ {
				if x.isAllCapsWord(toks[k]) && !romanNumeral(toks[k].text) {
					m.kind = -1 // "RAF Croughton": a place or body, not a person
				}
			}
		}
	}
	return m
}

// mediaName reports whether a name folds to a news outlet's, with or
// without "the ". A short simple name is folded in a buffer on the stack.
func mediaName(name string) bool {
	if simple, _ := simplePhrase(name); simple && len(name) <= 64 {
		var buf [64]byte
		f := buf[:len(name)]
		foldSimple(f, name)
		return media[string(f)] || media[string(bytes.TrimPrefix(f, []byte("the ")))]
	}
	f := foldPhrase(name)
	return media[f] || media[strings.TrimPrefix(f, "the ")]
}

// orgAdjectives begin the names of parties, movements and institutions.
var orgAdjectives = set("democratic", "republican", "national", "islamic", "progressive", "socialist", "liberal",
	"conservative", "united", "international", "federal", "royal", "supreme", "central", "popular", "people's", "peoples",
	"revolutionary", "communist", "green", "free", "patriotic", "christian", "european", "african", "arab", "world")

func startsWithPlaceWord(toks []token) bool {
	return len(toks) > 0 && toks[0].is(clsPlaceWord) && !toks[0].is(clsOrgWord)
}

func orgConnector(w string) bool {
	switch w {
	case "of", "for", "on", "and", "the", "in", "de", "du", "des", "al":
		return true
	}
	return false
}

func (x *Extractor) isAllCapsWord(t token) bool {
	if len(t.text) < 2 {
		return false
	}
	for _, r := range t.text {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// joinTokens returns the text of toks with their original spacing: words
// apart in text are joined by one space. text is the string the tokens were
// read from. When the tokens are apart by single spaces or not at all, as
// names and titles nearly always are, that is text's own substring, which
// costs no allocation.
func joinTokens(text string, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	for k := 0; k+1 < len(toks); k++ {
		if gap := toks[k+1].start - toks[k].end; gap != 0 && (gap != 1 || text[toks[k].end] != ' ') {
			return joinSpaced(toks)
		}
	}
	return text[toks[0].start:toks[len(toks)-1].end]
}

// joinSpaced is joinTokens for tokens apart by other white space.
func joinSpaced(toks []token) string {
	var b strings.Builder
	for k, t := range toks {
		b.WriteString(t.text)
		if k+1 < len(toks) && t.spaceAfter {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// titled reads a titled mention at toks[i]: an optional article or a
// country's possessive, modifiers, a title head, an optional "of Country",
// and then, maybe after a comma, honorifics and a name.
//
//	the Iraqi Prime Minister | US Secretary of State Mike Pompeo |
//	Iran’s Supreme Leader, the Grand Ayatollah Seyyed Ali Khamenei
func (x *Extractor) titled(ar *mentArena, text string, toks []token, i int) *mention {
	if t := toks[i]; !t.upper {
		switch {
		case t.fold == "the" || t.fold == "a" || t.fold == "an", t.gazp, t.is(clsOfficeWord), t.is(clsTitle):
		default:
			return nil // a plain lower-case word starts no title
		}
	}
	a := i
	// "His Majesty King Abdullah II", "H.E. Mr. Ayman Safadi"
	for i < len(toks) && (styleWords[toks[i].fold] && (toks[i].fold != "he" || toks[i].text == "H.E.") || toks[i].text == "." && i > a) && toks[i].upper == (toks[i].text != ".") {
		i++
	}
	if i > a && (toks[a].fold == "his" || toks[a].fold == "her") && i == a+2 && toks[a+1].fold == "majesty" {
		// "His Majesty" alone: the monarch
		if x.titleAt(toks, i) == 0 {
			if _, ne := x.nameAt(toks, i); ne == i {
				return ar.make(mention{kind: mTitle, a: a, b: i, title: "King", titleKey: "king"})
			}
		}
	}
	if i >= len(toks) || i > a && !(toks[i].upper && toks[i].word) {
		return nil
	}
	j := i
	det := false
	if f := toks[j].fold; f == "the" || f == "a" || f == "an" {
		det = true
		j++
	}
	country := ""
	possessive := false
	// a country, demonym or organization before the title
	if j < len(toks) {
		if g, ok := x.gazAt(toks, j); ok && g.a == j {
			switch {
			case g.gaz.typ == graph.Country && g.b == j+countWords(toks, j, g.b):
				country = g.gaz.id
			case g.gaz.country != "":
				country = g.gaz.country
			}
			k := g.b
			if k < len(toks) && toks[k].fold == "'s" {
				k++
				possessive = true
			}
			if k < len(toks) && (g.gaz.kind == gazDemonym || possessive || g.gaz.typ != graph.Country || toks[k].upper || x.titleAt(toks, k) > 0) {
				if g.b-j <= 3 && (x.titleAt(toks, k) > 0 || x.modifiersThenTitle(toks, k) > 0) {
					j = k
				} else {
					country = ""
				}
			} else {
				country = ""
			}
		}
	}
	// modifiers then the head
	if j >= len(toks) || toks[j].fold == "and" || toks[j].fold == "or" {
		return nil
	}
	hs := j
	n := x.titleAt(toks, j)
	if n == 0 {
		k := x.modifiersThenTitle(toks, j)
		if k == 0 {
			return nil
		}
		hs = k
		n = x.titleAt(toks, k)
	}
	// extend the title over office words just before the head
	ts := hs
	for ts > j && toks[ts-1].is(clsOfficeWord) && toks[ts-1].fold != "and" {
		ts--
	}
	he := hs + n
	head := foldTokens(toks[hs:he])
	m := ar.make(mention{a: a, title: joinTokens(text, toks[ts:he]), titleKey: head, country: country})
	if strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") && head != "chiefs" {
		m.plural = true
	}
	k := he
	// "of Nigeria", "to Germany" (not "of the Greek Energy Forum")
	if k+1 < len(toks) && (toks[k].fold == "of" || toks[k].fold == "to") {
		if g, ok := x.gazAt(toks, k+1); ok && !(g.b < len(toks) && toks[g.b].upper && toks[g.b].word) {
			if g.gaz.typ == graph.Country {
				if m.country == "" {
					m.country = g.gaz.id
				}
			} else if g.gaz.country != "" && m.country == "" && toks[k].fold == "of" {
				m.country = g.gaz.country
			}
			k = g.b
		}
	}
	titleEnd := k
	// the name, maybe after a comma and an article
	p := k
	if p < len(toks) && toks[p].text == "," {
		p++
		if p < len(toks) && toks[p].fold == "the" {
			p++
		}
	}
	for p < len(toks) && (toks[p].is(clsHonorific) && toks[p].upper || toks[p].text == "." && p > 0 && toks[p-1].is(clsHonorific)) {
		p++
	}
	if ns, ne := x.nameAt(toks, p); ne > ns {
		if p > k && toks[k].text == "," && !(det || possessive || country != "") && hs == a {
			// "President, Name" without article is unusual; still accept
		}
		m.kind = mName
		m.b = ne
		m.name = joinTokens(text, toks[ns:ne])
		m.nameForms = []string{joinTokens(text, toks[p-countHonorifics(toks, p):ne])}
		if k < len(toks) && toks[k].text == "," && (country != "" || possessive || det) && titleEnd-a >= 2 {
			// "Iran’s Supreme Leader, Ali Khamenei": the title part names him too
			m.nameForms = append(m.nameForms, joinTokens(text, toks[a:titleEnd]))
		}
		// "Name of Country" after the name (Presidents X of Nigeria)
		if ne+1 < len(toks) && toks[ne].fold == "of" {
			if g, ok := x.gazAt(toks, ne+1); ok && g.gaz.typ == graph.Country && g.gaz.kind == gazName {
				m.country = g.gaz.id
				m.b = g.b
			}
		}
		return m
	}
	// a title alone names a person only with an article, a possessive or a country
	if m.plural {
		return nil
	}
	if !(det || possessive || country != "" || toks[a].upper && hs == a) {
		return nil
	}
	if det && toks[a].fold != "the" {
		// "a US peace envoy": kept as a title mention, used for appositions
	}
	if !singleActorTitles[head] && !det {
		return nil
	}
	m.kind = mTitle
	m.b = titleEnd
	// "a Kremlin spokesman", "an Iranian official": the body or state speaks
	if f := toks[a].fold; (f == "a" || f == "an") && m.titleKey != "" && bodyVoices[m.titleKey] {
		if g := x.gazMatch(ar, toks, a+1); g != nil && g.a == a+1 {
			g.a, g.b = a, titleEnd
			return g
		}
	}
	return m
}

func countHonorifics(toks []token, p int) int {
	n := 0
	for q := p - 1; q >= 0 && (toks[q].is(clsHonorific) && toks[q].upper || toks[q].text == "."); q-- {
		if toks[q].text != "." {
			n = p - q
		}
	}
	return n
}

func countWords(toks []token, a, b int) int { return b - a }

// titleAt returns how many tokens a title head at toks[i] spans, or 0.
func (x *Extractor) titleAt(toks []token, i int) int {
	best := 0
	if i >= len(toks) || !toks[i].is(clsTitle) {
		return 0
	}
	var kb [64]byte
	key := kb[:0]
	for n := 1; n <= 5 && i+n <= len(toks); n++ {
		t := &toks[i+n-1]
		if !t.word && t.text != "-" {
			break
		}
		if t.word {
			if n == 1 {
				// the first word is a title prefix (checked above)
				if t.is(clsTitleHead) {
					best = n
				}
				key = append(key, t.fold...)
				continue
			}
			key = append(append(key, ' '), t.fold...)
			if !titlePrefixes[string(key)] {
				break
			}
			if titleHeads[string(key)] {
				best = n
			}
		}
	}
	if best == 1 && toks[i].fold == "head" && !(i+1 < len(toks) && toks[i+1].fold == "of") {
		return 0
	}
	return best
}

// modifiersThenTitle skips up to five modifier words (capitalized words or
// office words) before a title head and returns the head's index, or 0.
func (x *Extractor) modifiersThenTitle(toks []token, j int) int {
	for k := j; k < len(toks) && k < j+6; k++ {
		t := toks[k]
		if k > j && x.titleAt(toks, k) > 0 {
			return k
		}
		if t.word && (t.is(clsOfficeWord) || t.upper && !t.is(clsNotName)) {
			continue
		}
		if (t.text == "-" || t.text == "–") && k > j && toks[k-1].end == t.start && k+1 < len(toks) && t.end == toks[k+1].start {
			continue // "Saudi-born", not a dateline's "SEOUL - "
		}
		return 0
	}
	return 0
}

// nameAt returns the span of a person's name at toks[i]: capitalized words,
// particles and hyphens; or an empty span.
func (x *Extractor) nameAt(toks []token, i int) (int, int) {
	if i >= len(toks) || !toks[i].word || !toks[i].upper || toks[i].is(clsNotName) {
		return i, i
	}
	if n := x.titleAt(toks, i); n > 0 {
		return i, i
	}
	if g, ok := x.gazAt(toks, i); ok && g.gaz.typ != graph.Person && !(g.gaz.kind == gazName && g.gaz.typ == graph.Group) {
		return i, i
	}
	j := i
	words := 0
	for j < len(toks) && words < 6 {
		w := toks[j]
		if w.word && w.upper && !(j > i && w.is(clsNotName) && !givenMonth(toks, j)) && !w.is(clsOrgWord) {
			words++
			j++
			continue
		}
		if w.word && !w.upper && w.is(clsParticle) && particleRun(toks, j) {
			j++
			continue
		}
		if (w.text == "-" || w.fold == "'") && j > i && j+1 < len(toks) && toks[j+1].word && (toks[j+1].upper || toks[j+1].is(clsParticle)) {
			j++
			continue
		}
		// a hyphenated given name: "Moon Jae-in", "Kang Kyung-wha"
		if j > i+1 && hyphenSyllable(toks, j) {
			j += 2
			words++
			continue
		}
		// a middle initial: "Antony J. Blinken"
		if w.text == "." && j > i && len(toks[j-1].text) == 1 && toks[j-1].upper && j+1 < len(toks) && toks[j+1].upper && toks[j+1].word {
			j++
			continue
		}
		break
	}
	for j > i && !toks[j-1].word {
		j--
	}
	if j < len(toks) && toks[j].upper && (toks[j].is(clsOrgWord) || toks[j].is(clsPlaceWord)) {
		return i, i // "Energy Forum": the start of an organization's or place's name
	}
	return i, nameSuffix(toks, j)
}

// nameSuffix extends a name over ", Jr." or ", Sr." and returns its new end.
func nameSuffix(toks []token, j int) int {
	if j+1 < len(toks) && toks[j].text == "," && (toks[j+1].fold == "jr" || toks[j+1].fold == "sr") {
		j += 2
		if j < len(toks) && toks[j].text == "." && toks[j].start == toks[j-1].end {
			j++
		}
	}
	return j
}

func foldTokens(toks []token) string {
	n, size, last := 0, 0, ""
	for ti := range toks {
		t := &toks[ti]
		if t.word {
			n++
			size += len(t.fold) + 1
			last = t.fold
		}
	}
	if n <= 1 {
		return last // a one-word title: its fold, no allocation
	}
	var b strings.Builder
	b.Grow(size - 1)
	k := 0
	for ti := range toks {
		t := &toks[ti]
		if t.word {
			if k++; k > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(t.fold)
		}
	}
	return b.String()
}

// seatWords may be followed by "in City" inside an organization's name
// ("Embassy in London").
var seatWords = set("embassy", "consulate", "mission", "office", "bureau", "delegation")

func romanNumeral(s string) bool {
	switch s {
	case "II", "III", "IV", "VI", "VII", "VIII", "JR", "SR":
		return true
	}
	return false
}

// definiteHeads are nouns that, after "the", point back to an organization
// named before whose name holds one of the listed words ("the embassy" →
// "US Embassy in London").
var definiteHeads = map[string][]string{
	"embassy": {"embassy"}, "agency": {"agency"}, "ministry": {"ministry"}, "department": {"department"},
	"commission": {"commission"}, "committee": {"committee"}, "council": {"council"}, "court": {"court"},
	"airline": {"air", "airline", "airlines", "airways"}, "bank": {"bank"}, "militia": {"militia", "forces"},
	"organisation": {"organisation", "organization"}, "organization": {"organisation", "organization"},
	"consulate": {"consulate"}, "tribunal": {"tribunal"}, "alliance": {"alliance"}, "bloc": {"bloc", "union"},
	"movement": {"movement"}, "party": {"party"}, "company": {"company", "corp", "corporation", "inc"},
}

// titlePrefixes holds every word-prefix of the title heads.
var titlePrefixes = prefixSet(titleHeads)

func prefixSet(phrases map[string]bool) map[string]bool {
	out := map[string]bool{}
	for p := range phrases {
		p = strings.ReplaceAll(p, "-", " ")
		for i := 0; i < len(p); i++ {
			if p[i] == ' ' {
				out[p[:i]] = true
			}
		}
		out[p] = true
	}
	return out
}

// bodyVoices after a body's name make the phrase speak for the body.
var bodyVoices = set("official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "statement",
	"spokespeople", "representative", "representatives")

// organNouns head a state organ named in lower case after a country's
// possessive: "Russia's foreign ministry", "Iran's defence ministry".
var organNouns = set("ministry", "government", "embassy", "cabinet", "presidency", "parliament", "army",
	"military", "navy", "consulate", "mission", "office")

// organOf reads "Country's [modifiers] organ" after a country mention and
// returns an organization mention named "Foreign Ministry of Russia", or nil.
func organOf(ar *mentArena, toks []token, g *mention) *mention {
	if g.gaz.typ != graph.Country || g.gaz.kind != gazName || g.b+1 >= len(toks) || toks[g.b].fold != "'s" {
		return nil
	}
	k := g.b + 1
	var words []string
	for k < len(toks) && len(words) < 4 && toks[k].word && !toks[k].upper {
		words = append(words, toks[k].text)
		if organNouns[toks[k].fold] {
			var b strings.Builder
			for i, w := range words {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
			}
			b.WriteString(" of " + g.gaz.name)
			if len(words) == 1 && (words[0] == "government" || words[0] == "army" || words[0] == "military") {
				return nil // "Russia's government" is the state itself
			}
			return ar.make(mention{kind: mOrg, a: g.a, b: k + 1, name: b.String()})
		}
		k++
	}
	return nil
}

// styleWords are forms of address before titles and names: "His Majesty",
// "Her Excellency", "H.E.".
var styleWords = set("his", "her", "majesty", "highness", "royal", "excellency", "he", "hrh", "honourable", "honorable")

// isPronoun reports whether a word is a personal pronoun that can point to
// a person ("H.E." is not).
func isPronoun(w string) bool {
	switch w {
	case "he", "He", "she", "She", "him":
		return true
	}
	return false
}

// orgModifiers are adjectives kept with an organization's mention.
var orgModifiers = set("central", "federal", "national", "provincial", "interim", "ruling", "local", "regional", "new", "former")

// particleRun reports whether the particles from toks[j] on ("van den",
// "bin") lead to a capitalized name word.
func particleRun(toks []token, j int) bool {
	for k := j; k < len(toks) && k < j+4; k++ {
		t := toks[k]
		if t.word && t.upper || t.text == "-" && k > j {
			return true
		}
		if !t.word || !t.is(clsParticle) {
			return false
		}
	}
	return false
}
