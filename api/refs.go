package api

import (
	"context"
	"slices"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

// maxRefs bounds the actors a refCache holds; past it, it starts over.
const maxRefs = 1 << 20

// versioned is a store that counts its changes: Version is a number that
// every write, by any process, makes larger. A refCache over such a store
// notices writes that do not go through this server too.
type versioned interface {
	Version(ctx context.Context) (int64, error)
}

// refCache keeps the name and type of the actors the API has named, so that
// a page of meetings does not read every participant's names from the store
// again (EntitiesByID was most of the API's own cost of a page).
//
// It never answers with a name older than a write: a write through this
// server (any request but GET, HEAD, OPTIONS) empties it when it begins and
// when it ends, and while any write is under way the cache is neither read
// nor filled; names read from the store are kept only if no write began or
// ended meanwhile. Over a versioned store, a change of its version (a write
// of another process) empties it as well. A read request reads the version
// once, at its first lookup (see readVersion): a write that ended before the
// request began is seen; one that ends while it runs may or may not be, as
// with the store's other answers.
type refCache struct {
	store   graph.Store
	version versioned // nil if the store has no version

	mu      sync.Mutex
	refs    map[string]ref
	gen     uint64 // bumped whenever the refs are thrown away
	writing int    // writes under way
	seen    int64  // the store version the refs are of
}

// versionOf is st's version, nil if it has none; through measuredStore too.
func versionOf(st graph.Store) versioned {
	if m, ok := st.(*measuredStore); ok {
		st = m.Store
	}
	v, _ := st.(versioned)
	return v
}

func newRefCache(st graph.Store, v versioned) *refCache {
	return &refCache{store: st, version: v, refs: map[string]ref{}}
}

// lookup names the actors of ids that the store holds: from the cache, then
// from the store for the others (kept for the next time when that is safe).
func (c *refCache) lookup(ctx context.Context, ids []string) (names, error) {
	v, err := c.readVersion(ctx)
	if err != nil {
		return nil, err
	}
	n := make(names, len(ids))
	var missing []string
	c.mu.Lock()
	usable := c.writing == 0 && v >= c.seen
	if usable && v > c.seen {
		c.reset()
		c.seen = v
	}
	gen := c.gen
	for _, id := range ids {
		if r, ok := c.refs[id]; ok && usable {
			n[id] = r
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return n, nil
	}
	slices.Sort(missing)
	missing = slices.Compact(missing)
	ents, err := c.store.EntitiesByID(ctx, missing)
	if err != nil {
		return nil, err
	}
	for id, e := range ents {
		n[id] = ref{ID: id, Name: e.Name, Type: string(e.Type)}
	}
	if !usable {
		return n, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.writing > 0 {
		return n, nil // a write began or ended: what was read may be older
	}
	if len(c.refs)+len(ents) > maxRefs {
		c.reset()
	}
	for _, id := range missing {
		if r, ok := n[id]; ok {
			c.refs[id] = r
		}
	}
	return n, nil
}

// versionKey keys a read request's *seenVersion in its context.
type versionKey struct{}

// seenVersion is the store version a read request has seen.
type seenVersion struct {
	v  int64
	ok bool
}

// readVersion is the store's version (0 if it has none), read once per read
// request: a request names actors two or three times (its parameters, then
// its answer), and reading the version was a query each time.
func (c *refCache) readVersion(ctx context.Context) (int64, error) {
	if c.version == nil {
		return 0, nil
	}
	seen, _ := ctx.Value(versionKey{}).(*seenVersion)
	if seen != nil && seen.ok {
		return seen.v, nil
	}
	v, err := c.version.Version(ctx)
	if err != nil {
		return 0, err
	}
	if seen != nil {
		seen.v, seen.ok = v, true
	}
	return v, nil
}

// reset throws the refs away; c.mu is held.
func (c *refCache) reset() {
	clear(c.refs)
	c.gen++
}

// write brackets a request that may change the graph.
func (c *refCache) write(next func()) {
	c.mu.Lock()
	c.writing++
	c.reset()
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.writing--
		c.reset()
		c.mu.Unlock()
	}()
	next()
}

// forgetNames is the middleware that keeps the name cache honest: every
// request that may write runs inside refCache.write; a read reads the store's
// version once (readVersion).
func (s *Server) forgetNames(c *gin.Context) {
	if !isWrite(c.Request.Method) {
		if s.refs.version != nil {
			c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), versionKey{}, &seenVersion{}))
		}
		c.Next()
		return
	}
	s.refs.write(c.Next)
}
