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
	fwd, bwd := newSearch(from), newSearch(to)
	var meet []K
	for fwd.level+bwd.level < maxHops && len(fwd.frontier) > 0 && len(bwd.frontier) > 0 {
		side, other := fwd, bwd
		if len(bwd.frontier) < len(fwd.frontier) {
			side, other = bwd, fwd
		}
		if err := side.expand(expand); err != nil {
			return nil, err
		}
		for _, n := range side.frontier {
			if _, ok := other.depth[n]; ok {
				meet = append(meet, n)
			}
		}
		if len(meet) > 0 {
			break
		}
	}
	if len(meet) == 0 {
		return nil, nil
	}
	// Children on shortest paths: toward the middles on from's side, from
	// the middles toward to on the other.
	children := map[K][]K{}
	walkBack(meet, fwd.parents, func(parent, node K) { children[parent] = append(children[parent], node) })
	walkBack(meet, bwd.parents, func(parent, node K) { children[node] = append(children[node], parent) })
	for k, c := range children {
		slices.Sort(c)
		children[k] = slices.Compact(c)
	}
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
		for _, c := range children[last] {
			walk(append(nodes, c))
		}
	}
	walk(append(make([]K, 0, maxHops+1), from))
	return out, nil
}

// walkBack visits, breadth-first from the middles, every link to a parent
// on a shortest path: edge(parent, node) for each.
func walkBack[K cmp.Ordered](meet []K, parents map[K][]K, edge func(parent, node K)) {
	seen := map[K]bool{}
	queue := slices.Clone(meet)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range parents[n] {
			edge(p, n)
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
}

// search is one side of a bidirectional breadth-first search.
type search[K cmp.Ordered] struct {
	depth    map[K]int
	parents  map[K][]K // node → its neighbours one level nearer the start
	frontier []K       // sorted
	level    int
}

func newSearch[K cmp.Ordered](start K) *search[K] {
	return &search[K]{depth: map[K]int{start: 0}, parents: map[K][]K{}, frontier: []K{start}}
}

// expand visits the next level: the neighbours of the frontier not seen yet.
func (s *search[K]) expand(expand func(frontier []K, visit func(from, to K)) error) error {
	hop := s.level + 1
	var next []K
	err := expand(s.frontier, func(from, to K) {
		d, seen := s.depth[to]
		if seen && d < hop {
			return
		}
		if !seen {
			s.depth[to] = hop
			next = append(next, to)
		}
		s.parents[to] = append(s.parents[to], from)
	})
	if err != nil {
		return err
	}
	s.level++
	slices.Sort(next)
	s.frontier = next
	return nil
}
