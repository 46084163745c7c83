package ingest

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
)

// BatchSize is how many documents IngestBatch is best given at once: enough
// to spread a store's commit over many reports, few enough that a batch
// stays a small transaction. The reports of a batch share the pages they
// write (the names of the actors they have in common, the index pages
// their facts land on) and the store reads it asks once a batch, so a
// report costs less in a larger batch: at 256 a stream of 1,280 synthetic
// reports took ~10% less CPU a report than at 128, although its first
// batch is read and its last written with nothing beside them. At 256 a
// batch holds the store's one writer for ~0.5 s.
const BatchSize = 256

// Outcome is what ingesting one document of a batch did.
type Outcome struct {
	Result
	// Err is why this document was not stored (ErrInvalid for a document
	// that is not a report, or facts the model cannot hold).
	Err error
}

// IngestBatch ingests documents together: it extracts them side by side, one
// extraction per core, ties each one's actors to the stored graph and to the
// documents before it in the batch, and stores them all with one PutReports,
// each report whole or not at all. Outcome i is for docs[i]; the error is for
// the batch as a whole (the store unavailable), when nothing was stored.
func (p *Pipeline) IngestBatch(ctx context.Context, docs []document.Document) ([]Outcome, error) {
	b, err := p.prepare(ctx, docs, nil, nil)
	if err != nil {
		return nil, err
	}
	return b.store(ctx, p.store)
}

// prepared is a batch read and ready to store.
type prepared struct {
	out   []Outcome
	batch []*graph.ReportFacts
	index []int // batch position → document position
	// put stores the batch staged (nil: PutReports).
	put func(ctx context.Context) ([]graph.PutOutcome, error)
}

// prepare extracts a batch and readies its facts for storing. Actors are
// tied to the stored graph, to those of earlier documents of the batch, and
// to after: the actors of the batch before, which may not be stored yet.
// writing, if not nil, is open while the store writes the batch before (see
// extractAll).
func (p *Pipeline) prepare(ctx context.Context, docs []document.Document, after [][]graph.Entity, writing <-chan struct{}) (*prepared, error) {
	b := &prepared{out: make([]Outcome, len(docs))}
	reports := make([]graph.Report, len(docs))
	facts := make([]*graph.Facts, len(docs))
	p.extractAll(docs, writing, func(i int, f *graph.Facts) {
		reports[i] = Report(docs[i])
		if err := reports[i].Validate(); err != nil {
			b.out[i].Err = err
			return
		}
		facts[i] = f
	})
	names := newBatchNames(p.store)
	for _, ents := range after {
		names.add(ents)
	}
	if err := names.prefetch(ctx, facts); err != nil {
		return nil, err
	}
	for i := range docs {
		if b.out[i].Err != nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := p.finish(ctx, names, &reports[i], facts[i]); err != nil {
			b.out[i].Err = err
			continue
		}
		names.add(facts[i].Entities)
		b.batch = append(b.batch, &graph.ReportFacts{Report: reports[i], Facts: *facts[i]})
		b.index = append(b.index, i)
	}
	return b, nil
}

// Stager is a store that can ready a batch before its turn to be written
// (see sqlite.Store.StageReports): a Stream has it done while the store
// writes the batch before.
type Stager interface {
	StageReports(batch []*graph.ReportFacts) func(ctx context.Context) ([]graph.PutOutcome, error)
}

// stage readies the batch for st, if st can.
func (b *prepared) stage(st graph.Store) {
	if s, ok := st.(Stager); ok && len(b.batch) > 0 {
		b.put = s.StageReports(b.batch)
	}
}

// store writes a prepared batch.
func (b *prepared) store(ctx context.Context, st graph.Store) ([]Outcome, error) {
	if len(b.batch) == 0 {
		return b.out, nil
	}
	put := b.put
	if put == nil {
		put = func(ctx context.Context) ([]graph.PutOutcome, error) { return st.PutReports(ctx, b.batch) }
	}
	puts, err := put(ctx)
	if err != nil {
		return nil, err
	}
	for j, put := range puts {
		i := b.index[j]
		b.out[i].Result = Result{ReportID: put.ReportID, Created: put.Created, Facts: b.batch[j].Facts.Count()}
		b.out[i].Err = put.Err
	}
	return b.out, nil
}

// Stream ingests documents as they come, in batches of BatchSize, reading
// the next batch while the store writes the last one. It is for one
// goroutine.
type Stream struct {
	ctx  context.Context
	p    *Pipeline
	done func(doc document.Document, o Outcome)
	docs []document.Document
	// The batch being written, if any: its documents, its actors, and
	// where its outcomes go.
	last     *prepared
	pending  []document.Document
	lastEnts [][]graph.Entity
	written  chan error
	// writing is closed when the batch being written is stored.
	writing chan struct{}
}

// Stream returns a stream that calls done with the outcome of every document,
// in the order they were added. A batch the store failed as a whole gives
// each of its documents that error.
func (p *Pipeline) Stream(ctx context.Context, done func(doc document.Document, o Outcome)) *Stream {
	return &Stream{ctx: ctx, p: p, done: done}
}

// Add queues a document; a full batch is read and handed to the store.
func (s *Stream) Add(doc document.Document) {
	s.docs = append(s.docs, doc)
	if len(s.docs) >= BatchSize {
		s.flush()
	}
}

// Close ingests what is queued and waits for the store.
func (s *Stream) Close() error {
	s.flush()
	s.wait()
	return s.ctx.Err()
}

func (s *Stream) flush() {
	docs := s.docs
	s.docs = nil
	if len(docs) == 0 {
		return
	}
	b, err := s.p.prepare(s.ctx, docs, s.lastEnts, s.writing)
	if err == nil {
		b.stage(s.p.store)
	}
	s.wait()
	if err != nil {
		s.report(docs, nil, err)
		return
	}
	s.lastEnts = s.lastEnts[:0]
	for _, rf := range b.batch {
		s.lastEnts = append(s.lastEnts, rf.Facts.Entities)
	}
	s.last, s.written, s.writing = b, make(chan error, 1), make(chan struct{})
	go func(written chan<- error, writing chan<- struct{}) {
		_, err := b.store(s.ctx, s.p.store)
		close(writing)
		written <- err
	}(s.written, s.writing)
	s.pending = docs
}

// wait waits for the batch being written and reports its outcomes.
func (s *Stream) wait() {
	if s.written == nil {
		return
	}
	err := <-s.written
	s.written, s.writing = nil, nil
	s.report(s.pending, s.last.out, err)
}

func (s *Stream) report(docs []document.Document, out []Outcome, err error) {
	for i, d := range docs {
		if err != nil {
			s.done(d, Outcome{Err: err})
			continue
		}
		s.done(d, out[i])
	}
}

// extractAll runs the extractor over docs on every core; done gets each
// document's facts (nil for an empty text) as it is read. While writing is
// open (a Stream's store writing the batch before, on one core), one core
// fewer extracts until it closes: the store's single writer is what limits
// a stream, and one extraction more than there are free cores takes its
// share of the writer's core. The extractions (~0.5 ms a synthetic report),
// tying and staging (~0.8 ms) fit in the writer's time (~2 ms) on the
// other core.
func (p *Pipeline) extractAll(docs []document.Document, writing <-chan struct{}, done func(i int, f *graph.Facts)) {
	work := make(chan int)
	fed := make(chan struct{}) // closed once every document is handed out
	var wg sync.WaitGroup
	extractEach := func() {
		defer wg.Done()
		for i := range work {
			d := docs[i]
			done(i, p.x.Extract(extract.Input{Text: d.Text, Published: d.Published, Title: d.Title}))
		}
	}
	n := min(runtime.GOMAXPROCS(0), len(docs))
	if writing != nil && n > 1 {
		n--
		wg.Add(1)
		go func() {
			select {
			case <-writing:
				extractEach()
			case <-fed:
				wg.Done()
			}
		}()
	}
	for range n {
		wg.Add(1)
		go extractEach()
	}
	for i := range docs {
		work <- i
	}
	close(work)
	close(fed)
	wg.Wait()
}

// batchNames are the stored actors and those of the batch's documents read
// so far, so that a batch ties its actors as one document after another
// would: a name the third document gives can join an actor the first one
// introduced. It remembers what it asked the store, since the documents of
// a batch name many of the same actors; nothing is written to the store
// until the batch is, so its answers hold for the whole batch.
type batchNames struct {
	store  Names
	byID   map[string]graph.Entity
	byName map[string][]string // folded name or alias → ids
	named  map[[2]string]bool  // [id, name or alias] indexed in byName
	stored map[string]bool     // what the store said of an id
	lookup map[string][]graph.Entity
	// country is the stored country of an actor of the batch ("" if none
	// or not stored), asked once a batch.
	country map[string]string
}

func newBatchNames(st Names) *batchNames {
	return &batchNames{store: st, byID: map[string]graph.Entity{}, byName: map[string][]string{}, named: map[[2]string]bool{},
		stored: map[string]bool{}, lookup: map[string][]graph.Entity{}, country: map[string]string{}}
}

// add records the actors of a document of the batch. An actor named again
// keeps the names it had, and gains those it had not: each name is folded
// and indexed once a batch, however many documents give it.
func (b *batchNames) add(ents []graph.Entity) {
	for _, e := range ents {
		old, ok := b.byID[e.ID]
		aliases := old.Aliases // b's own slice, made below, not the facts'
		if !ok {
			aliases = make([]string, 0, len(e.Aliases))
		}
		for i, n := range append([]string{e.Name}, e.Aliases...) {
			k := [2]string{e.ID, n}
			if b.named[k] {
				continue
			}
			b.named[k] = true
			if i > 0 {
				aliases = append(aliases, n)
			}
			if k := graph.Fold(n); !slices.Contains(b.byName[k], e.ID) {
				b.byName[k] = append(b.byName[k], e.ID)
			}
		}
		if ok && old.Country != "" {
			e.Country = old.Country // the first known stays, as in the store
		}
		e.Aliases = aliases
		b.byID[e.ID] = e
	}
}

// EntitiesByID is the store's answer, with the batch's actors for the ids
// the store does not hold. (Resolve asks StoredEntities instead.)
func (b *batchNames) EntitiesByID(ctx context.Context, ids []string) (map[string]graph.Entity, error) {
	got, err := b.store.EntitiesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if _, ok := got[id]; ok {
			continue
		}
		if e, ok := b.byID[id]; ok {
			got[id] = e
		}
	}
	return got, nil
}

// StoredEntities tells which of ids are stored or named by the batch so
// far. What it asks the store, it remembers for the batch.
func (b *batchNames) StoredEntities(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	var ask []string
	for _, id := range ids {
		if stored, ok := b.stored[id]; ok {
			out[id] = stored
			continue
		}
		ask = append(ask, id)
	}
	if len(ask) > 0 {
		got, err := storedIDs(ctx, b.store, ask)
		if err != nil {
			return nil, err
		}
		for _, id := range ask {
			b.stored[id] = got[id]
			out[id] = got[id]
		}
	}
	for _, id := range ids {
		if _, ok := b.byID[id]; ok {
			out[id] = true
		}
	}
	return out, nil
}

// NamesLookup is what a store may offer to look up many names at once (see
// graphneo4j.Store.LookupNames): for a store over the network, a batch's
// questions in two round trips instead of one per actor and per name.
// Every name asked is a key of the answer.
type NamesLookup interface {
	LookupNames(ctx context.Context, names []string) (map[string][]graph.Entity, error)
}

// prefetch asks a store that can look up many names at once what Resolve
// will ask of the batch's documents: which of their actors are stored, and
// every name of those that are not. Answers are remembered as Lookup and
// StoredEntities would remember them, so the answers are the same; other
// stores are asked name by name, as before.
func (b *batchNames) prefetch(ctx context.Context, facts []*graph.Facts) error {
	many, ok := b.store.(NamesLookup)
	if !ok {
		return nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, f := range facts {
		if f == nil {
			continue
		}
		for _, e := range f.Entities {
			if !seen[e.ID] {
				seen[e.ID] = true
				ids = append(ids, e.ID)
			}
		}
	}
	if _, err := b.StoredEntities(ctx, ids); err != nil {
		return err
	}
	var names []string
	asked := map[string]bool{}
	clear(seen)
	for _, f := range facts {
		if f == nil {
			continue
		}
		for _, e := range f.Entities {
			if _, ok := b.byID[e.ID]; ok || b.stored[e.ID] || seen[e.ID] {
				// Resolve keeps it as it is: stored, or named by a
				// document before (see add).
				continue
			}
			seen[e.ID] = true
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if _, ok := b.lookup[n]; !ok && !asked[n] {
					asked[n] = true
					names = append(names, n)
				}
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	got, err := many.LookupNames(ctx, names)
	if err != nil {
		return err
	}
	for _, n := range names {
		if ents, ok := got[n]; ok {
			b.lookup[n] = ents
		}
	}
	return nil
}

func (b *batchNames) Lookup(ctx context.Context, name string) ([]graph.Entity, error) {
	folded := graph.Fold(name)
	stored, ok := b.lookup[name]
	if !ok {
		var err error
		if stored, err = b.store.Lookup(ctx, name); err != nil {
			return nil, err
		}
		b.lookup[name] = stored
	}
	out := slices.Clone(stored)
	for _, id := range b.byName[folded] {
		if !slices.ContainsFunc(out, func(e graph.Entity) bool { return e.ID == id }) {
			e := b.byID[id]
			c, err := b.storedCountry(ctx, id)
			if err != nil {
				return nil, err
			}
			if c != "" {
				e.Country = c
			}
			out = append(out, e)
		}
	}
	if e, ok := b.byID[name]; ok && !slices.ContainsFunc(out, func(x graph.Entity) bool { return x.ID == name }) {
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y graph.Entity) int { return strings.Compare(x.ID, y.ID) })
	return out, nil
}

// storedCountry is the country the store holds for an actor, which stays
// whatever a later report says (the store keeps an actor's first known
// country): a batch's actor that the store knows is matched by it, as it
// would be one document after another.
func (b *batchNames) storedCountry(ctx context.Context, id string) (string, error) {
	if c, ok := b.country[id]; ok {
		return c, nil
	}
	if known, ok := b.stored[id]; ok && !known {
		b.country[id] = ""
		return "", nil
	}
	got, err := b.store.EntitiesByID(ctx, []string{id})
	if err != nil {
		return "", err
	}
	b.country[id] = got[id].Country
	return got[id].Country, nil
}
