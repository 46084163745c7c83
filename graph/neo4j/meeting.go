package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/graph"
)

// The filters of a meeting list. A meeting's sort key is the first day its
// date may stand for, "" when undated, so undated meetings sort last. The
// page's meetings are read whole by the same query (one round trip, where a
// query of ids then one of the meetings took a transaction with four).
const meetingsWhere = `
WHERE ($planned OR m.status = 'held')
  AND ($from IS NULL OR m.date_end >= date($from))
  AND ($to IS NULL OR m.date_start <= date($to))
  AND ($place IS NULL OR m.place_folded = $place)
  AND all(p IN $others WHERE EXISTS { (:Actor {id: p})-[:ATTENDED]->(m) })
WITH DISTINCT m, coalesce(toString(m.date_start), '') AS day
WHERE $after IS NULL OR day < $after OR (day = $after AND m.id < $afterId)
WITH m, day
ORDER BY day DESC, m.id DESC
LIMIT $n
RETURN day, ` + meetingFields + `
ORDER BY day DESC, id DESC`

const (
	meetingsCypher = `MATCH (m:Meeting)` + meetingsWhere
	// With participants, walk the first one's ATTENDED edges.
	meetingsOfCypher = `MATCH (:Actor {id: $first})-[:ATTENDED]->(m:Meeting)` + meetingsWhere
)

// Meetings lists meetings newest first.
func (s *Store) Meetings(ctx context.Context, f graph.MeetingFilter) (graph.Page[graph.Meeting], error) {
	page := graph.Page[graph.Meeting]{Items: []graph.Meeting{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	after, afterID := cursorParams(cur)
	params := map[string]any{
		"planned": f.IncludePlanned, "from": nullable(f.From), "to": nullable(f.To),
		"place": nil, "others": []any{}, "after": after, "afterId": afterID, "n": limit + 1,
	}
	if f.Place != "" {
		params["place"] = graph.Fold(f.Place)
	}
	query := meetingsCypher
	if len(f.Participants) > 0 {
		query = meetingsOfCypher
		params["first"] = f.Participants[0]
		params["others"] = anys(f.Participants[1:])
	}
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return page, fmt.Errorf("list meetings: %w", err)
	}
	for _, rec := range recs {
		if len(page.Items) == limit {
			last := recs[limit-1]
			page.Next = graph.EncodeCursor(str(last, "day"), str(last, "id"))
			break
		}
		page.Items = append(page.Items, readMeeting(rec))
	}
	return page, nil
}

// Meeting returns one meeting with all its participants and sources.
func (s *Store) Meeting(ctx context.Context, id string) (*graph.Meeting, error) {
	ms, err := loadMeetings(ctx, s.read, []string{id})
	if err != nil {
		return nil, fmt.Errorf("meeting %q: %w", id, err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("meeting %q: %w", id, graph.ErrNotFound)
	}
	return &ms[0], nil
}

// keyPage runs a query of (id, day) rows with limit+1 rows asked for, and
// returns the ids of the page and the cursor of the next.
func keyPage(ctx context.Context, q querier, limit int, query string, params map[string]any) ([]string, string, error) {
	recs, err := q(ctx, query, params)
	if err != nil {
		return nil, "", err
	}
	var ids []string
	next := ""
	for _, rec := range recs {
		if len(ids) == limit {
			last := recs[limit-1]
			next = graph.EncodeCursor(str(last, "day"), str(last, "id"))
			break
		}
		ids = append(ids, str(rec, "id"))
	}
	return ids, next, nil
}

// meetingFields are the columns readMeeting reads, of a meeting m.
const meetingFields = `m.id AS id, m.date AS date, m.precision AS precision, m.place AS place,
       m.mode AS mode, m.status AS status,
       COLLECT { MATCH (a:Actor)-[t:ATTENDED]->(m) RETURN [a.id, t.role] } AS participants,
       COLLECT { MATCH (m)-[x:SOURCED_FROM]->(r:Report) RETURN [r.id, x.evidence, x.rule] } AS sources`

const loadMeetingsCypher = `
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
RETURN ` + meetingFields

// loadMeetings reads whole meetings, in the order of ids.
func loadMeetings(ctx context.Context, q querier, ids []string) ([]graph.Meeting, error) {
	out := make([]graph.Meeting, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := q(ctx, loadMeetingsCypher, map[string]any{"ids": anys(ids)})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Meeting{}
	for _, rec := range recs {
		m := readMeeting(rec)
		byID[m.ID] = m
	}
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}

// readMeeting reads a meeting of the columns meetingFields.
func readMeeting(rec *neo4j.Record) graph.Meeting {
	m := graph.Meeting{
		ID:     str(rec, "id"),
		Date:   graph.Date{Value: str(rec, "date"), Precision: graph.Precision(str(rec, "precision"))},
		Place:  str(rec, "place"),
		Mode:   graph.Mode(str(rec, "mode")),
		Status: graph.Status(str(rec, "status")),
	}
	m.Participants = []graph.Attendee{}
	for _, p := range list(rec, "participants") {
		x := strs(p)
		if len(x) == 2 {
			m.Participants = append(m.Participants, graph.Attendee{EntityID: x[0], Role: graph.Role(x[1])})
		}
	}
	sort.Slice(m.Participants, func(i, j int) bool { return m.Participants[i].EntityID < m.Participants[j].EntityID })
	m.Sources = readSources(list(rec, "sources"))
	return m
}

// readSources reads [report id, evidence, rule] triples, ordered by report
// id then evidence.
func readSources(l []any) []graph.Source {
	out := []graph.Source{}
	for _, v := range l {
		x, _ := v.([]any)
		if len(x) != 3 {
			continue
		}
		src := graph.Source{}
		src.ReportID, _ = x[0].(string)
		src.Evidence, _ = x[1].(string)
		src.Rule, _ = x[2].(string)
		out = append(out, src)
	}
	sortSources(out)
	return out
}

func sortSources(srcs []graph.Source) {
	sort.Slice(srcs, func(i, j int) bool {
		if srcs[i].ReportID != srcs[j].ReportID {
			return srcs[i].ReportID < srcs[j].ReportID
		}
		return srcs[i].Evidence < srcs[j].Evidence
	})
}
