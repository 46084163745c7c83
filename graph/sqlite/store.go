// Package sqlite is the embedded graph store: one SQLite database file,
// through the pure-Go modernc.org/sqlite driver, in WAL mode, with the schema
// of schema/sqlite applied at open.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/schema"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var _ graph.Store = (*Store)(nil)

// Config says where the database file is.
type Config struct {
	// Path of the database file; created if absent.
	Path string
	// Now returns the current time; time.Now if nil.
	Now func() time.Time
}

// Store is a graph.Store over a SQLite file. Writes go through one
// connection (SQLite has one writer); reads use a pool.
type Store struct {
	write *sql.DB
	read  *sql.DB
	now   func() time.Time
	// writes holds PutReport's statements, prepared at Open; reads every
	// read query as it is first run.
	writes, reads *stmtCache
	// adj is the graph's adjacency in memory, for Connections.
	adj adjCache
	// warm reads adj again once writes pause.
	warm warmer
	// file is the database file, read by prewarm; nil if it cannot be opened.
	// It stays open until Close (see prewarm).
	file *os.File
	// version keeps the last version read, good while the WAL index says
	// nothing was written since.
	version versionCache
	// ckpt copies the WAL into the database beside the writer (checkpoint.go).
	ckpt *checkpointer
	// snaps holds a token for each snapshot under way (snapshot.go).
	snaps chan struct{}
}

// Open opens (creating if needed) the database at cfg.Path and applies the schema.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, fmt.Errorf("open sqlite store: empty path: %w", graph.ErrInvalid)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	write, err := sql.Open("sqlite", dsn(cfg.Path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", cfg.Path, err)
	}
	write.SetMaxOpenConns(1)
	if err := applySchema(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", cfg.Path, err)
	}
	read, err := sql.Open("sqlite", dsn(cfg.Path, false))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", cfg.Path, err)
	}
	read.SetMaxOpenConns(readConns())
	read.SetMaxIdleConns(readConns())
	st := &Store{write: write, read: read, now: now, writes: newStmtCache(write), reads: newStmtCache(read),
		snaps: make(chan struct{}, readConns()-1)}
	st.version.open(cfg.Path) // the writer has the database open in WAL mode: its -shm file is there
	if st.ckpt, err = startCheckpointer(cfg.Path, st.version.walPending); err != nil {
		read.Close()
		write.Close()
		st.version.close()
		return nil, fmt.Errorf("open %s: %w", cfg.Path, err)
	}
	if f, err := os.Open(cfg.Path); err == nil {
		st.file = f
	}
	for _, q := range writeSQL {
		if _, err := st.writes.get(ctx, q); err != nil {
			st.Close()
			return nil, fmt.Errorf("open %s: prepare: %w", cfg.Path, err)
		}
	}
	return st, nil
}

// readConns is the size of the pool of read connections: two per core, at
// least 4 and at most 8. Queries use the CPU, not the disk (the file is
// mapped, and warm), so more connections than that only wait for a core; and
// each connection maps the file on its own, so each takes its own page faults
// and page-table entries for the pages it touches: at 1M meetings on 2 cores
// 8 connections faulted twice as often as 3 under the same load, and their
// mappings added up to a peak RSS of 9.6 GB against 4.4 (the same pages of
// the OS cache, counted once per mapping), for the same CPU a request.
func readConns() int {
	return min(8, max(4, 2*runtime.GOMAXPROCS(0)))
}

func dsn(path string, writer bool) string {
	q := url.Values{}
	// No connection checks foreign keys (readers write nothing): PutReports
	// writes what Facts.Bind checked (every fact names listed actors) and
	// every row after those it refers to, and DeleteReport removes what ON
	// DELETE CASCADE would. Checked, every row of a batch probed its
	// parents, and every multi-row statement kept a copy of each page it
	// changed in case a check failed halfway: a fifth of the writer's time.
	q.Add("_pragma", "foreign_keys(0)")
	// Pages stay SQLite's 4 KB. 16 KB pages cut the writer's commits of a
	// 128-report batch (fewer WAL frames) but cost a one-report transaction,
	// as POST /v1/reports writes, a quarter more (BenchmarkIngest/embedded,
	// 70 -> 54 reports/s), and the stream's gain was within the noise.
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Pages are read through the OS page cache mapped into memory rather than
	// copied by a read call each: the first 2 GB of the file, the most the
	// driver's SQLite maps (a 1M-meeting graph is 1.7 GB). Mapping only the
	// first 256 MB left a 1M graph's queries reading most pages with a system
	// call into a 2 MB cache per connection: 2.2 ms p50 for an actor's
	// meetings, against 0.25 ms mapped. The mapping is shared with the OS
	// page cache, so it costs no memory of its own. The writer keeps up to
	// 256 MB of pages of its own: a large graph's indexes are written at
	// scattered places, and a page it must spill and read back costs more
	// than its memory.
	q.Add("_pragma", "mmap_size(2147418112)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if writer {
		q.Add("_pragma", "cache_size(-262144)")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", writerCheckpointFrames)) // see checkpoint.go
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + path + "?" + q.Encode()
}

// applySchema brings the database up to the schema of schema/sqlite: each
// file NNN_*.sql not applied yet (PRAGMA user_version holds the last one
// applied) runs in its own write transaction, which also records its number,
// so a process opening the store at the same time waits and then skips it.
func applySchema(ctx context.Context, db *sql.DB) error {
	names, err := fs.Glob(schema.FS, "sqlite/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	known := 0
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("schema file %s: no leading number", name)
		}
		known = max(known, n)
		ddl, err := fs.ReadFile(schema.FS, name)
		if err != nil {
			return err
		}
		if err := applyOne(ctx, db, n, string(ddl)); err != nil {
			return fmt.Errorf("apply %s: %w", name, err)
		}
	}
	// A store migrated by a newer Parley has tables this binary does not
	// write (005's reports.facts, which deletes read): writing to it would
	// leave facts a later delete cannot find, so it is refused.
	var version int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > known {
		return fmt.Errorf("schema version %d is newer than this Parley knows (%d): use a newer Parley", version, known)
	}
	return nil
}

func applyOne(ctx context.Context, db *sql.DB, n int, ddl string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if n <= version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, n)); err != nil {
		return err
	}
	return tx.Commit()
}

// committed is told of each transaction that changed the graph: the
// in-memory indexes are read again once writes pause (warm.go), and the
// checkpointer looks at how much of the WAL waits (checkpoint.go).
func (s *Store) committed() {
	s.wrote()
	s.ckpt.wrote()
}

// Close closes the database.
func (s *Store) Close() error {
	s.warm.stop()
	err := errors.Join(s.ckpt.stop(), s.reads.close(), s.writes.close(), s.read.Close(), s.write.Close())
	s.version.close()
	if s.file != nil {
		s.file.Close()
	}
	return err
}

// translate maps driver errors to the graph's sentinel errors.
func translate(err error) error {
	if errors.Is(err, sql.ErrConnDone) {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			return fmt.Errorf("%w: %v", graph.ErrConflict, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
		}
	}
	return err
}

// inWriteTx runs fn in a write transaction whose statements are prepared,
// committing if it returns nil.
func (s *Store) inWriteTx(ctx context.Context, fn func(w *writeTx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return fn(&writeTx{ctx: ctx, tx: tx, cache: s.writes, stmts: map[string]*sql.Stmt{}})
	})
}

// inTx runs fn in a write transaction, committing if it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return translate(err)
	}
	return translate(tx.Commit())
}
