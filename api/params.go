package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

// query checks that a request names only known parameters, each at most
// once unless repeatable, with valid UTF-8 values of sane length.
func query(c *gin.Context, allowed ...string) (url.Values, error) {
	q := c.Request.URL.Query()
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[strings.TrimSuffix(a, "*")] = true
	}
	for k, vs := range q {
		if !ok[k] {
			return nil, fmt.Errorf("unknown parameter %q (this endpoint takes %s): %w", k, strings.Join(allowed, ", "), graph.ErrInvalid)
		}
		if len(vs) > 1 && !contains(allowed, k+"*") {
			return nil, fmt.Errorf("parameter %q given %d times, want once: %w", k, len(vs), graph.ErrInvalid)
		}
		for _, v := range vs {
			if !utf8.ValidString(v) || len(v) > 1000 {
				return nil, fmt.Errorf("parameter %q: not valid UTF-8 or longer than 1000 bytes: %w", k, graph.ErrInvalid)
			}
		}
	}
	return q, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// intParam reads an optional integer parameter.
func intParam(q url.Values, name string) (int, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("parameter %s=%q: want a positive whole number: %w", name, v, graph.ErrInvalid)
	}
	return n, nil
}

// boolParam reads an optional boolean parameter.
func boolParam(q url.Values, name string) (bool, error) {
	switch v := q.Get(name); v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	default:
		return false, fmt.Errorf("parameter %s=%q: want true or false: %w", name, v, graph.ErrInvalid)
	}
}

// actor resolves an id, name or alias to one actor's id: an exact id first,
// then a name or alias folded alike, then a name prefix that only one actor
// has. No match is ErrNotFound; several are an AmbiguousError.
func (s *Server) actor(ctx context.Context, param, v string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "", fmt.Errorf("parameter %s is empty: %w", param, graph.ErrInvalid)
	}
	if n, err := s.lookupNames(ctx, []string{v}); err == nil {
		if _, ok := n[v]; ok {
			return v, nil
		}
	}
	found, err := s.store.Lookup(ctx, v)
	if err != nil {
		return "", err
	}
	if len(found) == 0 {
		page, err := s.store.Entities(ctx, graph.EntityFilter{Query: v, Limit: 10})
		if err != nil {
			return "", err
		}
		found = page.Items
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("no actor is named %q: %w", v, graph.ErrNotFound)
	case 1:
		return found[0].ID, nil
	}
	return "", &graph.AmbiguousError{Name: v, Candidates: found}
}
