package api

import (
	"context"
	"sync"
	"testing"

	"github.com/parley/parley/graph"
)

// nameStore is a store of actors' names only, that counts the names it is
// asked for; with versioned set, it has a version that SetName bumps.
type nameStore struct {
	graph.Store
	mu      sync.Mutex
	names   map[string]string
	asked   int
	version int64
	// during, if set, runs inside EntitiesByID after the names are read.
	during func()
}

func (s *nameStore) EntitiesByID(_ context.Context, ids []string) (map[string]graph.Entity, error) {
	s.mu.Lock()
	out := map[string]graph.Entity{}
	for _, id := range ids {
		s.asked++
		if n, ok := s.names[id]; ok {
			out[id] = graph.Entity{ID: id, Name: n, Type: graph.Person}
		}
	}
	during := s.during
	s.mu.Unlock()
	if during != nil {
		during()
	}
	return out, nil
}

func (s *nameStore) setName(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.names[id] = name
	s.version++
}

func (s *nameStore) askedFor() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.asked
}

type versionedStore struct{ *nameStore }

func (s versionedStore) Version(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, nil
}

func mustName(t *testing.T, c *refCache, id, want string) {
	t.Helper()
	n, err := c.lookup(context.Background(), []string{id, id})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.ref(id); got.Name != want {
		t.Fatalf("name of %s = %q, want %q", id, got.Name, want)
	}
}

func TestRefCacheKeepsNames(t *testing.T) {
	st := &nameStore{names: map[string]string{"person:a": "A"}}
	c := newRefCache(st, nil)
	mustName(t, c, "person:a", "A")
	mustName(t, c, "person:a", "A")
	mustName(t, c, "person:none", "person:none") // not held: its id, and asked again
	mustName(t, c, "person:none", "person:none")
	if got := st.askedFor(); got != 3 {
		t.Fatalf("store asked for %d names, want 3 (a once, none twice)", got)
	}
}

func TestRefCacheForgetsOnWrite(t *testing.T) {
	st := &nameStore{names: map[string]string{"person:a": "A"}}
	c := newRefCache(st, nil)
	mustName(t, c, "person:a", "A")
	c.write(func() {
		st.setName("person:a", "B")
		mustName(t, c, "person:a", "B") // during the write: from the store
	})
	mustName(t, c, "person:a", "B")
	c.write(func() { st.setName("person:a", "C") })
	mustName(t, c, "person:a", "C")
}

// A read that began before a write and ended after it began may hold the
// old name: it must not be kept.
func TestRefCacheDropsReadsAcrossWrites(t *testing.T) {
	st := &nameStore{names: map[string]string{"person:a": "A"}}
	c := newRefCache(st, nil)
	st.during = func() {
		st.during = nil
		c.write(func() { st.setName("person:a", "B") })
	}
	mustName(t, c, "person:a", "A") // read before the write: answered as it was
	mustName(t, c, "person:a", "B") // but not kept
}

func TestRefCacheFollowsStoreVersion(t *testing.T) {
	st := &nameStore{names: map[string]string{"person:a": "A"}}
	vs := versionedStore{st}
	if versionOf(NewMetrics().Store(vs)) == nil {
		t.Fatal("a measured store hides the version of the store it wraps")
	}
	c := newRefCache(st, versionOf(vs))
	mustName(t, c, "person:a", "A")
	mustName(t, c, "person:a", "A")
	if got := st.askedFor(); got != 1 {
		t.Fatalf("store asked for %d names, want 1", got)
	}
	st.setName("person:a", "B") // another process writes
	mustName(t, c, "person:a", "B")
}

// countingVersion counts the reads of a store's version.
type countingVersion struct {
	versionedStore
	reads int
}

func (s *countingVersion) Version(ctx context.Context) (int64, error) {
	s.reads++
	return s.versionedStore.Version(ctx)
}

// A read request reads the version once however many names it looks up; the
// next request reads it again, and sees a write made in between.
func TestRefCacheReadsVersionOncePerRequest(t *testing.T) {
	st := &nameStore{names: map[string]string{"person:a": "A"}}
	vs := &countingVersion{versionedStore: versionedStore{st}}
	c := newRefCache(st, vs)
	request := func() context.Context { // as forgetNames makes for a read
		return context.WithValue(context.Background(), versionKey{}, &seenVersion{})
	}
	name := func(ctx context.Context, id string) string {
		t.Helper()
		n, err := c.lookup(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return n.ref(id).Name
	}
	ctx := request()
	for range 3 {
		if got := name(ctx, "person:a"); got != "A" {
			t.Fatalf("name = %q, want A", got)
		}
	}
	if vs.reads != 1 {
		t.Fatalf("version read %d times in one request, want 1", vs.reads)
	}
	st.setName("person:a", "B") // another process writes
	if got := name(request(), "person:a"); got != "B" {
		t.Fatalf("next request: name = %q, want B", got)
	}
	if vs.reads != 2 {
		t.Fatalf("version read %d times in two requests, want 2", vs.reads)
	}
}

// TestRefOfMissingActor checks that an actor the store no longer holds (a
// delete between two reads of one request) is named by its id with the type
// its id begins with, as the schema requires a type.
func TestRefOfMissingActor(t *testing.T) {
	n := names{}
	if got, want := n.ref("person:mohammed-shia-al-sudani"), (ref{ID: "person:mohammed-shia-al-sudani", Name: "person:mohammed-shia-al-sudani", Type: "person"}); got != want {
		t.Errorf("ref of a missing person = %+v, want %+v", got, want)
	}
	if got := n.ref("nonsense"); got.Type != "" || got.Name != "nonsense" {
		t.Errorf("ref of an id of no known type = %+v, want its own name and no type", got)
	}
}
