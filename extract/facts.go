package extract

import (
	"github.com/parley/parley/graph"
	"strings"
)

// use marks an actor as named by a fact, so that it is listed.
func (d *doc) use(e *entity) {
	if e == nil {
		return
	}
	e.used = true
}

// facts returns the facts read, with every actor they name listed.
func (d *doc) facts(g *gazetteer) *graph.Facts {
	f := &graph.Facts{
		Meetings:   d.out.Meetings,
		Statements: d.out.Statements,
		Supports:   d.out.Supports,
	}
	if f.Meetings == nil {
		f.Meetings = []graph.Meeting{}
	}
	if f.Statements == nil {
		f.Statements = []graph.Statement{}
	}
	if f.Supports == nil {
		f.Supports = []graph.Support{}
	}
	countries := map[string]bool{}
	n := 0
	for _, e := range d.reg.ents {
		if e.used {
			n++
			if e.country != "" {
				countries[e.country] = true
			}
		}
	}
	// Sized for the actors used and their countries, each listed below
	// (when an actor of the report) or added after.
	f.Entities = make([]graph.Entity, 0, n+len(countries))
	// the listed actors' aliases and titles, each list cut from one array
	nAliases, nTitles := 0, 0
	for _, e := range d.reg.ents {
		if e.used || countries[e.id] {
			nAliases += len(e.aliases)
			if e.typ == graph.Person {
				nTitles += len(e.titles)
			}
		}
	}
	aliases := make([]string, 0, nAliases)
	var titles []graph.Title
	if nTitles > 0 {
		titles = make([]graph.Title, 0, nTitles)
	}
	for _, e := range d.reg.ents {
		if !e.used && !countries[e.id] {
			continue
		}
		k := len(aliases)
		aliases = append(aliases, e.aliases...)
		ge := graph.Entity{ID: e.id, Type: e.typ, Name: e.name, Aliases: aliases[k:len(aliases):len(aliases)]}
		if e.typ == graph.Person && len(e.titles) > 0 {
			k := len(titles)
			for _, t := range e.titles {
				ti := graph.Title{Title: t}
				if p, ok := e.tenureOf(t); ok {
					ti.From, ti.To = p[0], p[1]
				}
				titles = append(titles, ti)
			}
			ge.Titles = titles[k:len(titles):len(titles)]
		}
		if e.country != "" && e.country != e.id {
			ge.Country = e.country
		}
		f.Entities = append(f.Entities, ge)
	}
	// a person's country must be listed too
	listed := make(map[string]bool, len(f.Entities))
	for _, e := range f.Entities {
		listed[e.ID] = true
	}
	for i := range f.Entities {
		c := f.Entities[i].Country
		if c == "" || listed[c] {
			continue
		}
		if name, ok := g.idName[c]; ok {
			f.Entities = append(f.Entities, graph.Entity{ID: c, Type: graph.Country, Name: name, Aliases: []string{}})
			listed[c] = true
		} else {
			f.Entities[i].Country = ""
		}
	}
	return f
}

// tenureOf is e.tenure[strings.ToLower(t)], with no allocation when the
// actor has no tenure (most) or the title is short and ASCII.
func (e *entity) tenureOf(t string) ([2]string, bool) {
	if len(e.tenure) == 0 {
		return [2]string{}, false
	}
	var buf [64]byte
	if len(t) <= len(buf) {
		b := buf[:len(t)]
		ascii := true
		for i := 0; i < len(t) && ascii; i++ {
			c := t[i]
			switch {
			case c >= 0x80:
				ascii = false
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			}
			b[i] = c
		}
		if ascii {
			p, ok := e.tenure[string(b)]
			return p, ok
		}
	}
	p, ok := e.tenure[strings.ToLower(t)]
	return p, ok
}
