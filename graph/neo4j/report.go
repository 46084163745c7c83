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

// querier runs one query and returns its records: Store.read, or a query
// inside a transaction.
type querier func(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error)

// readTx runs fn in one read transaction, so that what it reads is consistent.
func (s *Store) readTx(ctx context.Context, fn func(q querier) error) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	sess := s.drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.Background())
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(func(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
			return collect(ctx, tx, query, params)
		})
	})
	return s.noteErr(translate(err))
}

const (
	reportExistsCypher = `MATCH (r:Report {id: $id}) RETURN r.id AS id`

	reportCreateCypher = `
CREATE (r:Report {id: $id, title: $title, source: $source, url: $url, published: $published,
                  ingested_at: $now, text: $text})`

	// Actors are merged on their stable id; each report that names one
	// keeps the names it used on its MENTIONED_IN edge.
	putEntitiesCypher = `
MATCH (r:Report {id: $report})
UNWIND $entities AS e
MERGE (a:Actor {id: e.id})
  ON CREATE SET a.type = e.type, a.name = e.name, a.folded = e.folded, a.country = e.country
SET a.country = CASE WHEN coalesce(a.country, '') = '' THEN e.country ELSE a.country END
FOREACH (_ IN CASE WHEN e.type = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN e.type = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN e.type = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN e.type = 'group' THEN [1] ELSE [] END | SET a:Group)
CREATE (a)-[:MENTIONED_IN {names: e.names, titles: e.titles, folded: e.folded_names, words: e.words}]->(r)`

	// refreshActorsCypher recomputes the aliases, titles and search
	// properties of actors from the reports that still name them.
	refreshActorsCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
OPTIONAL MATCH (a)-[m:MENTIONED_IN]->(:Report)
WITH a, collect(m) AS ms
WITH a,
  reduce(acc = [], m IN ms | acc + [n IN m.names WHERE NOT n IN acc]) AS names,
  reduce(acc = [], m IN ms | acc + [t IN m.titles WHERE NOT t IN acc]) AS titles,
  reduce(acc = [], m IN ms | acc + [f IN m.folded WHERE NOT f IN acc]) AS folded,
  reduce(acc = [], m IN ms | acc + [w IN m.words WHERE NOT w IN acc]) AS words
SET a.aliases = [n IN names WHERE n <> a.name],
    a.titles = titles,
    a.names_folded = folded,
    a.words = words,
    a.search_text = reduce(t = '', w IN words | t + ' ' + w)`

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
MATCH (a:Actor {id: x.entity}), (m:Meeting {id: x.meeting})
MERGE (a)-[t:ATTENDED]->(m)
  ON CREATE SET t.role = x.role`

	metWithCypher = `
UNWIND $pairs AS x
MATCH (a:Actor {id: x.a}), (b:Actor {id: x.b})
MERGE (a)-[w:MET_WITH {meeting: x.meeting}]->(b)
  ON CREATE SET w.date = x.date`

	meetingSourcesCypher = `
MATCH (r:Report {id: $report})
UNWIND $meetingSources AS x
MATCH (m:Meeting {id: x.id})
MERGE (m)-[s:SOURCED_FROM {evidence: x.evidence}]->(r)
  ON CREATE SET s.rule = x.rule`

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
MATCH (s:Statement {id: x.statement}), (a:Actor {id: x.entity})
MERGE (s)-[:ABOUT]->(a)`

	statedAboutCypher = `
UNWIND $statedAbout AS x
MATCH (sp:Actor {id: x.speaker}), (a:Actor {id: x.entity})
MERGE (sp)-[:STATED_ABOUT {statement: x.statement}]->(a)`

	statementSourcesCypher = `
MATCH (r:Report {id: $report})
UNWIND $statementSources AS x
MATCH (s:Statement {id: x.id})
MERGE (s)-[f:SOURCED_FROM {evidence: x.evidence}]->(r)
  ON CREATE SET f.rule = x.rule`

	// A support's sources are parallel lists on the SUPPORTS edge:
	// reports[i], evidences[i] and rules[i] are one source.
	putSupportsCypher = `
UNWIND $supports AS x
MATCH (a:Actor {id: x.supporter}), (b:Actor {id: x.supported})
MERGE (a)-[p:SUPPORTS {id: x.id}]->(b)
  ON CREATE SET p.claimed_by = x.claimed_by, p.reports = [], p.evidences = [], p.rules = []
SET p.reports = p.reports + [e IN x.evidences | $report],
    p.evidences = p.evidences + x.evidences,
    p.rules = p.rules + x.rules`
)

// PutReport stores a report and its facts in one transaction.
func (s *Store) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	res := graph.PutResult{ReportID: r.ID}
	if err := r.Validate(); err != nil {
		return res, err
	}
	if err := f.Bind(r.ID); err != nil {
		return res, err
	}
	now := s.now().UTC()
	params := reportParams(r.ID, f)
	for k, v := range map[string]any{
		"id": r.ID, "title": r.Title, "source": r.Source, "url": r.URL,
		"published": r.Published, "now": now, "text": r.Text,
	} {
		params[k] = v
	}
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		recs, err := collect(ctx, tx, putReportCypher, params)
		res.Created = err == nil && len(recs) > 0
		return err
	})
	if errors.Is(err, graph.ErrConflict) {
		// Another transaction stored the same report at the same time:
		// the report is there, as asked.
		if recs, err2 := s.read(ctx, reportExistsCypher, map[string]any{"id": r.ID}); err2 == nil && len(recs) > 0 {
			return graph.PutResult{ReportID: r.ID}, nil
		}
	}
	if err != nil {
		return graph.PutResult{ReportID: r.ID}, fmt.Errorf("put report %s: %w", r.ID, err)
	}
	if res.Created {
		r.IngestedAt = now
	}
	return res, nil
}

// putReportCypher writes a report and its facts in one statement, one
// subquery per kind of fact, in an order where every MATCH finds what an
// earlier subquery merged. A report already stored stops it at the start:
// no row, nothing written.
var putReportCypher = `
OPTIONAL MATCH (old:Report {id: $id})
WITH old WHERE old IS NULL
` + reportCreateCypher + `
WITH r AS created
CALL {` + putEntitiesCypher + ` }
CALL {` + refreshActorsCypher + ` }
CALL {` + datesCypher + ` }
CALL {` + putMeetingsCypher + ` }
CALL {` + attendedCypher + ` }
CALL {` + metWithCypher + ` }
CALL {` + meetingSourcesCypher + ` }
CALL {` + putStatementsCypher + ` }
CALL {` + aboutCypher + ` }
CALL {` + statedAboutCypher + ` }
CALL {` + statementSourcesCypher + ` }
CALL {` + putSupportsCypher + ` }
RETURN created.id AS id`

// batch is one statement of a transaction.
type batch struct {
	query  string
	params map[string]any
}

// reportParams turns bound facts into the parameters of putReportCypher.
func reportParams(reportID string, f *graph.Facts) map[string]any {
	ents, dates, meetings, attended, pairs := []any{}, []any{}, []any{}, []any{}, []any{}
	msrc, stmts, about, ssrc, sups := []any{}, []any{}, []any{}, []any{}, []any{}

	sorted := append([]graph.Entity(nil), f.Entities...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID }) // one lock order
	entIDs := []any{}
	for _, e := range sorted {
		names := uniq(append([]string{e.Name}, e.Aliases...))
		var folded, words []string
		for _, n := range names {
			fn := graph.Fold(n)
			folded = append(folded, fn)
			words = append(words, strings.Fields(fn)...)
		}
		ents = append(ents, map[string]any{
			"id": e.ID, "type": string(e.Type), "name": e.Name, "folded": graph.Fold(e.Name),
			"country": e.Country, "names": anys(names), "titles": anys(uniq(e.Titles)),
			"folded_names": anys(uniq(folded)), "words": anys(uniq(words)),
		})
		entIDs = append(entIDs, e.ID)
	}

	seenDate := map[string]bool{}
	addDate := func(d graph.Date) {
		if d.IsZero() || seenDate[d.Value] {
			return
		}
		seenDate[d.Value] = true
		first, last := d.Range()
		dates = append(dates, map[string]any{"id": d.Value, "precision": string(d.Precision), "first": first, "last": last})
	}
	dateParams := func(d graph.Date, m map[string]any) map[string]any {
		first, last := d.Range()
		m["date"], m["precision"] = nullable(d.Value), nullable(string(d.Precision))
		m["first"], m["last"] = nullable(first), nullable(last)
		return m
	}

	for _, m := range f.Meetings {
		addDate(m.Date)
		meetings = append(meetings, dateParams(m.Date, map[string]any{
			"id": m.ID, "place": m.Place, "place_folded": graph.Fold(m.Place),
			"mode": string(m.Mode), "status": string(m.Status),
		}))
		for _, p := range m.Participants {
			attended = append(attended, map[string]any{"meeting": m.ID, "entity": p.EntityID, "role": string(p.Role)})
		}
		if m.Status == graph.Held {
			ids := m.ParticipantIDs()
			for i := range ids {
				for j := i + 1; j < len(ids); j++ {
					pairs = append(pairs, map[string]any{"meeting": m.ID, "a": ids[i], "b": ids[j], "date": nullable(m.Date.Value)})
				}
			}
		}
		for _, src := range m.Sources {
			msrc = append(msrc, map[string]any{"id": m.ID, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	for _, st := range f.Statements {
		addDate(st.Date)
		stmts = append(stmts, dateParams(st.Date, map[string]any{
			"id": st.ID, "speaker": st.Speaker, "text": st.Text, "quoted": st.Quoted,
		}))
		for _, a := range st.About {
			about = append(about, map[string]any{"statement": st.ID, "speaker": st.Speaker, "entity": a})
		}
		for _, src := range st.Sources {
			ssrc = append(ssrc, map[string]any{"id": st.ID, "evidence": src.Evidence, "rule": src.Rule})
		}
	}
	statedAbout := []any{}
	for _, a := range about {
		if x := a.(map[string]any); x["speaker"] != x["entity"] {
			statedAbout = append(statedAbout, a)
		}
	}
	for _, sp := range f.Supports {
		var evs, rules []string
		for _, src := range sp.Sources {
			evs, rules = append(evs, src.Evidence), append(rules, src.Rule)
		}
		sups = append(sups, map[string]any{
			"id": sp.ID, "supporter": sp.Supporter, "supported": sp.Supported, "claimed_by": sp.ClaimedBy,
			"evidences": anys(evs), "rules": anys(rules),
		})
	}

	return map[string]any{
		"report": reportID, "entities": ents, "ids": entIDs, "dates": dates,
		"meetings": meetings, "attended": attended, "pairs": pairs, "meetingSources": msrc,
		"statements": stmts, "about": about, "statedAbout": statedAbout, "statementSources": ssrc,
		"supports": sups,
	}
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

const reportCypher = `
MATCH (r:Report {id: $id})
RETURN r.id AS id, r.title AS title, r.source AS source, r.url AS url, r.published AS published,
       r.ingested_at AS ingested_at, r.text AS text,
       COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) RETURN a.id } AS entities,
       COLLECT { MATCH (m:Meeting)-[:SOURCED_FROM]->(r) RETURN DISTINCT m.id } AS meetings,
       COLLECT { MATCH (s:Statement)-[:SOURCED_FROM]->(r) RETURN DISTINCT s.id } AS statements,
       COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) MATCH (a)-[p:SUPPORTS]->()
                 WHERE r.id IN p.reports RETURN DISTINCT p.id } AS supports`

// Report returns a report with the facts it is a source of.
func (s *Store) Report(ctx context.Context, id string) (*graph.ReportFacts, error) {
	var rf *graph.ReportFacts
	err := s.readTx(ctx, func(q querier) error {
		rf = nil
		recs, err := q(ctx, reportCypher, map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return err
		}
		rec := recs[0]
		rf = &graph.ReportFacts{Report: readReport(rec)}
		rf.Report.Text = str(rec, "text")

		entIDs := sortedStrs(list(rec, "entities"))
		ents, err := entitiesByID(ctx, q, entIDs)
		if err != nil {
			return err
		}
		rf.Facts.Entities = []graph.Entity{}
		for _, eid := range entIDs {
			if e, ok := ents[eid]; ok {
				rf.Facts.Entities = append(rf.Facts.Entities, e)
			}
		}
		if rf.Facts.Meetings, err = loadMeetings(ctx, q, sortedStrs(list(rec, "meetings"))); err != nil {
			return err
		}
		if rf.Facts.Statements, err = loadStatements(ctx, q, sortedStrs(list(rec, "statements"))); err != nil {
			return err
		}
		rf.Facts.Supports, err = loadSupports(ctx, q, sortedStrs(list(rec, "supports")))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf == nil {
		return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	return rf, nil
}

func readReport(rec *neo4j.Record) graph.Report {
	r := graph.Report{
		ID: str(rec, "id"), Title: str(rec, "title"), Source: str(rec, "source"),
		URL: str(rec, "url"), Published: str(rec, "published"),
	}
	if v, ok := rec.Get("ingested_at"); ok {
		if t, ok := v.(time.Time); ok {
			r.IngestedAt = t.UTC()
		}
	}
	return r
}

const reportsCypher = `
MATCH (r:Report)
WHERE $after IS NULL OR r.ingested_at < datetime($after)
   OR (r.ingested_at = datetime($after) AND r.id < $afterId)
RETURN r.id AS id, r.title AS title, r.source AS source, r.url AS url, r.published AS published,
       r.ingested_at AS ingested_at
ORDER BY r.ingested_at DESC, r.id DESC
LIMIT $n`

// Reports lists reports, most recently ingested first.
func (s *Store) Reports(ctx context.Context, f graph.ReportFilter) (graph.Page[graph.Report], error) {
	page := graph.Page[graph.Report]{Items: []graph.Report{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	if cur != nil {
		if _, err := time.Parse(time.RFC3339Nano, cur[0]); err != nil {
			return page, fmt.Errorf("cursor %q is not one this store made: %w", f.Cursor, graph.ErrInvalid)
		}
	}
	after, afterID := cursorParams(cur)
	recs, err := s.read(ctx, reportsCypher, map[string]any{"after": after, "afterId": afterID, "n": limit + 1})
	if err != nil {
		return page, fmt.Errorf("list reports: %w", err)
	}
	for _, rec := range recs {
		if len(page.Items) == limit {
			last := page.Items[limit-1]
			page.Next = graph.EncodeCursor(last.IngestedAt.Format(time.RFC3339Nano), last.ID)
			break
		}
		page.Items = append(page.Items, readReport(rec))
	}
	return page, nil
}

const (
	deleteReportFactsCypher = `
MATCH (r:Report {id: $id})
RETURN COLLECT { MATCH (a:Actor)-[:MENTIONED_IN]->(r) RETURN a.id } AS actors,
       COLLECT { MATCH (m:Meeting)-[:SOURCED_FROM]->(r) RETURN DISTINCT m.id } AS meetings,
       COLLECT { MATCH (s:Statement)-[:SOURCED_FROM]->(r) RETURN DISTINCT s.id } AS statements`

	// Drop the report's sources from its supports; a support left without
	// sources goes.
	deleteReportSupportsCypher = `
MATCH (r:Report {id: $id})<-[:MENTIONED_IN]-(a:Actor)-[p:SUPPORTS]->()
WHERE $id IN p.reports
WITH DISTINCT p
WITH p, [i IN range(0, size(p.reports) - 1) WHERE p.reports[i] <> $id] AS keep
SET p.reports = [i IN keep | p.reports[i]],
    p.evidences = [i IN keep | p.evidences[i]],
    p.rules = [i IN keep | p.rules[i]]
WITH p WHERE size(p.reports) = 0
DELETE p`

	deleteReportNodeCypher = `MATCH (r:Report {id: $id}) DETACH DELETE r`

	deleteOrphanMeetingsCypher = `
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
WHERE NOT EXISTS { (m)-[:SOURCED_FROM]->(:Report) }
CALL { WITH m
  MATCH (:Actor)-[w:MET_WITH {meeting: m.id}]->(:Actor)
  DELETE w }
DETACH DELETE m`

	deleteOrphanStatementsCypher = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
WHERE NOT EXISTS { (s)-[:SOURCED_FROM]->(:Report) }
CALL { WITH s
  MATCH (:Actor)-[x:STATED_ABOUT {statement: s.id}]->(:Actor)
  DELETE x }
DETACH DELETE s`

	deleteOrphanActorsCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE NOT EXISTS { (a)-[:MENTIONED_IN|ATTENDED|STATED|ABOUT|SUPPORTS]-() }
  AND NOT EXISTS { MATCH ()-[p:SUPPORTS]->() WHERE p.claimed_by = id }
DETACH DELETE a`

	deleteOrphanDatesCypher = `
MATCH (d:Date)
WHERE NOT EXISTS { ()-[:ON]->(d) }
DELETE d`
)

// DeleteReport removes a report and every fact and name only it supports.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	found := false
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		found = false
		recs, err := collect(ctx, tx, deleteReportFactsCypher, map[string]any{"id": id})
		if err != nil || len(recs) == 0 {
			return err
		}
		found = true
		rec := recs[0]
		actors := list(rec, "actors")
		for _, b := range []batch{
			{deleteReportSupportsCypher, map[string]any{"id": id}},
			{deleteReportNodeCypher, map[string]any{"id": id}},
			{deleteOrphanMeetingsCypher, map[string]any{"ids": list(rec, "meetings")}},
			{deleteOrphanStatementsCypher, map[string]any{"ids": list(rec, "statements")}},
			{refreshActorsCypher, map[string]any{"ids": actors}},
			{deleteOrphanActorsCypher, map[string]any{"ids": actors}},
			{deleteOrphanDatesCypher, nil},
		} {
			if err := exec(ctx, tx, b.query, b.params); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete report %q: %w", id, err)
	}
	if !found {
		return fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	return nil
}
