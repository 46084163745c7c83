package document_test

import (
	"errors"
	"testing"

	"github.com/parley/parley/document"
)

func TestNormalizeDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2023-11-06", "2023-11-06"},
		{" 2023-11-06\n", "2023-11-06"},
		{"2023-11-06T10:00:00Z", "2023-11-06"},
		{"2023-11-06T23:30:00-05:00", "2023-11-06"}, // the date as written, not in UTC
		{"2023-11-06T10:00:00.123+03:30", "2023-11-06"},
		{"2023-11-06T10:00:00", "2023-11-06"},
		{"2023-11-06 10:00:00", "2023-11-06"},
		{"Mon, 06 Nov 2023 10:00:00 GMT", "2023-11-06"},
		{"Mon, 6 Nov 2023 10:00:00 +0100", "2023-11-06"},
		{"November 6, 2023", "2023-11-06"},
		{"Nov 6, 2023", "2023-11-06"},
		{"Monday, November 6, 2023", "2023-11-06"},
		{"6 November 2023", "2023-11-06"},
		{"06 Nov 2023", "2023-11-06"},
		{"2024-02-29", "2024-02-29"},
		{"20231106", "2023-11-06"},
		{"Fri Mar 13 21:30:09 EST 2015", "2015-03-13"},
		{"2017-01-18T23:00:00-0800", "2017-01-18"},
		{"2023-02-30", ""},
		{"2023-02-29", ""},
		{"2023-13-01", ""},
		{"February 30, 2023", ""},
		{"31 April 2023", ""},
		{"2023-11-06T25:00:00Z", ""},
		{"yesterday", ""},
		{"20230230", ""},
		{"", ""},
		{"06/11/2023", ""}, // ambiguous: day or month first
	} {
		got, err := document.NormalizeDate(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("NormalizeDate(%q) = %q, want an error", tc.in, got)
			} else if !errors.Is(err, document.ErrInvalid) {
				t.Errorf("NormalizeDate(%q) error %v does not wrap ErrInvalid", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizeDate(%q) = %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}
