package document_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parley/parley/document"
)

// mustTree creates the given files (with parent folders) under a temporary
// folder and returns it.
func mustTree(tb testing.TB, files ...string) string {
	tb.Helper()
	root := tb.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("text\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return root
}

func TestWalk(t *testing.T) {
	root := mustTree(t,
		"b.txt", "a.md", "page.HTML", "notes.pdf", "data/one.json", "data/many.jsonl", "data/deep/old.htm",
		"data/deep/x.text", ".hidden.txt", ".git/config.txt", "data/.cache/c.json", "solo.bin",
		"README.md", "data/ATTRIBUTION.md", "data/License.txt", "data/readme-first.txt",
	)
	j := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }

	t.Run("OKFolder", func(t *testing.T) {
		got, err := document.Walk([]string{root})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{j("a.md"), j("b.txt"), j("data/deep/old.htm"), j("data/deep/x.text"), j("data/many.jsonl"), j("data/one.json"), j("data/readme-first.txt"), j("page.HTML")}
		if !slices.Equal(got, want) {
			t.Errorf("Walk(root) =\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("OKFilesTakenAsTheyAre", func(t *testing.T) {
		got, err := document.Walk([]string{j("solo.bin"), j(".hidden.txt"), j("README.md"), j("data/deep"), j("b.txt"), j("b.txt")})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{j(".hidden.txt"), j("README.md"), j("b.txt"), j("data/deep/old.htm"), j("data/deep/x.text"), j("solo.bin")}
		if !slices.Equal(got, want) {
			t.Errorf("Walk(files) =\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		got, err := document.Walk([]string{j("nope"), j("b.txt"), j("data/gone.txt")})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Walk(missing) error = %v, want one wrapping fs.ErrNotExist", err)
		}
		for _, s := range []string{"nope", "gone.txt"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("Walk(missing) error %q does not name %q", err, s)
			}
		}
		if want := []string{j("b.txt")}; !slices.Equal(got, want) {
			t.Errorf("Walk(missing) = %q, want %q", got, want)
		}
	})
}
