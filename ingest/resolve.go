package ingest

import (
	"context"
	"strings"

	"github.com/parley/parley/graph"
)

// Names are the actors Resolve ties new ones to: a graph.Store, or a batch
// in the making (see Batch).
type Names interface {
	EntitiesByID(ctx context.Context, ids []string) (map[string]graph.Entity, error)
	Lookup(ctx context.Context, name string) ([]graph.Entity, error)
}

// StoredIDs is what Names may offer to tell which actors are stored without
// reading them whole (EntitiesByID reads every alias and title of each).
type StoredIDs interface {
	StoredEntities(ctx context.Context, ids []string) (map[string]bool, error)
}

// storedIDs tells which of ids st holds.
func storedIDs(ctx context.Context, st Names, ids []string) (map[string]bool, error) {
	if s, ok := st.(StoredIDs); ok {
		return s.StoredEntities(ctx, ids)
	}
	ents, err := st.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ents))
	for id := range ents {
		out[id] = true
	}
	return out, nil
}

// Resolve ties the actors of freshly extracted facts to actors already in the
// store: an actor whose id is not stored, but whose name or one of whose
// aliases is a stored actor's name or alias, becomes that actor, when exactly
// one stored actor of the same type (and, for people, a compatible country)
// answers. A bare one-word name ("Khamenei") is tied only where the
// countries are known and equal, so common surnames do not merge strangers.
func Resolve(ctx context.Context, st Names, f *graph.Facts) error {
	ids := make([]string, len(f.Entities))
	present := map[string]bool{}
	for i, e := range f.Entities {
		ids[i] = e.ID
		present[e.ID] = true
	}
	stored, err := storedIDs(ctx, st, ids)
	if err != nil {
		return err
	}
	remap := map[string]string{}
	for _, e := range f.Entities {
		if stored[e.ID] {
			continue
		}
		if target := match(ctx, st, e); target != "" && !present[target] {
			remap[e.ID] = target
			present[target] = true
		}
	}
	if len(remap) > 0 {
		apply(f, remap)
	}
	return nil
}

// match finds the one stored actor e is, or "".
func match(ctx context.Context, st Names, e graph.Entity) string {
	names := append([]string{e.Name}, e.Aliases...)
	fullName := len(strings.Fields(graph.Fold(e.Name))) >= 2
	for _, n := range names {
		if describes(n, e.Titles) {
			// "Colombia's defence minister" is whoever holds the office
			// when a report is written, not a name of one person.
			continue
		}
		oneWord := len(strings.Fields(graph.Fold(n))) < 2
		if oneWord && e.Type == graph.Person && (e.Country == "" || fullName) {
			// A bare surname ties only an actor known by nothing more:
			// "Rafael Carvalho" is not "Pedro Carvalho".
			continue
		}
		cands, err := st.Lookup(ctx, n)
		if err != nil {
			continue
		}
		var fit []graph.Entity
		for _, c := range cands {
			if c.Type != e.Type {
				continue
			}
			if e.Type == graph.Person && c.Country != "" && e.Country != "" && c.Country != e.Country {
				continue
			}
			if oneWord && c.Country != e.Country {
				continue
			}
			fit = append(fit, c)
		}
		if len(fit) == 1 {
			return fit[0].ID
		}
	}
	return ""
}

// describes reports whether a name is a description by office: it holds
// one of the actor's titles.
func describes(name string, titles []graph.Title) bool {
	folded := " " + graph.Fold(name) + " "
	for _, t := range titles {
		if ft := graph.Fold(t.Title); ft != "" && strings.Contains(folded, " "+ft+" ") {
			return true
		}
	}
	return false
}

// apply renames entity ids throughout the facts.
func apply(f *graph.Facts, remap map[string]string) {
	to := func(id string) string {
		if n, ok := remap[id]; ok {
			return n
		}
		return id
	}
	for i := range f.Entities {
		e := &f.Entities[i]
		if n, ok := remap[e.ID]; ok {
			// Keep the name this report used as an alias of the stored actor.
			e.Aliases = append(e.Aliases, e.Name)
			e.ID = n
		}
	}
	for i := range f.Meetings {
		for j := range f.Meetings[i].Participants {
			f.Meetings[i].Participants[j].EntityID = to(f.Meetings[i].Participants[j].EntityID)
		}
	}
	for i := range f.Statements {
		s := &f.Statements[i]
		s.Speaker = to(s.Speaker)
		for j := range s.About {
			s.About[j] = to(s.About[j])
		}
	}
	for i := range f.Supports {
		s := &f.Supports[i]
		s.Supporter, s.Supported, s.ClaimedBy = to(s.Supporter), to(s.Supported), to(s.ClaimedBy)
	}
}
