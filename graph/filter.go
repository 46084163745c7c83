package graph

import "fmt"

// checkPage validates what every list filter has: a limit, an optional day
// range and a cursor. It returns the limit to use and the cursor's key.
func checkPage(limit int, from, to, cursor string) (int, []string, error) {
	n, err := CheckLimit(limit)
	if err != nil {
		return 0, nil, err
	}
	if err := CheckRange(from, to); err != nil {
		return 0, nil, err
	}
	cur, err := DecodeCursor(cursor, 2)
	if err != nil {
		return 0, nil, err
	}
	return n, cur, nil
}

// Check validates the filter; it returns the limit to use and the decoded
// cursor (nil for the first page). Every Store checks its filters this way.
func (f ReportFilter) Check() (int, []string, error) { return checkPage(f.Limit, "", "", f.Cursor) }

// Check validates the filter, its type included.
func (f EntityFilter) Check() (int, []string, error) {
	if f.Type != "" && !f.Type.Valid() {
		return 0, nil, fmt.Errorf("entity type %q: %w", f.Type, ErrInvalid)
	}
	return checkPage(f.Limit, "", "", f.Cursor)
}

// Check validates the filter, its day range included.
func (f MeetingFilter) Check() (int, []string, error) {
	return checkPage(f.Limit, f.From, f.To, f.Cursor)
}

// Check validates the filter, its day range included.
func (f StatementFilter) Check() (int, []string, error) {
	return checkPage(f.Limit, f.From, f.To, f.Cursor)
}

// Check validates the filter.
func (f SupportFilter) Check() (int, []string, error) { return checkPage(f.Limit, "", "", f.Cursor) }

// Check validates the filter: an entity is required.
func (f TimelineFilter) Check() (int, []string, error) {
	if f.Entity == "" {
		return 0, nil, fmt.Errorf("timeline: no entity: %w", ErrInvalid)
	}
	return checkPage(f.Limit, f.From, f.To, f.Cursor)
}
