// Package examples bundles Parley's sample reports (examples/reports), so a
// fresh `parley serve` can answer its first query. See
// reports/ATTRIBUTION.md for where each report comes from and its licence.
package examples

import "embed"

// Reports holds the sample reports under reports/.
//
//go:embed reports
var Reports embed.FS
