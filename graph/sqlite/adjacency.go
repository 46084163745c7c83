package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"sync"
)

// sqlBumpVersion marks a change of the graph; every write transaction runs it.
const sqlBumpVersion = `UPDATE graph_version SET n = n + 1 WHERE id = 1`

// adjacency is the graph's relations held in memory: for every actor, the
// actors one hop away over MET_WITH, SUPPORTS and STATED-ABOUT, either way.
// Connections searches it instead of joining tables level by level, so the
// search costs memory reads, not B-tree seeks. It is read whole from the
// database, and read again when graph_version says the graph changed.
type adjacency struct {
	version int64
	ids     []string         // actor index -> id
	index   map[string]int32 // id -> actor index
	next    [][]int32        // actor index -> neighbours, sorted, unique
}

// adjCache holds the last adjacency read; one reader at a time rebuilds it.
type adjCache struct {
	mu  sync.Mutex
	adj *adjacency
}

// adjacency returns the graph's adjacency as of now.
func (s *Store) adjacency(ctx context.Context) (*adjacency, error) {
	var v int64
	if err := s.queryRow(ctx, `SELECT n FROM graph_version WHERE id = 1`).Scan(&v); err != nil {
		return nil, translate(err)
	}
	s.adj.mu.Lock()
	defer s.adj.mu.Unlock()
	if a := s.adj.adj; a != nil && a.version == v {
		return a, nil
	}
	a, err := s.readAdjacency(ctx)
	if err != nil {
		return nil, err
	}
	s.adj.adj = a
	return a, nil
}

// readAdjacency reads the adjacency and its version in one read transaction.
func (s *Store) readAdjacency(ctx context.Context) (*adjacency, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	a := &adjacency{index: map[string]int32{}}
	if err := tx.QueryRowContext(ctx, `SELECT n FROM graph_version WHERE id = 1`).Scan(&a.version); err != nil {
		return nil, translate(err)
	}
	node := func(id string) int32 {
		i, ok := a.index[id]
		if !ok {
			i = int32(len(a.ids))
			a.index[id] = i
			a.ids = append(a.ids, id)
			a.next = append(a.next, nil)
		}
		return i
	}
	link := func(x, y int32) {
		if x != y {
			a.next[x] = append(a.next[x], y)
			a.next[y] = append(a.next[y], x)
		}
	}
	// Participants of held meetings, meeting by meeting (the primary key's order).
	rows, err := tx.QueryContext(ctx, `SELECT a.meeting_id, a.entity_id FROM attended a
		JOIN meetings m ON m.id = a.meeting_id AND m.status = 'held' ORDER BY a.meeting_id`)
	if err != nil {
		return nil, translate(err)
	}
	var cur string
	var group []int32
	for rows.Next() {
		var mid, eid string
		if err := rows.Scan(&mid, &eid); err != nil {
			rows.Close()
			return nil, err
		}
		if mid != cur {
			cur, group = mid, group[:0]
		}
		e := node(eid)
		for _, o := range group {
			link(o, e)
		}
		group = append(group, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for _, q := range []string{
		`SELECT supporter_id, supported_id FROM supports`,
		`SELECT s.speaker_id, ab.entity_id FROM statements s JOIN about ab ON ab.statement_id = s.id`,
	} {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, translate(err)
		}
		for rows.Next() {
			var x, y string
			if err := rows.Scan(&x, &y); err != nil {
				rows.Close()
				return nil, err
			}
			link(node(x), node(y))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
	}
	for i, n := range a.next {
		slices.Sort(n)
		a.next[i] = slices.Clip(slices.Compact(n))
	}
	return a, nil
}

// neighbours calls visit for every neighbour of every actor of frontier.
func (a *adjacency) neighbours(frontier []string, visit func(from, to string)) {
	for _, id := range frontier {
		i, ok := a.index[id]
		if !ok {
			continue
		}
		for _, j := range a.next[i] {
			visit(id, a.ids[j])
		}
	}
}
