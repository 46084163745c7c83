// Package neo4j is the graph store over a Neo4j 5 server, through the
// official Go driver (Bolt). The model, as it shows in Neo4j Browser, is
// described in schema/neo4j/README.md; its constraints and indexes are the
// Cypher files of schema/neo4j, applied at Open.
//
// Other packages import it as graphneo4j.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/schema"
)

var _ graph.Store = (*Store)(nil)

// Config says which Neo4j to use.
type Config struct {
	// URI of the server: neo4j://, neo4j+s://, bolt:// or bolt+s://.
	URI string
	// User and Password; with User empty, no authentication is sent.
	User, Password string
	// Database to use; DefaultDatabase if empty.
	Database string
	// Now returns the current time; time.Now if nil.
	Now func() time.Time
}

// DefaultDatabase is the database used when Config.Database is empty.
const DefaultDatabase = "neo4j"

// Driver timeouts. Managed transactions are retried on transient errors
// (deadlocks between concurrent ingests, a server restarting) for retryTime.
const (
	retryTime      = 10 * time.Second
	connectTimeout = 3 * time.Second
	acquireTimeout = 15 * time.Second
)

// Store is a graph.Store over one Neo4j database. It holds one driver, whose
// connection pool is safe for concurrent use; every call names the database.
type Store struct {
	drv neo4j.DriverWithContext
	db  string
	now func() time.Time
	// recheck is set when the server was unreachable: it may come back
	// as a new, empty database without the schema, so the next call
	// applies the schema again (every statement is IF NOT EXISTS).
	recheck atomic.Bool
	// writing admits one write transaction of this process at a time.
	// Concurrent ingests of overlapping reports lock the same actor nodes
	// and deadlock each other in Neo4j (the driver retries them, but under
	// load the retries run out); queued here, they do not. Writers in other
	// processes are still safe: MERGE under uniqueness constraints, retried.
	writing chan struct{}
	// readConfig is the session of every auto-commit read (see read).
	readConfig neo4j.SessionConfig
}

// Open connects to the server, checks that it answers and applies the schema.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.URI == "" {
		return nil, fmt.Errorf("open neo4j store: empty URI: %w", graph.ErrInvalid)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		// Fail within seconds, not a minute, when the server is away:
		// callers (the API) answer 503 and the client retries.
		c.MaxTransactionRetryTime = retryTime
		c.SocketConnectTimeout = connectTimeout
		c.ConnectionAcquisitionTimeout = acquireTimeout
	})
	if err != nil {
		return nil, fmt.Errorf("open neo4j store %s: %v: %w", cfg.URI, err, graph.ErrInvalid)
	}
	s := &Store{drv: drv, db: cfg.Database, now: cfg.Now, writing: make(chan struct{}, 1)}
	if s.db == "" {
		s.db = DefaultDatabase
	}
	s.readConfig = neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead}
	if s.now == nil {
		s.now = time.Now
	}
	if err := drv.VerifyConnectivity(ctx); err != nil {
		drv.Close(context.Background())
		return nil, fmt.Errorf("open neo4j store %s: %w", cfg.URI, unavailable(err))
	}
	if err := s.applySchema(ctx); err != nil {
		drv.Close(context.Background())
		return nil, fmt.Errorf("open neo4j store %s: %w", cfg.URI, err)
	}
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.drv.Close(context.Background())
}

// applySchema runs every statement of schema/neo4j/*.cypher, in file order,
// then waits for the indexes to be online. Schema statements cannot share a
// transaction with others, so each runs in its own.
func (s *Store) applySchema(ctx context.Context) error {
	names, err := fs.Glob(schema.FS, "neo4j/*.cypher")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(schema.FS, name)
		if err != nil {
			return err
		}
		for _, stmt := range statements(string(b)) {
			if _, err := s.query(ctx, stmt, nil); err != nil {
				return fmt.Errorf("apply %s: %w", name, err)
			}
		}
	}
	if _, err := s.query(ctx, `CALL db.awaitIndexes(60)`, nil); err != nil {
		return fmt.Errorf("wait for indexes: %w", err)
	}
	return nil
}

// ready applies the schema again if the server was away since it was last
// applied, and notes an unreachable server for next time.
func (s *Store) ready(ctx context.Context) error {
	if s.recheck.Load() {
		if err := s.applySchema(ctx); err != nil {
			return s.noteErr(err)
		}
		s.recheck.Store(false)
	}
	return nil
}

// noteErr remembers that the server was unreachable, and returns err.
func (s *Store) noteErr(err error) error {
	if errors.Is(err, graph.ErrUnavailable) {
		s.recheck.Store(true)
	}
	return err
}

// statements splits a Cypher file into statements: comment lines dropped,
// each statement ending with ";" at the end of a line.
func statements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(t)
		cur.WriteByte(' ')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, t)
	}
	return out
}

// run executes one query in its own managed transaction (retried on
// transient errors) and returns its records.
func (s *Store) run(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	recs, err := s.query(ctx, query, params)
	return recs, s.noteErr(err)
}

// query executes one query in its own managed transaction.
func (s *Store) query(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.drv, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.db))
	if err != nil {
		return nil, translate(err)
	}
	return res.Records, nil
}

// read executes one read-only query as an auto-commit transaction: RUN and
// PULL go out together, one round trip, where a managed transaction
// (ExecuteQuery, ExecuteRead) adds a COMMIT (and ExecuteRead a BEGIN that
// waits for its answer), each a round trip and a message the server
// handles. One query reads one consistent state either way. Auto-commit
// transactions are not retried by the driver: on an error it would retry
// (a server restarting, a leader change), the query runs again through
// ExecuteQuery, which retries for retryTime. No bookmark manager: the
// store's writes use none, so its reads had none to wait for.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	recs, err := s.autoRead(ctx, query, params)
	if err != nil && neo4j.IsRetryable(err) && ctx.Err() == nil {
		var res *neo4j.EagerResult
		res, err = neo4j.ExecuteQuery(ctx, s.drv, query, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.db), neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithoutBookmarkManager())
		if err == nil {
			recs = res.Records
		}
	}
	if err != nil {
		return nil, s.noteErr(translate(err))
	}
	return recs, nil
}

// autoRead runs one query in an auto-commit read transaction and returns its
// records.
func (s *Store) autoRead(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	sess := s.drv.NewSession(ctx, s.readConfig)
	defer sess.Close(context.Background())
	res, err := sess.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// write runs fn in one managed write transaction: all or nothing, retried
// by the driver on transient errors (deadlocks, leader changes).
func (s *Store) write(ctx context.Context, fn func(tx neo4j.ManagedTransaction) error) error {
	select {
	case s.writing <- struct{}{}:
		defer func() { <-s.writing }()
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := s.ready(ctx); err != nil {
		return err
	}
	sess := s.drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(context.Background())
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(tx)
	})
	return s.noteErr(translate(err))
}

// exec runs one statement inside a transaction, discards its records and
// returns how many relationships it created.
func exec(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (int, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return 0, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return 0, err
	}
	return sum.Counters().RelationshipsCreated(), nil
}

// collect runs one statement inside a transaction and returns its records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// translate maps driver errors to the graph's sentinel errors, keeping the
// driver's error in the chain. Errors already carrying a sentinel pass.
func translate(err error) error {
	if err == nil {
		return nil
	}
	for _, sentinel := range []error{graph.ErrNotFound, graph.ErrInvalid, graph.ErrConflict, graph.ErrUnavailable} {
		if errors.Is(err, sentinel) {
			return err
		}
	}
	var connErr *neo4j.ConnectivityError
	var limit *neo4j.TransactionExecutionLimit
	var neoErr *neo4j.Neo4jError
	switch {
	case errors.As(err, &connErr):
		return unavailable(err)
	case errors.As(err, &limit):
		// Retries ran out: the server kept failing transiently or went away.
		for _, e := range limit.Errors {
			if t := translate(e); errors.Is(t, graph.ErrConflict) {
				return t
			}
		}
		return unavailable(err)
	case errors.As(err, &neoErr):
		switch {
		case neoErr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return fmt.Errorf("%w: %v", graph.ErrConflict, err)
		case strings.HasPrefix(neoErr.Code, "Neo.TransientError."),
			neoErr.Code == "Neo.ClientError.Database.DatabaseNotFound",
			neoErr.Code == "Neo.ClientError.Cluster.NotALeader":
			return unavailable(err)
		}
	}
	return err
}

func unavailable(err error) error {
	return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
}
