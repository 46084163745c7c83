package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/parley/parley/graph"
)

const endpointsCypher = `
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
RETURN id, a IS NOT NULL AS found`

// pathsCypher returns the distinct actor sequences of the shortest paths
// between two actors. The hop bound of a variable-length pattern cannot be
// a parameter, so it is written in from the validated integer (1 to
// graph.MaxHops), never from input text.
func pathsCypher(maxHops int) string {
	return `
MATCH (a:Actor {id: $from}), (b:Actor {id: $to})
MATCH p = allShortestPaths((a)-[:MET_WITH|SUPPORTS|STATED_ABOUT*..` + strconv.Itoa(maxHops) + `]-(b))
WITH DISTINCT [n IN nodes(p) | n.id] AS ids
RETURN ids
ORDER BY ids
LIMIT $limit`
}

// linksCypher lists every fact between the two actors of each step.
const linksCypher = `
UNWIND range(0, size($pairs) - 1) AS i
CALL {
  WITH i
  MATCH (:Actor {id: $pairs[i][0]})-[w:MET_WITH]-(:Actor {id: $pairs[i][1]})
  MATCH (m:Meeting {id: w.meeting})
  RETURN 'MET_WITH' AS type, m.id AS fact, $pairs[i][0] AS from, $pairs[i][1] AS to,
         m.date AS date, m.precision AS precision, coalesce(toString(m.date_start), '') AS day,
         COLLECT { MATCH (m)-[x:SOURCED_FROM]->(r:Report) RETURN [r.id, x.evidence, x.rule] } AS sources
  UNION ALL
  WITH i
  MATCH (a:Actor)-[p:SUPPORTS]->(b:Actor)
  WHERE (a.id = $pairs[i][0] AND b.id = $pairs[i][1]) OR (a.id = $pairs[i][1] AND b.id = $pairs[i][0])
  RETURN 'SUPPORTS' AS type, p.id AS fact, a.id AS from, b.id AS to,
         null AS date, null AS precision, '' AS day,
         [k IN range(0, size(p.reports) - 1) | [p.reports[k], p.evidences[k], p.rules[k]]] AS sources
  UNION ALL
  WITH i
  MATCH (a:Actor)-[x:STATED_ABOUT]->(b:Actor)
  WHERE (a.id = $pairs[i][0] AND b.id = $pairs[i][1]) OR (a.id = $pairs[i][1] AND b.id = $pairs[i][0])
  MATCH (s:Statement {id: x.statement})
  RETURN 'STATED_ABOUT' AS type, s.id AS fact, a.id AS from, b.id AS to,
         s.date AS date, s.precision AS precision, coalesce(toString(s.date_start), '') AS day,
         COLLECT { MATCH (s)-[y:SOURCED_FROM]->(r:Report) RETURN [r.id, y.evidence, y.rule] } AS sources
}
RETURN i, type, fact, from, to, date, precision, day, sources`

// Connections returns the shortest paths between two actors.
func (s *Store) Connections(ctx context.Context, q graph.ConnectionQuery) ([]graph.Path, error) {
	maxHops, limit, err := q.Check()
	if err != nil {
		return nil, err
	}
	var paths []graph.Path
	err = s.readTx(ctx, func(run querier) error {
		paths = []graph.Path{}
		recs, err := run(ctx, endpointsCypher, map[string]any{"ids": []any{q.From, q.To}})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if !boolean(rec, "found") {
				return fmt.Errorf("entity %q: %w", str(rec, "id"), graph.ErrNotFound)
			}
		}
		if q.From == q.To {
			paths = append(paths, graph.Path{Nodes: []string{q.From}, Steps: []graph.Step{}})
			return nil
		}
		recs, err = run(ctx, pathsCypher(maxHops), map[string]any{"from": q.From, "to": q.To, "limit": limit})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			paths = append(paths, graph.Path{Nodes: strs(list(rec, "ids"))})
		}
		sort.SliceStable(paths, func(i, j int) bool { return lessIDs(paths[i].Nodes, paths[j].Nodes) })
		return fillSteps(ctx, run, paths)
	})
	if err != nil {
		return nil, fmt.Errorf("connections %s to %s: %w", q.From, q.To, err)
	}
	return paths, nil
}

func lessIDs(a, b []string) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// fillSteps adds the facts behind each hop of the paths: at most
// graph.MaxLinks per step, newest first (undated last), ties by fact id,
// each with its first source by report id and evidence.
func fillSteps(ctx context.Context, run querier, paths []graph.Path) error {
	type pair struct{ from, to string }
	index := map[pair]int{}
	var pairs []any
	for _, p := range paths {
		for i := 0; i+1 < len(p.Nodes); i++ {
			k := pair{p.Nodes[i], p.Nodes[i+1]}
			if _, ok := index[k]; !ok {
				index[k] = len(pairs)
				pairs = append(pairs, []any{k.from, k.to})
			}
		}
	}
	type link struct {
		graph.Link
		day string
	}
	links := make([][]link, len(pairs))
	if len(pairs) > 0 {
		recs, err := run(ctx, linksCypher, map[string]any{"pairs": pairs})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			v, _ := rec.Get("i")
			i, _ := v.(int64)
			if i < 0 || int(i) >= len(links) {
				continue
			}
			l := link{day: str(rec, "day")}
			l.Type, l.FactID, l.From, l.To = str(rec, "type"), str(rec, "fact"), str(rec, "from"), str(rec, "to")
			l.Date = graph.Date{Value: str(rec, "date"), Precision: graph.Precision(str(rec, "precision"))}
			if srcs := readSources(list(rec, "sources")); len(srcs) > 0 {
				l.Source = srcs[0]
			}
			links[i] = append(links[i], l)
		}
	}
	for _, ls := range links {
		sort.Slice(ls, func(i, j int) bool {
			if ls[i].day != ls[j].day {
				return ls[i].day > ls[j].day
			}
			return ls[i].FactID < ls[j].FactID
		})
	}
	for pi := range paths {
		p := &paths[pi]
		p.Steps = make([]graph.Step, 0, len(p.Nodes)-1)
		for i := 0; i+1 < len(p.Nodes); i++ {
			step := graph.Step{From: p.Nodes[i], To: p.Nodes[i+1], Links: []graph.Link{}}
			for _, l := range links[index[pair{step.From, step.To}]] {
				if len(step.Links) == graph.MaxLinks {
					break
				}
				step.Links = append(step.Links, l.Link)
			}
			p.Steps = append(p.Steps, step)
		}
	}
	return nil
}
