package sqlite

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/parley/parley/graph"
)

// TestBack checks the galloping search of common against a walk back, on
// lists of every length up to 70 and every value around theirs.
func TestBack(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 1; n <= 70; n++ {
		x := make([]int32, n)
		v := int32(0)
		for i := range x {
			v += 1 + r.Int32N(3)
			x[i] = v
		}
		for p := range x {
			for v := int32(-1); v < x[p]; v++ {
				want := p
				for want >= 0 && x[want] > v {
					want--
				}
				if got := back(x, p, v); got != want {
					t.Fatalf("back(%v, %d, %d) = %d, want %d", x, p, v, got, want)
				}
			}
		}
	}
}

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

// TestKeptCommonMatchSQL checks the newest common meetings the adjacency
// keeps for pairs of prominent actors (here every pair, so that the small
// graph has some) against the merge of their lists, and the links of their
// steps against SQL alone.
func TestKeptCommonMatchSQL(t *testing.T) {
	st, _, _ := tiedGraph(t)
	adj, err := st.adjacency(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	adj.keepCommon(1)
	if len(adj.commonPairs) < 100 {
		t.Fatalf("%d pairs kept", len(adj.commonPairs))
	}
	var paths []graph.Path
	for i := range int32(len(adj.ids)) {
		for _, j := range adj.neighbours(i) {
			if got, want := adj.common(i, j, graph.MaxLinks), adj.merge(i, j, graph.MaxLinks); !slices.Equal(got, want) {
				t.Fatalf("common(%d, %d) = %v, want %v", i, j, got, want)
			}
			paths = append(paths, graph.Path{Nodes: []string{adj.ids[i], adj.ids[j]}})
		}
	}
	linksMatchSQL(t, st, adj, paths)
}

// TestMeetRecSize: a meeting's record is one cache line, so that reading a
// meeting at random costs one miss (see meetRec).
func TestMeetRecSize(t *testing.T) {
	if n := unsafe.Sizeof(meetRec{}); n != 64 {
		t.Fatalf("meetRec is %d bytes, want 64: a cache line", n)
	}
}
