package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// Mode is how a meeting was held.
type Mode string

// The modes of a meeting.
const (
	InPerson Mode = "in_person"
	Phone    Mode = "phone"
	Video    Mode = "video"
)

// Status says whether a meeting took place. Only held meetings give MET_WITH edges.
type Status string

// The statuses of a meeting.
const (
	Held    Status = "held"
	Planned Status = "planned"
)

// Role is an actor's part in a meeting.
type Role string

// The roles of a participant.
const (
	Host        Role = "host"
	Guest       Role = "guest"
	Participant Role = "participant"
)

// Attendee is one participant of a meeting.
type Attendee struct {
	EntityID string `json:"entity_id"`
	Role     Role   `json:"role"`
}

// Meeting is a meeting, talks, visit or call between two or more actors.
type Meeting struct {
	ID           string     `json:"id"`
	Participants []Attendee `json:"participants"`
	Date         Date       `json:"date"`
	Place        string     `json:"place,omitempty"`
	Mode         Mode       `json:"mode"`
	Status       Status     `json:"status"`
	Sources      []Source   `json:"sources"`
}

// ParticipantIDs returns the sorted entity ids of the participants.
func (m *Meeting) ParticipantIDs() []string {
	ids := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		ids[i] = p.EntityID
	}
	sort.Strings(ids)
	return ids
}

// MeetingID is the stable id of a meeting. Meetings dated to the day are
// identified by their participants, date and status, so two reports of the
// same meeting give one Meeting; a meeting with a vaguer date is identified
// within its report only, since two vague mentions may be different meetings.
func MeetingID(m *Meeting, reportID string) string {
	key := strings.Join(m.ParticipantIDs(), "|") + "#" + string(m.Status)
	if m.Date.Precision == Day {
		key += "#" + m.Date.Value
	} else {
		key += "#" + m.Date.Value + "#" + reportID
	}
	return "m-" + hash(key)
}

// Validate checks a meeting's participants, date, mode and sources.
func (m *Meeting) Validate() error {
	if len(m.Participants) < 2 {
		return fmt.Errorf("meeting %q: needs two participants, has %d: %w", m.ID, len(m.Participants), ErrInvalid)
	}
	seen := map[string]bool{}
	for _, p := range m.Participants {
		if p.EntityID == "" || seen[p.EntityID] {
			return fmt.Errorf("meeting %q: empty or repeated participant %q: %w", m.ID, p.EntityID, ErrInvalid)
		}
		seen[p.EntityID] = true
		switch p.Role {
		case Host, Guest, Participant:
		default:
			return fmt.Errorf("meeting %q: participant %q has unknown role %q: %w", m.ID, p.EntityID, p.Role, ErrInvalid)
		}
	}
	if _, err := ParseDate(m.Date.Value); err != nil {
		return fmt.Errorf("meeting %q: %w", m.ID, err)
	}
	switch m.Mode {
	case InPerson, Phone, Video:
	default:
		return fmt.Errorf("meeting %q: unknown mode %q: %w", m.ID, m.Mode, ErrInvalid)
	}
	switch m.Status {
	case Held, Planned:
	default:
		return fmt.Errorf("meeting %q: unknown status %q: %w", m.ID, m.Status, ErrInvalid)
	}
	return validSources("meeting", m.ID, m.Sources)
}

func validSources(kind, id string, srcs []Source) error {
	if len(srcs) == 0 {
		return fmt.Errorf("%s %q: no source: %w", kind, id, ErrInvalid)
	}
	for _, s := range srcs {
		if strings.TrimSpace(s.Evidence) == "" {
			return fmt.Errorf("%s %q: source without evidence: %w", kind, id, ErrInvalid)
		}
	}
	return nil
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:10])
}
