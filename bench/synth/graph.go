package synth

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/parley/parley/graph"
)

// Graph generates a meeting graph directly as facts, without text to
// extract: Batches reports each carrying PerBatch meetings (with statements
// and supports beside them), for building graphs of millions of meetings
// through graph.Store.PutReports in minutes.
//
// Actors are Actors people and the countries they belong to. One actor in a
// hundred is prominent and takes part in a fifth of all meetings, as heads of
// state and foreign ministers do; the rest meet rarely. Meetings have two
// participants mostly, up to four; dates run over 2000 to 2025.
//
// Meeting i is drawn from a random stream of its own, so the meetings (their
// participants, dates, places) are the same whatever PerBatch and PerWrite:
// those change only which report is the source of which meeting.
type Graph struct {
	Seed     uint64
	Meetings int // total meetings
	Actors   int // people; 0 means Meetings/10
	PerBatch int // meetings per report; 0 means 500
	PerWrite int // reports per PutReports call (one transaction); 0 means 160
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
	return 500
}

func (g Graph) perWrite() int {
	if g.PerWrite > 0 {
		return g.PerWrite
	}
	return 160
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

// draw is meeting i of the graph as drawn, before it is put in a report.
type draw struct {
	actors    []int // indexes of the participants
	date      graph.Date
	country   *country
	mode      graph.Mode
	status    graph.Status
	statement bool
	support   bool
	quote     string
}

// meeting draws meeting i from its own stream.
func (g Graph) meeting(i int) draw {
	r := rng(g.Seed, streamMeeting, uint64(i))
	parts := 2
	if x := r.IntN(20); x == 0 {
		parts = 4
	} else if x < 4 {
		parts = 3
	}
	d := draw{actors: make([]int, 0, parts)}
	for len(d.actors) < parts {
		if k := g.pickActor(r); !slices.Contains(d.actors, k) {
			d.actors = append(d.actors, k)
		}
	}
	day := epoch.AddDate(0, 0, r.IntN(days))
	d.date = graph.Date{Value: day.Format("2006-01-02"), Precision: graph.Day}
	if r.IntN(10) == 0 {
		d.date = graph.Date{Value: day.Format("2006-01"), Precision: graph.Month}
	}
	d.country = &countries[r.IntN(len(countries))]
	d.mode = graph.InPerson
	switch x := r.IntN(20); {
	case x < 2:
		d.mode = graph.Phone
	case x < 3:
		d.mode = graph.Video
	}
	d.status = graph.Held
	if r.IntN(20) == 0 {
		d.status = graph.Planned
	}
	if r.IntN(5) == 0 {
		d.statement, d.quote = true, pickOf(r, quotes)
	}
	d.support = r.IntN(20) == 0
	return d
}

// orders caches the order of each graph's meetings (see Graph.order).
var orders = struct {
	sync.Mutex
	m map[Graph][]int32
}{m: map[Graph][]int32{}}

// order returns the indexes of the graph's meetings in the order of their
// ids (those dated to a month by what their id would be in no report): the
// reports hold them in that order, so that the store inserts the meetings of
// one transaction into one stretch of each index keyed by meeting id instead
// of all over it. Computed once per graph (a second for a million meetings).
func (g Graph) order() []int32 {
	key := Graph{Seed: g.Seed, Meetings: g.Meetings, Actors: g.Actors}
	orders.Lock()
	defer orders.Unlock()
	if o, ok := orders.m[key]; ok {
		return o
	}
	ids := make([]string, g.actors())
	keys := make([]uint64, g.Meetings)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(ids); k += workers {
				ids[k] = g.Actor(k).ID
			}
		}()
	}
	wg.Wait()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(keys); i += workers {
				d := g.meeting(i)
				m := graph.Meeting{Date: d.date, Status: d.status}
				for _, k := range d.actors {
					m.Participants = append(m.Participants, graph.Attendee{EntityID: ids[k]})
				}
				// "m-" and 16 hex digits of the hash: the id's order.
				keys[i], _ = strconv.ParseUint(graph.MeetingID(&m, "")[2:18], 16, 64)
			}
		}()
	}
	wg.Wait()
	o := make([]int32, g.Meetings)
	for i := range o {
		o[i] = int32(i)
	}
	slices.SortFunc(o, func(a, b int32) int {
		if c := cmp.Compare(keys[a], keys[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	orders.m[key] = o
	return o
}

// Batch returns report b of the graph with its facts, ready for PutReport:
// the meetings at b*PerBatch and after in the order of their ids, ordered by
// their ids in the report (as Facts.Bind will compute them) and entities by
// theirs, so that a store inserts them into its indexes in key order.
func (g Graph) Batch(b int) (*graph.Report, *graph.Facts) {
	first := b * g.perBatch()
	n := min(g.perBatch(), g.Meetings-first)
	order := g.order()[first : first+n]
	text := fmt.Sprintf("Synthetic graph, seed %d: batch %d of %d, meetings %d to %d of %d among %d actors.",
		g.Seed, b, g.Batches(), first, first+n-1, g.Meetings, g.actors())
	rep := &graph.Report{ID: graph.ReportID(text), Title: fmt.Sprintf("synthetic batch %d", b), Text: text}
	f := &graph.Facts{Meetings: make([]graph.Meeting, 0, n)}
	listed := map[int]graph.Entity{} // people by index
	countriesOf := map[string]graph.Entity{}
	ids := make([]string, n)
	for j := range n {
		i := int(order[j])
		d := g.meeting(i)
		var pids, names []string
		for _, k := range d.actors {
			e, ok := listed[k]
			if !ok {
				e = g.Actor(k)
				listed[k] = e
				c := countryEntity(countryOf(k%len(traditions), k))
				countriesOf[c.ID] = c
			}
			pids, names = append(pids, e.ID), append(names, e.Name)
		}
		m := graph.Meeting{Date: d.date, Place: d.country.Capital, Mode: d.mode, Status: d.status}
		for i, id := range pids {
			role := graph.Participant
			if len(pids) == 2 {
				role = []graph.Role{graph.Host, graph.Guest}[i]
			}
			m.Participants = append(m.Participants, graph.Attendee{EntityID: id, Role: role})
		}
		m.Sources = []graph.Source{{Evidence: fmt.Sprintf("%s met %s in %s on %s.",
			names[0], strings.Join(names[1:], " and "), d.country.Capital, d.date.Value), Rule: "synth.graph"}}
		ids[j] = graph.MeetingID(&m, rep.ID)
		f.Meetings = append(f.Meetings, m)
		if d.statement {
			f.Statements = append(f.Statements, graph.Statement{
				Speaker: pids[0], About: []string{pids[1]}, Text: fmt.Sprintf("%s (%d).", d.quote, i),
				Quoted: true, Date: d.date,
				Sources: []graph.Source{{Evidence: fmt.Sprintf("%q, %s said.", d.quote, names[0]), Rule: "synth.graph"}},
			})
		}
		if d.support {
			f.Supports = append(f.Supports, graph.Support{Supporter: pids[1], Supported: pids[0],
				Sources: []graph.Source{{Evidence: fmt.Sprintf("%s backs %s.", names[1], names[0]), Rule: "synth.graph"}}})
		}
	}
	byID := make([]int, n)
	for j := range byID {
		byID[j] = j
	}
	slices.SortFunc(byID, func(a, b int) int { return strings.Compare(ids[a], ids[b]) })
	sorted := make([]graph.Meeting, n)
	for j, o := range byID {
		sorted[j] = f.Meetings[o]
	}
	f.Meetings = sorted
	for _, e := range listed {
		f.Entities = append(f.Entities, e)
	}
	for _, e := range countriesOf {
		f.Entities = append(f.Entities, e)
	}
	slices.SortFunc(f.Entities, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	return rep, f
}

// Write stores the whole graph in st, PerWrite reports to a PutReports call
// (one transaction), drawing the next call's reports while the store writes;
// progress, if not nil, is called after each call with the reports written.
func (g Graph) Write(ctx context.Context, st graph.Store, progress func(done, total int)) error {
	total := g.Batches()
	type group struct {
		first int
		batch []*graph.ReportFacts
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	groups := make(chan group, 1)
	go func() {
		defer close(groups)
		for first := 0; first < total; first += g.perWrite() {
			var batch []*graph.ReportFacts
			for b := first; b < min(first+g.perWrite(), total); b++ {
				r, f := g.Batch(b)
				batch = append(batch, &graph.ReportFacts{Report: *r, Facts: *f})
			}
			select {
			case groups <- group{first, batch}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for gr := range groups {
		out, err := st.PutReports(ctx, gr.batch)
		if err != nil {
			return fmt.Errorf("batches %d to %d: %w", gr.first, gr.first+len(gr.batch)-1, err)
		}
		for i, o := range out {
			if o.Err != nil {
				return fmt.Errorf("batch %d: %w", gr.first+i, o.Err)
			}
		}
		if progress != nil {
			progress(gr.first+len(gr.batch), total)
		}
	}
	return ctx.Err()
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
