package graph

import (
	"fmt"
	"time"
)

// Precision says how much of a Date is known.
type Precision string

// The precisions of a date.
const (
	Day   Precision = "day"
	Month Precision = "month"
	Year  Precision = "year"
)

// Date is a calendar date known to a day, a month or a year. Its string form
// is "2023-11-06", "2023-11" or "2023". The zero Date means unknown.
type Date struct {
	Value     string    `json:"value"`
	Precision Precision `json:"precision"`
}

// ParseDate reads "YYYY-MM-DD", "YYYY-MM" or "YYYY". The empty string gives
// the zero Date.
func ParseDate(s string) (Date, error) {
	switch len(s) {
	case 0:
		return Date{}, nil
	case 10:
		if _, err := time.Parse("2006-01-02", s); err == nil {
			return Date{s, Day}, nil
		}
	case 7:
		if _, err := time.Parse("2006-01", s); err == nil {
			return Date{s, Month}, nil
		}
	case 4:
		if _, err := time.Parse("2006", s); err == nil {
			return Date{s, Year}, nil
		}
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM or YYYY: %w", s, ErrInvalid)
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Value == "" }

// String returns the date as written, or "" if unknown.
func (d Date) String() string { return d.Value }

// Range returns the first and last day the date may stand for, as
// YYYY-MM-DD, or two empty strings for an unknown date.
func (d Date) Range() (first, last string) {
	switch d.Precision {
	case Day:
		return d.Value, d.Value
	case Month:
		t, _ := time.Parse("2006-01", d.Value)
		return t.Format(time.DateOnly), t.AddDate(0, 1, -1).Format(time.DateOnly)
	case Year:
		return d.Value + "-01-01", d.Value + "-12-31"
	}
	return "", ""
}

// CheckRange checks optional From/To days (YYYY-MM-DD) of a filter.
func CheckRange(from, to string) error {
	for _, d := range []string{from, to} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return fmt.Errorf("date %q: want YYYY-MM-DD: %w", d, ErrInvalid)
		}
	}
	if from != "" && to != "" && from > to {
		return fmt.Errorf("from %s is after to %s: %w", from, to, ErrInvalid)
	}
	return nil
}
