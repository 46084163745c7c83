package sqlite

import (
	"testing"
)

// TestDayForm checks which first days and dates the adjacency keeps (it
// rebuilds them from a day number and a length) and which it leaves to SQL.
func TestDayForm(t *testing.T) {
	for _, tc := range []struct {
		day, date string
		want      bool
	}{
		{"2014-08-01", "2014-08-01", true},
		{"2014-08-01", "2014-08", true},
		{"2014-01-01", "2014", true},
		{"", "", true},
		{"0999-12-31", "0999-12-31", true},
		{"2014-08-01", "", false},
		{"", "2014", false},
		{"2014-08-01", "2015", false},
		{"2014-08-01", "2014-8", false},
		{"2014/08/01", "2014", false},
		{"2014-8-01", "2014", false},
	} {
		if got := dayForm([]byte(tc.day), []byte(tc.date)); got != tc.want {
			t.Errorf("dayForm(%q, %q) = %v, want %v", tc.day, tc.date, got, tc.want)
		}
		if tc.want && tc.day != "" {
			if got := dayString(dayNumber([]byte(tc.day))); got != tc.day {
				t.Errorf("dayString(dayNumber(%q)) = %q", tc.day, got)
			}
		}
	}
}
