package neo4j

import (
	"context"
	"fmt"

	"github.com/parley/parley/graph"
)

// The filters of a statement list, sorted like meetings.
const statementsWhere = `
WHERE ($about IS NULL OR EXISTS { (s)-[:ABOUT]->(:Actor {id: $about}) })
  AND ($from IS NULL OR s.date_end >= date($from))
  AND ($to IS NULL OR s.date_start <= date($to))
WITH s, coalesce(toString(s.date_start), '') AS day
WHERE $after IS NULL OR day < $after OR (day = $after AND s.id < $afterId)
RETURN s.id AS id, day
ORDER BY day DESC, s.id DESC
LIMIT $n`

const (
	statementsCypher   = `MATCH (s:Statement)` + statementsWhere
	statementsOfCypher = `MATCH (:Actor {id: $speaker})-[:STATED]->(s:Statement)` + statementsWhere
)

// Statements lists statements newest first.
func (s *Store) Statements(ctx context.Context, f graph.StatementFilter) (graph.Page[graph.Statement], error) {
	page := graph.Page[graph.Statement]{Items: []graph.Statement{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	after, afterID := cursorParams(cur)
	params := map[string]any{
		"about": nullable(f.About), "from": nullable(f.From), "to": nullable(f.To),
		"after": after, "afterId": afterID, "n": limit + 1,
	}
	query := statementsCypher
	if f.Speaker != "" {
		query = statementsOfCypher
		params["speaker"] = f.Speaker
	}
	err = s.readTx(ctx, func(q querier) error {
		ids, next, err := keyPage(ctx, q, limit, query, params)
		if err != nil {
			return err
		}
		page.Next = next
		page.Items, err = loadStatements(ctx, q, ids)
		return err
	})
	if err != nil {
		return page, fmt.Errorf("list statements: %w", err)
	}
	return page, nil
}

const loadStatementsCypher = `
UNWIND $ids AS id
MATCH (sp:Actor)-[:STATED]->(s:Statement {id: id})
RETURN s.id AS id, sp.id AS speaker, s.text AS text, s.quoted AS quoted,
       s.date AS date, s.precision AS precision,
       COLLECT { MATCH (s)-[:ABOUT]->(a:Actor) RETURN a.id } AS about,
       COLLECT { MATCH (s)-[x:SOURCED_FROM]->(r:Report) RETURN [r.id, x.evidence, x.rule] } AS sources`

// loadStatements reads whole statements, in the order of ids.
func loadStatements(ctx context.Context, q querier, ids []string) ([]graph.Statement, error) {
	out := make([]graph.Statement, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := q(ctx, loadStatementsCypher, map[string]any{"ids": anys(ids)})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Statement{}
	for _, rec := range recs {
		st := graph.Statement{
			ID:      str(rec, "id"),
			Speaker: str(rec, "speaker"),
			About:   sortedStrs(list(rec, "about")),
			Text:    str(rec, "text"),
			Quoted:  boolean(rec, "quoted"),
			Date:    graph.Date{Value: str(rec, "date"), Precision: graph.Precision(str(rec, "precision"))},
			Sources: readSources(list(rec, "sources")),
		}
		byID[st.ID] = st
	}
	for _, id := range ids {
		if st, ok := byID[id]; ok {
			out = append(out, st)
		}
	}
	return out, nil
}
