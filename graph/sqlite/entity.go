package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
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

// EntitiesByID returns the stored actors among ids: from the name index in
// memory when it is current (a page of 50 costs ~0.5 ms of CPU by SQL at
// 100k actors, ~3 µs a row, and every page of meetings or paths the API
// serves names its actors), else by SQL.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
	if ix := s.searchIndex(ctx); ix != nil {
		return ix.byID(ids), nil
	}
	return s.entitiesSQL(ctx, ids)
}

// entitiesSQL is EntitiesByID answered by SQL.
func (s *Store) entitiesSQL(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
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
	folded := ""
	if f.Query != "" {
		if folded = graph.Fold(f.Query); folded == "" {
			return page, nil
		}
		if ix := s.searchIndex(ctx); ix != nil {
			return ix.page(ix.search(folded, f.Type, cur, limit)), nil
		}
	}
	ids, next, err := s.searchSQL(ctx, folded, f.Type, cur, limit)
	if err != nil {
		return page, err
	}
	ents, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return page, err
	}
	return entityPage(ids, next, ents), nil
}

// searchSQL returns the ids of a page of entities, of those matching a
// folded prefix if it is not "", and the cursor of the next page, by SQL.
func (s *Store) searchSQL(ctx context.Context, folded string, typ graph.EntityType, cur []string, limit int) ([]string, string, error) {
	q := `SELECT e.id, e.folded FROM entities e WHERE 1=1`
	var args []any
	if folded != "" {
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
	if typ != "" {
		q += ` AND e.type = ?`
		args = append(args, string(typ))
	}
	if cur != nil {
		q += ` AND (e.folded > ? OR (e.folded = ? AND e.id > ?))`
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` ORDER BY e.folded, e.id LIMIT ?`
	args = append(args, limit+1)
	var ids, keys []string
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list entities: %w", translate(err))
	}
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			rows.Close()
			return nil, "", err
		}
		ids, keys = append(ids, id), append(keys, key)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list entities: %w", translate(err))
	}
	next := ""
	if len(ids) > limit {
		ids = ids[:limit]
		next = graph.EncodeCursor(keys[limit-1], ids[limit-1])
	}
	return ids, next, nil
}

// entityPage is the page of the entities of ids, in their order.
func entityPage(ids []string, next string, ents map[string]graph.Entity) graph.Page[graph.Entity] {
	page := graph.Page[graph.Entity]{Items: make([]graph.Entity, 0, len(ids)), Next: next}
	for _, id := range ids {
		page.Items = append(page.Items, ents[id])
	}
	return page
}

// nameIndex is what a search by name prefix reads, held in memory: the
// entities in the order of (folded name, id), numbered by that order (their
// rank), and for every distinct alias and search word, sorted, the ranks of
// the entities that have it. A prefix is then a range of ranks (the names)
// and a range of keys of each sorted list, and a page the smallest ranks of
// those ranges, read off the front of a few sorted lists (postings.lists):
// the cost of a search grows with the page, not with how many entities
// share the prefix. Read whole, and again (in the background, while
// searches use SQL) when graph_version says the graph changed.
type nameIndex struct {
	version int64
	ids     []string // rank -> id
	folded  []string // rank -> folded name
	types   []graph.EntityType
	ents    []graph.Entity   // rank -> entity, with its aliases and titles
	rank    map[string]int32 // id -> rank
	aliases postings         // alias folded -> ranks (the name is an alias too)
	words   postings         // search word -> ranks
}

// postings are the ranks of each of a sorted list of keys, and above them a
// tree of the same ranks merged (a merge-sort tree): node j of levels[l]
// holds, sorted and once each, the ranks of keys [j<<(l+1), (j+1)<<(l+1)).
// Any range of keys is then covered by at most two lists a level (the
// usual walk up a segment tree), so a prefix that thousands of keys share
// is read from a few dozen sorted lists rather than collected and sorted.
// The levels hold each rank once a level at most: ~log2(keys) times the
// postings.
type postings struct {
	keys   []string
	start  []int32 // ranks of keys[i]: ranks[start[i]:start[i+1]]
	ranks  []int32
	levels []rankLists
}

// rankLists are lists of ranks cut from one array: list j is
// ranks[start[j]:start[j+1]].
type rankLists struct {
	start []int32
	ranks []int32
}

func (r *rankLists) list(j int) []int32 { return r.ranks[r.start[j]:r.start[j+1]] }

// build makes the levels above the keys' lists.
func (p *postings) build() {
	below := rankLists{start: p.start, ranks: p.ranks}
	for n := len(p.keys); n > 1; n = (n + 1) / 2 {
		up := rankLists{start: make([]int32, 1, (n+1)/2+1), ranks: make([]int32, 0, len(below.ranks))}
		for j := 0; j < n; j += 2 {
			x, y := below.list(j), []int32(nil)
			if j+1 < n {
				y = below.list(j + 1)
			}
			up.ranks = mergeRanks(up.ranks, x, y)
			up.start = append(up.start, int32(len(up.ranks)))
		}
		up.ranks = slices.Clip(up.ranks)
		p.levels = append(p.levels, up)
		below = up
	}
}

// mergeRanks appends to out the union of two sorted lists, once each.
func mergeRanks(out, x, y []int32) []int32 {
	from := len(out)
	for len(x) > 0 || len(y) > 0 {
		var r int32
		switch {
		case len(y) == 0 || len(x) > 0 && x[0] < y[0]:
			r, x = x[0], x[1:]
		case len(x) == 0 || y[0] < x[0]:
			r, y = y[0], y[1:]
		default:
			r, x, y = x[0], x[1:], y[1:]
		}
		if len(out) > from && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	return out
}

// lists appends to out the sorted lists whose union is the ranks of every
// key with the prefix: at most two a level of the tree.
func (p *postings) lists(out [][]int32, prefix string) [][]int32 {
	lo := sort.SearchStrings(p.keys, prefix)
	hi := prefixEnd(p.keys, lo, prefix)
	level := rankLists{start: p.start, ranks: p.ranks}
	for l := 0; lo < hi; l++ {
		if lo&1 == 1 {
			out = append(out, level.list(lo))
			lo++
		}
		if hi&1 == 1 {
			hi--
			out = append(out, level.list(hi))
		}
		if lo >= hi {
			break
		}
		lo, hi, level = lo/2, hi/2, p.levels[l]
	}
	return out
}

// prefixEnd returns the end of the run of sorted keys that have prefix
// and start at lo (keys before lo do not have it). It gallops from lo (1,
// 2, 4... keys on) before a binary search of the last step: a run of a few
// hundred keys costs a few comparisons near lo, not a binary search of
// every key after it (at 1M, 100k names scattered in memory).
func prefixEnd(keys []string, lo int, prefix string) int {
	good, step := lo, 1 // keys[lo:good] have the prefix
	for good+step <= len(keys) && strings.HasPrefix(keys[good+step-1], prefix) {
		good += step
		step *= 2
	}
	// keys[good+step-1] has not, or it is past the end.
	bound := min(good+step, len(keys))
	return good + sort.Search(bound-good, func(i int) bool { return !strings.HasPrefix(keys[good+i], prefix) })
}

// byID returns the entities among ids, as entitiesSQL would.
func (ix *nameIndex) byID(ids []string) map[string]graph.Entity {
	out := make(map[string]graph.Entity, len(ids))
	for _, id := range ids {
		if r, ok := ix.rank[id]; ok {
			out[id] = ix.entity(r)
		}
	}
	return out
}

// entity returns the entity of a rank, with lists of its own (the index is
// shared).
func (ix *nameIndex) entity(r int32) graph.Entity {
	e := ix.ents[r]
	e.Aliases, e.Titles = slices.Clone(e.Aliases), slices.Clone(e.Titles)
	return e
}

// page is the page of the entities of ranks, in their order: read by rank,
// not looked up again by id in a map of every entity. As entity does, it
// gives each entity lists of its own, but cut from one array of aliases and
// one of titles for the whole page, each part capped (an append copies):
// two allocations a page rather than two an entity, most of what a page
// cost besides reading the entities.
func (ix *nameIndex) page(ranks []int32, next string) graph.Page[graph.Entity] {
	page := graph.Page[graph.Entity]{Items: make([]graph.Entity, len(ranks)), Next: next}
	na, nt := 0, 0
	for _, r := range ranks {
		na, nt = na+len(ix.ents[r].Aliases), nt+len(ix.ents[r].Titles)
	}
	aliases, titles := make([]string, 0, na), make([]graph.Title, 0, nt)
	for i, r := range ranks {
		e := ix.ents[r]
		if e.Aliases != nil { // nil stays nil, as SQL gives it
			n := len(aliases)
			aliases = append(aliases, e.Aliases...)
			e.Aliases = aliases[n:len(aliases):len(aliases)]
		}
		if e.Titles != nil {
			n := len(titles)
			titles = append(titles, e.Titles...)
			e.Titles = titles[n:len(titles):len(titles)]
		}
		page.Items[i] = e
	}
	return page
}

// search returns the ranks of a page of entities matching a folded prefix,
// and the cursor of the next page: as the SQL of Entities would.
func (ix *nameIndex) search(prefix string, typ graph.EntityType, cur []string, limit int) ([]int32, string) {
	first := int32(0) // the first rank the page may hold
	if cur != nil {
		first = int32(sort.Search(len(ix.ids), func(r int) bool {
			return ix.folded[r] > cur[0] || ix.folded[r] == cur[0] && ix.ids[r] > cur[1]
		}))
	}
	// Entities whose name has the prefix are a range of ranks, [lo, hi).
	lo := sort.SearchStrings(ix.folded, prefix)
	hi := prefixEnd(ix.folded, lo, prefix)
	names := []int32{int32(max(lo, int(first))), int32(hi)}
	// Those whose aliases or words have it, in sorted lists, each from the
	// first rank the page may hold.
	lists := ix.aliases.lists(make([][]int32, 0, 64), prefix)
	if !strings.Contains(prefix, " ") {
		lists = ix.words.lists(lists, prefix)
	}
	for k, l := range lists {
		i, _ := slices.BinarySearch(l, first)
		lists[k] = l[i:]
	}
	// Merge them: the smallest rank of all the lists' heads, once, until
	// the page and one more (for its cursor) are there.
	var ranks []int32
	for len(ranks) <= limit {
		r := int32(math.MaxInt32)
		if names[0] < names[1] {
			r = names[0]
		}
		for _, l := range lists {
			if len(l) > 0 && l[0] < r {
				r = l[0]
			}
		}
		if r == math.MaxInt32 {
			break
		}
		if names[0] == r {
			names[0]++
		}
		for k, l := range lists {
			for len(l) > 0 && l[0] == r { // a key's list may hold a rank twice (two aliases that fold alike)
				l = l[1:]
			}
			lists[k] = l
		}
		if typ == "" || ix.types[r] == typ {
			ranks = append(ranks, r)
		}
	}
	next := ""
	if len(ranks) > limit {
		ranks = ranks[:limit]
		last := ranks[limit-1]
		next = graph.EncodeCursor(ix.folded[last], ix.ids[last])
	}
	return ranks, next
}

// searchIndex returns the name index if it is up to date; else nil, and it
// is read again in the background, unless a read is under way or the last
// ended less than ten times its length ago (so that a graph written to all
// the time spends at most a tenth of a core on it).
func (s *Store) searchIndex(ctx context.Context) *nameIndex {
	v, err := s.Version(ctx)
	if err != nil {
		return nil
	}
	c := &s.adj
	c.namesMu.Lock()
	defer c.namesMu.Unlock()
	if c.names != nil && c.names.version == v {
		return c.names
	}
	if c.reading || time.Since(c.namesRead) < 10*c.namesTook {
		return nil
	}
	c.reading = true
	go s.readNames(context.Background())
	return nil
}

// readNames reads the name index (its caller has set c.reading) and keeps it.
func (s *Store) readNames(ctx context.Context) error {
	c := &s.adj
	start := time.Now()
	ix, err := s.readNameIndex(ctx)
	c.namesMu.Lock()
	defer c.namesMu.Unlock()
	c.reading = false
	c.namesRead, c.namesTook = time.Now(), time.Since(start)
	if err == nil {
		c.names = ix
	}
	return err
}

// warmNames reads the name index now if the one in memory is not current
// and no read is under way.
func (s *Store) warmNames(ctx context.Context) error {
	v, err := s.Version(ctx)
	if err != nil {
		return err
	}
	c := &s.adj
	c.namesMu.Lock()
	if c.reading || c.names != nil && c.names.version == v {
		c.namesMu.Unlock()
		return nil
	}
	c.reading = true
	c.namesMu.Unlock()
	return s.readNames(ctx)
}

// readNameIndex reads the name index and its version in one read transaction.
func (s *Store) readNameIndex(ctx context.Context) (*nameIndex, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	ix := &nameIndex{}
	if err := tx.QueryRowContext(ctx, `SELECT n FROM graph_version WHERE id = 1`).Scan(&ix.version); err != nil {
		return nil, translate(err)
	}
	rank := map[string]int32{}
	types := map[string]graph.EntityType{}
	rows, err := tx.QueryContext(ctx, `SELECT id, folded, type, name, country FROM entities ORDER BY folded, id`)
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var e graph.Entity
		var folded string
		var typ sql.RawBytes
		if err := rows.Scan(&e.ID, &folded, &typ, &e.Name, &e.Country); err != nil {
			rows.Close()
			return nil, err
		}
		t, ok := types[string(typ)]
		if !ok {
			t = graph.EntityType(typ)
			types[string(t)] = t
		}
		e.Type, e.Aliases = t, []string{}
		rank[e.ID] = int32(len(ix.ids))
		ix.ids, ix.folded, ix.types = append(ix.ids, e.ID), append(ix.folded, folded), append(ix.types, t)
		ix.ents = append(ix.ents, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	ix.rank = rank
	// Aliases and titles, as entitiesSQL reads them.
	rows, err = tx.QueryContext(ctx, `SELECT entity_id, kind, name, first_day, last_day FROM names ORDER BY entity_id, kind, name`)
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var id, kind sql.RawBytes
		var name, first, last string
		if err := rows.Scan(&id, &kind, &name, &first, &last); err != nil {
			rows.Close()
			return nil, err
		}
		r, ok := rank[string(id)]
		if !ok {
			continue
		}
		e := &ix.ents[r]
		switch {
		case string(kind) == "title":
			e.Titles = append(e.Titles, graph.Title{Title: name, From: first, To: last})
		case name != e.Name:
			e.Aliases = append(e.Aliases, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if ix.aliases, err = readPostings(ctx, tx, rank,
		`SELECT folded, entity_id FROM names WHERE kind = 'alias' ORDER BY folded, entity_id`); err != nil {
		return nil, err
	}
	if ix.words, err = readPostings(ctx, tx, rank, `SELECT word, entity_id FROM words ORDER BY word, entity_id`); err != nil {
		return nil, err
	}
	return ix, nil
}

// readPostings reads (key, entity id) rows in key order into postings.
func readPostings(ctx context.Context, tx *sql.Tx, rank map[string]int32, q string) (postings, error) {
	var p postings
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return p, translate(err)
	}
	defer rows.Close()
	var key, id sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&key, &id); err != nil {
			return p, err
		}
		r, ok := rank[string(id)]
		if !ok {
			continue
		}
		if n := len(p.keys); n == 0 || p.keys[n-1] != string(key) {
			p.keys = append(p.keys, string(key))
			p.start = append(p.start, int32(len(p.ranks)))
		}
		p.ranks = append(p.ranks, r)
	}
	if err := rows.Err(); err != nil {
		return p, translate(err)
	}
	p.start = append(p.start, int32(len(p.ranks)))
	// Each key's ranks in order, once each.
	for i := range p.keys {
		rs := p.ranks[p.start[i]:p.start[i+1]]
		slices.Sort(rs)
	}
	p.build()
	return p, nil
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
func chunks[T any](ids []T) [][]T {
	var out [][]T
	for len(ids) > 0 {
		n := min(len(ids), maxVars)
		c := ids[:n]
		if size := 1 << bits.Len(uint(n-1)); size > n {
			c = make([]T, size)
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

func anys[T any](ss []T) []any {
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

// one returns the first string of a row, or ErrNotFound.
func (s *Store) one(ctx context.Context, what, q string, args ...any) (string, error) {
	var v string
	err := s.queryRow(ctx, q, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s: %w", what, graph.ErrNotFound)
	}
	return v, translate(err)
}
