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

// neighboursCypher lists, for each actor of a frontier, the distinct actors
// one hop from it over every relation, in either direction: one row per
// actor of the frontier, each neighbour once however many facts join them
// (the relationships of a dense node are grouped by type, so a hub's other
// relationships are not read; its neighbours' ids are read once each).
const neighboursCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN id, COLLECT { MATCH (a)-[:MET_WITH|SUPPORTS|STATED_ABOUT]-(b) WITH DISTINCT b RETURN b.id } AS ns`

// linksCypher lists the newest facts between the two actors of each step,
// at most graph.MaxLinks of them (newest first, undated last, ties by fact
// id, as fillSteps orders them), each with its sources: both actors are
// found by id and every relation between them is read between the two
// (Expand(Into), from the side with fewer relationships of the type); the
// sources are read only for the facts kept.
var linksCypher = `
UNWIND range(0, size($pairs) - 1) AS i
CALL {
  WITH i
  MATCH (a:Actor {id: $pairs[i][0]}), (b:Actor {id: $pairs[i][1]})
  CALL {
    WITH a, b
    MATCH (a)-[w:MET_WITH]-(b)
    MATCH (m:Meeting {id: w.meeting})
    RETURN 'MET_WITH' AS type, m.id AS fact, a.id AS from, b.id AS to,
           coalesce(toString(m.date_start), '') AS day, m AS node, null AS rel
    UNION ALL
    WITH a, b
    MATCH (a)-[p:SUPPORTS]-(b)
    RETURN 'SUPPORTS' AS type, p.id AS fact, startNode(p).id AS from, endNode(p).id AS to,
           '' AS day, null AS node, p AS rel
    UNION ALL
    WITH a, b
    MATCH (a)-[x:STATED_ABOUT]-(b)
    MATCH (s:Statement {id: x.statement})
    RETURN 'STATED_ABOUT' AS type, s.id AS fact, startNode(x).id AS from, endNode(x).id AS to,
           coalesce(toString(s.date_start), '') AS day, s AS node, null AS rel
  }
  WITH type, fact, from, to, day, node, rel
  ORDER BY day DESC, fact
  LIMIT ` + maxLinksText + `
  RETURN type, fact, from, to, day, node.date AS date, node.precision AS precision,
         CASE WHEN rel IS NULL
           THEN COLLECT { MATCH (node)-[y:SOURCED_FROM]->(r:Report) RETURN [r.id, y.evidence, y.rule] }
           ELSE [k IN range(0, size(rel.reports) - 1) | [rel.reports[k], rel.evidences[k], rel.rules[k]]]
         END AS sources
}
RETURN i, type, fact, from, to, date, precision, day, sources`

// maxLinksText is graph.MaxLinks in query text: a constant, not input.
var maxLinksText = strconv.Itoa(graph.MaxLinks)

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
		nodes, err := shortestSequences(ctx, run, q.From, q.To, maxHops, limit)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			paths = append(paths, graph.Path{Nodes: n})
		}
		return fillSteps(ctx, run, paths)
	})
	if err != nil {
		return nil, fmt.Errorf("connections %s to %s: %w", q.From, q.To, err)
	}
	return paths, nil
}

// shortestSequences returns the actor sequences of the shortest paths of at
// most maxHops hops from one actor to another, in the order of their ids, at
// most limit of them (none if there is no such path): graph.ShortestSequences,
// one query per level of the search.
func shortestSequences(ctx context.Context, run querier, from, to string, maxHops, limit int) ([][]string, error) {
	return graph.ShortestSequences(from, to, maxHops, limit, func(frontier []string, visit func(from, to string)) error {
		recs, err := run(ctx, neighboursCypher, map[string]any{"ids": anys(frontier)})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			from := str(rec, "id")
			for _, v := range list(rec, "ns") {
				to, _ := v.(string)
				visit(from, to)
			}
		}
		return nil
	})
}

// fillSteps adds the facts behind each hop of the paths: at most
// graph.MaxLinks per step, newest first (undated last), ties by fact id,
// each with its first source by report id and evidence.
func fillSteps(ctx context.Context, run querier, paths []graph.Path) error {
	return fillStepsBy(ctx, run, paths, linksCypher)
}

// fillStepsBy is fillSteps with the query that reads the links of the
// steps (parameter pairs: [from, to] per step; columns i, type, fact,
// from, to, date, precision, day, sources).
func fillStepsBy(ctx context.Context, run querier, paths []graph.Path, cypher string) error {
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
		recs, err := run(ctx, cypher, map[string]any{"pairs": pairs})
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
