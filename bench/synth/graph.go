package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/parley/parley/graph"
)

// Graph generates a meeting graph directly as facts, without text to
// extract: Batches reports each carrying PerBatch meetings (with statements
// and supports beside them), for building graphs of millions of meetings
// through graph.Store.PutReport in minutes.
//
// Actors are Actors people and the countries they belong to. One actor in a
// hundred is prominent and takes part in a fifth of all meetings, as heads of
// state and foreign ministers do; the rest meet rarely. Meetings have two
// participants mostly, up to four; dates run over 2000 to 2025.
type Graph struct {
	Seed     uint64
	Meetings int // total meetings
	Actors   int // people; 0 means Meetings/10
	PerBatch int // meetings per report; 0 means 5,000
}

func (g Graph) actors() int {
	if g.Actors > 0 {
		return g.Actors
	}
	return max(g.Meetings/10, 10)
}

func (g Graph) perBatch() int {
	if g.PerBatch > 0 {
		return g.PerBatch
	}
	return 5000
}

// Batches is the number of reports the graph is written as.
func (g Graph) Batches() int {
	return (g.Meetings + g.perBatch() - 1) / g.perBatch()
}

// Actor returns the person with index k (0 <= k < Actors): its stable
// name, id and country. Names are unique across the graph.
func (g Graph) Actor(k int) graph.Entity {
	// Mixed radix over the name parts keeps names unique, whatever Actors.
	t := k % len(traditions)
	r := k / len(traditions)
	tr := traditions[t]
	given := tr.Given[r%len(tr.Given)]
	r /= len(tr.Given)
	family := tr.Family[r%len(tr.Family)]
	r /= len(tr.Family)
	second := tr.Family[r%len(tr.Family)]
	r /= len(tr.Family)
	initial := string(rune('A' + r%26))
	r /= 26
	name := given + " " + initial + ". " + family + "-" + second
	if r > 0 {
		name += fmt.Sprintf(" %d", r+1)
	}
	co := countryOf(t, k)
	return graph.Entity{
		ID: graph.EntityID(graph.Person, name), Type: graph.Person, Name: name,
		Aliases: []string{family + "-" + second},
		Titles:  []graph.Title{{Title: offices[k%len(offices)]}},
		Country: graph.EntityID(graph.Country, co.Name),
	}
}

// countryOf picks a country of tradition t for actor k.
func countryOf(t, k int) *country {
	var of []*country
	for i := range countries {
		if countries[i].Tradition == t {
			of = append(of, &countries[i])
		}
	}
	return of[k%len(of)]
}

func countryEntity(c *country) graph.Entity {
	return graph.Entity{ID: graph.EntityID(graph.Country, c.Name), Type: graph.Country, Name: c.Name,
		Aliases: []string{c.Demonym}}
}

// pickActor draws an actor: a prominent one a fifth of the time.
func (g Graph) pickActor(r *rand.Rand) int {
	n := g.actors()
	if top := max(n/100, 1); r.IntN(5) == 0 {
		return r.IntN(top)
	}
	return r.IntN(n)
}

// Batch returns report b of the graph with its facts, ready for PutReport.
func (g Graph) Batch(b int) (*graph.Report, *graph.Facts) {
	r := rng(g.Seed, streamBatch, uint64(b))
	first := b * g.perBatch()
	n := min(g.perBatch(), g.Meetings-first)
	f := &graph.Facts{}
	listed := map[string]bool{}
	list := func(e graph.Entity) string {
		if !listed[e.ID] {
			listed[e.ID] = true
			f.Entities = append(f.Entities, e)
		}
		return e.ID
	}
	actor := func(k int) (string, graph.Entity) {
		e := g.Actor(k)
		list(countryEntity(countryOf(k%len(traditions), k)))
		return list(e), e
	}
	for j := 0; j < n; j++ {
		parts := 2
		if x := r.IntN(20); x == 0 {
			parts = 4
		} else if x < 4 {
			parts = 3
		}
		var ids []string
		var names []string
		seen := map[int]bool{}
		for len(ids) < parts {
			k := g.pickActor(r)
			if seen[k] {
				continue
			}
			seen[k] = true
			id, e := actor(k)
			ids, names = append(ids, id), append(names, e.Name)
		}
		day := epoch.AddDate(0, 0, r.IntN(days))
		date := graph.Date{Value: day.Format("2006-01-02"), Precision: graph.Day}
		if r.IntN(10) == 0 {
			date = graph.Date{Value: day.Format("2006-01"), Precision: graph.Month}
		}
		co := &countries[r.IntN(len(countries))]
		m := graph.Meeting{Date: date, Place: co.Capital, Mode: graph.InPerson, Status: graph.Held}
		switch x := r.IntN(20); {
		case x < 2:
			m.Mode = graph.Phone
		case x < 3:
			m.Mode = graph.Video
		}
		if r.IntN(20) == 0 {
			m.Status = graph.Planned
		}
		for i, id := range ids {
			role := graph.Participant
			if parts == 2 {
				role = []graph.Role{graph.Host, graph.Guest}[i]
			}
			m.Participants = append(m.Participants, graph.Attendee{EntityID: id, Role: role})
		}
		m.Sources = []graph.Source{{Evidence: fmt.Sprintf("%s met %s in %s on %s.",
			names[0], strings.Join(names[1:], " and "), co.Capital, date.Value), Rule: "synth.graph"}}
		f.Meetings = append(f.Meetings, m)
		if r.IntN(5) == 0 {
			q := pickOf(r, quotes)
			f.Statements = append(f.Statements, graph.Statement{
				Speaker: ids[0], About: []string{ids[1]}, Text: fmt.Sprintf("%s (%d).", q, first+j),
				Quoted: true, Date: date,
				Sources: []graph.Source{{Evidence: fmt.Sprintf("%q, %s said.", q, names[0]), Rule: "synth.graph"}},
			})
		}
		if r.IntN(20) == 0 {
			f.Supports = append(f.Supports, graph.Support{Supporter: ids[1], Supported: ids[0],
				Sources: []graph.Source{{Evidence: fmt.Sprintf("%s backs %s.", names[1], names[0]), Rule: "synth.graph"}}})
		}
	}
	text := fmt.Sprintf("Synthetic graph, seed %d: batch %d of %d, meetings %d to %d of %d among %d actors.",
		g.Seed, b, g.Batches(), first, first+n-1, g.Meetings, g.actors())
	return &graph.Report{ID: graph.ReportID(text), Title: fmt.Sprintf("synthetic batch %d", b), Text: text}, f
}

// Write stores the whole graph in st, batch by batch; progress, if not nil,
// is called after each batch.
func (g Graph) Write(ctx context.Context, st graph.Store, progress func(done, total int)) error {
	for b := range g.Batches() {
		rep, f := g.Batch(b)
		if _, err := st.PutReport(ctx, rep, f); err != nil {
			return fmt.Errorf("batch %d: %w", b, err)
		}
		if progress != nil {
			progress(b+1, g.Batches())
		}
	}
	return nil
}

// Pair is two actors who met, as a query benchmark asks about them.
type Pair struct {
	A, B         string // entity ids
	NameA, NameB string
}

// Sample draws n pairs of actors who met in held meetings of the graph
// (seeded by seed): actors come in proportion to how often they meet, as
// questions about them do.
func (g Graph) Sample(n int, seed uint64) []Pair {
	r := rand.New(rand.NewPCG(seed, seed))
	var out []Pair
	for len(out) < n {
		_, f := g.Batch(r.IntN(g.Batches()))
		names := map[string]string{}
		for _, e := range f.Entities {
			names[e.ID] = e.Name
		}
		for range min(50, n-len(out)) {
			m := f.Meetings[r.IntN(len(f.Meetings))]
			if m.Status != graph.Held {
				continue
			}
			a, b := m.Participants[0].EntityID, m.Participants[1].EntityID
			out = append(out, Pair{A: a, B: b, NameA: names[a], NameB: names[b]})
		}
	}
	return out
}
