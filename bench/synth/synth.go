// Package synth generates synthetic data for Parley's benchmarks,
// deterministically from a seed: news reports for the extractor and the
// ingest pipeline (Corpus), and whole graphs written straight to a store for
// query benchmarks at sizes that ingesting reports would take hours to reach
// (Graph). The same seed and index always give the same report, on every
// machine, so figures taken months apart are over the same data.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Report is one synthetic news report.
type Report struct {
	Title     string
	Published string // YYYY-MM-DD
	Text      string
}

// Corpus generates news reports: meetings, visits and calls between people of
// many naming traditions, with dates written the ways reports write them,
// quotes, reported speech, statements of support and background sentences.
type Corpus struct {
	// Seed selects the corpus; 0 is a corpus like any other.
	Seed uint64
	// People is the size of the pool of people reports draw from; 0 means
	// 20,000. Some are in the news far more often than others.
	People int
	// Size is the length a report grows to, in bytes; 0 means 3,000.
	Size int
	// Dense packs reports with people: every paragraph names two or three
	// more and most hold a meeting or a support, about three times the
	// actors and six times the meetings of real reports of the same length.
	// It is a stress test for tying actors across reports. The default
	// follows one story with a small cast, as the dev set's reports do
	// (TestCorpusMatchesRealReports).
	Dense bool
}

// epoch is the first day of the synthetic calendar.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// days is the length of the synthetic calendar: 2000 to 2025.
const days = 26 * 365

// rng returns the generator of item i of a stream of a seed.
func rng(seed uint64, stream, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed^stream*0x9e3779b97f4a7c15, i))
}

// Streams of random numbers, one per kind of item.
const (
	streamReport = 1 + iota
	streamPerson
	streamBatch
	streamMeeting
)

// person is one synthetic person.
type person struct {
	Given, Family, Office string
	Country               *country
}

// Name is the person's full name.
func (p person) Name() string { return p.Given + " " + p.Family }

// person returns person k of the pool: the same k always gives the same person.
func (c Corpus) person(k int) person {
	r := rng(c.Seed, streamPerson, uint64(k))
	co := &countries[r.IntN(len(countries))]
	t := traditions[co.Tradition]
	return person{
		Given:   t.Given[r.IntN(len(t.Given))],
		Family:  t.Family[r.IntN(len(t.Family))],
		Office:  offices[r.IntN(len(offices))],
		Country: co,
	}
}

// pick draws a person of the pool, the first ones far more often.
func (c Corpus) pick(r *rand.Rand) person {
	n := c.People
	if n <= 0 {
		n = 20000
	}
	u := r.Float64()
	return c.person(int(u * u * u * float64(n)))
}

// Report returns report i of the corpus.
func (c Corpus) Report(i int) Report {
	size := c.Size
	if size <= 0 {
		size = 3000
	}
	r := rng(c.Seed, streamReport, uint64(i))
	pub := epoch.AddDate(0, 0, 7+r.IntN(days))
	w := &writer{r: r, pub: pub, dense: c.Dense}
	a, b := c.pick(r), c.pick(r)
	for a.Name() == b.Name() {
		b = c.pick(r)
	}
	title := pickOf(r, []string{
		"%[1]s and %[2]s leaders hold talks in %[3]s",
		"%[1]s %[4]s visits %[3]s",
		"Talks between %[1]s and %[2]s officials focus on %[5]s",
		"%[2]s envoy in %[3]s as pressure grows over %[5]s",
	})
	host := a.Country.Capital
	title = fmt.Sprintf(title, a.Country.Demonym, b.Country.Demonym, host, strings.ToLower(a.Office), pickOf(r, topics))
	w.para(w.meeting(a, b, host, true), w.quote(a), w.filler())
	if c.Dense {
		c.dense(w, size)
	} else {
		c.story(w, size, a, b)
	}
	return Report{Title: title, Published: pub.Format(time.DateOnly), Text: strings.TrimSpace(w.b.String()) + "\n"}
}

// story writes the rest of a report the way news reports go on after their
// lead: the two sides speak again and again, background fills between, a
// few others (a third country's official, a spokesperson) are brought in to
// react, and now and then a report recalls an earlier meeting or a
// statement of support.
func (c Corpus) story(w *writer, size int, a, b person) {
	r := w.r
	cast := []person{a, b}
	for w.b.Len() < size {
		p := pickOf(r, cast)
		q := pickOf(r, cast)
		for q.Name() == p.Name() {
			q = pickOf(r, cast)
		}
		switch k := r.IntN(40); {
		case k < 12:
			w.para(w.quote(p), w.filler())
		case k < 18:
			w.para(w.reported(p, q), w.filler())
		case k < 27:
			w.para(w.filler(), w.filler())
		case k < 35:
			x := c.pick(r)
			if w.named[x.Name()] {
				continue
			}
			cast = append(cast, x)
			if k%2 == 0 {
				w.para(w.quote(x))
			} else {
				w.para(w.reported(x, p))
			}
		case k < 36:
			w.para(w.meeting(p, q, p.Country.Capital, false))
		case k < 38:
			w.para(w.quote(p))
		default:
			w.para(w.support(p, q), w.filler())
		}
	}
}

// dense writes the rest of a Dense report: each paragraph draws new people.
func (c Corpus) dense(w *writer, size int) {
	r := w.r
	for w.b.Len() < size {
		x, y := c.pick(r), c.pick(r)
		if x.Name() == y.Name() {
			continue
		}
		switch r.IntN(5) {
		case 0:
			w.para(w.meeting(x, y, pickOf(r, []string{x.Country.Capital, y.Country.Capital}), false), w.reported(x, y))
		case 1:
			w.para(w.support(x, y), w.filler())
		case 2:
			w.para(w.quote(x), w.filler(), w.reported(y, x))
		case 3:
			z := c.pick(r)
			w.para(w.trilateral(x, y, z), w.quote(y))
		default:
			w.para(w.meeting(x, y, x.Country.Capital, false), w.support(y, x), w.quote(x))
		}
	}
}

// writer builds the text of one report.
type writer struct {
	r   *rand.Rand
	pub time.Time
	b   strings.Builder
	// named is who the report has already named in full: later mentions use
	// the family name, or the office and family name, as reports do (Dense
	// reports only the family name).
	named map[string]bool
	dense bool
}

func (w *writer) para(sents ...string) {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
	w.b.WriteString(strings.Join(sents, " "))
}

// who names a person: in full with title and country the first time, by
// family name after.
func (w *writer) who(p person) string {
	if w.named == nil {
		w.named = map[string]bool{}
	}
	if w.named[p.Name()] {
		if w.dense {
			return p.Family
		}
		switch w.r.IntN(4) {
		case 0:
			return p.Office + " " + p.Family
		case 1:
			return p.Name()
		default:
			return p.Family
		}
	}
	w.named[p.Name()] = true
	switch w.r.IntN(3) {
	case 0:
		return p.Country.Demonym + " " + p.Office + " " + p.Name()
	case 1:
		return p.Office + " " + p.Name() + " of " + p.Country.Name
	default:
		return p.Name() + ", " + p.Country.Name + "'s " + strings.ToLower(p.Office) + ","
	}
}

// when says when something happened, the ways reports say it.
func (w *writer) when() string {
	back := 1 + w.r.IntN(6)
	d := w.pub.AddDate(0, 0, -back)
	switch w.r.IntN(5) {
	case 0, 1:
		return "on " + weekdays[d.Weekday()]
	case 2:
		return "on " + d.Format("2 January 2006")
	case 3:
		return "on " + d.Format("January 2")
	default:
		return "last week"
	}
}

func (w *writer) meeting(a, b person, place string, lead bool) string {
	wa, wb, when, topic := w.who(a), w.who(b), w.when(), pickOf(w.r, topics)
	forms := []string{
		"%[1]s met %[2]s in %[3]s %[4]s to discuss %[5]s.",
		"%[1]s received %[2]s in %[3]s %[4]s.",
		"%[1]s held talks with %[2]s %[4]s on %[5]s.",
		"%[1]s spoke by phone with %[2]s %[4]s, discussing %[5]s.",
		"%[1]s and %[2]s met in %[3]s %[4]s.",
		"In a video call %[4]s, %[1]s and %[2]s discussed %[5]s.",
		"%[1]s is due to visit %[6]s next month to meet %[2]s.",
	}
	if lead {
		forms = forms[:5]
	}
	return fmt.Sprintf(pickOf(w.r, forms), wa, wb, place, when, topic, b.Country.Name)
}

func (w *writer) trilateral(a, b, c person) string {
	return fmt.Sprintf("%s hosted %s and %s for talks on %s in %s %s.",
		w.who(a), w.who(b), w.who(c), pickOf(w.r, topics), a.Country.Capital, w.when())
}

func (w *writer) quote(p person) string {
	q := pickOf(w.r, quotes)
	switch w.r.IntN(3) {
	case 0:
		return fmt.Sprintf("\"%s,\" %s said.", q, w.who(p))
	case 1:
		return fmt.Sprintf("%s said: \"%s.\"", w.who(p), q)
	default:
		return fmt.Sprintf("\"%s,\" said %s.", q, w.who(p))
	}
}

func (w *writer) reported(p, about person) string {
	return fmt.Sprintf(pickOf(w.r, []string{
		"%[1]s said %[2]s wanted closer ties with %[3]s on %[4]s.",
		"%[1]s told reporters that %[3]s had made proposals on %[4]s.",
		"%[1]s accused %[3]s of blocking progress on %[4]s.",
	}), w.who(p), p.Country.Name, about.Country.Name, pickOf(w.r, topics))
}

func (w *writer) support(p, of person) string {
	a, b := p.Country.Name, of.Country.Name
	if a == b {
		b = pickOf(w.r, organizations)
	}
	return fmt.Sprintf(pickOf(w.r, []string{
		"%[1]s expressed support for %[2]s's position on %[3]s.",
		"%[4]s said %[1]s backs %[2]s's efforts on %[3]s.",
		"%[1]s reaffirmed its support for %[2]s.",
		"%[1]s voiced solidarity with %[2]s over %[3]s.",
	}), a, b, pickOf(w.r, topics), w.who(p))
}

func (w *writer) filler() string {
	return fmt.Sprintf(pickOf(w.r, fillers), 2+w.r.IntN(120))
}

func pickOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
