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
			if _, ok := other.at[n]; ok {
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
	walkBack(meet, fwd, func(parent, node K) { children[parent] = append(children[parent], node) })
	walkBack(meet, bwd, func(parent, node K) { children[node] = append(children[node], parent) })
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
func walkBack[K cmp.Ordered](meet []K, s *search[K], edge func(parent, node K)) {
	seen := map[K]bool{}
	queue := slices.Clone(meet)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for e := s.nodes[s.at[n]].parents; e >= 0; e = s.links[e].next {
			p := s.links[e].parent
			edge(p, n)
			if !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
	}
}

// search is one side of a bidirectional breadth-first search. What it knows
// of a node is found by one map lookup (at), and its parents are a list
// threaded through one slice (links): a node reached costs a map insert and
// two appends, not a map of depths, a map of parent slices and a slice each.
type search[K cmp.Ordered] struct {
	at       map[K]int32 // node → its entry in nodes
	nodes    []reached
	links    []parentLink[K]
	frontier []K // sorted
	level    int
}

// reached is a node the search has reached: its depth, and the first of its
// links to its neighbours one level nearer the start (-1: none).
type reached struct {
	depth, parents int32
}

// parentLink is a parent of a node, and the index of the next (-1: none).
type parentLink[K cmp.Ordered] struct {
	parent K
	next   int32
}

func newSearch[K cmp.Ordered](start K) *search[K] {
	return &search[K]{at: map[K]int32{start: 0}, nodes: []reached{{depth: 0, parents: -1}}, frontier: []K{start}}
}

// expand visits the next level: the neighbours of the frontier not seen yet.
func (s *search[K]) expand(expand func(frontier []K, visit func(from, to K)) error) error {
	hop := int32(s.level + 1)
	var next []K
	err := expand(s.frontier, func(from, to K) {
		i, seen := s.at[to]
		if seen && s.nodes[i].depth < hop {
			return
		}
		if !seen {
			i = int32(len(s.nodes))
			s.at[to] = i
			s.nodes = append(s.nodes, reached{depth: hop, parents: -1})
			next = append(next, to)
		}
		s.links = append(s.links, parentLink[K]{parent: from, next: s.nodes[i].parents})
		s.nodes[i].parents = int32(len(s.links) - 1)
	})
	if err != nil {
		return err
	}
	s.level++
	slices.Sort(next)
	s.frontier = next
	return nil
}
