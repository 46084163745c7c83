package extract

import (
	"strings"

	"github.com/parley/parley/graph"
)

// entity is an actor of one report, built up from its mentions.
type entity struct {
	id      string
	typ     graph.EntityType
	name    string
	words   []string // folded words of the name
	key     string   // the folded name
	aliases []string
	akeys   []string // folded aliases, honorifics removed
	titles  []string
	tcanon  []string             // canonical titles
	tenure  map[string][2]string // lower-cased title → the office's from and to, where the tables know it
	country string
	media   bool
	gender  int   // 0 unknown, male or female
	known   bool  // from a reference table or given a title: safe to list as "about"
	pos     []int // ordinals of the mentions that stand for it (see resolve)
	used    bool  // named by a fact: listed (see doc.use)
}

func (e *entity) addAlias(s string) {
	s = strings.TrimSpace(s)
	if s == "" || s == e.name {
		return
	}
	for _, a := range e.aliases {
		if a == s {
			return
		}
	}
	e.aliases = append(e.aliases, s)
	e.akeys = append(e.akeys, foldPhrase(stripHonorifics(s)))
}

func (e *entity) addTitle(t string) {
	t = strings.TrimSpace(t)
	if t == "" {
		return
	}
	for _, x := range e.titles {
		if strings.EqualFold(x, t) {
			return
		}
	}
	e.titles = append(e.titles, t)
	e.tcanon = append(e.tcanon, canonTitle(foldPhrase(t)))
}

// addTenure gives a title the period of office the reference tables know.
func (e *entity) addTenure(t, from, to string) {
	e.addTitle(t)
	if e.tenure == nil {
		e.tenure = map[string][2]string{}
	}
	e.tenure[strings.ToLower(strings.TrimSpace(t))] = [2]string{from, to}
}

// hasTitle reports whether the actor holds an office whose canonical title is canon.
func (e *entity) hasTitle(canon string) bool {
	for _, t := range e.tcanon {
		if t == canon {
			return true
		}
	}
	return false
}

// canonTitle maps a folded title to its canonical form: "premier" and
// "pm" are "prime minister", "foreign trade minister" stays itself.
func canonTitle(t string) string {
	t = strings.TrimSuffix(t, "s")
	if t == "" {
		return t
	}
	if c, ok := titleCanon[t]; ok {
		return c
	}
	if c, ok := titleCanon[t+"s"]; ok {
		return c
	}
	return t
}

// titleHeadWord is the last word of a canonical title ("minister").
func titleHeadWord(canon string) string {
	if i := strings.Index(canon, " of "); i >= 0 {
		canon = canon[:i] // "secretary of state" → "secretary"
	}
	if i := strings.LastIndexByte(canon, ' '); i >= 0 {
		return canon[i+1:]
	}
	return canon
}

// registry holds the actors of one report.
type registry struct {
	ents   []*entity
	byID   map[string]*entity
	byName map[regKey]*entity // type and name as given
	people []*entity          // the persons, in order of first mention
	store  []entity           // memory of the entities (a new chunk when full)
	words  []string           // memory of the entities' words (see fields)
}

func newRegistry() *registry {
	return &registry{byID: make(map[string]*entity, 16), byName: make(map[regKey]*entity, 16)}
}

// reset empties the registry for the next report, keeping its memory.
func (r *registry) reset() {
	clear(r.ents)
	r.ents = r.ents[:0]
	clear(r.people)
	r.people = r.people[:0]
	clear(r.byID)
	clear(r.byName)
	for i := range r.store {
		r.store[i].reuse()
	}
	r.store = r.store[:0]
	clear(r.words)
	r.words = r.words[:0]
}

// fields is strings.Fields(s) in the registry's word memory, which is
// reused from report to report: a name's words cost no allocation of their
// own. The slice is capped, so an append to it copies; an earlier slice
// keeps the array it was cut from when the memory grows.
func (r *registry) fields(s string) []string {
	n := len(r.words)
	for w := range strings.FieldsSeq(s) {
		r.words = append(r.words, w)
	}
	if len(r.words) == n {
		return []string{}
	}
	return r.words[n:len(r.words):len(r.words)]
}

// reuse empties an entity for the next report, keeping the memory of its
// lists (every list is cleared first: no report's strings stay referenced).
// Facts copy what they keep of the lists.
func (e *entity) reuse() {
	clear(e.aliases)
	clear(e.akeys)
	clear(e.titles)
	clear(e.tcanon)
	*e = entity{aliases: e.aliases[:0], akeys: e.akeys[:0], titles: e.titles[:0], tcanon: e.tcanon[:0], pos: e.pos[:0]}
}

// regKey names an actor as a rule gave it.
type regKey struct {
	typ  graph.EntityType
	name string
}

func (r *registry) get(typ graph.EntityType, name string) *entity {
	return r.getFolded(typ, name, "", nil)
}

// getFolded is get for a caller that has folded the name already: folded
// is foldPhrase(name) and words its words (or "" and nil: get folds).
func (r *registry) getFolded(typ graph.EntityType, name, folded string, words []string) *entity {
	key := regKey{typ, name}
	if e, ok := r.byName[key]; ok {
		return e
	}
	id := entityID(typ, name)
	if e, ok := r.byID[id]; ok {
		r.byName[key] = e
		return e
	}
	if words == nil {
		folded = foldPhrase(name)
		words = r.fields(folded)
	}
	if len(r.store) == cap(r.store) {
		r.store = make([]entity, 0, max(16, 2*cap(r.store))) // the full chunk stays with its entities
	}
	r.store = r.store[:len(r.store)+1] // an entity of an earlier report: reuse keeps its slices' memory
	e := &r.store[len(r.store)-1]
	e.id, e.typ, e.name, e.words, e.key = id, typ, name, words, folded
	r.ents = append(r.ents, e)
	if typ == graph.Person {
		r.people = append(r.people, e)
	}
	r.byID[id] = e
	r.byName[key] = e
	return e
}

// persons returns the person actors.
func (r *registry) persons() []*entity { return r.people }

// honorificWord reports whether a word folds (foldWord) to one of the
// honorifics, and whether it folds to "his" or "her". A short ASCII word is
// folded in a buffer on the stack: foldWord allocates for a capital, and
// this runs on the first word of every name.
func honorificWord(s string) (hon, possessive bool) {
	var buf [32]byte
	if len(s) <= len(buf) {
		b := buf[:len(s)]
		ascii := true
		for i := 0; i < len(s) && ascii; i++ {
			c := s[i]
			switch {
			case c >= 0x80 || c == '.' || c == '\'':
				ascii = false
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			b[i] = c
		}
		if ascii {
			return honorifics[string(b)], string(b) == "his" || string(b) == "her"
		}
	}
	w := foldWord(s)
	return honorifics[w], w == "his" || w == "her"
}

// stripHonorifics removes leading honorifics from a name ("Seyyed Ali
// Khamenei" → "Ali Khamenei"), keeping at least one word.
func stripHonorifics(name string) string {
	for {
		first, rest, ok := strings.Cut(name, " ")
		if !ok || strings.TrimSpace(rest) == "" {
			return name
		}
		if hon, possessive := honorificWord(strings.TrimSuffix(first, ".")); !hon || possessive {
			return name
		}
		name = strings.TrimSpace(rest)
	}
}

// suffixOf reports whether words are the last words of full.
func suffixOf(words, full []string) bool {
	if len(words) == 0 || len(words) >= len(full) {
		return false
	}
	off := len(full) - len(words)
	for i, w := range words {
		if full[off+i] != w {
			return false
		}
	}
	return true
}

// similarSurname reports whether two surnames are spelling variants of each
// other (Soleimani / Soleymani, Zelensky / Zelenskyy, Sarea / Saree).
func similarSurname(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 4 || len(b) < 4 || a[:3] != b[:3] {
		return false
	}
	d := len(a) - len(b)
	if d < -1 || d > 1 {
		return false
	}
	return editDistance(a, b) <= 2 && editDistance(a, b)*4 <= len(a)+1
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
