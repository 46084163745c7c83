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

// Writes. A batch of reports is stored in one transaction: a query for what
// the graph holds already of the batch's reports, actors, meetings and
// statements, then one statement per kind of node or edge, each an UNWIND
// over the rows of every report of the batch, in an order where every MATCH
// finds what an earlier statement wrote.
//
// Nodes the graph does not hold yet are CREATEd with their edges, not
// MERGEd: a meeting's attendees and pairs follow from its id (its
// participants, status and date), as a statement's speaker does, so a
// meeting or a statement found already has them, and a new one's need no
// MERGE (which, for an edge, walks the edges of one end: the many edges of
// a prominent actor). Every node has a unique id under a constraint, so a
// writer in another process that creates the same node at the same time
// makes this transaction fail with a conflict, and putAll runs it again:
// the check then finds the node. A node found by the check but deleted by
// another process before the writes shows as a missing edge (the statements
// over every actor, meeting and statement of the batch count what they
// create), and the transaction runs again too.
const (
	knownCypher = `
CALL { UNWIND $reports AS id MATCH (r:Report {id: id}) RETURN collect(r.id) AS reports }
CALL { UNWIND $actors AS id MATCH (a:Actor {id: id}) RETURN collect([a.id, elementId(a)]) AS actors }
CALL { UNWIND $meetings AS id MATCH (m:Meeting {id: id}) RETURN collect([m.id, elementId(m)]) AS meetings }
CALL { UNWIND $statements AS id MATCH (s:Statement {id: id}) RETURN collect([s.id, elementId(s)]) AS statements }
RETURN reports, actors, meetings, statements`

	storedReportsCypher = `
UNWIND $ids AS id
MATCH (r:Report {id: id})
RETURN r.id AS id`

	createReportsCypher = `
UNWIND $reports AS x
CREATE (r:Report {id: x.id, title: x.title, source: x.source, url: x.url, published: x.published,
                 ingested_at: $now, text: x.text})
RETURN x.id AS id, elementId(r) AS node`

	// New actors, their lists made from every report of the batch that
	// names them (see putActorsCypher for what they mean).
	createActorsCypher = `
UNWIND $newActors AS e
CREATE (a:Actor {id: e.id, type: e.type, name: e.name, folded: e.folded, country: e.country,
                 aliases: e.aliases, names_folded: e.folded_names, words: e.words, search_text: e.search_text,
                 titles: e.titles, title_from: e.title_from, title_to: e.title_to})
FOREACH (_ IN CASE WHEN e.type = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN e.type = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN e.type = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN e.type = 'group' THEN [1] ELSE [] END | SET a:Group)
RETURN e.id AS id, elementId(a) AS node`

	// One row per known actor of the batch, its names and titles gathered
	// from every report of the batch that names it: the names, their folded
	// forms and words grow the actor's lists, and each title widens its
	// period (title_from[i] and title_to[i] are the period of titles[i], ""
	// where unknown; a known day wins over "", the earlier From and the
	// later To over the other). Lists are written only when they change:
	// most actors of a batch are known already, by the same names.
	putActorsCypher = `
UNWIND $actors AS e
MATCH (a:Actor) WHERE elementId(a) = e.node
FOREACH (_ IN CASE WHEN coalesce(a.country, '') = '' AND e.country <> '' THEN [1] ELSE [] END |
  SET a.country = e.country)
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
	// No titles is no property (most mentions have none; an empty list
	// still takes a record of its own).
	// (The folded names and their words follow from the names: DeleteReport
	// makes them again. Edges written before keep them, unread.)
	// One row per report, with the actors it names: the report is found
	// once, not once an edge.
	mentionedInCypher = `
UNWIND $mentions AS x
MATCH (r:Report) WHERE elementId(r) = x.report
UNWIND x.actors AS m
MATCH (a:Actor) WHERE elementId(a) = m.actor
CREATE (a)-[:MENTIONED_IN {names: m.names, titles: m.titles}]->(r)`

	datesCypher = `
UNWIND $dates AS d
MERGE (n:Date {id: d.id})
  ON CREATE SET n.precision = d.precision, n.first = date(d.first), n.last = date(d.last)
RETURN d.id AS id, elementId(n) AS node`

	// A new meeting with its edges: ATTENDED from each participant, and
	// for a held one MET_WITH between each pair of them, found from the
	// ATTENDED edges just made (a new meeting has no others), which is a
	// walk of a few edges where looking both actors up by id is two index
	// seeks.
	createMeetingsCypher = `
UNWIND $newMeetings AS x
CREATE (m:Meeting {id: x.id, date: x.date, precision: x.precision,
                   date_start: date(x.first), date_end: date(x.last),
                   place: x.place, place_folded: x.place_folded, mode: x.mode, status: x.status})
WITH m, x
CALL {
  WITH m, x
  UNWIND x.attended AS p
  MATCH (a:Actor) WHERE elementId(a) = p.entity
  CREATE (a)-[:ATTENDED {role: p.role}]->(m)
}
CALL {
  WITH m, x
  WITH m, x WHERE x.status = 'held'
  MATCH (a:Actor)-[:ATTENDED]->(m)<-[:ATTENDED]-(b:Actor)
  WHERE a.id < b.id
  CREATE (a)-[:MET_WITH {meeting: x.id, date: x.date}]->(b)
}
CALL {
  WITH m, x
  WITH m, x WHERE x.date IS NOT NULL
  MATCH (d:Date) WHERE elementId(d) = x.day
  CREATE (m)-[:ON]->(d)
}
RETURN x.id AS id, elementId(m) AS node`

	// A known meeting has its date, attendees and pairs (its id says
	// them); a report may name its place.
	putMeetingsCypher = `
UNWIND $meetings AS x
MATCH (m:Meeting) WHERE elementId(m) = x.node
WITH m, x WHERE m.place = '' AND x.place <> ''
SET m.place = x.place, m.place_folded = x.place_folded`

	// The report is new, so its sources are too: CREATE, not MERGE. One
	// row per report, as for MENTIONED_IN.
	meetingSourcesCypher = `
UNWIND $meetingSources AS x
MATCH (r:Report) WHERE elementId(r) = x.report
UNWIND x.sources AS src
MATCH (m:Meeting) WHERE elementId(m) = src.node
CREATE (m)-[:SOURCED_FROM {evidence: src.evidence, rule: src.rule}]->(r)`

	// A new statement with its edges: STATED from its speaker, ABOUT each
	// actor it is about, and STATED_ABOUT from the speaker to each of those
	// but the speaker. (A null in the map of CREATE sets no property: an
	// undated statement has no date.)
	createStatementsCypher = `
UNWIND $newStatements AS x
MATCH (sp:Actor) WHERE elementId(sp) = x.speaker
CREATE (sp)-[:STATED]->(s:Statement {id: x.id, text: x.text, quoted: x.quoted, date: x.date, precision: x.precision,
                                     date_start: date(x.first), date_end: date(x.last)})
WITH sp, s, x
CALL {
  WITH sp, s, x
  UNWIND x.about AS id
  MATCH (a:Actor) WHERE elementId(a) = id
  CREATE (s)-[:ABOUT]->(a)
  FOREACH (_ IN CASE WHEN id <> x.speaker THEN [1] ELSE [] END |
    CREATE (sp)-[:STATED_ABOUT {statement: x.id}]->(a))
}
CALL {
  WITH s, x
  WITH s, x WHERE x.date IS NOT NULL
  MATCH (d:Date) WHERE elementId(d) = x.day
  CREATE (s)-[:ON]->(d)
}
RETURN x.id AS id, elementId(s) AS node`

	// A known statement has its speaker (its id says it); a report may
	// date it.
	putStatementsCypher = `
UNWIND $statements AS x
MATCH (s:Statement) WHERE elementId(s) = x.node
WITH s, x WHERE s.date IS NULL AND x.date IS NOT NULL
SET s.date = x.date, s.precision = x.precision, s.date_start = date(x.first), s.date_end = date(x.last)
WITH s
MATCH (d:Date {id: s.date})
MERGE (s)-[:ON]->(d)`

	// A known statement may be about more in another report. Its
	// STATED_ABOUT edges come and go with its ABOUT edges (but to the
	// speaker), so the ABOUT edge, found from the statement's few edges,
	// tells whether both are there: no relationship MERGE, which the
	// planner may make a scan of every STATED_ABOUT edge (it did, once its
	// statistics had moved).
	aboutCypher = `
UNWIND $about AS x
MATCH (s:Statement) WHERE elementId(s) = x.node
MATCH (a:Actor) WHERE elementId(a) = x.entity
WITH s, a, x WHERE NOT EXISTS { (s)-[:ABOUT]->(a) }
CREATE (s)-[:ABOUT]->(a)
WITH a, x WHERE x.entity <> x.speaker
MATCH (sp:Actor) WHERE elementId(sp) = x.speaker
CREATE (sp)-[:STATED_ABOUT {statement: x.statement}]->(a)`

	statementSourcesCypher = `
UNWIND $statementSources AS x
MATCH (r:Report) WHERE elementId(r) = x.report
UNWIND x.sources AS src
MATCH (s:Statement) WHERE elementId(s) = src.node
CREATE (s)-[:SOURCED_FROM {evidence: src.evidence, rule: src.rule}]->(r)`

	// A support's sources are parallel lists on the SUPPORTS edge:
	// reports[i], evidences[i] and rules[i] are one source.
	putSupportsCypher = `
UNWIND $supports AS x
MATCH (a:Actor) WHERE elementId(a) = x.supporter
MATCH (b:Actor) WHERE elementId(b) = x.supported
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
	// creates is how many relationships the statement must create, or -1
	// if it is not checked.
	creates int
	// returns is the label of the nodes whose ids and element ids the
	// statement returns (id, node), for the statements after it; "" if
	// it returns nothing.
	returns string
}

// nodeRef stands, in the rows of a statement, for a node that an earlier
// statement of the transaction found or created: run gives the statement
// the node's element id instead, which it finds by elementId(n), a read
// of the node's record. Looked up by id, each would be a seek in the
// unique index, which a write statement makes a locking seek with a fresh
// index reader each time: 15% of the server's CPU in ingest (JFR), for
// some 90 seeks a report (its actors, report, dates, meetings and
// statements, most of them once per edge). An element id
// read in a transaction stays that node's until the transaction ends
// (Neo4j reuses the ids of deleted nodes only once the transactions open
// at the deletion have ended). A node another process deleted
// meanwhile is found by neither, and the edge counts tell (errMoved).
type nodeRef struct{ label, id string }

func actorRef(id string) nodeRef { return nodeRef{"Actor", id} }

// run resolves the node references of b's rows with nodes, runs b, adds
// the element ids it returns to nodes, and returns its summary.
func (b batch) run(ctx context.Context, tx neo4j.ManagedTransaction, nodes map[nodeRef]string) (neo4j.ResultSummary, error) {
	res, err := tx.Run(ctx, b.query, resolveRefs(b.params, nodes).(map[string]any))
	if err != nil {
		return nil, err
	}
	if b.returns != "" {
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			nodes[nodeRef{b.returns, str(rec, "id")}] = str(rec, "node")
		}
	}
	return res.Consume(ctx)
}

// resolveRefs replaces every nodeRef in v, in maps and lists at any depth,
// with the node's element id, or null if nodes lacks it (then the
// statement's MATCH finds no node, as for a deleted one). It changes v in
// place: the rows are made for one run of the statements.
func resolveRefs(v any, nodes map[nodeRef]string) any {
	switch v := v.(type) {
	case nodeRef:
		if id, ok := nodes[v]; ok {
			return id
		}
		return nil
	case map[string]any:
		for k, x := range v {
			switch x.(type) {
			case nodeRef, map[string]any, []any:
				v[k] = resolveRefs(x, nodes)
			}
		}
	case []any:
		for i, x := range v {
			switch x.(type) {
			case nodeRef, map[string]any, []any:
				v[i] = resolveRefs(x, nodes)
			}
		}
	}
	return v
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

// errMoved says that a node the check found was gone when the writes
// needed it: another process deleted it meanwhile. putAll runs the
// transaction again.
var errMoved = errors.New("a node of the batch was deleted meanwhile")

// conflictRetries is how many times putAll runs a transaction again after
// another process wrote or deleted one of its nodes at the same time.
const conflictRetries = 3

// putAll writes valid, bound reports of distinct ids in one transaction and
// tells which were created (the others were stored already).
func (s *Store) putAll(ctx context.Context, rfs []*graph.ReportFacts, now time.Time) (map[string]bool, error) {
	ids := make([]any, len(rfs))
	for i, rf := range rfs {
		ids[i] = rf.Report.ID
	}
	params := knownParams(rfs)
	created := map[string]bool{}
	var err error
	for try := 0; try <= conflictRetries; try++ {
		err = s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			clear(created)
			recs, err := collect(ctx, tx, replanSkip+knownCypher, params)
			if err != nil {
				return err
			}
			k := readKnown(recs)
			var fresh []*graph.ReportFacts
			for _, rf := range rfs {
				if !k.reports[rf.Report.ID] {
					fresh = append(fresh, rf)
				}
			}
			for _, b := range writeBatches(fresh, now, k) {
				sum, err := b.run(ctx, tx, k.nodes)
				if err != nil {
					return err
				}
				if n := sum.Counters().RelationshipsCreated(); b.creates >= 0 && n != b.creates {
					return fmt.Errorf("%w (%d edges of %d)", errMoved, n, b.creates)
				}
			}
			for _, rf := range fresh {
				created[rf.Report.ID] = true
			}
			return nil
		})
		if !errors.Is(err, errMoved) && !errors.Is(err, graph.ErrConflict) {
			break
		}
	}
	if errors.Is(err, errMoved) {
		err = fmt.Errorf("%w: %v", graph.ErrConflict, err)
	}
	if errors.Is(err, graph.ErrConflict) && len(rfs) == 1 {
		// Another process stored the same report at the same time: the
		// report is there, as asked.
		if recs, err2 := s.read(ctx, storedReportsCypher, map[string]any{"ids": ids}); err2 == nil && len(recs) > 0 {
			return map[string]bool{}, nil
		}
	}
	return created, err
}

// known is what the graph holds already of a batch's nodes, by id.
type known struct {
	reports, actors, meetings, statements map[string]bool
	// nodes are the element ids of the actors, meetings and statements
	// found, to which the statements add the nodes they create (see
	// nodeRef).
	nodes map[nodeRef]string
}

// knownParams lists the ids of the reports, actors, meetings and statements
// of a batch, for knownCypher.
func knownParams(rfs []*graph.ReportFacts) map[string]any {
	var reports, actors, meetings, statements []any
	seen := map[string]bool{}
	add := func(l *[]any, id string) {
		if !seen[id] {
			seen[id] = true
			*l = append(*l, id)
		}
	}
	for _, rf := range rfs {
		add(&reports, rf.Report.ID)
		for _, e := range rf.Facts.Entities {
			add(&actors, e.ID)
		}
		for _, m := range rf.Facts.Meetings {
			add(&meetings, m.ID)
		}
		for _, st := range rf.Facts.Statements {
			add(&statements, st.ID)
		}
	}
	return map[string]any{"reports": reports, "actors": actors, "meetings": meetings, "statements": statements}
}

func readKnown(recs []*neo4j.Record) known {
	k := known{reports: map[string]bool{}, actors: map[string]bool{}, meetings: map[string]bool{}, statements: map[string]bool{},
		nodes: map[nodeRef]string{}}
	if len(recs) == 0 {
		return k
	}
	for _, id := range strs(list(recs[0], "reports")) {
		k.reports[id] = true
	}
	for _, x := range []struct {
		key, label string
		ids        map[string]bool
	}{{"actors", "Actor", k.actors}, {"meetings", "Meeting", k.meetings}, {"statements", "Statement", k.statements}} {
		for _, pair := range list(recs[0], x.key) {
			if p := strs(pair); len(p) == 2 {
				x.ids[p[0]] = true
				k.nodes[nodeRef{x.label, p[0]}] = p[1]
			}
		}
	}
	return k
}

// rows gathers the rows of the write statements over the reports of a batch.
type rows struct {
	reports, dates, supports []any
	// One row per report, with a list of edges from the actors it names
	// or the facts it is a source of; and how many edges in all.
	mentions, meetingSources, statementSources    []any
	nMentions, nMeetingSources, nStatementSources int
	// Rows of nodes the graph does not hold yet, each with its edges.
	newMeetings, newStatements []any
	// Rows of nodes it holds, or that an earlier report of the batch makes.
	meetings, statements, about []any

	known    known // grows with the nodes that the batch creates
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
// skipping those without rows, given what the graph holds already.
func writeBatches(rfs []*graph.ReportFacts, now time.Time, k known) []batch {
	if len(rfs) == 0 {
		return nil
	}
	w := &rows{known: k, actors: map[string]*actorRow{}, seenDate: map[string]bool{}}
	for _, rf := range rfs {
		w.add(rf)
	}
	newActors, actors := w.actorRows()
	out := []batch{{replanSkip + createReportsCypher, map[string]any{"reports": w.reports, "now": now}, -1, "Report"}}
	for _, b := range []struct {
		query, name string
		rows        []any
		// creates: how many edges the statement must create, as it finds
		// the nodes the check found (see errMoved); -1 if not checked.
		creates int
		returns string
	}{
		{createActorsCypher, "newActors", newActors, -1, "Actor"},
		{putActorsCypher, "actors", actors, -1, ""},
		{mentionedInCypher, "mentions", w.mentions, w.nMentions, ""},
		{datesCypher, "dates", w.dates, -1, "Date"},
		{createMeetingsCypher, "newMeetings", w.newMeetings, -1, "Meeting"},
		{putMeetingsCypher, "meetings", w.meetings, -1, ""},
		{meetingSourcesCypher, "meetingSources", w.meetingSources, w.nMeetingSources, ""},
		{createStatementsCypher, "newStatements", w.newStatements, -1, "Statement"},
		{putStatementsCypher, "statements", w.statements, -1, ""},
		{aboutCypher, "about", w.about, -1, ""},
		{statementSourcesCypher, "statementSources", w.statementSources, w.nStatementSources, ""},
		{putSupportsCypher, "supports", w.supports, -1, ""},
	} {
		if len(b.rows) > 0 {
			out = append(out, batch{replanSkip + b.query, map[string]any{b.name: b.rows}, b.creates, b.returns})
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
	var mentions, meetingSources, statementSources []any
	defer func() {
		// A report without edges of a kind has no row of it.
		for _, x := range []struct {
			rows  *[]any
			n     *int
			key   string
			edges []any
		}{
			{&w.mentions, &w.nMentions, "actors", mentions},
			{&w.meetingSources, &w.nMeetingSources, "sources", meetingSources},
			{&w.statementSources, &w.nStatementSources, "sources", statementSources},
		} {
			if len(x.edges) > 0 {
				*x.rows = append(*x.rows, map[string]any{"report": nodeRef{"Report", r.ID}, x.key: x.edges})
				*x.n += len(x.edges)
			}
		}
	}()
	for _, e := range f.Entities {
		n := searchNames(append([]string{e.Name}, e.Aliases...))
		mentions = append(mentions, map[string]any{
			"actor": actorRef(e.ID), "names": anys(n.names), "titles": nullList(uniq(graph.TitleNames(e.Titles))),
		})
		a := w.actors[e.ID]
		if a == nil {
			a = &actorRow{e: e, titles: map[string]graph.Title{}}
			w.actors[e.ID] = a
		}
		if a.e.Country == "" {
			a.e.Country = e.Country
		}
		a.names = append(a.names, n.names...)
		a.folded = append(a.folded, n.folded...)
		a.words = append(a.words, n.words...)
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
		if d.Value != "" {
			m["day"] = nodeRef{"Date", d.Value} // the :Date node, for ON
		}
		return m
	}
	for _, m := range f.Meetings {
		w.addDate(m.Date)
		row := dateParams(m.Date, map[string]any{
			"id": m.ID, "place": m.Place, "place_folded": graph.Fold(m.Place),
			"mode": string(m.Mode), "status": string(m.Status),
		})
		if w.known.meetings[m.ID] {
			row["node"] = nodeRef{"Meeting", m.ID}
			w.meetings = append(w.meetings, row)
		} else {
			// New: it and its edges are created; later reports of the
			// batch find it.
			w.known.meetings[m.ID] = true
			attended := make([]any, len(m.Participants))
			for i, p := range m.Participants {
				attended[i] = map[string]any{"entity": actorRef(p.EntityID), "role": string(p.Role)}
			}
			row["attended"] = attended
			w.newMeetings = append(w.newMeetings, row)
		}
		for _, src := range m.Sources {
			meetingSources = append(meetingSources, map[string]any{"node": nodeRef{"Meeting", m.ID}, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	for _, st := range f.Statements {
		w.addDate(st.Date)
		row := dateParams(st.Date, map[string]any{
			"id": st.ID, "speaker": actorRef(st.Speaker), "text": st.Text, "quoted": st.Quoted,
		})
		if w.known.statements[st.ID] {
			row["node"] = nodeRef{"Statement", st.ID}
			w.statements = append(w.statements, row)
			for _, a := range uniq(st.About) {
				w.about = append(w.about, map[string]any{"statement": st.ID, "node": nodeRef{"Statement", st.ID}, "speaker": actorRef(st.Speaker), "entity": actorRef(a)})
			}
		} else {
			w.known.statements[st.ID] = true
			about := []any{}
			for _, a := range uniq(st.About) {
				about = append(about, actorRef(a))
			}
			row["about"] = about
			w.newStatements = append(w.newStatements, row)
		}
		for _, src := range st.Sources {
			statementSources = append(statementSources, map[string]any{"node": nodeRef{"Statement", st.ID}, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	for _, sp := range f.Supports {
		var evs, rules []string
		for _, src := range sp.Sources {
			evs, rules = append(evs, src.Evidence), append(rules, src.Rule)
		}
		w.supports = append(w.supports, map[string]any{
			"report": r.ID, "id": sp.ID, "supporter": actorRef(sp.Supporter), "supported": actorRef(sp.Supported), "claimed_by": sp.ClaimedBy,
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

// actorRows returns one row per actor, ordered by id (every writer locks
// actors in the same order): those the graph does not hold yet, with the
// lists they start with, and the others.
func (w *rows) actorRows() (fresh, known []any) {
	ids := make([]string, 0, len(w.actors))
	for id := range w.actors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := w.actors[id]
		names, folded, words := uniq(a.names), uniq(a.folded), uniq(a.words)
		titles := make([]any, 0, len(a.titles))
		for _, name := range sortedKeys(a.titles) {
			t := a.titles[name]
			titles = append(titles, map[string]any{"title": t.Title, "from": t.From, "to": t.To})
		}
		row := map[string]any{
			"id": a.e.ID, "type": string(a.e.Type), "name": a.e.Name, "folded": graph.Fold(a.e.Name),
			"country": a.e.Country, "names": anys(names), "folded_names": anys(folded),
			"words": anys(words), "titles": titles,
		}
		if w.known.actors[id] {
			row["node"] = actorRef(id)
			known = append(known, row)
			continue
		}
		// As putActorsCypher would make them from empty lists.
		var aliases []string
		for _, n := range names {
			if n != a.e.Name {
				aliases = append(aliases, n)
			}
		}
		var tnames, from, to []string
		for _, name := range sortedKeys(a.titles) {
			t := a.titles[name]
			tnames, from, to = append(tnames, t.Title), append(from, t.From), append(to, t.To)
		}
		row["aliases"], row["search_text"] = anys(aliases), searchNamesOf{words: words}.searchText()
		row["titles"], row["title_from"], row["title_to"] = anys(tnames), anys(from), anys(to)
		fresh = append(fresh, row)
	}
	return fresh, known
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// searchNamesOf is what entity search keeps of an actor's names.
type searchNamesOf struct {
	names, folded, words []string
}

// searchNames returns names without blanks and repeats, their folded
// forms and the words of those, each list without repeats, in order.
func searchNames(names []string) searchNamesOf {
	n := searchNamesOf{names: uniq(names)}
	for _, name := range n.names {
		f := graph.Fold(name)
		n.folded = append(n.folded, f)
		n.words = append(n.words, strings.Fields(f)...)
	}
	n.folded, n.words = uniq(n.folded), uniq(n.words)
	return n
}

// searchText is the actor's search_text, which the full-text index reads:
// every word after a space.
func (n searchNamesOf) searchText() string {
	var b strings.Builder
	for _, w := range n.words {
		b.WriteString(" " + w)
	}
	return b.String()
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

// nullList is ss as a Cypher list, or null (no property) if it is empty.
func nullList(ss []string) any {
	if len(ss) == 0 {
		return nil
	}
	return anys(ss)
}
