package neo4j

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/parley/parley/graph"
)

const entityFields = `a.id AS id, a.type AS type, a.name AS name, a.aliases AS aliases,
       a.titles AS titles, a.title_from AS title_from, a.title_to AS title_to,
       a.country AS country, a.folded AS folded`

func readEntity(rec *neo4j.Record) graph.Entity {
	e := graph.Entity{
		ID: str(rec, "id"), Type: graph.EntityType(str(rec, "type")), Name: str(rec, "name"),
		Aliases: sortedStrs(list(rec, "aliases")), Country: str(rec, "country"),
	}
	e.Titles = readTitles(strs(list(rec, "titles")), strs(list(rec, "title_from")), strs(list(rec, "title_to")))
	return e
}

// readTitles reads the parallel lists of an actor's titles and their
// periods, sorted by title; nil if there are none.
func readTitles(names, from, to []string) []graph.Title {
	var out []graph.Title
	at := func(l []string, i int) string {
		if i < len(l) {
			return l[i]
		}
		return ""
	}
	for i, n := range names {
		out = append(out, graph.Title{Title: n, From: at(from, i), To: at(to, i)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

// Entity returns one actor.
func (s *Store) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	ents, err := s.EntitiesByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	e, ok := ents[id]
	if !ok {
		return nil, fmt.Errorf("entity %q: %w", id, graph.ErrNotFound)
	}
	return &e, nil
}

// EntitiesByID returns the stored actors among ids.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
	out, err := entitiesByID(ctx, s.read, ids)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return out, nil
}

const entitiesByIDCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN ` + entityFields

func entitiesByID(ctx context.Context, q querier, ids []string) (map[string]graph.Entity, error) {
	out := map[string]graph.Entity{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := q(ctx, entitiesByIDCypher, map[string]any{"ids": anys(ids)})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		e := readEntity(rec)
		out[e.ID] = e
	}
	return out, nil
}

// The filters of an entity list. A query matches an actor if its folded
// name, one of its folded names or one of their words starts with it.
const entitiesWhere = `
WHERE ($type IS NULL OR a.type = $type)
  AND ($q IS NULL OR a.folded STARTS WITH $q
       OR any(n IN a.names_folded WHERE n STARTS WITH $q)
       OR any(w IN a.words WHERE w STARTS WITH $q))
  AND ($after IS NULL OR a.folded > $after OR (a.folded = $after AND a.id > $afterId))
RETURN ` + entityFields + `
ORDER BY a.folded, a.id
LIMIT $n`

const (
	entitiesCypherScan = `MATCH (a:Actor)` + entitiesWhere
	// A one-word query finds its candidates in the full-text index of
	// actor names (every word of every name), then filters them exactly.
	entitiesCypherIndex = `CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node AS a` + entitiesWhere
)

// oneWord is a folded query the full-text index can answer: one word of
// ASCII letters and digits, which the index's analyzer keeps whole.
var oneWord = regexp.MustCompile(`^[a-z0-9]+$`)

// Entities lists actors by folded name, then id.
func (s *Store) Entities(ctx context.Context, f graph.EntityFilter) (graph.Page[graph.Entity], error) {
	page := graph.Page[graph.Entity]{Items: []graph.Entity{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	after, afterID := cursorParams(cur)
	params := map[string]any{
		"type": nullable(string(f.Type)), "q": nil, "after": after, "afterId": afterID, "n": limit + 1,
	}
	query := entitiesCypherScan
	if f.Query != "" {
		folded := graph.Fold(f.Query)
		if folded == "" {
			return page, nil
		}
		params["q"] = folded
		if oneWord.MatchString(folded) {
			query = entitiesCypherIndex
			params["lucene"] = folded + "*"
		}
	}
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return page, fmt.Errorf("list entities: %w", err)
	}
	for _, rec := range recs {
		if len(page.Items) == limit {
			page.Next = graph.EncodeCursor(str(recs[limit-1], "folded"), page.Items[limit-1].ID)
			break
		}
		page.Items = append(page.Items, readEntity(rec))
	}
	return page, nil
}

const (
	// lookupCypher reads every actor: an alias is an element of the list
	// names_folded, which no index of Neo4j answers.
	lookupCypher = `
CALL {
  MATCH (a:Actor {id: $name}) RETURN a
  UNION
  MATCH (a:Actor) WHERE a.folded = $folded OR $folded IN a.names_folded RETURN a
}
RETURN ` + entityFields + `
ORDER BY a.id`
)

// lookupQuery is what Lookup asks the full-text index for a folded name:
// every word of it that the index keeps whole, each required ("+w1 +w2"),
// or "" if there is none. An actor with that name or alias has each of its
// words in its search_text, so the actors the index gives hold every
// answer; requiring every word, not one, leaves few to filter: with one
// word (the longest), a name such as "tanzanian special envoy zawadi mushi"
// had the filter read the names of every actor with "tanzanian" in one
// (457k db hits for 1,716 names on a graph of 840 reports, against 7.7k).
// Ingest looks up every name of every new actor; reading every actor each
// time made ingest slower the larger the graph.
func lookupQuery(folded string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(folded) {
		// A few words already leave one actor or none; Lucene refuses a
		// query of more than 1,024 clauses.
		if n == maxLookupWords || !oneWord.MatchString(w) {
			continue
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("+" + w)
		n++
	}
	return b.String()
}

// maxLookupWords is how many words of a name lookupQuery requires at most.
const maxLookupWords = 16

// Lookup returns the actors whose id, name or alias folds like name.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.Entity, error) {
	folded := graph.Fold(name)
	if lookupQuery(folded) != "" {
		found, err := s.LookupNames(ctx, []string{name})
		if err != nil {
			return nil, err
		}
		return found[name], nil
	}
	recs, err := s.read(ctx, lookupCypher, map[string]any{"name": name, "folded": folded})
	if err != nil {
		return nil, fmt.Errorf("lookup %q: %w", name, err)
	}
	out := []graph.Entity{}
	for _, rec := range recs {
		out = append(out, readEntity(rec))
	}
	return out, nil
}

// lookupNamesCypher finds the actors of lookupCypher through indexes, for
// many names at once (one row per name and actor found), where each folded
// name has a word the full-text index keeps whole (x.query, see
// lookupQuery): every actor with that name has its words in its
// search_text, so the actors the index gives for them hold every answer.
const lookupNamesCypher = `
UNWIND $names AS x
CALL {
  WITH x
  MATCH (a:Actor {id: x.name}) RETURN a
  UNION
  WITH x
  MATCH (a:Actor) WHERE a.folded = x.folded AND a.id IS NOT NULL RETURN a
  UNION
  WITH x
  CALL db.index.fulltext.queryNodes('actor_names', x.query) YIELD node AS a
  WITH a, x WHERE x.folded IN a.names_folded RETURN a
}
RETURN x.name AS key, ` + entityFields

// LookupNames is Lookup of many names in one query: ingest ties the actors
// of a whole batch of reports with it, one round trip and one transaction
// instead of one per name (which took a fifth of the server's CPU in
// ingest). Every name is a key of the answer, with no actors if none
// answers it.
func (s *Store) LookupNames(ctx context.Context, names []string) (map[string][]graph.Entity, error) {
	out := make(map[string][]graph.Entity, len(names))
	var rows []any
	for _, name := range names {
		if _, ok := out[name]; ok {
			continue
		}
		out[name] = []graph.Entity{}
		folded := graph.Fold(name)
		query := lookupQuery(folded)
		if query == "" {
			// No word the index answers: Lookup reads every actor.
			ents, err := s.Lookup(ctx, name)
			if err != nil {
				return nil, err
			}
			out[name] = ents
			continue
		}
		rows = append(rows, map[string]any{"name": name, "folded": folded, "query": query})
	}
	if len(rows) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, lookupNamesCypher, map[string]any{"names": rows})
	if err != nil {
		return nil, fmt.Errorf("lookup %d names: %w", len(rows), err)
	}
	for _, rec := range recs {
		key := str(rec, "key")
		out[key] = append(out[key], readEntity(rec))
	}
	for _, ents := range out {
		sort.Slice(ents, func(i, j int) bool { return ents[i].ID < ents[j].ID })
	}
	return out, nil
}

const storedEntitiesCypher = `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
RETURN a.id AS id`

// StoredEntities tells which of ids are stored actors, reading only their
// ids (ingest asks it of every actor it extracts).
func (s *Store) StoredEntities(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, storedEntitiesCypher, map[string]any{"ids": anys(ids)})
	if err != nil {
		return nil, fmt.Errorf("stored entities: %w", err)
	}
	for _, rec := range recs {
		out[str(rec, "id")] = true
	}
	return out, nil
}
