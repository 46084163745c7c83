package graph

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// EncodeCursor makes the opaque cursor of a page from the sort key of its
// last item (base64url JSON): keyset pagination, so a page costs the same
// wherever it starts. Backends share it; its contents are theirs.
func EncodeCursor(key ...string) string {
	b, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor of n keys made by EncodeCursor; "" gives nil.
// Anything else is ErrInvalid.
func DecodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	var key []string
	if err == nil {
		err = json.Unmarshal(b, &key)
	}
	if err != nil || len(key) != n {
		return nil, fmt.Errorf("cursor %q is not one this store made: %w", c, ErrInvalid)
	}
	return key, nil
}
