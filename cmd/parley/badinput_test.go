package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley/parley/graph"
)

// TestIngestBadFiles: every malformed file of a batch is named with its
// reason and stores nothing; the good ones go in; the command fails,
// counting the bad ones.
func TestIngestBadFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	bin := make([]byte, 2048)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range bin {
		bin[i] = byte(r.IntN(256))
	}
	cookieWall, err := os.ReadFile("../../document/testdata/cookiewall.html")
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"binary.txt":      bin,
		"binary.html":     bin,
		"binary.json":     bin,
		"latin1.txt":      []byte("Le pr\xe9sident Macron a rencontr\xe9 Scholz \xe0 Berlin."),
		"nul.txt":         []byte("Macron met\x00 Scholz."),
		"empty.txt":       nil,
		"blank.md":        []byte("\n\n   \n"),
		"unknown.json":    []byte(`{"text": "Macron met Scholz.", "author": "x"}`),
		"wrongtype.json":  []byte(`{"text": ["Macron met Scholz."]}`),
		"baddate.json":    []byte(`{"text": "Macron met Scholz.", "published": "2024-02-30"}`),
		"array.json":      []byte(`[1, 2]`),
		"truncated.json":  []byte(`{"text": "Macron met`),
		"badfm.txt":       []byte("---\npublished: 2023-13-45\n---\nMacron met Scholz in Berlin."),
		"unclosedfm.txt":  []byte("---\ntitle: x\nMacron met Scholz in Berlin."),
		"cookiewall.html": cookieWall,
		"hostile.jsonl": []byte(`{"text": "Macron met Scholz in Berlin on 3 June 2024.", "title": "x'}) DETACH DELETE n //"}` + "\n" +
			`{"text": 1}` + "\n" + "\xff\xfe\n" + `{"text": "Robert'); DROP TABLE reports;-- met Scholz."` + "\n"),
	}
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store := filepath.Join(dir, "p.db")
	var out, errOut bytes.Buffer
	e := &env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	err = run(context.Background(), []string{"ingest", "--quiet", "--store", store, in}, e)
	if err == nil || !strings.Contains(err.Error(), "reports failed") {
		t.Errorf("ingest of a bad batch = %v, want 'N of M reports failed'", err)
	}
	t.Logf("summary: %s", strings.TrimSpace(out.String()))
	failures := errOut.String()
	for name := range bad {
		if name == "hostile.jsonl" {
			continue
		}
		if !strings.Contains(failures, name+":") {
			t.Errorf("failures do not name %s:\n%s", name, failures)
		}
	}
	for _, line := range []string{"hostile.jsonl:2", "hostile.jsonl:3", "hostile.jsonl:4"} {
		if !strings.Contains(failures, line) {
			t.Errorf("failures do not name %s:\n%s", line, failures)
		}
	}
	if !strings.Contains(failures, "cookies") {
		t.Errorf("the cookie wall is not refused as one:\n%s", failures)
	}
	// Only the one good line of hostile.jsonl is stored, its title as data.
	st := mustOpenStore(t, store)
	defer st.Close()
	page, err := st.Reports(context.Background(), graph.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Title != "x'}) DETACH DELETE n //" {
		t.Errorf("stored reports = %+v, want only the good line of hostile.jsonl", page.Items)
	}

	t.Run("ErrUsage", func(t *testing.T) {
		for _, args := range [][]string{
			{"ingest", "--store", store},
			{"ingest", "--store", store, "--published", "2024-02-30", in},
			{"ingest", "--store", store, "--published", "'; DROP TABLE reports; --", in},
			{"ingest", "--store", store, "--no-such-flag", in},
			{"ingest", "--store", "", in},
		} {
			if err := run(context.Background(), args, e); err == nil || exitCode(err) != 2 {
				t.Errorf("run(%q) = %v, want a usage error (exit 2)", args, err)
			}
		}
	})
	t.Run("ErrMissingPath", func(t *testing.T) {
		if err := run(context.Background(), []string{"ingest", "--store", store, filepath.Join(dir, "nope")}, e); err == nil {
			t.Errorf("ingest of a missing path = nil, want an error")
		}
	})
	t.Run("ErrExtractBinary", func(t *testing.T) {
		e := &env{getenv: func(string) string { return "" }, stdin: bytes.NewReader(bin), stdout: &out, stderr: &errOut}
		if err := run(context.Background(), []string{"extract", "-"}, e); err == nil {
			t.Errorf("extract of binary input = nil, want an error")
		}
	})
}
