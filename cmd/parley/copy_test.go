package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
	graphneo4j "github.com/parley/parley/graph/neo4j"
	"github.com/parley/parley/graph/sqlite"
)

// copyFixture stores two reports that share an actor and a meeting.
func copyFixture(t *testing.T, st graph.Store) {
	t.Helper()
	kh := graph.Entity{ID: "person:ali-khamenei", Type: graph.Person, Name: "Ali Khamenei", Aliases: []string{"the Leader"}}
	su := graph.Entity{ID: "person:al-sudani", Type: graph.Person, Name: "al-Sudani"}
	iq := graph.Entity{ID: "country:iraq", Type: graph.Country, Name: "Iraq"}
	met := func(ev string) graph.Meeting {
		return graph.Meeting{Participants: []graph.Attendee{{EntityID: kh.ID, Role: graph.Host}, {EntityID: su.ID, Role: graph.Guest}},
			Date: graph.Date{Value: "2023-11-06", Precision: graph.Day}, Sources: []graph.Source{{Evidence: ev, Rule: "t"}}}
	}
	for _, c := range []struct {
		text string
		f    graph.Facts
	}{
		{"Khamenei received al-Sudani.", graph.Facts{Entities: []graph.Entity{kh, su}, Meetings: []graph.Meeting{met("Khamenei received al-Sudani.")}}},
		{"Al-Sudani met the Leader. Iraq backs al-Sudani.", graph.Facts{Entities: []graph.Entity{kh, su, iq},
			Meetings: []graph.Meeting{met("Al-Sudani met the Leader.")},
			Supports: []graph.Support{{Supporter: iq.ID, Supported: su.ID, Sources: []graph.Source{{Evidence: "Iraq backs al-Sudani."}}}}}},
	} {
		r := &graph.Report{ID: graph.ReportID(c.text), Title: c.text, Text: c.text}
		if _, err := st.PutReport(context.Background(), r, &c.f); err != nil {
			t.Fatal(err)
		}
	}
}

func runCopy(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	if err := run(context.Background(), append([]string{"copy"}, args...), e); err != nil {
		t.Fatalf("parley copy %v = %v; stderr: %s", args, err, errOut.String())
	}
	return out.String()
}

// checkCopied compares what two stores hold.
func checkCopied(t *testing.T, src, dst graph.Store) {
	t.Helper()
	ctx := context.Background()
	sr, _ := src.Reports(ctx, graph.ReportFilter{})
	dr, err := dst.Reports(ctx, graph.ReportFilter{})
	if err != nil || len(dr.Items) != len(sr.Items) {
		t.Fatalf("target has %d reports (%v), want %d", len(dr.Items), err, len(sr.Items))
	}
	for i := range sr.Items {
		if sr.Items[i].ID != dr.Items[i].ID {
			t.Errorf("report %d is %s, want %s (same order)", i, dr.Items[i].ID, sr.Items[i].ID)
		}
	}
	sm, _ := src.Meetings(ctx, graph.MeetingFilter{})
	dm, err := dst.Meetings(ctx, graph.MeetingFilter{})
	if err != nil || len(dm.Items) != 1 || len(dm.Items[0].Sources) != 2 || dm.Items[0].ID != sm.Items[0].ID {
		t.Errorf("target meetings = %+v, %v; want the one shared meeting with two sources", dm.Items, err)
	}
	e, err := dst.Entity(ctx, "person:ali-khamenei")
	if err != nil || len(e.Aliases) != 1 || e.Aliases[0] != "the Leader" {
		t.Errorf("target Entity = %+v, %v", e, err)
	}
	ps, err := dst.Supports(ctx, graph.SupportFilter{})
	if err != nil || len(ps.Items) != 1 || len(ps.Items[0].Sources) != 1 {
		t.Errorf("target supports = %+v, %v; want one with one source", ps.Items, err)
	}
}

func mustOpenSQLite(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestCopyEmbeddedToEmbedded(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from.db"), filepath.Join(dir, "to.db")
	copyFixture(t, mustOpenSQLite(t, from))
	out := runCopy(t, "--from", from, "--to", to)
	if !strings.Contains(out, "copied 2 reports") || !strings.Contains(out, "2 new") {
		t.Errorf("copy printed %q, want 2 reports copied, 2 new", out)
	}
	// Again: resumable, nothing new.
	if out := runCopy(t, "--from", from, "--to", to); !strings.Contains(out, "0 new, 2 already there") {
		t.Errorf("second copy printed %q, want nothing new", out)
	}
	checkCopied(t, mustOpenSQLite(t, from), mustOpenSQLite(t, to))
}

func TestCopyErrUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"--from", "a.db"}, {"--from", "a.db", "--to", "a.db"}} {
		var out bytes.Buffer
		e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &out}
		err := run(context.Background(), append([]string{"copy"}, args...), e)
		if exitCode(err) != 2 {
			t.Errorf("parley copy %q = %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}

// TestCopyEmbeddedNeo4jRoundTrip copies embedded -> Neo4j -> embedded.
func TestCopyEmbeddedNeo4jRoundTrip(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("NEO4J_URI is not set; CI must start a test server with: scripts/neo4j-test start")
		}
		t.Skip("set NEO4J_URI; start a test server with: scripts/neo4j-test start")
	}
	ctx := context.Background()
	unlock, err := graphneo4j.LockTestServer(uri)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	neo, err := graphneo4j.Open(ctx, graphneo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD")})
	if err != nil {
		t.Fatal(err)
	}
	defer neo.Close()
	if err := neo.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	from, back := filepath.Join(dir, "from.db"), filepath.Join(dir, "back.db")
	copyFixture(t, mustOpenSQLite(t, from))
	args := []string{"--neo4j-user", os.Getenv("NEO4J_USER"), "--neo4j-password", os.Getenv("NEO4J_PASSWORD")}
	runCopy(t, append([]string{"--from", from, "--to", uri}, args...)...)
	checkCopied(t, mustOpenSQLite(t, from), neo)
	runCopy(t, append([]string{"--from", uri, "--to", back}, args...)...)
	checkCopied(t, neo, mustOpenSQLite(t, back))
}
