package neo4j

// cursorParams gives the $after and $afterId parameters of a keyset query:
// nil when there is no cursor.
func cursorParams(cur []string) (after, afterID any) {
	if cur == nil {
		return nil, nil
	}
	return cur[0], cur[1]
}
