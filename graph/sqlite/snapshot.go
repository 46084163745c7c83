package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// A read of several queries sees one version of the graph only if its
// queries run in one read transaction. Each query on its own takes a
// connection of the pool and sees the graph as of its own start, so a write
// that commits between two of them (a report deleted beside a read) shows
// the second a graph the first did not see: a page of statements whose
// sources were deleted after their rows were read, an actor listed by a
// search and gone when its names are read. Snapshot makes the queries of a
// context one transaction.

// versionSQL reads the graph's change counter (see Version).
const versionSQL = `SELECT n FROM graph_version WHERE id = 1`

// snapshotKey keys a *snapshot in a context.
type snapshotKey struct{}

// snapshot is a read transaction of one store, begun by its first query.
type snapshot struct {
	s  *Store
	mu sync.Mutex
	tx *sql.Tx // nil until the first query, and after end
	// version is the graph version the transaction sees, once read (known).
	version int64
	known   bool
	ended   bool
	// began is the WAL index as the transaction began (see txVersion).
	began walMark
}

// Snapshot returns a context whose queries of s run in one read
// transaction, and so see one version of the graph, until end is called.
// Within a snapshot of s it returns ctx itself (and an end that does
// nothing), so a method that takes one may call another that does. The API
// takes one for each read request, so that all its reads (the actors of its
// parameters, the answer, the actors' names) agree.
//
// The transaction begins with the first query: a request answered from the
// caches in memory (the adjacency, the name index) costs nothing more (a
// transaction begun for each request was a quarter of the CPU of such
// requests). A cache is used only if it is of the version Version answers:
// until the transaction begins, the graph's, as outside a snapshot; after,
// the transaction's. So a read that took a cache and then queries must ask
// Version again after its queries, as commonMeetings does: a write may have
// committed between the version it was given and the transaction's first
// query.
func (s *Store) Snapshot(ctx context.Context) (_ context.Context, end func(), err error) {
	ctx, end = s.snapshot(ctx)
	return ctx, end, nil
}

// snapshot is Snapshot, which cannot fail (its error is for other stores,
// whose snapshots may).
func (s *Store) snapshot(ctx context.Context) (context.Context, func()) {
	if s.snapshotOf(ctx) != nil {
		return ctx, func() {}
	}
	snap := &snapshot{s: s}
	return context.WithValue(ctx, snapshotKey{}, snap), snap.end
}

// withoutSnapshot returns ctx without the snapshot it carries, if any: its
// queries each read the graph as it is when they run.
func withoutSnapshot(ctx context.Context) context.Context {
	return context.WithValue(ctx, snapshotKey{}, (*snapshot)(nil))
}

// snapshotOf is the snapshot of s that ctx carries, nil if none.
func (s *Store) snapshotOf(ctx context.Context) *snapshot {
	snap, _ := ctx.Value(snapshotKey{}).(*snapshot)
	if snap == nil || snap.s != s {
		return nil
	}
	return snap
}

// begin returns the snapshot's transaction, beginning it if need be; nil
// after end (a query then runs on its own).
//
// A transaction holds a connection of the pool, so at most one fewer
// transactions than connections are under way at once (the others wait for
// one to end): a read that needs a connection of its own while snapshots
// wait for it (the adjacency, read under a lock that readers wait on, see
// adjacency) always finds one free.
func (snap *snapshot) begin(ctx context.Context) (*sql.Tx, error) {
	snap.mu.Lock()
	defer snap.mu.Unlock()
	if snap.tx != nil || snap.ended {
		return snap.tx, nil
	}
	select {
	case snap.s.snaps <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The transaction is ended by end, not by ctx: database/sql rolls a
	// transaction back when its context ends, and the queries after that
	// would fail with ErrTxDone instead of ctx's error. Each query still
	// runs under ctx.
	snap.began = snap.s.version.mark()
	tx, err := snap.s.read.BeginTx(context.WithoutCancel(ctx), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		<-snap.s.snaps
		return nil, translate(err)
	}
	snap.tx = tx
	return tx, nil
}

// end ends the transaction, if one began.
func (snap *snapshot) end() {
	snap.mu.Lock()
	defer snap.mu.Unlock()
	if snap.tx != nil {
		snap.tx.Rollback()
		<-snap.s.snaps
		snap.tx = nil
	}
	snap.ended = true
}

// txVersion is the graph version the snapshot's transaction sees, read in
// it once; ok is false if the transaction has not begun.
func (snap *snapshot) txVersion(ctx context.Context) (v int64, ok bool, err error) {
	snap.mu.Lock()
	tx, known, v := snap.tx, snap.known, snap.version
	snap.mu.Unlock()
	if tx == nil || known {
		return v, known, nil
	}
	// The transaction's first query (which begin is called by, and which
	// fixed what it sees) ran after its mark was taken: if no transaction
	// committed since (the WAL index is the same), it sees the graph as it
	// was then, whose version Version knows unless it changed since it
	// last read it. Else read the version in the transaction (that query
	// was 0.09 s of the 0.41 s of Entities in a profile of pages of actors
	// by SQL).
	if v, ok := snap.s.version.unchangedSince(snap.began); ok {
		snap.mu.Lock()
		snap.version, snap.known = v, true
		snap.mu.Unlock()
		return v, true, nil
	}
	if err := snap.s.queryRow(ctx, versionSQL).Scan(&v); err != nil { // in the transaction
		return 0, false, fmt.Errorf("graph version: %w", translate(err))
	}
	snap.mu.Lock()
	snap.version, snap.known = v, true
	snap.mu.Unlock()
	return v, true, nil
}

// stmt is q prepared for tx: the statement the store's cache holds
// (database/sql prepares it once per connection), or nil if the cache is
// full.
func (snap *snapshot) stmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	st, err := snap.s.reads.get(ctx, q)
	if err != nil || st == nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st), nil
}
