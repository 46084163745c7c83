package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

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
	out := map[string]graph.Entity{}
	for _, chunk := range chunks(ids) {
		rows, err := s.query(ctx,
			`SELECT id, type, name, country FROM entities WHERE id IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("entities: %w", translate(err))
		}
		for rows.Next() {
			var e graph.Entity
			var typ string
			if err := rows.Scan(&e.ID, &typ, &e.Name, &e.Country); err != nil {
				rows.Close()
				return nil, err
			}
			e.Type = graph.EntityType(typ)
			e.Aliases, e.Titles = []string{}, nil
			out[e.ID] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
		rows, err = s.query(ctx,
			`SELECT entity_id, kind, name, first_day, last_day FROM names WHERE entity_id IN (`+placeholders(len(chunk))+`) ORDER BY entity_id, kind, name`,
			anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("entity names: %w", translate(err))
		}
		for rows.Next() {
			var id, kind, name, first, last string
			if err := rows.Scan(&id, &kind, &name, &first, &last); err != nil {
				rows.Close()
				return nil, err
			}
			e, ok := out[id]
			if !ok {
				continue
			}
			switch {
			case kind == "title":
				e.Titles = append(e.Titles, graph.Title{Title: name, From: first, To: last})
			case name != e.Name:
				e.Aliases = append(e.Aliases, name)
			}
			out[id] = e
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
	}
	return out, nil
}

// Entities lists actors by name, optionally those matching a name prefix.
func (s *Store) Entities(ctx context.Context, f graph.EntityFilter) (graph.Page[graph.Entity], error) {
	page := graph.Page[graph.Entity]{Items: []graph.Entity{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	q := `SELECT e.id, e.folded FROM entities e WHERE 1=1`
	var args []any
	if f.Query != "" {
		folded := graph.Fold(f.Query)
		if folded == "" {
			return page, nil
		}
		hi := folded + "\U0010FFFF"
		if len(folded) <= shortQuery {
			// A short prefix matches many actors: walk them in order and
			// stop at the page's end, rather than gather every match.
			// An alias has a word starting with the prefix if it starts
			// with it or has it after a space.
			q += ` AND (e.folded >= ? AND e.folded < ?
				OR EXISTS (SELECT 1 FROM names n WHERE n.entity_id = e.id AND n.kind = 'alias'
					AND (n.folded >= ? AND n.folded < ? OR instr(n.folded, ' ' || ?) > 0)))`
			args = append(args, folded, hi, folded, hi, folded)
		} else {
			q += ` AND (e.folded >= ? AND e.folded < ?
				OR e.id IN (SELECT entity_id FROM names WHERE kind = 'alias' AND folded >= ? AND folded < ?)
				OR e.id IN (SELECT entity_id FROM words WHERE word >= ? AND word < ?))`
			args = append(args, folded, hi, folded, hi, folded, hi)
		}
	}
	if f.Type != "" {
		q += ` AND e.type = ?`
		args = append(args, string(f.Type))
	}
	if cur != nil {
		q += ` AND (e.folded > ? OR (e.folded = ? AND e.id > ?))`
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` ORDER BY e.folded, e.id LIMIT ?`
	args = append(args, limit+1)
	type key struct{ id, folded string }
	var keys []key
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("list entities: %w", translate(err))
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.id, &k.folded); err != nil {
			rows.Close()
			return page, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list entities: %w", translate(err))
	}
	if len(keys) > limit {
		keys = keys[:limit]
		page.Next = graph.EncodeCursor(keys[limit-1].folded, keys[limit-1].id)
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	ents, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return page, err
	}
	for _, id := range ids {
		page.Items = append(page.Items, ents[id])
	}
	return page, nil
}

// shortQuery is the longest folded search prefix that Entities treats as
// matching many actors.
const shortQuery = 2

// Lookup returns the actors whose id, name or alias folds like name.
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.Entity, error) {
	folded := graph.Fold(name)
	ids, err := s.ids(ctx, `
		SELECT id FROM entities WHERE id = ? OR folded = ?
		UNION SELECT entity_id FROM names WHERE kind = 'alias' AND folded = ?
		ORDER BY 1`, name, folded, folded)
	if err != nil {
		return nil, fmt.Errorf("lookup %q: %w", name, err)
	}
	ents, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []graph.Entity{}
	for _, id := range ids {
		if e, ok := ents[id]; ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// maxVars bounds the bound parameters of one statement.
const maxVars = 512

// chunks cuts ids into lists of at most maxVars for IN (...) lists, each
// padded with its last id to a power of two: a query over a list has one
// text per length, and a handful of lengths keeps every text prepared in the
// statement cache instead of parsed and planned on every call (IN ignores
// the repeats).
func chunks(ids []string) [][]string {
	var out [][]string
	for len(ids) > 0 {
		n := min(len(ids), maxVars)
		c := ids[:n]
		if size := 1 << bits.Len(uint(n-1)); size > n {
			c = make([]string, size)
			copy(c, ids[:n])
			for i := n; i < size; i++ {
				c[i] = ids[n-1]
			}
		}
		out = append(out, c)
		ids = ids[n:]
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// one returns the first string of a row, or ErrNotFound.
func (s *Store) one(ctx context.Context, what, q string, args ...any) (string, error) {
	var v string
	err := s.queryRow(ctx, q, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s: %w", what, graph.ErrNotFound)
	}
	return v, translate(err)
}
