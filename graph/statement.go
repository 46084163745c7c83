package graph

import "fmt"

// Statement is something an actor said, quoted or reported.
type Statement struct {
	ID      string `json:"id"`
	Speaker string `json:"speaker"` // entity id
	// About lists the entity ids of the actors the statement mentions.
	About  []string `json:"about"`
	Text   string   `json:"text"`
	Quoted bool     `json:"quoted"`
	// Date is when it was said, if the report tells; else the report's date.
	Date    Date     `json:"date"`
	Sources []Source `json:"sources"`
}

// StatementID is the stable id of a statement: its speaker and folded text,
// so the same words of the same speaker in two reports are one Statement.
func StatementID(speaker, text string) string {
	return "s-" + hash(speaker+"|"+Fold(text))
}

// Validate checks a statement's speaker, text and sources.
func (s *Statement) Validate() error {
	if s.Speaker == "" {
		return fmt.Errorf("statement %q: no speaker: %w", s.ID, ErrInvalid)
	}
	if s.Text == "" {
		return fmt.Errorf("statement %q: no text: %w", s.ID, ErrInvalid)
	}
	if _, err := ParseDate(s.Date.Value); err != nil {
		return fmt.Errorf("statement %q: %w", s.ID, err)
	}
	return validSources("statement", s.ID, s.Sources)
}

// Support is one actor backing another. ClaimedBy is set when the support is
// only asserted inside someone's statement.
type Support struct {
	ID        string   `json:"id"`
	Supporter string   `json:"supporter"` // entity id
	Supported string   `json:"supported"` // entity id
	ClaimedBy string   `json:"claimed_by,omitempty"`
	Sources   []Source `json:"sources"`
}

// SupportID is the stable id of a support edge.
func SupportID(supporter, supported, claimedBy string) string {
	return "p-" + hash(supporter+"|"+supported+"|"+claimedBy)
}

// Validate checks a support's endpoints and sources.
func (s *Support) Validate() error {
	if s.Supporter == "" || s.Supported == "" {
		return fmt.Errorf("support %q: missing supporter or supported: %w", s.ID, ErrInvalid)
	}
	if s.Supporter == s.Supported {
		return fmt.Errorf("support %q: %q supports itself: %w", s.ID, s.Supporter, ErrInvalid)
	}
	return validSources("support", s.ID, s.Sources)
}
