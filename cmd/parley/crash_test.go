package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
)

// writeBatch writes n distinct small reports with varied sentences into dir.
// Many describe the same meeting (same pair, same day), so actors and
// meetings overlap across reports.
func writeBatch(t *testing.T, dir string, n int) {
	t.Helper()
	people := []struct{ title, name string }{
		{"Russian Foreign Minister", "Sergey Lavrov"}, {"Chinese Foreign Minister", "Wang Yi"},
		{"US Secretary of State", "Antony Blinken"}, {"French President", "Emmanuel Macron"},
		{"German Chancellor", "Olaf Scholz"}, {"Indian Prime Minister", "Narendra Modi"},
		{"Turkish President", "Recep Tayyip Erdogan"}, {"Iranian Foreign Minister", "Hossein Amir-Abdollahian"},
		{"Iraqi Prime Minister", "Mohammad Shia al-Sudani"}, {"Japanese Prime Minister", "Fumio Kishida"},
	}
	places := []string{"Beijing", "Moscow", "Paris", "Berlin", "New Delhi", "Ankara", "Tehran", "Tokyo", "Baghdad", "Washington"}
	months := []string{"January", "February", "March", "April", "May", "June"}
	verbs := []string{"met", "held talks with", "received", "spoke by phone with"}
	topics := []string{"trade", "energy security", "the war in Ukraine", "the situation in Gaza", "climate finance", "grain exports"}
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < n; i++ {
		a, b := people[r.IntN(len(people))], people[r.IntN(len(people))]
		for b == a {
			b = people[r.IntN(len(people))]
		}
		day, month := r.IntN(4)+1, months[r.IntN(len(months))]
		place := places[r.IntN(len(places))]
		var text strings.Builder
		fmt.Fprintf(&text, "---\ntitle: \"%s and %s discuss %s (%d)\"\npublished: 2024-%02d-%02d\nsource: Crash wire\n---\n",
			a.name, b.name, topics[i%len(topics)], i, indexOf(months, month)+1, day+1)
		fmt.Fprintf(&text, "%s %s %s %s %s in %s on %d %s 2024.\n\n", a.title, a.name, verbs[r.IntN(len(verbs))], b.title, b.name, place, day, month)
		fmt.Fprintf(&text, "The two discussed %s, according to dispatch number %d.\n\n", topics[r.IntN(len(topics))], i)
		if r.IntN(2) == 0 {
			fmt.Fprintf(&text, "%s said that the talks on %s were \"frank and useful\".\n\n", a.name, topics[r.IntN(len(topics))])
		}
		if r.IntN(3) == 0 {
			fmt.Fprintf(&text, "%s said his country supports %s's position.\n", b.name, strings.Fields(a.title)[0])
		}
		name := filepath.Join(dir, fmt.Sprintf("report-%04d.txt", i))
		if err := os.WriteFile(name, []byte(text.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

func mustOpenStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), sqlite.Config{Path: path})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return st
}

// contents lists what a store holds: report ids, meeting ids, entity ids
// and names, statements and supports, failing on any duplicate.
type contents struct {
	reports, meetings, entities, names, statements, supports map[string]bool
}

func readContents(t *testing.T, st graph.Store) contents {
	t.Helper()
	ctx := context.Background()
	c := contents{map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}}
	add := func(set map[string]bool, kind, key string) {
		if set[key] {
			t.Errorf("%s %q listed twice", kind, key)
		}
		set[key] = true
	}
	for cur := ""; ; {
		p, err := st.Reports(ctx, graph.ReportFilter{Limit: graph.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Items {
			add(c.reports, "report", r.ID)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := st.Meetings(ctx, graph.MeetingFilter{IncludePlanned: true, Limit: graph.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range p.Items {
			add(c.meetings, "meeting", m.ID)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := st.Entities(ctx, graph.EntityFilter{Limit: graph.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			add(c.entities, "entity", e.ID)
			add(c.names, "entity name", string(e.Type)+":"+strings.ToLower(e.Name))
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := st.Statements(ctx, graph.StatementFilter{Limit: graph.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Items {
			add(c.statements, "statement", s.ID)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := st.Supports(ctx, graph.SupportFilter{Limit: graph.MaxLimit, Cursor: cur})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range p.Items {
			add(c.supports, "support", s.ID)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	return c
}

func sameSet(t *testing.T, kind string, got, want map[string]bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d after crash and rerun, %d from a clean ingest", kind, len(got), len(want))
	}
	for k := range want {
		if !got[k] {
			t.Errorf("%s %q is missing after crash and rerun", kind, k)
			return
		}
	}
}

// TestIngestKilled: kill -9 `parley ingest` in the middle of a batch of 3,000
// reports (ingest writes them in transactions of 256 and runs at hundreds a
// second, so a smaller batch can end between the poll that sees the first
// ones stored and the kill); every report the store then holds is whole (all the facts a fresh
// extraction of its text gives); the same ingest run again completes the
// rest, calls the earlier ones already known, and the store ends up the same
// as after a clean ingest of the batch: nothing missing, nothing twice.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const n = 3000
	bin := buildBinary(t)
	dir := filepath.Join(t.TempDir(), "batch")
	os.Mkdir(dir, 0o755)
	writeBatch(t, dir, n)
	store := filepath.Join(t.TempDir(), "crash.db")
	ingestCmd := func(store string) *exec.Cmd {
		cmd := exec.Command(bin, "ingest", "--quiet", "--store", store, dir)
		cmd.Env = append(os.Environ(), "PARLEY_STORE=")
		return cmd
	}

	// Start the batch; kill -9 once a few dozen reports are in.
	cmd := ingestCmd(store)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	killedAt := -1
	var poll *sqlite.Store
	deadline := time.Now().Add(2 * time.Minute)
	for killedAt < 0 && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("ingest finished (%v) before it could be killed: make the batch larger; output:\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if _, err := os.Stat(store); err != nil {
			continue
		}
		if poll == nil {
			if poll, _ = sqlite.Open(context.Background(), sqlite.Config{Path: store}); poll == nil {
				continue
			}
		}
		p, err := poll.Reports(context.Background(), graph.ReportFilter{Limit: graph.MaxLimit})
		if err == nil && len(p.Items) >= 40 {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred Close, no flush
				t.Fatalf("kill after %d reports stored: %v (ingest ended first: make the batch larger)", len(p.Items), err)
			}
			killedAt = len(p.Items)
		}
	}
	if poll != nil {
		poll.Close()
	}
	if killedAt < 0 {
		cmd.Process.Kill()
		t.Fatalf("fewer than 40 reports stored within 2 minutes; output:\n%s", out.String())
	}
	<-exited
	if cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("ingest exit code %d, want killed", cmd.ProcessState.ExitCode())
	}

	// After the crash: every stored report is whole.
	st := mustOpenStore(t, store)
	after := readContents(t, st)
	t.Logf("killed with %d reports seen; %d stored after restart (of %d)", killedAt, len(after.reports), n)
	if len(after.reports) < killedAt || len(after.reports) >= n {
		t.Fatalf("%d reports after the crash, want %d to %d", len(after.reports), killedAt, n-1)
	}
	x := extract.New()
	for id := range after.reports {
		rf, err := st.Report(context.Background(), id)
		if err != nil {
			t.Fatalf("Report(%s): %v", id, err)
		}
		f := x.Extract(extract.Input{Text: rf.Report.Text, Published: rf.Report.Published, Title: rf.Report.Title})
		if err := f.Bind(id); err != nil {
			t.Fatal(err)
		}
		got := rf.Facts
		if len(got.Meetings) != len(f.Meetings) || len(got.Statements) != len(f.Statements) || len(got.Supports) != len(f.Supports) {
			t.Errorf("report %s (%q) is not whole: stored %d meetings, %d statements, %d supports; its text gives %d, %d, %d",
				id, rf.Report.Title, len(got.Meetings), len(got.Statements), len(got.Supports), len(f.Meetings), len(f.Statements), len(f.Supports))
		}
	}
	st.Close()

	// The same ingest again completes the rest.
	rerun := ingestCmd(store)
	b, err := rerun.CombinedOutput()
	if err != nil {
		t.Fatalf("ingest after the crash: %v\n%s", err, b)
	}
	m := regexp.MustCompile(`reports read (\d+), new (\d+), already known (\d+), failed (\d+)`).FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("rerun printed no summary:\n%s", b)
	}
	read, created, known, failed := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
	if read != n || known != len(after.reports) || created != n-len(after.reports) || failed != 0 {
		t.Errorf("rerun: %s; want read %d, new %d, already known %d, failed 0", m[0], n, n-len(after.reports), len(after.reports))
	}

	// Compare with a clean ingest of the same batch.
	clean := filepath.Join(t.TempDir(), "clean.db")
	if b, err := ingestCmd(clean).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, b)
	}
	st = mustOpenStore(t, store)
	defer st.Close()
	ref := mustOpenStore(t, clean)
	defer ref.Close()
	got, want := readContents(t, st), readContents(t, ref)
	sameSet(t, "reports", got.reports, want.reports)
	sameSet(t, "meetings", got.meetings, want.meetings)
	sameSet(t, "entities", got.entities, want.entities)
	sameSet(t, "statements", got.statements, want.statements)
	sameSet(t, "supports", got.supports, want.supports)
	if len(want.meetings) == 0 || len(want.entities) == 0 {
		t.Errorf("the batch gave %d meetings and %d entities: the generated reports say nothing", len(want.meetings), len(want.entities))
	}
	t.Logf("after rerun: %d reports, %d meetings, %d entities, %d statements, %d supports",
		len(got.reports), len(got.meetings), len(got.entities), len(got.statements), len(got.supports))
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
