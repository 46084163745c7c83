package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is one ingested document: the text facts were read from.
type Report struct {
	// ID is ReportID(Text): the same content always has the same id.
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD or ""
	// IngestedAt is set by the store when the report is first stored.
	IngestedAt time.Time `json:"ingested_at"`
	Text       string    `json:"text,omitempty"`
}

// ReportID is the id of a report with this text: the first 16 bytes of the
// SHA-256 of the text, in hex.
func ReportID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:16])
}

// Validate checks that r has text, a matching id and a well-formed date.
func (r *Report) Validate() error {
	if strings.TrimSpace(r.Text) == "" {
		return fmt.Errorf("report: empty text: %w", ErrInvalid)
	}
	if !utf8.ValidString(r.Text) {
		return fmt.Errorf("report: text is not valid UTF-8: %w", ErrInvalid)
	}
	if r.ID != ReportID(r.Text) {
		return fmt.Errorf("report: id %q does not match its text: %w", r.ID, ErrInvalid)
	}
	if r.Published != "" {
		if _, err := time.Parse(time.DateOnly, r.Published); err != nil {
			return fmt.Errorf("report: published %q is not a date YYYY-MM-DD: %w", r.Published, ErrInvalid)
		}
	}
	return nil
}

// Source is the provenance of a fact: the report and the exact sentence it
// came from, and the extraction rule that read it.
type Source struct {
	ReportID string `json:"report_id"`
	Evidence string `json:"evidence"`
	Rule     string `json:"rule,omitempty"`
}
