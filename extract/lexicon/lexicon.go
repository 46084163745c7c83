// Package lexicon holds the extraction lexicon's data files: peoples and
// groups that reports treat as actors (organizations table format), and
// former states (countries table format).
package lexicon

import "embed"

// FS holds the lexicon's tab-separated tables.
//
//go:embed *.tsv
var FS embed.FS
