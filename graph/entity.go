package graph

import (
	"fmt"
	"strings"
	"time"
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
	// Titles are a person's offices as named in reports ("Prime Minister"),
	// each with the period it is known to cover.
	Titles []Title `json:"titles,omitempty"`
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
	for _, t := range e.Titles {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("entity %q: %w", e.Name, err)
		}
	}
	return nil
}

// Title is an office an actor holds or held ("Prime Minister"), with the
// period it is known to cover: From and To are days (YYYY-MM-DD), "" where
// unknown. The extractor sets them to the office's tenure where its
// reference tables know it, and otherwise ingest sets both to the day of the
// report that uses the title; a store widens the period with every report,
// so it runs from the first day known to the last.
type Title struct {
	Title string `json:"title"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
}

// Validate checks that t is named and its period is well formed.
func (t Title) Validate() error {
	if strings.TrimSpace(t.Title) == "" {
		return fmt.Errorf("empty title: %w", ErrInvalid)
	}
	for _, d := range []string{t.From, t.To} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("title %q: %q is not a day YYYY-MM-DD: %w", t.Title, d, ErrInvalid)
		}
	}
	if t.From != "" && t.To != "" && t.From > t.To {
		return fmt.Errorf("title %q: period %s to %s ends before it starts: %w", t.Title, t.From, t.To, ErrInvalid)
	}
	return nil
}

// Widen returns t's period stretched to cover u's: the earlier From, the
// later To, a known day winning over "".
func (t Title) Widen(u Title) Title {
	if u.From != "" && (t.From == "" || u.From < t.From) {
		t.From = u.From
	}
	if u.To != "" && (t.To == "" || u.To > t.To) {
		t.To = u.To
	}
	return t
}

// TitleNames returns the titles' names, in order.
func TitleNames(ts []Title) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Title
	}
	return out
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
