package extract

import (
	"bufio"
	"io/fs"
	"sort"
	"strings"

	"github.com/parley/parley/extract/data"
	"github.com/parley/parley/extract/lexicon"
	"github.com/parley/parley/graph"
)

// gazKind says how a gazetteer phrase names its actor.
type gazKind int

const (
	gazName    gazKind = iota // canonical name or alias
	gazDemonym                // "Iraqi", "Americans"
	gazCapital                // "Washington" for the United States
)

// gazEntry is one way of naming a known actor.
type gazEntry struct {
	id      string
	typ     graph.EntityType
	name    string // canonical name
	country string // country entity id (for organizations and groups)
	kind    gazKind
	exact   string // when set, the surface (dots removed) must equal it: acronyms
	plural  bool   // a plural demonym ("Americans")
	capital bool   // written with a capital: must match a capitalized word
}

// office is one term of one person in one office.
type office struct {
	country  string   // country canonical name
	titles   []string // folded titles, first is the main one
	rawTitle string   // main title as written in the table
	person   string
	aliases  []string
	from, to string // YYYY-MM-DD, to "" = still in office
}

// gazetteer holds the reference tables, indexed for matching.
type gazetteer struct {
	phrases     map[string][]gazEntry // folded phrase → actors
	prefixes    map[string]bool       // every word-prefix of a phrase, for incremental matching
	maxWords    int
	countries   map[string]string // folded country name/alias/demonym → canonical name
	isoName     map[string]string // iso2 → canonical country name
	idName      map[string]string // country entity id → canonical name
	isoIDName   map[string]string // country entity id → canonical name, for the names of isoName
	capitals    map[string]string // folded capital → canonical country name
	offices     []office
	officeTitle map[string]string  // canonical title → a folded title of the offices table
	byName      map[string]offSpan // folded person name or alias → offices
	bySurname   map[string]offSpan // folded last word of name or single-word alias → offices
	byTitle     map[string]offSpan // canonical title → offices
	offIdx      []int32            // the office lists of byName, bySurname and byTitle, end to end
}

// offSpan is a list of offices: offIdx[at:at+n]. The indexes hold no
// pointers in their values, so that the collector has less to scan.
type offSpan struct{ at, n int32 }

// list returns the offices of a span.
func (g *gazetteer) list(s offSpan) []int32 { return g.offIdx[s.at : s.at+s.n] }

func loadGazetteer() *gazetteer {
	g := &gazetteer{
		phrases:     map[string][]gazEntry{},
		prefixes:    map[string]bool{},
		countries:   map[string]string{},
		isoName:     map[string]string{},
		idName:      map[string]string{},
		officeTitle: map[string]string{},
		capitals:    map[string]string{},
	}
	byName, bySurname, byTitle := map[string][]int32{}, map[string][]int32{}, map[string][]int32{}
	countryRows := readTable(data.FS, "countries.tsv")
	countryRows = append(countryRows, readTable(lexicon.FS, "historic_countries.tsv")...)
	for _, row := range countryRows {
		if len(row) < 2 || row[0] == "" {
			continue
		}
		name := row[0]
		id := graph.EntityID(graph.Country, name)
		g.isoName[strings.ToUpper(row[1])] = name
		g.idName[id] = name
		e := gazEntry{id: id, typ: graph.Country, name: name}
		g.add(name, e)
		g.countries[foldPhrase(name)] = name
		for _, a := range splitList(col(row, 2)) {
			g.add(a, e)
			g.countries[foldPhrase(stripThe(a))] = name
		}
		for _, d := range splitList(col(row, 3)) {
			de := e
			de.kind = gazDemonym
			de.plural = strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "ss")
			g.add(d, de)
			g.countries[foldPhrase(d)] = name
		}
		for _, c := range splitList(col(row, 4)) {
			ce := e
			ce.kind = gazCapital
			g.add(c, ce)
			g.capitals[foldPhrase(c)] = name
		}
	}
	g.isoIDName = make(map[string]string, len(g.isoName))
	for _, name := range g.isoName {
		g.isoIDName[graph.EntityID(graph.Country, name)] = name
	}
	orgs := readTable(data.FS, "organizations.tsv")
	orgs = append(orgs, readTable(lexicon.FS, "groups.tsv")...)
	for _, row := range orgs {
		if len(row) < 2 || row[0] == "" {
			continue
		}
		typ := graph.Organization
		if strings.TrimSpace(row[1]) == "group" {
			typ = graph.Group
		}
		e := gazEntry{id: graph.EntityID(typ, row[0]), typ: typ, name: row[0]}
		if iso := strings.ToUpper(strings.TrimSpace(col(row, 3))); iso != "" {
			if cn, ok := g.isoName[iso]; ok {
				e.country = graph.EntityID(graph.Country, cn)
			}
		}
		g.add(row[0], e)
		for _, a := range splitList(col(row, 2)) {
			g.add(a, e)
		}
	}
	for _, row := range readTable(data.FS, "offices.tsv") {
		if len(row) < 3 || row[2] == "" {
			continue
		}
		o := office{country: g.countryName(row[0]), person: row[2], aliases: splitList(col(row, 3)), from: col(row, 4), to: col(row, 5)}
		for i, t := range splitList(row[1]) {
			if i == 0 {
				o.rawTitle = t
			}
			o.titles = append(o.titles, foldPhrase(t))
			if _, ok := g.officeTitle[canonTitle(foldPhrase(t))]; !ok {
				g.officeTitle[canonTitle(foldPhrase(t))] = foldPhrase(t)
			}
		}
		i := int32(len(g.offices))
		g.offices = append(g.offices, o)
		seen := map[string]bool{}
		for _, t := range o.titles {
			if c := canonTitle(t); !seen[c] {
				seen[c] = true
				byTitle[c] = append(byTitle[c], i)
			}
		}
		for _, n := range append([]string{o.person}, o.aliases...) {
			f := foldPhrase(n)
			if f == "" {
				continue
			}
			byName[f] = append(byName[f], i)
			w := strings.Fields(f)
			if len(w) > 1 {
				bySurname[w[len(w)-1]] = append(bySurname[w[len(w)-1]], i)
			} else {
				bySurname[f] = append(bySurname[f], i)
			}
		}
	}
	// office lists most recent first, so that lookups need not sort
	for _, idx := range []map[string][]int32{byName, bySurname, byTitle} {
		for _, l := range idx {
			sort.SliceStable(l, func(a, b int) bool { return g.offices[l[a]].from > g.offices[l[b]].from })
		}
	}
	g.byName, g.bySurname, g.byTitle = g.flatten(byName), g.flatten(bySurname), g.flatten(byTitle)
	return g
}

// flatten moves the office lists of an index into offIdx.
func (g *gazetteer) flatten(idx map[string][]int32) map[string]offSpan {
	out := make(map[string]offSpan, len(idx))
	for k, l := range idx {
		out[k] = offSpan{int32(len(g.offIdx)), int32(len(l))}
		g.offIdx = append(g.offIdx, l...)
	}
	return out
}

// countryName returns the canonical name of a country named any known way,
// or s itself.
func (g *gazetteer) countryName(s string) string {
	if c, ok := g.countries[foldPhrase(stripThe(s))]; ok {
		return c
	}
	return strings.TrimSpace(s)
}

func (g *gazetteer) add(phrase string, e gazEntry) {
	phrase = stripThe(strings.TrimSpace(phrase))
	key := foldPhrase(phrase)
	if key == "" {
		return
	}
	e.capital = isUpperStart(phrase)
	if isAcronym(phrase) {
		e.exact = strings.ReplaceAll(phrase, ".", "")
	}
	for _, old := range g.phrases[key] {
		if old.id == e.id && old.kind == e.kind && old.exact == e.exact {
			return
		}
	}
	g.phrases[key] = append(g.phrases[key], e)
	for i := 0; i < len(key); i++ {
		if key[i] == ' ' {
			g.prefixes[key[:i]] = true
		}
	}
	g.prefixes[key] = true
	if n := len(strings.Fields(key)); n > g.maxWords {
		g.maxWords = n
	}
}

// isAcronym reports whether s is a short all-capitals word such as "US", "AU" or "U.N.".
func isAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	if len(s) == 0 || len(s) > 6 || strings.ContainsAny(s, " -") {
		return false
	}
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

func stripThe(s string) string {
	for _, p := range []string{"the ", "The "} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

func col(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readTable reads a tab-separated table: '#' lines are comments and the
// first other line is the header, which is skipped. A missing file gives nil.
func readTable(fsys fs.FS, name string) [][]string {
	f, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	header := true
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// officeHolders returns the offices whose title is title (folded), whose
// country is country (canonical name, "" for any) and whose term includes
// date (YYYY-MM-DD; "" matches any term), most recent first.
func (g *gazetteer) officeHolders(title, country, date string) []office {
	var out []office
	for _, i := range g.list(g.byTitle[canonTitle(title)]) {
		o := g.offices[i]
		if country != "" && o.country != country || !o.during(date) {
			continue
		}
		out = append(out, o)
	}
	return out
}

// during reports whether the term includes date ("" matches any term).
func (o office) during(date string) bool {
	if date == "" {
		return true
	}
	if len(date) < 10 {
		date = (date + "-01-01")[:10]
	}
	return o.from <= date && (o.to == "" || date < o.to)
}

// person looks a name up among office holders: by full name or alias, and
// else by surname alone (only for someone in office on date). It returns the
// matching offices, most recent first.
func (g *gazetteer) person(name, date string, surnameOnly bool) []office {
	return g.personKey(foldPhrase(name), date, surnameOnly)
}

// personKey is person for a folded name.
func (g *gazetteer) personKey(f, date string, surnameOnly bool) []office {
	var idx []int32
	if surnameOnly {
		for _, i := range g.list(g.bySurname[f]) {
			if g.offices[i].during(date) {
				idx = append(idx, i)
			}
		}
	} else {
		idx = g.list(g.byName[f])
	}
	out := make([]office, len(idx))
	for k, i := range idx {
		out[k] = g.offices[i]
	}
	return out
}

func isUpperStart(s string) bool {
	r := firstRune(s)
	return r >= 'A' && r <= 'Z' || r > 0x7f && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}
