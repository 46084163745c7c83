package sqlite

import (
	"context"
	"database/sql"
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

// query runs a read query through the cache.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.reads.get(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return s.read.QueryContext(ctx, q, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a read query of one row through the cache.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
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
