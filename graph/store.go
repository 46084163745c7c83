package graph

import (
	"context"
	"fmt"
)

// Store persists the meeting graph. Implementations must be safe for
// concurrent use, and every backend must pass graph/graphtest.
//
// Lists are ordered and paginated: a filter's Limit of 0 means DefaultLimit,
// more than MaxLimit is ErrInvalid; Page.Next is an opaque cursor for the
// following page, "" on the last page. A cursor that the backend did not make
// is ErrInvalid.
type Store interface {
	// PutReport stores a report and its facts (already Bound to r.ID) in one
	// transaction: all or nothing. Entities already stored are merged: their
	// aliases and titles grow, their id stays. If a report with r.ID is stored
	// already, nothing changes and Created is false. ErrInvalid if r or f
	// fails validation.
	PutReport(ctx context.Context, r *Report, f *Facts) (PutResult, error)
	// PutReports stores a batch of reports like PutReport, each whole or not
	// at all, in as few transactions as the backend can: outcome i is for
	// batch[i], with the error that kept that report out, if any (ErrInvalid
	// for a report that fails validation; the others of the batch are stored
	// all the same). The error returned is for the batch as a whole (such as
	// ErrUnavailable); then no report of the batch was stored. A report given
	// twice in one batch is stored once; the second is not Created.
	PutReports(ctx context.Context, batch []*ReportFacts) ([]PutOutcome, error)
	// Report returns a report with the facts it supports; ErrNotFound if absent.
	Report(ctx context.Context, id string) (*ReportFacts, error)
	// Reports lists reports, most recently ingested first (text omitted).
	// Reports stored in the same instant are ordered by id descending.
	Reports(ctx context.Context, f ReportFilter) (Page[Report], error)
	// DeleteReport removes a report and every fact, entity and alias that no
	// other report supports; ErrNotFound if absent.
	DeleteReport(ctx context.Context, id string) error

	// Entity returns one actor; ErrNotFound if absent.
	Entity(ctx context.Context, id string) (*Entity, error)
	// EntitiesByID returns the stored actors among ids, keyed by id.
	EntitiesByID(ctx context.Context, ids []string) (map[string]Entity, error)
	// Entities lists actors ordered by name then id. With Query set, only
	// those one of whose names or aliases starts with Query (folded) or has a
	// word that does.
	Entities(ctx context.Context, f EntityFilter) (Page[Entity], error)
	// Lookup returns the actors whose id, name or an alias folds to the same
	// string as name, ordered by id; an empty slice if none.
	Lookup(ctx context.Context, name string) ([]Entity, error)

	// Meeting returns one meeting with all its sources; ErrNotFound if absent.
	Meeting(ctx context.Context, id string) (*Meeting, error)
	// Meetings lists meetings newest first by the first day their date may
	// stand for (undated last), ties by id descending.
	Meetings(ctx context.Context, f MeetingFilter) (Page[Meeting], error)
	// Statements lists statements newest first like Meetings (undated last,
	// ties by id descending).
	Statements(ctx context.Context, f StatementFilter) (Page[Statement], error)
	// Supports lists support edges ordered by id ascending.
	Supports(ctx context.Context, f SupportFilter) (Page[Support], error)
	// Connections returns the shortest paths of at most maxHops hops between
	// two actors over MET_WITH, SUPPORTS and STATED-ABOUT edges taken in
	// either direction: every path of the least length, at most limit of
	// them, ordered by their actor ids. Empty if none within maxHops;
	// ErrNotFound if an endpoint is absent.
	Connections(ctx context.Context, q ConnectionQuery) ([]Path, error)
	// Timeline lists the dated meetings and statements of one actor, oldest
	// first by the first day their date may stand for, ties by id ascending.
	Timeline(ctx context.Context, f TimelineFilter) (Page[Event], error)

	// Close releases the store.
	Close() error
}

// Limits of lists and paths.
const (
	DefaultLimit   = 50
	MaxLimit       = 500
	DefaultMaxHops = 3
	MaxHops        = 6
	MaxPaths       = 25
)

// PutResult says what PutReport did.
type PutResult struct {
	ReportID string `json:"report_id"`
	Created  bool   `json:"created"`
}

// PutOutcome is what PutReports did with one report of a batch.
type PutOutcome struct {
	PutResult
	// Err is why this report was not stored; nil if it was stored (or was
	// stored already).
	Err error `json:"-"`
}

// ReportFacts is a report with the facts it is a source of.
type ReportFacts struct {
	Report Report `json:"report"`
	Facts  Facts  `json:"facts"`
}

// Page is one page of a list.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// ReportFilter selects reports.
type ReportFilter struct {
	Limit  int
	Cursor string
}

// EntityFilter selects actors.
type EntityFilter struct {
	Query  string
	Type   EntityType // "" for all
	Limit  int
	Cursor string
}

// MeetingFilter selects meetings. A meeting matches From/To (YYYY-MM-DD) if
// the days its date may stand for overlap [From, To]; an undated meeting
// never matches a range.
type MeetingFilter struct {
	Participants   []string // entity ids; every one must attend
	From, To       string
	Place          string // folded equality
	IncludePlanned bool
	Limit          int
	Cursor         string
}

// StatementFilter selects statements.
type StatementFilter struct {
	Speaker  string // entity id
	About    string // entity id
	From, To string
	Limit    int
	Cursor   string
}

// SupportFilter selects support edges.
type SupportFilter struct {
	Supporter string // entity id
	Supported string // entity id
	Limit     int
	Cursor    string
}

// TimelineFilter selects the events of one actor.
type TimelineFilter struct {
	Entity   string // entity id, required
	From, To string
	Limit    int
	Cursor   string
}

// Event is one entry of a timeline: a meeting or a statement.
type Event struct {
	Kind      string     `json:"kind"` // "meeting" or "statement"
	Date      Date       `json:"date"`
	Meeting   *Meeting   `json:"meeting,omitempty"`
	Statement *Statement `json:"statement,omitempty"`
}

// ConnectionQuery asks how two actors are connected.
type ConnectionQuery struct {
	From, To string // entity ids
	MaxHops  int    // 0 means DefaultMaxHops
	Limit    int    // paths; 0 means MaxPaths
}

// Path is a chain of actors, each step backed by one or more facts.
type Path struct {
	Nodes []string `json:"nodes"` // entity ids, From first, To last
	Steps []Step   `json:"steps"` // len(Nodes)-1 steps
}

// Step links two consecutive actors of a path.
type Step struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Links are the facts between the two, at most MaxLinks, newest first.
	Links []Link `json:"links"`
}

// MaxLinks is how many facts a Step of a Path lists.
const MaxLinks = 3

// Link is one fact that relates two actors.
type Link struct {
	Type   string `json:"type"` // MET_WITH, SUPPORTS or STATED_ABOUT
	FactID string `json:"fact_id"`
	// From and To are the edge's own direction: supporter to supported,
	// speaker to the actor spoken about; MET_WITH, being symmetric, follows
	// the path's direction.
	From   string `json:"from"`
	To     string `json:"to"`
	Date   Date   `json:"date"`
	Source Source `json:"source"`
}

// Relation types of the graph.
const (
	MetWith     = "MET_WITH"
	Supports    = "SUPPORTS"
	StatedAbout = "STATED_ABOUT"
)

// CheckLimit returns the limit to use for a requested one.
func CheckLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 0 || n > MaxLimit:
		return 0, fmt.Errorf("limit %d: want 1 to %d: %w", n, MaxLimit, ErrInvalid)
	}
	return n, nil
}

// Check validates a connection query and returns its hop bound and path limit.
func (q ConnectionQuery) Check() (maxHops, limit int, err error) {
	if q.From == "" || q.To == "" {
		return 0, 0, fmt.Errorf("connections: from and to are required: %w", ErrInvalid)
	}
	maxHops, limit = q.MaxHops, q.Limit
	if maxHops == 0 {
		maxHops = DefaultMaxHops
	}
	if limit == 0 {
		limit = MaxPaths
	}
	if maxHops < 1 || maxHops > MaxHops {
		return 0, 0, fmt.Errorf("max_hops %d: want 1 to %d: %w", q.MaxHops, MaxHops, ErrInvalid)
	}
	if limit < 1 || limit > MaxPaths {
		return 0, 0, fmt.Errorf("path limit %d: want 1 to %d: %w", q.Limit, MaxPaths, ErrInvalid)
	}
	return maxHops, limit, nil
}
