package neo4j

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/graph"
)

// Writes. A batch of reports is stored in one transaction: a query for the
// reports stored already, then one statement per kind of node or edge, each
// an UNWIND over the rows of every report of the batch, in an order where
// every MATCH finds what an earlier statement merged. Every node is MERGEd
// on its id under a uniqueness constraint, so writers in other processes
// never duplicate an actor, a meeting or a statement.
const (
	storedReportsCypher = `
UNWIND $ids AS id
MATCH (r:Report {id: id})
RETURN r.id AS id`

	createReportsCypher = `
UNWIND $reports AS x
CREATE (:Report {id: x.id, title: x.title, source: x.source, url: x.url, published: x.published,
                 ingested_at: $now, text: x.text})`

	// One row per actor of the batch, its names and titles gathered from
	// every report of the batch that names it: the names, their folded forms
	// and words grow the actor's lists, and each title widens its period
	// (title_from[i] and title_to[i] are the period of titles[i], "" where
	// unknown; a known day wins over "", the earlier From and the later To
	// over the other). Lists are written only when they change: most
	// actors of a batch are known already, by the same names.
	putActorsCypher = `
UNWIND $actors AS e
MERGE (a:Actor {id: e.id})
  ON CREATE SET a.type = e.type, a.name = e.name, a.folded = e.folded, a.country = e.country,
                a.aliases = [], a.names_folded = [], a.words = [], a.search_text = '',
                a.titles = [], a.title_from = [], a.title_to = []
FOREACH (_ IN CASE WHEN coalesce(a.country, '') = '' AND e.country <> '' THEN [1] ELSE [] END |
  SET a.country = e.country)
FOREACH (_ IN CASE WHEN e.type = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN e.type = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN e.type = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN e.type = 'group' THEN [1] ELSE [] END | SET a:Group)
WITH a, e,
  [n IN e.names WHERE n <> a.name AND NOT n IN a.aliases] AS aliases,
  [n IN e.folded_names WHERE NOT n IN a.names_folded] AS folded,
  [w IN e.words WHERE NOT w IN a.words] AS words
FOREACH (_ IN CASE WHEN size(aliases) + size(folded) + size(words) > 0 THEN [1] ELSE [] END |
  SET a.aliases = a.aliases + aliases, a.names_folded = a.names_folded + folded,
      a.words = a.words + words, a.search_text = reduce(t = coalesce(a.search_text, ''), w IN words | t + ' ' + w))
WITH a, e WHERE size(e.titles) > 0
WITH a, e, coalesce(a.titles, []) AS had
WITH a, e, had + [t IN e.titles WHERE NOT t.title IN had | t.title] AS names
WITH a, names, [i IN range(0, size(names) - 1) |
  [coalesce(a.title_from[i], ''), coalesce(a.title_to[i], ''),
   coalesce(head([t IN e.titles WHERE t.title = names[i] | t.from]), ''),
   coalesce(head([t IN e.titles WHERE t.title = names[i] | t.to]), '')]] AS p
WITH a, names,
  [x IN p | CASE WHEN x[2] <> '' AND (x[0] = '' OR x[2] < x[0]) THEN x[2] ELSE x[0] END] AS from,
  [x IN p | CASE WHEN x[3] <> '' AND (x[1] = '' OR x[3] > x[1]) THEN x[3] ELSE x[1] END] AS to
WHERE names <> a.titles OR from <> a.title_from OR to <> a.title_to
SET a.titles = names, a.title_from = from, a.title_to = to`

	// Each report that names an actor keeps the names and titles it used on
	// its MENTIONED_IN edge: deleting the report drops what only it said.
	mentionedInCypher = `
UNWIND $mentions AS x
MATCH (a:Actor {id: x.actor})
MATCH (r:Report {id: x.report})
CREATE (a)-[:MENTIONED_IN {names: x.names, titles: x.titles, folded: x.folded, words: x.words}]->(r)`

	datesCypher = `
UNWIND $dates AS d
MERGE (n:Date {id: d.id})
  ON CREATE SET n.precision = d.precision, n.first = date(d.first), n.last = date(d.last)`

	putMeetingsCypher = `
UNWIND $meetings AS x
MERGE (m:Meeting {id: x.id})
  ON CREATE SET m.date = x.date, m.precision = x.precision,
                m.date_start = date(x.first), m.date_end = date(x.last),
                m.place = x.place, m.place_folded = x.place_folded, m.mode = x.mode, m.status = x.status
FOREACH (_ IN CASE WHEN m.place = '' AND x.place <> '' THEN [1] ELSE [] END |
  SET m.place = x.place, m.place_folded = x.place_folded)
WITH m, x WHERE x.date IS NOT NULL
MATCH (d:Date {id: x.date})
MERGE (m)-[:ON]->(d)`

	attendedCypher = `
UNWIND $attended AS x
MATCH (a:Actor {id: x.entity})
MATCH (m:Meeting {id: x.meeting})
MERGE (a)-[t:ATTENDED]->(m)
  ON CREATE SET t.role = x.role`

	metWithCypher = `
UNWIND $pairs AS x
MATCH (a:Actor {id: x.a})
MATCH (b:Actor {id: x.b})
MERGE (a)-[w:MET_WITH {meeting: x.meeting}]->(b)
  ON CREATE SET w.date = x.date`

	// The report is new, so its sources are too: CREATE, not MERGE.
	meetingSourcesCypher = `
UNWIND $meetingSources AS x
MATCH (m:Meeting {id: x.id})
MATCH (r:Report {id: x.report})
CREATE (m)-[:SOURCED_FROM {evidence: x.evidence, rule: x.rule}]->(r)`

	putStatementsCypher = `
UNWIND $statements AS x
MATCH (sp:Actor {id: x.speaker})
MERGE (s:Statement {id: x.id})
  ON CREATE SET s.text = x.text, s.quoted = x.quoted
MERGE (sp)-[:STATED]->(s)
FOREACH (_ IN CASE WHEN s.date IS NULL AND x.date IS NOT NULL THEN [1] ELSE [] END |
  SET s.date = x.date, s.precision = x.precision, s.date_start = date(x.first), s.date_end = date(x.last))
WITH s WHERE s.date IS NOT NULL
MATCH (d:Date {id: s.date})
MERGE (s)-[:ON]->(d)`

	aboutCypher = `
UNWIND $about AS x
MATCH (s:Statement {id: x.statement})
MATCH (a:Actor {id: x.entity})
MERGE (s)-[:ABOUT]->(a)`

	statedAboutCypher = `
UNWIND $statedAbout AS x
MATCH (sp:Actor {id: x.speaker})
MATCH (a:Actor {id: x.entity})
MERGE (sp)-[:STATED_ABOUT {statement: x.statement}]->(a)`

	statementSourcesCypher = `
UNWIND $statementSources AS x
MATCH (s:Statement {id: x.id})
MATCH (r:Report {id: x.report})
CREATE (s)-[:SOURCED_FROM {evidence: x.evidence, rule: x.rule}]->(r)`

	// A support's sources are parallel lists on the SUPPORTS edge:
	// reports[i], evidences[i] and rules[i] are one source.
	putSupportsCypher = `
UNWIND $supports AS x
MATCH (a:Actor {id: x.supporter})
MATCH (b:Actor {id: x.supported})
MERGE (a)-[p:SUPPORTS {id: x.id}]->(b)
  ON CREATE SET p.claimed_by = x.claimed_by, p.reports = [], p.evidences = [], p.rules = []
SET p.reports = p.reports + [e IN x.evidences | x.report],
    p.evidences = p.evidences + x.evidences,
    p.rules = p.rules + x.rules`
)

// replanSkip keeps the plan of a write statement once made. Neo4j plans a
// query again when the statistics of the graph have moved, which they do
// all the time while a young graph grows (TestProfileWrites showed plans
// changing from one batch to the next). The plans of these statements need
// no statistics: every MATCH and MERGE is on a unique id.
const replanSkip = "CYPHER replan=skip "

// batch is one statement of a transaction.
type batch struct {
	query  string
	params map[string]any
}

// PutReport stores a report and its facts in one transaction.
func (s *Store) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	rf := &graph.ReportFacts{Report: *r, Facts: *f}
	out, err := s.PutReports(ctx, []*graph.ReportFacts{rf})
	*f = rf.Facts // bound, as the caller's facts were before
	r.IngestedAt = rf.Report.IngestedAt
	if err != nil {
		return graph.PutResult{ReportID: r.ID}, err
	}
	return out[0].PutResult, out[0].Err
}

// PutReports stores a batch of reports in one transaction. If it fails for
// a reason that may be one report's, it stores them one by one, so that the
// others still land.
func (s *Store) PutReports(ctx context.Context, batch []*graph.ReportFacts) ([]graph.PutOutcome, error) {
	out := make([]graph.PutOutcome, len(batch))
	first := map[string]int{} // report id: index of its first valid occurrence
	var todo []*graph.ReportFacts
	for i, rf := range batch {
		id := rf.Report.ID
		out[i].ReportID = id
		if err := rf.Report.Validate(); err != nil {
			out[i].Err = fmt.Errorf("put report %s: %w", id, err)
			continue
		}
		if err := rf.Facts.Bind(id); err != nil {
			out[i].Err = fmt.Errorf("put report %s: %w", id, err)
			continue
		}
		if _, ok := first[id]; !ok {
			first[id] = i
			todo = append(todo, rf)
		}
	}
	if len(todo) == 0 {
		return out, nil
	}

	now := s.now().UTC()
	created, err := s.putAll(ctx, todo, now)
	failed := map[string]error{}
	switch {
	case err == nil:
	case wholeBatch(ctx, err):
		return out, fmt.Errorf("put reports: %w", err)
	case len(todo) == 1:
		failed[todo[0].Report.ID] = fmt.Errorf("put report %s: %w", todo[0].Report.ID, err)
	default:
		created = map[string]bool{}
		for _, rf := range todo {
			c, err := s.putAll(ctx, []*graph.ReportFacts{rf}, now)
			if err != nil {
				failed[rf.Report.ID] = fmt.Errorf("put report %s: %w", rf.Report.ID, err)
				continue
			}
			created[rf.Report.ID] = c[rf.Report.ID]
		}
	}
	for i, rf := range batch {
		id := rf.Report.ID
		if out[i].Err != nil || first[id] != i {
			if out[i].Err == nil {
				out[i].Err = failed[id] // a repeat: as its first occurrence fared
			}
			continue
		}
		out[i].Err = failed[id]
		out[i].Created = created[id]
		if created[id] {
			rf.Report.IngestedAt = now
		}
	}
	return out, nil
}

// wholeBatch tells whether err is the batch's as a whole: the server or the
// caller went away. Any other error may be one report's.
func wholeBatch(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, graph.ErrUnavailable)
}

// putAll writes valid, bound reports of distinct ids in one transaction and
// tells which were created (the others were stored already).
func (s *Store) putAll(ctx context.Context, rfs []*graph.ReportFacts, now time.Time) (map[string]bool, error) {
	ids := make([]any, len(rfs))
	for i, rf := range rfs {
		ids[i] = rf.Report.ID
	}
	created := map[string]bool{}
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		clear(created)
		recs, err := collect(ctx, tx, replanSkip+storedReportsCypher, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		stored := map[string]bool{}
		for _, rec := range recs {
			stored[str(rec, "id")] = true
		}
		var fresh []*graph.ReportFacts
		for _, rf := range rfs {
			if !stored[rf.Report.ID] {
				fresh = append(fresh, rf)
			}
		}
		for _, b := range writeBatches(fresh, now) {
			if err := exec(ctx, tx, b.query, b.params); err != nil {
				return err
			}
		}
		for _, rf := range fresh {
			created[rf.Report.ID] = true
		}
		return nil
	})
	if errors.Is(err, graph.ErrConflict) && len(rfs) == 1 {
		// Another process stored the same report at the same time: the
		// report is there, as asked.
		if recs, err2 := s.read(ctx, storedReportsCypher, map[string]any{"ids": ids}); err2 == nil && len(recs) > 0 {
			return map[string]bool{}, nil
		}
	}
	return created, err
}

// rows gathers the rows of the write statements over the reports of a batch.
type rows struct {
	reports, mentions, dates, meetings, attended, pairs, meetingSources []any
	statements, about, statedAbout, statementSources, supports          []any

	actors   map[string]*actorRow
	seenDate map[string]bool
}

// actorRow is what the reports of a batch say about one actor.
type actorRow struct {
	e                    graph.Entity // as the first report names it
	names, folded, words []string
	titles               map[string]graph.Title
}

// writeBatches returns the statements that store reports (none stored yet),
// skipping those without rows.
func writeBatches(rfs []*graph.ReportFacts, now time.Time) []batch {
	if len(rfs) == 0 {
		return nil
	}
	w := &rows{actors: map[string]*actorRow{}, seenDate: map[string]bool{}}
	for _, rf := range rfs {
		w.add(rf)
	}
	out := []batch{{replanSkip + createReportsCypher, map[string]any{"reports": w.reports, "now": now}}}
	for _, b := range []struct {
		query, name string
		rows        []any
	}{
		{putActorsCypher, "actors", w.actorRows()},
		{mentionedInCypher, "mentions", w.mentions},
		{datesCypher, "dates", w.dates},
		{putMeetingsCypher, "meetings", w.meetings},
		{attendedCypher, "attended", w.attended},
		{metWithCypher, "pairs", w.pairs},
		{meetingSourcesCypher, "meetingSources", w.meetingSources},
		{putStatementsCypher, "statements", w.statements},
		{aboutCypher, "about", w.about},
		{statedAboutCypher, "statedAbout", w.statedAbout},
		{statementSourcesCypher, "statementSources", w.statementSources},
		{putSupportsCypher, "supports", w.supports},
	} {
		if len(b.rows) > 0 {
			out = append(out, batch{replanSkip + b.query, map[string]any{b.name: b.rows}})
		}
	}
	return out
}

// add adds the rows of one report.
func (w *rows) add(rf *graph.ReportFacts) {
	r, f := &rf.Report, &rf.Facts
	w.reports = append(w.reports, map[string]any{
		"id": r.ID, "title": r.Title, "source": r.Source, "url": r.URL, "published": r.Published, "text": r.Text,
	})
	for _, e := range f.Entities {
		names := uniq(append([]string{e.Name}, e.Aliases...))
		var folded, words []string
		for _, n := range names {
			fn := graph.Fold(n)
			folded = append(folded, fn)
			words = append(words, strings.Fields(fn)...)
		}
		folded, words = uniq(folded), uniq(words)
		w.mentions = append(w.mentions, map[string]any{
			"report": r.ID, "actor": e.ID, "names": anys(names), "titles": anys(uniq(graph.TitleNames(e.Titles))),
			"folded": anys(folded), "words": anys(words),
		})
		a := w.actors[e.ID]
		if a == nil {
			a = &actorRow{e: e, titles: map[string]graph.Title{}}
			w.actors[e.ID] = a
		}
		if a.e.Country == "" {
			a.e.Country = e.Country
		}
		a.names = append(a.names, names...)
		a.folded = append(a.folded, folded...)
		a.words = append(a.words, words...)
		for _, t := range e.Titles {
			if old, ok := a.titles[t.Title]; ok {
				t = old.Widen(t)
			}
			a.titles[t.Title] = t
		}
	}

	dateParams := func(d graph.Date, m map[string]any) map[string]any {
		first, last := d.Range()
		m["date"], m["precision"] = nullable(d.Value), nullable(string(d.Precision))
		m["first"], m["last"] = nullable(first), nullable(last)
		return m
	}
	for _, m := range f.Meetings {
		w.addDate(m.Date)
		w.meetings = append(w.meetings, dateParams(m.Date, map[string]any{
			"id": m.ID, "place": m.Place, "place_folded": graph.Fold(m.Place),
			"mode": string(m.Mode), "status": string(m.Status),
		}))
		for _, p := range m.Participants {
			w.attended = append(w.attended, map[string]any{"meeting": m.ID, "entity": p.EntityID, "role": string(p.Role)})
		}
		if m.Status == graph.Held {
			ids := m.ParticipantIDs()
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					w.pairs = append(w.pairs, map[string]any{"meeting": m.ID, "a": ids[i], "b": ids[j], "date": nullable(m.Date.Value)})
				}
			}
		}
		for _, src := range m.Sources {
			w.meetingSources = append(w.meetingSources, map[string]any{"report": r.ID, "id": m.ID, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	for _, st := range f.Statements {
		w.addDate(st.Date)
		w.statements = append(w.statements, dateParams(st.Date, map[string]any{
			"id": st.ID, "speaker": st.Speaker, "text": st.Text, "quoted": st.Quoted,
		}))
		for _, a := range st.About {
			x := map[string]any{"statement": st.ID, "speaker": st.Speaker, "entity": a}
			w.about = append(w.about, x)
			if a != st.Speaker {
				w.statedAbout = append(w.statedAbout, x)
			}
		}
		for _, src := range st.Sources {
			w.statementSources = append(w.statementSources, map[string]any{"report": r.ID, "id": st.ID, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	for _, sp := range f.Supports {
		var evs, rules []string
		for _, src := range sp.Sources {
			evs, rules = append(evs, src.Evidence), append(rules, src.Rule)
		}
		w.supports = append(w.supports, map[string]any{
			"report": r.ID, "id": sp.ID, "supporter": sp.Supporter, "supported": sp.Supported, "claimed_by": sp.ClaimedBy,
			"evidences": anys(evs), "rules": anys(rules),
		})
	}
}

func (w *rows) addDate(d graph.Date) {
	if d.IsZero() || w.seenDate[d.Value] {
		return
	}
	w.seenDate[d.Value] = true
	first, last := d.Range()
	w.dates = append(w.dates, map[string]any{"id": d.Value, "precision": string(d.Precision), "first": first, "last": last})
}

// actorRows returns one row per actor, ordered by id: every writer locks
// actors in the same order.
func (w *rows) actorRows() []any {
	ids := make([]string, 0, len(w.actors))
	for id := range w.actors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]any, len(ids))
	for i, id := range ids {
		a := w.actors[id]
		titles := make([]any, 0, len(a.titles))
		for _, name := range sortedKeys(a.titles) {
			t := a.titles[name]
			titles = append(titles, map[string]any{"title": t.Title, "from": t.From, "to": t.To})
		}
		out[i] = map[string]any{
			"id": a.e.ID, "type": string(a.e.Type), "name": a.e.Name, "folded": graph.Fold(a.e.Name),
			"country": a.e.Country, "names": anys(uniq(a.names)), "folded_names": anys(uniq(a.folded)),
			"words": anys(uniq(a.words)), "titles": titles,
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// uniq drops blank and repeated strings, keeping the first of each.
func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range ss {
		if strings.TrimSpace(s) == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}
