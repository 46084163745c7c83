// Package data holds Parley's reference tables: countries (names, ISO codes,
// aliases, demonyms, capitals), international organizations and groups, and
// who held which head-of-state, head-of-government and foreign-minister
// office when. The tables are tab-separated UTF-8 files described in
// SOURCES.md; they are embedded read-only in FS.
package data

import "embed"

// FS holds countries.tsv, organizations.tsv and offices.tsv.
//
//go:embed *.tsv
var FS embed.FS
