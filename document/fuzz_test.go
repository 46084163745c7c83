package document_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley/parley/document"
)

// checkText fails unless a document's text is clean: valid UTF-8, no CR, no
// trailing spaces, no runs of blank lines.
func checkText(t *testing.T, d document.Document) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatalf("text is not valid UTF-8: %q", d.Text)
	}
	if strings.TrimSpace(d.Text) == "" {
		t.Fatalf("document without an error has no text")
	}
	if strings.Contains(d.Text, "\r") || strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, " \n") {
		t.Fatalf("text is not normalized: %q", d.Text)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []struct{ name, file string }{
		{"a.txt", "frontmatter.txt"}, {"a.md", "fm_badyaml.txt"}, {"a.txt", "crlf.txt"},
		{"a.json", "good.json"}, {"a.json", "html.json"}, {"a.jsonl", "reports.jsonl"}, {"a.html", "metadate.html"},
	} {
		f.Add(s.name, mustRead(f, s.file))
	}
	f.Add("x.txt", []byte("---\n---\n\xff"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		for _, it := range document.Parse(name, data, document.Meta{}) {
			if it.Err == nil {
				checkText(t, it.Doc)
			}
		}
	})
}

func FuzzFromHTML(f *testing.F) {
	for _, file := range []string{"article.html", "cookiewall.html", "jswall.html", "metadate.html"} {
		f.Add(mustRead(f, file))
	}
	f.Add([]byte("<p>a<script>b</script><!-- c --><div hidden>d</div>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := document.FromHTML(data, "https://example.org/", document.Meta{})
		if err == nil {
			checkText(t, d)
		}
	})
}
