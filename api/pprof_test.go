package api_test

import (
	"net/http"
	"testing"

	"github.com/parley/parley/api"
)

func TestPprofOnlyWhenAsked(t *testing.T) {
	for _, on := range []bool{false, true} {
		f := newFixture(t, api.Config{Pprof: on})
		for _, target := range []string{"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/heap"} {
			code, _ := f.do(http.MethodGet, target, "", nil)
			if want := map[bool]int{false: http.StatusNotFound, true: http.StatusOK}[on]; code != want {
				t.Errorf("Pprof %v: GET %s = %d, want %d", on, target, code, want)
			}
		}
	}
}
