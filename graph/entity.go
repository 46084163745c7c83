package graph

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// EntityType is the kind of an actor.
type EntityType string

// The kinds of actor.
const (
	Person       EntityType = "person"
	Country      EntityType = "country"
	Organization EntityType = "organization"
	Group        EntityType = "group"
)

// Valid reports whether t is one of the known entity types.
func (t EntityType) Valid() bool {
	switch t {
	case Person, Country, Organization, Group:
		return true
	}
	return false
}

// Entity is an actor: a person, a country, an organization or a group.
type Entity struct {
	ID      string     `json:"id"`
	Type    EntityType `json:"type"`
	Name    string     `json:"name"`
	Aliases []string   `json:"aliases"`
	// Titles are a person's offices as named in reports ("Prime Minister").
	Titles []string `json:"titles,omitempty"`
	// Country is a person's or organization's country, as a country entity id.
	Country string `json:"country,omitempty"`
}

// Validate checks that e is complete and that its id matches its type and name.
func (e *Entity) Validate() error {
	if !e.Type.Valid() {
		return fmt.Errorf("entity %q: unknown type %q: %w", e.Name, e.Type, ErrInvalid)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("entity %q: empty name: %w", e.ID, ErrInvalid)
	}
	if e.ID == "" {
		return fmt.Errorf("entity %q: empty id: %w", e.Name, ErrInvalid)
	}
	return nil
}

// EntityID is the stable id of an actor: its type and its folded canonical
// name ("person:ali-khamenei"). The same actor gets the same id in every
// report and every store.
func EntityID(t EntityType, name string) string {
	return string(t) + ":" + Slug(name)
}

// Slug folds s to lower-case ASCII words joined by hyphens: accents dropped,
// apostrophes removed, any other run of punctuation or space a single hyphen.
func Slug(s string) string {
	return strings.ReplaceAll(Fold(s), " ", "-")
}

// Fold normalizes a name for comparison: accents removed, lower case,
// apostrophes and dots dropped, other punctuation as spaces, a leading "the"
// removed. "The Iraqi Prime-Minister" and "iraqi prime minister" fold alike.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '`' || r == '´' || r == '.':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	out := b.String()
	return strings.TrimPrefix(out, "the ")
}
