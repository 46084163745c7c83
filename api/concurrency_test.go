package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley/parley/api"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	graphneo4j "github.com/parley/parley/graph/neo4j"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// overlapping returns reports that share actors and meetings: several
// describe the same meeting, in other words.
func overlapping() []string {
	return []string{
		"Foreign Minister Sergey Lavrov met Chinese Foreign Minister Wang Yi in Beijing on 1 March 2024.",
		"Chinese Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergey Lavrov in Beijing on 1 March 2024, the ministry said.",
		"Sergey Lavrov met Wang Yi in Beijing on 1 March 2024. Lavrov said Russia supports China.",
		"US Secretary of State Antony Blinken met Wang Yi in Munich on 16 February 2024.",
		"Antony Blinken held talks with Chinese Foreign Minister Wang Yi in Munich on 16 February 2024, officials said.",
		"French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on 3 June 2024.",
		"Olaf Scholz received Emmanuel Macron in Berlin on 3 June 2024. Scholz said Germany supports France.",
		"Emmanuel Macron spoke by phone with Antony Blinken on 4 June 2024.",
		"Macron met Scholz in Berlin on 3 June 2024, and Blinken met Lavrov in Geneva on 5 June 2024.",
		"Russian Foreign Minister Sergey Lavrov met US Secretary of State Antony Blinken in Geneva on 5 June 2024.",
		"Wang Yi met Olaf Scholz in Beijing on 14 April 2024.",
		"German Chancellor Olaf Scholz held talks with Chinese Foreign Minister Wang Yi in Beijing on 14 April 2024.",
	}
}

// TestConcurrentPosts: 8 clients post overlapping reports at once through
// the API; the store ends with each report once, one node per actor and one
// Meeting per meeting: the same graph as posting them one by one. On the
// embedded store always, on Neo4j where NEO4J_URI is set (always in CI).
func TestConcurrentPosts(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		open := func(t *testing.T) graph.Store {
			st, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), fmt.Sprint(len(t.Name()), "p.db"))})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
		a, b := open(t), open(t)
		testConcurrentPosts(t, a, func() graph.Store { return b })
	})
	t.Run("neo4j", func(t *testing.T) {
		uri := os.Getenv("NEO4J_URI")
		if uri == "" {
			if os.Getenv("CI") != "" {
				t.Fatal("NEO4J_URI is not set; CI must start a test server with: scripts/neo4j-test start")
			}
			t.Skip("set NEO4J_URI; start a test server with: scripts/neo4j-test start")
		}
		unlock, err := graphneo4j.LockTestServer(uri)
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		cfg := graphneo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
		st, err := graphneo4j.Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.DeleteAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		// The reference graph comes from one-by-one posts into the same
		// database, emptied again after the concurrent run was read.
		testConcurrentPosts(t, st, func() graph.Store {
			if err := st.DeleteAll(context.Background()); err != nil {
				t.Fatal(err)
			}
			return st
		})
	})
}

func testConcurrentPosts(t *testing.T, st graph.Store, reference func() graph.Store) {
	reports := overlapping()
	srv := api.NewServer(st, ingest.New(st, extract.New()), slog.New(slog.NewTextHandler(io.Discard, nil)), api.Config{})
	// post posts a report as a well-behaved client does: a 503 (the store
	// gave up, e.g. on a deadlock, and rolled back) is retried a few times.
	var retries atomic.Int32
	post := func(srv http.Handler, text string) int {
		for attempt := 0; ; attempt++ {
			req := httptest.NewRequest("POST", "/v1/reports?published=2024-06-10", strings.NewReader(text))
			req.Header.Set("Content-Type", "text/plain")
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code == http.StatusServiceUnavailable && attempt < 5 {
				retries.Add(1)
				time.Sleep(time.Duration(attempt+1) * 200 * time.Millisecond)
				continue
			}
			if w.Code != http.StatusCreated && w.Code != http.StatusOK {
				t.Errorf("POST %q = %d %s", text, w.Code, w.Body)
			}
			return w.Code
		}
	}
	const clients = 8
	var wg sync.WaitGroup
	start := make(chan struct{})
	var mu sync.Mutex
	created := map[string]int{}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			<-start
			// Each client posts 8 of the 12 reports, from its own offset:
			// every report is posted by several clients at once.
			for i := 0; i < 8; i++ {
				text := reports[(c*3+i)%len(reports)]
				if post(srv, text) == http.StatusCreated {
					mu.Lock()
					created[text]++
					mu.Unlock()
				}
			}
		}(c)
	}
	close(start)
	wg.Wait()
	t.Logf("%d clients posted %d reports each; %d answers were 503 and retried", clients, 8, retries.Load())
	for _, r := range reports {
		if created[r] != 1 {
			t.Errorf("report %q answered 201 %d times, want once", r, created[r])
		}
	}
	got := graphOf(t, st)

	ref := reference()
	refSrv := api.NewServer(ref, ingest.New(ref, extract.New()), slog.New(slog.NewTextHandler(io.Discard, nil)), api.Config{})
	for _, r := range reports {
		post(refSrv, r)
	}
	want := graphOf(t, ref)
	if len(want.meetings) < 5 || len(want.entities) < 5 {
		t.Fatalf("the reports gave %d meetings and %d actors: too few to test", len(want.meetings), len(want.entities))
	}
	for _, c := range []struct {
		kind      string
		got, want []string
	}{
		{"reports", got.reports, want.reports}, {"actors", got.entities, want.entities}, {"meetings", got.meetings, want.meetings},
		{"statements", got.statements, want.statements}, {"supports", got.supports, want.supports},
	} {
		if strings.Join(c.got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s after concurrent posts:\n%s\nwant (posted one by one):\n%s", c.kind, strings.Join(c.got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

type graphIDs struct{ reports, entities, meetings, statements, supports []string }

// graphOf lists a store's contents, failing on an actor or meeting that is
// there twice (by id, or by name / by date and participants).
func graphOf(t *testing.T, st graph.Store) graphIDs {
	t.Helper()
	ctx := context.Background()
	var g graphIDs
	r, err := st.Reports(ctx, graph.ReportFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range r.Items {
		g.reports = append(g.reports, x.ID)
	}
	e, err := st.Entities(ctx, graph.EntityFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, x := range e.Items {
		key := string(x.Type) + ":" + strings.ToLower(x.Name)
		if other, dup := names[key]; dup {
			t.Errorf("actor %q is there twice: %s and %s", x.Name, other, x.ID)
		}
		names[key] = x.ID
		g.entities = append(g.entities, x.ID+" "+x.Name)
	}
	m, err := st.Meetings(ctx, graph.MeetingFilter{IncludePlanned: true, Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, x := range m.Items {
		var ps []string
		for _, p := range x.Participants {
			ps = append(ps, p.EntityID)
		}
		sort.Strings(ps)
		date := "undated"
		if !x.Date.IsZero() {
			date = x.Date.String()
		}
		key := date + " " + strings.Join(ps, "+")
		if other, dup := keys[key]; dup && x.Date.Precision == graph.Day {
			t.Errorf("meeting %s is there twice: %s and %s", key, other, x.ID)
		}
		keys[key] = x.ID
		g.meetings = append(g.meetings, x.ID+" "+key)
	}
	s, err := st.Statements(ctx, graph.StatementFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range s.Items {
		g.statements = append(g.statements, x.ID)
	}
	p, err := st.Supports(ctx, graph.SupportFilter{Limit: graph.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range p.Items {
		g.supports = append(g.supports, x.ID)
	}
	for _, l := range [][]string{g.reports, g.entities, g.meetings, g.statements, g.supports} {
		sort.Strings(l)
	}
	return g
}
