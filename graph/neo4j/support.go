package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/graph"
)

const supportFields = `p.id AS id, a.id AS supporter, b.id AS supported, p.claimed_by AS claimed_by,
       p.reports AS reports, p.evidences AS evidences, p.rules AS rules`

const supportsListCypher = `
MATCH (a:Actor)-[p:SUPPORTS]->(b:Actor)
WHERE ($supporter IS NULL OR a.id = $supporter)
  AND ($supported IS NULL OR b.id = $supported)
  AND ($after IS NULL OR p.id > $after)
RETURN ` + supportFields + `
ORDER BY p.id
LIMIT $n`

// Supports lists support edges by id.
func (s *Store) Supports(ctx context.Context, f graph.SupportFilter) (graph.Page[graph.Support], error) {
	page := graph.Page[graph.Support]{Items: []graph.Support{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	after, _ := cursorParams(cur)
	recs, err := s.read(ctx, supportsListCypher, map[string]any{
		"supporter": nullable(f.Supporter), "supported": nullable(f.Supported), "after": after, "n": limit + 1,
	})
	if err != nil {
		return page, fmt.Errorf("list supports: %w", err)
	}
	for _, rec := range recs {
		if len(page.Items) == limit {
			last := page.Items[limit-1].ID
			page.Next = graph.EncodeCursor(last, last)
			break
		}
		page.Items = append(page.Items, readSupport(rec))
	}
	return page, nil
}

func readSupport(rec *neo4j.Record) graph.Support {
	sp := graph.Support{
		ID: str(rec, "id"), Supporter: str(rec, "supporter"), Supported: str(rec, "supported"),
		ClaimedBy: str(rec, "claimed_by"),
	}
	sp.Sources = supportSources(list(rec, "reports"), list(rec, "evidences"), list(rec, "rules"))
	return sp
}

// supportSources zips the parallel source lists of a SUPPORTS edge.
func supportSources(reports, evidences, rules []any) []graph.Source {
	out := []graph.Source{}
	for i := range reports {
		src := graph.Source{}
		src.ReportID, _ = reports[i].(string)
		if i < len(evidences) {
			src.Evidence, _ = evidences[i].(string)
		}
		if i < len(rules) {
			src.Rule, _ = rules[i].(string)
		}
		out = append(out, src)
	}
	sortSources(out)
	return out
}

const loadSupportsCypher = `
UNWIND $ids AS id
MATCH (a:Actor)-[p:SUPPORTS {id: id}]->(b:Actor)
RETURN ` + supportFields

// loadSupports reads whole support edges, in the order of ids.
func loadSupports(ctx context.Context, q querier, ids []string) ([]graph.Support, error) {
	out := make([]graph.Support, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := q(ctx, loadSupportsCypher, map[string]any{"ids": anys(ids)})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Support{}
	for _, rec := range recs {
		sp := readSupport(rec)
		byID[sp.ID] = sp
	}
	for _, id := range ids {
		if sp, ok := byID[id]; ok {
			out = append(out, sp)
		}
	}
	return out, nil
}
