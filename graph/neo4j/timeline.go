package neo4j

import (
	"context"
	"fmt"

	"github.com/parley/parley/graph"
)

// timelineCypher lists the dated held meetings an actor attended and the
// dated statements it made, oldest first by first day, ties by id.
const timelineCypher = `
CALL {
  MATCH (:Actor {id: $entity})-[:ATTENDED]->(m:Meeting)
  WHERE m.status = 'held' AND m.date_start IS NOT NULL
    AND ($from IS NULL OR m.date_end >= date($from))
    AND ($to IS NULL OR m.date_start <= date($to))
  RETURN m.id AS id, 'meeting' AS kind, toString(m.date_start) AS day
  UNION ALL
  MATCH (:Actor {id: $entity})-[:STATED]->(s:Statement)
  WHERE s.date_start IS NOT NULL
    AND ($from IS NULL OR s.date_end >= date($from))
    AND ($to IS NULL OR s.date_start <= date($to))
  RETURN s.id AS id, 'statement' AS kind, toString(s.date_start) AS day
}
WITH id, kind, day
WHERE $after IS NULL OR day > $after OR (day = $after AND id > $afterId)
RETURN id, kind, day
ORDER BY day, id
LIMIT $n`

// Timeline lists the dated meetings and statements of one actor, oldest first.
func (s *Store) Timeline(ctx context.Context, f graph.TimelineFilter) (graph.Page[graph.Event], error) {
	page := graph.Page[graph.Event]{Items: []graph.Event{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	after, afterID := cursorParams(cur)
	params := map[string]any{
		"entity": f.Entity, "from": nullable(f.From), "to": nullable(f.To),
		"after": after, "afterId": afterID, "n": limit + 1,
	}
	err = s.readTx(ctx, func(q querier) error {
		page.Next = ""
		recs, err := q(ctx, timelineCypher, params)
		if err != nil {
			return err
		}
		var ids, mids, sids []string
		for _, rec := range recs {
			if len(ids) == limit {
				last := recs[limit-1]
				page.Next = graph.EncodeCursor(str(last, "day"), str(last, "id"))
				break
			}
			id := str(rec, "id")
			ids = append(ids, id)
			if str(rec, "kind") == "meeting" {
				mids = append(mids, id)
			} else {
				sids = append(sids, id)
			}
		}
		ms, err := loadMeetings(ctx, q, mids)
		if err != nil {
			return err
		}
		ss, err := loadStatements(ctx, q, sids)
		if err != nil {
			return err
		}
		byID := map[string]graph.Event{}
		for i := range ms {
			byID[ms[i].ID] = graph.Event{Kind: "meeting", Date: ms[i].Date, Meeting: &ms[i]}
		}
		for i := range ss {
			byID[ss[i].ID] = graph.Event{Kind: "statement", Date: ss[i].Date, Statement: &ss[i]}
		}
		page.Items = page.Items[:0]
		for _, id := range ids {
			if ev, ok := byID[id]; ok {
				page.Items = append(page.Items, ev)
			}
		}
		return nil
	})
	if err != nil {
		return page, fmt.Errorf("timeline of %q: %w", f.Entity, err)
	}
	return page, nil
}
