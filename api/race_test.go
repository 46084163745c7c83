package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley/parley/graph"
)

// TestReadsBesideWrites runs the read routes while reports are posted and
// deleted beside them, over a real SQLite store holding the sample reports
// (examples/reports): some clients post reports (text, JSON, HTML and NDJSON
// batches) and delete them again, while others ask every read route about
// the reports, actors and meetings named in earlier answers, so that they
// hit things that exist, that are being written and that were just deleted.
// Every answer must be one schema/openapi.yaml describes, and none a 5xx: a
// request reads the store several times, and an answer that mixed two
// versions of the graph (an actor named with no type, a meeting with no
// source left) would break the document (see readSnapshot). It runs for a
// few seconds (one with -short); run it with -race too.
func TestReadsBesideWrites(t *testing.T) {
	run := 3 * time.Second
	if testing.Short() {
		run = time.Second
	}
	st := mustSpecStore(t)
	s := mustSpecServer(t, st, Config{})
	sc := newSpecChecker(t, mustLoadSpec(t, s))
	posts := samplePosts(t)

	ids := newIDPool()
	var mu sync.Mutex
	var failures []string
	counts := map[string]int{}
	// do serves c, checks and validates the answer, and learns its ids.
	do := func(c specCase, route string) []byte {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, c.request())
		var bad string
		switch {
		case w.Code >= 500:
			bad = "a server error"
		case c.method == "GET" && w.Code != http.StatusOK && w.Code != http.StatusNotFound:
			bad = "not 200 or 404"
		default:
			if err := sc.validate(c, w); err != nil {
				bad = err.Error()
			}
		}
		mu.Lock()
		counts[fmt.Sprintf("%s %s %d", c.method, route, w.Code)]++
		if bad != "" && len(failures) < 20 {
			failures = append(failures, fmt.Sprintf("%s %s -> %d: %s\nbody: %s", c.method, c.target, w.Code, bad, truncate(w.Body.Bytes())))
		}
		mu.Unlock()
		if w.Code < 300 {
			ids.learn(w.Body.Bytes())
		}
		return w.Body.Bytes()
	}
	for _, p := range posts { // the store starts with every sample
		do(p, "seed")
	}

	deadline := time.Now().Add(run)
	var wg sync.WaitGroup
	for i := range 2 { // writers
		wg.Add(1)
		go func(r *rand.Rand) {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if id := ids.pick(r, &ids.reports); id != "" && r.IntN(2) == 0 {
					do(specCase{method: "DELETE", target: "/v1/reports/" + id}, "/v1/reports/{id}")
					continue
				}
				p := posts[r.IntN(len(posts))]
				do(p, p.target[:strings.IndexByte(p.target+"?", '?')])
			}
		}(rand.New(rand.NewPCG(uint64(i), 1)))
	}
	for i := range 3 { // readers
		wg.Add(1)
		go func(r *rand.Rand) {
			defer wg.Done()
			for time.Now().Before(deadline) {
				route, target := readRequest(r, ids)
				body := do(specCase{method: "GET", target: target}, route)
				// Half the time, follow a list's cursor to its next page:
				// pages are keyed by what a delete may just have removed.
				var page struct{ Next string }
				if r.IntN(2) == 0 && json.Unmarshal(body, &page) == nil && page.Next != "" {
					sep := "?"
					if strings.Contains(target, "?") {
						sep = "&"
					}
					do(specCase{method: "GET", target: target + sep + "cursor=" + url.QueryEscape(page.Next)}, route+" next")
				}
			}
		}(rand.New(rand.NewPCG(uint64(i), 2)))
	}
	wg.Wait()

	var lines []string
	for k, n := range counts {
		lines = append(lines, fmt.Sprintf("%6d %s", n, k))
	}
	sort.Strings(lines)
	t.Logf("answers in %v:\n%s", run, strings.Join(lines, "\n"))
	for _, f := range failures {
		t.Error(f)
	}
}

// readRequest is a GET of one of the read routes (its OpenAPI path, for the
// tally, and the target), about ids from the pool.
func readRequest(r *rand.Rand, ids *idPool) (route, target string) {
	e, e2 := url.PathEscape(ids.pick(r, &ids.entities)), url.QueryEscape(ids.pick(r, &ids.entities))
	limit := ""
	if r.IntN(2) == 0 {
		limit = "limit=2"
	}
	with := func(target, q string) string {
		q = strings.Trim(strings.Join([]string{q, limit}, "&"), "&")
		if q == "" {
			return target
		}
		return target + "?" + q
	}
	switch r.IntN(14) {
	case 0:
		return "/v1/entities", with("/v1/entities", "")
	case 1:
		return "/v1/entities/{id}", "/v1/entities/" + e
	case 2:
		return "/v1/entities/{id}/meetings", with("/v1/entities/"+e+"/meetings", "include_planned="+fmt.Sprint(r.IntN(2) == 0))
	case 3:
		return "/v1/entities/{id}/statements", with("/v1/entities/"+e+"/statements", "")
	case 4:
		return "/v1/entities/{id}/supports", with("/v1/entities/"+e+"/supports", "")
	case 5:
		return "/v1/meetings", with("/v1/meetings", "include_planned=true")
	case 6:
		return "/v1/meetings", with("/v1/meetings", "participant="+url.QueryEscape(ids.pick(r, &ids.entities)))
	case 7:
		return "/v1/meetings/{id}", "/v1/meetings/" + url.PathEscape(ids.pick(r, &ids.meetings))
	case 8:
		return "/v1/statements", with("/v1/statements", "")
	case 9:
		return "/v1/statements", with("/v1/statements", "about="+e2)
	case 10:
		return "/v1/connections", "/v1/connections?from=" + url.QueryEscape(ids.pick(r, &ids.entities)) + "&to=" + e2 + "&max_hops=4"
	case 11:
		return "/v1/timeline", with("/v1/timeline", "entity="+e2)
	case 12:
		return "/v1/reports", with("/v1/reports", "")
	default:
		return "/v1/reports/{id}", "/v1/reports/" + url.PathEscape(ids.pick(r, &ids.reports))
	}
}

// idPool holds every id of a report, actor and meeting an answer named,
// kept after they are deleted.
type idPool struct {
	mu                          sync.Mutex
	reports, entities, meetings []string
	seen                        map[string]bool
}

func newIDPool() *idPool { return &idPool{seen: map[string]bool{}} }

var (
	reportIDRe = regexp.MustCompile(`^[0-9a-f]{32}$`)
	entityIDRe = regexp.MustCompile(`^(person|country|organization|group):`)
)

// learn adds the ids of a JSON answer: the values of its "id" and
// "report_id" fields, told apart by their form.
func (p *idPool) learn(body []byte) {
	var v any
	if json.Unmarshal(body, &v) != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for k, x := range v {
				if id, ok := x.(string); ok && (k == "id" || k == "report_id") && !p.seen[id] {
					p.seen[id] = true
					switch {
					case reportIDRe.MatchString(id):
						p.reports = append(p.reports, id)
					case entityIDRe.MatchString(id):
						p.entities = append(p.entities, id)
					case strings.HasPrefix(id, "m-"):
						p.meetings = append(p.meetings, id)
					}
				}
				walk(x)
			}
		}
	}
	walk(v)
}

// pick returns one id of *list (one of p's lists) at random, "" if it is
// empty.
func (p *idPool) pick(r *rand.Rand, list *[]string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(*list) == 0 {
		return ""
	}
	return (*list)[r.IntN(len(*list))]
}

// samplePosts are POSTs of the sample reports of examples/reports: each
// file as its own media type, and the NDJSON files as batches and line by
// line as JSON.
func samplePosts(t *testing.T) []specCase {
	t.Helper()
	dir := filepath.Join("..", "examples", "reports")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []specCase
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		published := "?published=" + regexp.MustCompile(`\d{4}-\d{2}-\d{2}`).FindString(f.Name())
		switch filepath.Ext(f.Name()) {
		case ".txt":
			out = append(out, specCase{method: "POST", target: "/v1/reports" + published, ctype: "text/plain", body: b})
		case ".html":
			out = append(out, specCase{method: "POST", target: "/v1/reports" + published, ctype: "text/html", body: b})
		case ".json":
			out = append(out, specCase{method: "POST", target: "/v1/reports", ctype: "application/json", body: b})
		case ".jsonl":
			out = append(out, specCase{method: "POST", target: "/v1/reports/batch", ctype: "application/x-ndjson", body: b})
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
					out = append(out, specCase{method: "POST", target: "/v1/reports", ctype: "application/json", body: slices.Clone(line)})
				}
			}
		}
	}
	if len(out) < 5 {
		t.Fatalf("%d sample reports in %s: too few to test", len(out), dir)
	}
	return out
}

// deletingStore deletes every report right after it is stored, as a DELETE
// of another client that commits between a POST's write and its read back.
type deletingStore struct{ graph.Store }

func (s deletingStore) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	res, err := s.Store.PutReport(ctx, r, f)
	if err == nil {
		err = s.Store.DeleteReport(ctx, res.ReportID)
	}
	return res, err
}

// TestPostOfDeletedReport: a report deleted by another request between a
// POST's write and its read back is answered 409 conflict, which the
// document allows, not the 404 of the read.
func TestPostOfDeletedReport(t *testing.T) {
	st := deletingStore{mustSpecStore(t)}
	s := mustSpecServer(t, st, Config{})
	sc := newSpecChecker(t, mustLoadSpec(t, s))
	report, err := os.ReadFile(exampleReport)
	if err != nil {
		t.Fatal(err)
	}
	sc.run(t, s, specCase{method: "POST", target: "/v1/reports?published=2023-11-07", ctype: "text/plain", body: report,
		want: http.StatusConflict, code: "conflict"})
}
