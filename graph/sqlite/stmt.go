package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// maxCached bounds the statements a cache keeps prepared: queries over lists
// of ids have one text per list length, and the rare long lists are not worth
// a prepared statement each.
const maxCached = 256

// stmtCache keeps statements prepared on one database, by their SQL text:
// SQLite spends longer parsing and planning a small query than running it.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}}
}

// get returns the prepared statement of q, preparing it if needed; nil if
// the cache is full.
func (c *stmtCache) get(ctx context.Context, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.m[q]
	full := len(c.m) >= maxCached
	c.mu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[q]; ok {
		st.Close()
		return old, nil
	}
	c.m[q] = st
	return st, nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
	return nil
}

// query runs a read query through the cache, in ctx's snapshot if it has one.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if snap := s.snapshotOf(ctx); snap != nil {
		tx, err := snap.begin(ctx)
		if err != nil {
			return nil, err
		}
		if tx != nil {
			st, err := snap.stmt(ctx, tx, q)
			if err != nil {
				return nil, err
			}
			if st == nil {
				return tx.QueryContext(ctx, q, args...)
			}
			return st.QueryContext(ctx, args...)
		}
	}
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.read.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a read query of one row through the cache, in ctx's
// snapshot if it has one.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if snap := s.snapshotOf(ctx); snap != nil {
		// A *sql.Row cannot carry an error of ours: if the transaction
		// cannot begin (ctx ended while waiting for it, or the store is
		// closing), the query runs on its own and reports the cause.
		if tx, err := snap.begin(ctx); err == nil && tx != nil {
			st, err := snap.stmt(ctx, tx, q)
			if err != nil || st == nil {
				return tx.QueryRowContext(ctx, q, args...) // reports the same error
			}
			return st.QueryRowContext(ctx, args...)
		}
	}
	st, err := s.reads.get(ctx, q)
	if err != nil || st == nil {
		return s.read.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// writeTx is a write transaction that runs its statements prepared: each
// text is prepared once per connection, and reused by every transaction.
type writeTx struct {
	ctx   context.Context
	tx    *sql.Tx
	cache *stmtCache
	stmts map[string]*sql.Stmt
}

// exec runs a statement in the transaction.
func (w *writeTx) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

// queryRow runs a statement of one row in the transaction.
func (w *writeTx) queryRow(q string, args ...any) *sql.Row {
	st, err := w.stmt(q)
	if err != nil {
		return w.tx.QueryRowContext(w.ctx, q, args...) // reports the same error
	}
	return st.QueryRowContext(w.ctx, args...)
}

// stmt returns q prepared in the transaction.
func (w *writeTx) stmt(q string) (*sql.Stmt, error) {
	st, ok := w.stmts[q]
	if !ok {
		if w.cache != nil {
			if shared := w.cache.peek(q); shared != nil {
				st = w.tx.StmtContext(w.ctx, shared)
			}
		}
		if st == nil {
			var err error
			if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
				return nil, err
			}
		}
		w.stmts[q] = st
	}
	return st, nil
}

// peek returns the prepared statement of q if the cache holds it.
func (c *stmtCache) peek(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[q]
}

// query runs a statement that returns rows in the transaction.
func (w *writeTx) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

// rowChunks are the numbers of rows a multi-row statement is prepared for:
// a batch's rows go out in the largest that fit, so that three texts serve
// any number of rows. Each statement run costs about as much again as the
// row it writes (database/sql, the driver, the VM's setup), so a batch of
// thousands of rows runs ~60 times fewer of them.
var rowChunks = [...]int{64, 8, 1}

// multiRow is a statement over a list of rows: head, then the row
// placeholders joined by commas, then tail. An INSERT's head ends in
// VALUES; an UPDATE's list can be that of an IN.
type multiRow struct {
	width int // arguments per row
	texts [len(rowChunks)]string
}

func newMultiRow(head, row, tail string) *multiRow {
	m := &multiRow{width: strings.Count(row, "?")}
	for i, n := range rowChunks {
		m.texts[i] = head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + tail
	}
	return m
}

// chunk returns the text for the most rows that fit in n, and how many.
func (m *multiRow) chunk(n int) (string, int) {
	for i, k := range rowChunks {
		if k <= n {
			return m.texts[i], k
		}
	}
	return "", 0
}

// execRows runs m over rows of m.width arguments each, in order.
func (w *writeTx) execRows(m *multiRow, args []any) error {
	for len(args) > 0 {
		q, k := m.chunk(len(args) / m.width)
		if _, err := w.exec(q, args[:k*m.width]...); err != nil {
			return err
		}
		args = args[k*m.width:]
	}
	return nil
}
