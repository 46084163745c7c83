package neo4j

import (
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Helpers that read values of records; a missing or null value reads as
// the zero value.

func str(r *neo4j.Record, key string) string {
	v, _ := r.Get(key)
	s, _ := v.(string)
	return s
}

func boolean(r *neo4j.Record, key string) bool {
	v, _ := r.Get(key)
	b, _ := v.(bool)
	return b
}

func list(r *neo4j.Record, key string) []any {
	v, _ := r.Get(key)
	l, _ := v.([]any)
	return l
}

// strs reads a list of strings.
func strs(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// sortedStrs reads a list of strings, sorted and without duplicates.
func sortedStrs(v any) []string {
	out := strs(v)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[n-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

// nullable maps "" to a Cypher null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// anys converts strings to a Cypher list parameter.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
