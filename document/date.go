package document

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the date formats NormalizeDate understands, tried in order.
var dateLayouts = []string{
	time.DateOnly,
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05-0700",
	time.RFC1123,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006",
	time.RFC850,
	time.RFC822,
	time.RFC822Z,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"2006/01/02",
	"20060102",
}

// NormalizeDate turns a date such as "2023-11-06", "2023-11-06T10:00:00Z",
// "Mon, 06 Nov 2023 10:00:00 GMT", "November 6, 2023" or "6 November 2023"
// into "2023-11-06". A time of day is dropped; the date is the one written,
// not converted to UTC. An unknown format or an impossible date such as
// 2023-02-30 is an error wrapping ErrInvalid.
func NormalizeDate(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", fmt.Errorf("empty date: %w", ErrInvalid)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("date %q is impossible or in an unknown format (want e.g. 2023-11-06 or November 6, 2023): %w", s, ErrInvalid)
}
