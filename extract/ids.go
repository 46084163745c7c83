package extract

import (
	"unicode/utf8"
	"unsafe"

	"github.com/parley/parley/graph"
)

// entityID is graph.EntityID(typ, name), in one allocation for an ASCII
// name (the usual case); other names go through graph.EntityID.
func entityID(typ graph.EntityType, name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return graph.EntityID(typ, name)
		}
	}
	b := make([]byte, 0, len(typ)+1+len(name))
	b = append(b, typ...)
	b = append(b, ':')
	start := len(b)
	gap := false // a run of punctuation or space since the last word
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '\'' || c == '`' || c == '.':
			// dropped, as graph.Fold drops them
		case alnum(c):
			if gap && len(b) > start {
				b = append(b, '-')
			}
			gap = false
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			gap = true
		}
	}
	// graph.Fold removes a leading "the "
	if len(b)-start > 4 && string(b[start:start+4]) == "the-" {
		b = append(b[:start], b[start+4:]...)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
}
