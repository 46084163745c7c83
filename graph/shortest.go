package graph

import (
	"cmp"
	"slices"
)

// ShortestSequences finds the node sequences of the shortest paths of at
// most maxHops hops from one node to another, in the order of their keys,
// at most limit of them; none if there is no such path. Both stores answer
// Connections with it, each over its own neighbours.
//
// It searches breadth-first from both ends, a level at a time, always on the
// side whose frontier is smaller, until the two meet: the nodes where they
// meet are the middles of every shortest path. A walk in key order over the
// parents on shortest paths then yields the sequences already sorted.
// expand is given a frontier (sorted) and calls visit for every edge from
// one of its nodes to a neighbour; edges are taken in either direction.
func ShortestSequences[K cmp.Ordered](from, to K, maxHops, limit int,
	expand func(frontier []K, visit func(from, to K)) error) ([][]K, error) {
	return ShortestSequencesIn(from, to, maxHops, limit, mapIndex[K]{}, mapIndex[K]{}, nil, expand)
}

// NodeIndex is where one side of a search keeps the entry of each node it
// reached: a map by default (mapIndex); a caller whose nodes are small
// numbers can give arrays (DenseIndex), which cost a load and a store a
// visit rather than a map's hashing and growth (most of the search's time
// at 100k meetings).
type NodeIndex[K cmp.Ordered] interface {
	Lookup(k K) (int32, bool)
	Store(k K, i int32)
}

// ShortestSequencesIn is ShortestSequences with the node indexes of the
// search from each end, empty, and what expanding a frontier costs (nil: its
// length): a caller that knows its nodes' degrees gives their sum, so that
// a frontier of one hub with thousands of neighbours is not taken for
// cheaper than one of three nodes with a few each.
func ShortestSequencesIn[K cmp.Ordered](from, to K, maxHops, limit int, fwdIndex, bwdIndex NodeIndex[K],
	cost func(frontier []K) int, expand func(frontier []K, visit func(from, to K)) error) ([][]K, error) {
	return new(Buffers[K]).ShortestSequencesIn(from, to, maxHops, limit, fwdIndex, bwdIndex, cost, expand)
}

// Buffers are the lists a search from each end grows (the nodes it reached,
// their links to parents, the visits of a level), kept between searches by
// a caller that runs many, with its node indexes: growing them from nothing
// was about a fifth of a search's time at 1M meetings. One search at a time.
type Buffers[K cmp.Ordered] struct {
	nodes   [2][]reached
	links   [2][]parentLink[K]
	pending [2][][2]K
	lists   [2][][]K
	dag     [][2]K
}

// ShortestSequencesIn is the package's ShortestSequencesIn in b's lists.
func (b *Buffers[K]) ShortestSequencesIn(from, to K, maxHops, limit int, fwdIndex, bwdIndex NodeIndex[K],
	cost func(frontier []K) int, expand func(frontier []K, visit func(from, to K)) error) ([][]K, error) {
	return b.shortest(from, to, maxHops, limit, fwdIndex, bwdIndex, cost, expand, nil)
}

// ShortestSequencesOf is ShortestSequencesIn for a caller that holds the
// neighbours of each node as a slice (edges taken either way; the slices
// are only read, and must not change until it returns): the search walks
// each list itself, a call a node of the frontier rather than two calls an
// edge (at 1M meetings a level visits thousands of edges).
func (b *Buffers[K]) ShortestSequencesOf(from, to K, maxHops, limit int, fwdIndex, bwdIndex NodeIndex[K],
	cost func(frontier []K) int, neighbours func(n K) []K) [][]K {
	seqs, _ := b.shortest(from, to, maxHops, limit, fwdIndex, bwdIndex, cost, nil, neighbours)
	return seqs
}

// shortest is the search of ShortestSequencesIn, over expand or, if it is
// nil, neighbours.
func (b *Buffers[K]) shortest(from, to K, maxHops, limit int, fwdIndex, bwdIndex NodeIndex[K],
	cost func(frontier []K) int, expand func(frontier []K, visit func(from, to K)) error, neighbours func(n K) []K) ([][]K, error) {
	if cost == nil {
		cost = func(frontier []K) int { return len(frontier) }
	}
	fwd, bwd := b.search(0, from, fwdIndex), b.search(1, to, bwdIndex)
	defer b.keep(0, fwd)
	defer b.keep(1, bwd)
	var meet []K
	for fwd.level+bwd.level < maxHops && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 {
		side, other := fwd, bwd
		if cost(bwd.frontier) < cost(fwd.frontier) {
			side, other = bwd, fwd
		}
		var err error
		if meet, err = side.expand(other.at, expand, neighbours); err != nil {
			return nil, err
		}
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return nil, nil
	}
	// The edges of shortest paths, parent first, toward the middles on
	// from's side and from them toward to on the other: sorted, the
	// children of a node are one run of them (a sort of a few hundred
	// pairs, where a map of slices hashed each).
	dag := b.dag[:0]
	walkBack(meet, fwd, func(parent, node K) { dag = append(dag, [2]K{parent, node}) })
	walkBack(meet, bwd, func(parent, node K) { dag = append(dag, [2]K{node, parent}) })
	slices.SortFunc(dag, func(x, y [2]K) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	dag = slices.Compact(dag)
	b.dag = dag
	var out [][]K
	var walk func(nodes []K)
	walk = func(nodes []K) {
		if len(out) >= limit {
			return
		}
		last := nodes[len(nodes)-1]
		if last == to {
			out = append(out, slices.Clone(nodes))
			return
		}
		k, _ := slices.BinarySearchFunc(dag, last, func(e [2]K, n K) int { return cmp.Compare(e[0], n) })
		for ; k < len(dag) && dag[k][0] == last; k++ {
			walk(append(nodes, dag[k][1]))
		}
	}
	walk(append(make([]K, 0, maxHops+1), from))
	return out, nil
}

// walkBack visits, breadth-first from the middles, every link to a parent
// on a shortest path: edge(parent, node) for each.
func walkBack[K cmp.Ordered](meet []K, s *search[K], edge func(parent, node K)) {
	queue := slices.Clone(meet)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		i, _ := s.at.Lookup(n)
		for e := s.nodes[i].parents; e >= 0; e = s.links[e].next {
			p := s.links[e].parent
			edge(p, n)
			// Each parent once: marked in its entry, not a map.
			if j, _ := s.at.Lookup(p); !s.nodes[j].walked {
				s.nodes[j].walked = true
				queue = append(queue, p)
			}
		}
	}
}

// search is one side of a bidirectional breadth-first search. What it knows
// of a node is found by one lookup of its index (at), and its parents are a
// list threaded through one slice (links): a node reached costs an insert in
// the index and two appends, not a map of depths, a map of parent slices and
// a slice each.
type search[K cmp.Ordered] struct {
	at       NodeIndex[K] // node → its entry in nodes
	nodes    []reached
	links    []parentLink[K]
	frontier []K // sorted
	level    int
	pending  [][2]K // visits of the level under way, kept if it has no middle
	lists    [][]K  // or the neighbours of each node of the frontier
	meet     []K    // middles found in the level under way
}

// reached is a node the search has reached: its depth, and the first of its
// links to its neighbours one level nearer the start (-1: none).
type reached struct {
	depth, parents int32
	walked         bool // walkBack has queued it
}

// parentLink is a parent of a node, and the index of the next (-1: none).
type parentLink[K cmp.Ordered] struct {
	parent K
	next   int32
}

// search starts side k's search from start in b's lists.
func (b *Buffers[K]) search(k int, start K, at NodeIndex[K]) *search[K] {
	at.Store(start, 0)
	return &search[K]{at: at, nodes: append(b.nodes[k][:0], reached{depth: 0, parents: -1}),
		links: b.links[k][:0], pending: b.pending[k][:0], lists: b.lists[k][:0], frontier: []K{start}}
}

// keep takes back side k's lists, grown, for the next search.
func (b *Buffers[K]) keep(k int, s *search[K]) {
	clear(s.lists) // the caller's slices, not kept past the search
	b.nodes[k], b.links[k], b.pending[k], b.lists[k] = s.nodes[:0], s.links[:0], s.pending[:0], s.lists[:0]
}

// mapIndex is the NodeIndex of any kind of node.
type mapIndex[K cmp.Ordered] map[K]int32

func (m mapIndex[K]) Lookup(k K) (int32, bool) { i, ok := m[k]; return i, ok }
func (m mapIndex[K]) Store(k K, i int32)       { m[k] = i }

// DenseIndex is a NodeIndex of nodes numbered 0 to n-1: an array of n,
// and a bit a node saying if it is in the array. Most lookups are of nodes
// not reached (every neighbour of a level is looked up on the other side),
// and the bits of 100k nodes (12.5 KB) stay in the processor's cache where
// the array (400 KB) does not: a miss costs a load from the cache, not from
// memory. Reset empties it for the next search in the time of the nodes it
// holds, so that one can be reused.
type DenseIndex struct {
	at      []int32  // node -> entry+1; 0: not reached
	bits    []uint64 // bit k: node k is reached
	reached []int32
}

// NewDenseIndex returns an empty DenseIndex of nodes 0 to n-1.
func NewDenseIndex(n int) *DenseIndex {
	return &DenseIndex{at: make([]int32, n), bits: make([]uint64, (n+63)/64)}
}

func (d *DenseIndex) Lookup(k int32) (int32, bool) {
	if d.bits[k>>6]&(1<<(k&63)) == 0 {
		return -1, false
	}
	return d.at[k] - 1, true
}

// firstIn returns the index of the first of ks in the index; -1 if none.
func (d *DenseIndex) firstIn(ks []int32) int {
	for k, n := range ks {
		if d.bits[n>>6]&(1<<(n&63)) != 0 {
			return k
		}
	}
	return -1
}

// Store asks the bits, not the array, whether k is new: at 1M meetings the
// array's entry is seldom in the processor's cache, and a store that misses
// does not stall the search as a load does.
func (d *DenseIndex) Store(k int32, i int32) {
	if w, b := &d.bits[k>>6], uint64(1)<<(k&63); *w&b == 0 {
		*w |= b
		d.reached = append(d.reached, k)
	}
	d.at[k] = i + 1
}

// Reset empties the index.
func (d *DenseIndex) Reset() {
	for _, k := range d.reached {
		d.at[k] = 0
		d.bits[k>>6] = 0
	}
	d.reached = d.reached[:0]
}

// expand visits the next level: the neighbours of the frontier not seen
// yet, by expand or, if it is nil, neighbours. If some of them are nodes the
// other side has reached (other), the two sides meet there: expand returns
// those middles, and keeps only them, with their parents, since only
// shortest paths are wanted. The level where the sides meet is the largest
// (most of a search's visits at 1M meetings), so the other nodes it reaches
// are held aside until the end of the level and only kept, numbered and
// sorted if there is no middle.
func (s *search[K]) expand(other NodeIndex[K], expand func(frontier []K, visit func(from, to K)) error, neighbours func(n K) []K) ([]K, error) {
	s.meet, s.pending, s.lists = nil, s.pending[:0], s.lists[:0]
	if neighbours != nil {
		// Each list is searched for nodes of the other side in one call
		// (firstIn), and kept whole for the end of the level: no call and
		// no append an edge.
		find, _ := other.(firstFinder[K])
		for _, n := range s.frontier {
			ns := neighbours(n)
			for rest := ns; len(rest) > 0; {
				k := firstOf(find, other, rest)
				if k < 0 {
					break
				}
				if s.link(n, rest[k]) { // new here: see visit
					s.meet = append(s.meet, rest[k])
				}
				rest = rest[k+1:]
			}
			if len(s.meet) == 0 {
				s.lists = append(s.lists, ns)
			}
		}
	} else if err := expand(s.frontier, func(from, to K) { s.visit(other, from, to) }); err != nil {
		return nil, err
	}
	if len(s.meet) > 0 {
		s.level++
		return s.meet, nil
	}
	var next []K
	for _, v := range s.pending {
		if s.link(v[0], v[1]) {
			next = append(next, v[1])
		}
	}
	for k, ns := range s.lists { // the lists of the frontier, in its order
		for _, m := range ns {
			if s.link(s.frontier[k], m) {
				next = append(next, m)
			}
		}
	}
	slices.Sort(next)
	s.frontier, s.level = next, s.level+1
	return nil, nil
}

// firstFinder is a NodeIndex that finds the first of a list of nodes it
// holds in one call (DenseIndex).
type firstFinder[K cmp.Ordered] interface {
	firstIn(ks []K) int
}

// firstOf returns the index of the first of ks that at holds (by find, if
// not nil); -1 if none.
func firstOf[K cmp.Ordered](find firstFinder[K], at NodeIndex[K], ks []K) int {
	if find != nil {
		return find.firstIn(ks)
	}
	for k, n := range ks {
		if _, ok := at.Lookup(n); ok {
			return k
		}
	}
	return -1
}

// visit is an edge of the level under way, from a node of the frontier.
func (s *search[K]) visit(other NodeIndex[K], from, to K) {
	// The other side has not reached a node this side has (or they
	// would have met), so a node of other is new here.
	if _, ok := other.Lookup(to); ok {
		if s.link(from, to) {
			s.meet = append(s.meet, to)
		}
		return
	}
	if len(s.meet) == 0 {
		s.pending = append(s.pending, [2]K{from, to})
	}
}

// link records from as a parent of to, a level further than the frontier,
// unless to is nearer; added says if to is new.
func (s *search[K]) link(from, to K) (added bool) {
	hop := int32(s.level + 1)
	i, seen := s.at.Lookup(to)
	if seen && s.nodes[i].depth < hop {
		return false
	}
	if !seen {
		i = int32(len(s.nodes))
		s.at.Store(to, i)
		s.nodes = append(s.nodes, reached{depth: hop, parents: -1})
	}
	s.links = append(s.links, parentLink[K]{parent: from, next: s.nodes[i].parents})
	s.nodes[i].parents = int32(len(s.links) - 1)
	return !seen
}
