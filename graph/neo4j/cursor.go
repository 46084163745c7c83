package neo4j

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/parley/parley/graph"
)

// A cursor is the sort key of the last item of a page, as base64url JSON:
// keyset pagination, so a page costs the same wherever it starts.
func encodeCursor(key ...string) string {
	b, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of n keys; "" gives nil.
func decodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	var key []string
	if err == nil {
		err = json.Unmarshal(b, &key)
	}
	if err != nil || len(key) != n {
		return nil, fmt.Errorf("cursor %q is not one this store made: %w", c, graph.ErrInvalid)
	}
	return key, nil
}

// cursorParams gives the $after and $afterId parameters of a keyset query:
// nil when there is no cursor.
func cursorParams(cur []string) (after, afterID any) {
	if cur == nil {
		return nil, nil
	}
	return cur[0], cur[1]
}
