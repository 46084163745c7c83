package document_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley/parley/document"
	"github.com/parley/parley/graph"
)

// mustRead returns the contents of a fixture in testdata.
func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// checkErr fails unless err wraps want and mentions every string in says;
// a nil want means no error.
func checkErr(t *testing.T, call string, err, want error, says ...string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("%s: unexpected error %v", call, err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("%s: error = %v, want one wrapping %v", call, err, want)
	}
	for _, s := range says {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("%s: error %q does not mention %q", call, err, s)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name    string
		file    string
		meta    document.Meta
		want    document.Document // Name is filled in from file
		wantErr error
		says    []string
	}{
		{name: "OKFrontMatter", file: "frontmatter.txt", want: document.Document{
			Title: "Greek prime minister meets Cypriot president", Published: "2020-01-07", Source: "Example Wire",
			URL:  "https://wire.example.org/greece-cyprus",
			Text: "Greek Prime Minister Kyriakos Mitsotakis met Cypriot President Nicos Anastasiades in Athens on Tuesday.\n\nThe two leaders discussed the EastMed pipeline.",
		}},
		{name: "OKFrontMatterBeatsMeta", file: "frontmatter.txt",
			meta: document.Meta{Title: "Meta title", Published: "2001-01-01", Source: "Meta", URL: "https://meta.example"},
			want: document.Document{
				Title: "Greek prime minister meets Cypriot president", Published: "2020-01-07", Source: "Example Wire",
				URL:  "https://wire.example.org/greece-cyprus",
				Text: "Greek Prime Minister Kyriakos Mitsotakis met Cypriot President Nicos Anastasiades in Athens on Tuesday.\n\nThe two leaders discussed the EastMed pipeline.",
			}},
		{name: "OKNoFrontMatterMetaFills", file: "nofrontmatter.txt",
			meta: document.Meta{Title: "Zelensky rejects resignation", Published: "18 January 2020", Source: "Wikinews"},
			want: document.Document{
				Title: "Zelensky rejects resignation", Published: "2020-01-18", Source: "Wikinews",
				Text: "Ukrainian president rejects prime minister's resignation\n\nVolodymyr Zelensky met Oleksiy Honcharuk on Friday.",
			}},
		{name: "OKEmptyFrontMatter", file: "fm_empty.txt", want: document.Document{Text: "Empty front matter, text follows."}},
		{name: "OKNormalized", file: "crlf.txt", want: document.Document{
			Text: "Line one with trailing spaces\nLine two\n\nAfter many blank lines \u201cquoted\u201d \u2014 kept.",
		}},
		{name: "ErrFrontMatterUnclosed", file: "fm_unclosed.txt", wantErr: document.ErrInvalid, says: []string{"fm_unclosed.txt", "front matter", "closing"}},
		{name: "ErrFrontMatterBadYAML", file: "fm_badyaml.txt", wantErr: document.ErrInvalid, says: []string{"fm_badyaml.txt", "front matter"}},
		{name: "ErrFrontMatterUnknownKey", file: "fm_unknownkey.txt", wantErr: document.ErrInvalid, says: []string{"front matter", "line 2", `"author"`}},
		{name: "OKFrontMatterNullAndEndMarker", file: "fm_comment.txt", meta: document.Meta{Title: "Meta title"},
			want: document.Document{Title: "Meta title", Published: "2023-11-06", Text: "Text after a YAML end marker."}},
		{name: "ErrFrontMatterList", file: "fm_list.txt", wantErr: document.ErrInvalid, says: []string{"front matter", "line 1"}},
		{name: "ErrFrontMatterKeyTwice", file: "fm_twice.txt", wantErr: document.ErrInvalid, says: []string{"line 2", `"title"`, "twice"}},
		{name: "ErrFrontMatterNested", file: "fm_nested.txt", wantErr: document.ErrInvalid, says: []string{`"title"`, "single value"}},
		{name: "ErrFrontMatterImpossibleDate", file: "fm_baddate.txt", wantErr: document.ErrInvalid, says: []string{"published", "2023-02-30"}},
		{name: "ErrBadMetaDate", file: "nofrontmatter.txt", meta: document.Meta{Published: "someday"}, wantErr: document.ErrInvalid, says: []string{"published", "someday"}},
		{name: "ErrInvalidUTF8", file: "latin1.txt", wantErr: document.ErrInvalid, says: []string{"latin1.txt", "UTF-8", "offset 3"}},
		{name: "ErrBinary", file: "binary.txt", wantErr: document.ErrInvalid, says: []string{"binary"}},
		{name: "ErrEmpty", file: "empty.txt", wantErr: document.ErrEmpty, says: []string{"empty.txt"}},
		{name: "ErrBlank", file: "blank.txt", wantErr: document.ErrEmpty},
		{name: "ErrUnsupported", file: "report.pdf", wantErr: document.ErrUnsupported, says: []string{"report.pdf", ".pdf"}},
		{name: "OKHTML", file: "article.html", want: document.Document{
			Title: "Foreign ministers meet in Cairo over maritime deal", Published: "2020-01-08", Source: "Example News",
			URL: "https://news.example.org/og/cairo-ministers", // no page URL: the relative canonical link cannot be resolved
		}},
		{name: "OKHTMLMetaURLIsPageAddress", file: "article.html", meta: document.Meta{URL: "https://news.example.org/saved"}, want: document.Document{
			Title: "Foreign ministers meet in Cairo over maritime deal", Published: "2020-01-08", Source: "Example News",
			URL: "https://news.example.org/world/2020/01/08/cairo-ministers",
		}},
		{name: "ErrHTMLWall", file: "cookiewall.html", wantErr: document.ErrWall, says: []string{"cookiewall.html", "cookies"}},
		{name: "OKJSON", file: "good.json", want: document.Document{
			Title: "Cairo summit denounces maritime agreement", Published: "2020-01-11", Source: "Wikinews",
			URL:  "https://en.wikinews.org/wiki/Cairo_summit",
			Text: "Foreign ministers met in Cairo on Wednesday.\n\nThey issued a joint statement.",
		}},
		{name: "OKJSONWithHTML", file: "html.json", meta: document.Meta{Source: "Meta source", URL: "https://meta.example/z"}, want: document.Document{
			Title: "Title from JSON", Published: "2020-01-18", Source: "Page Site", URL: "https://meta.example/z",
		}},
		{name: "ErrJSONUnknownField", file: "unknown.json", wantErr: document.ErrInvalid, says: []string{"unknown.json", `"author"`}},
		{name: "ErrJSONWrongType", file: "wrongtype.json", wantErr: document.ErrInvalid, says: []string{`field "published"`, "string", "number"}},
		{name: "ErrJSONBoth", file: "both.json", wantErr: document.ErrInvalid, says: []string{`"text"`, `"html"`, "both"}},
		{name: "ErrJSONNeither", file: "neither.json", wantErr: document.ErrInvalid, says: []string{`"text"`, `"html"`, "required"}},
		{name: "ErrJSONImpossibleDate", file: "baddate.json", wantErr: document.ErrInvalid, says: []string{`field "published"`, "2023-02-30"}},
		{name: "ErrJSONArray", file: "array.json", wantErr: document.ErrInvalid, says: []string{"object", "array"}},
		{name: "ErrJSONTrailing", file: "trailing.json", wantErr: document.ErrInvalid, says: []string{"after"}},
		{name: "ErrJSONEmptyText", file: "emptytext.json", wantErr: document.ErrEmpty, says: []string{`field "text"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := document.Parse(tc.file, mustRead(t, tc.file), tc.meta)
			if len(items) != 1 {
				t.Fatalf("Parse(%q) = %d items, want 1", tc.file, len(items))
			}
			got := items[0]
			checkErr(t, "Parse("+tc.file+")", got.Err, tc.wantErr, tc.says...)
			if tc.wantErr != nil {
				return
			}
			want := tc.want
			want.Name = tc.file
			if want.Text == "" { // HTML cases check the text in TestFromHTML
				want.Text = got.Doc.Text
			}
			if got.Doc != want {
				t.Errorf("Parse(%q) =\n%#v\nwant\n%#v", tc.file, got.Doc, want)
			}
			if !utf8.ValidString(got.Doc.Text) || got.Doc.Text == "" {
				t.Errorf("Parse(%q): text %q is empty or not valid UTF-8", tc.file, got.Doc.Text)
			}
		})
	}
}

func TestParseJSONL(t *testing.T) {
	items := document.Parse("reports.jsonl", mustRead(t, "reports.jsonl"), document.Meta{Source: "CLI"})
	want := []struct {
		name, title, source string
		err                 error
	}{
		{"reports.jsonl:1", "First report", "CLI", nil},
		{"reports.jsonl:3", "", "", document.ErrInvalid},
		{"reports.jsonl:4", "Third report", "Wikinews", nil},
	}
	if len(items) != len(want) {
		t.Fatalf("Parse(reports.jsonl) = %d items, want %d: %+v", len(items), len(want), items)
	}
	for i, w := range want {
		got := items[i]
		checkErr(t, w.name, got.Err, w.err, w.name, `"autor"`)
		if got.Doc.Name != w.name || got.Doc.Title != w.title || got.Doc.Source != w.source {
			t.Errorf("item %d = %+v, want name %q title %q source %q", i, got.Doc, w.name, w.title, w.source)
		}
	}
	if items[0].Doc.Published != "2020-01-08" || items[2].Doc.Text != "Presidents spoke by phone." {
		t.Errorf("items = %+v", items)
	}
}

func TestParseJSONLEmpty(t *testing.T) {
	items := document.Parse("none.jsonl", []byte("\n\n  \n"), document.Meta{})
	if len(items) != 1 {
		t.Fatalf("Parse(none.jsonl) = %d items, want 1", len(items))
	}
	checkErr(t, "Parse(none.jsonl)", items[0].Err, document.ErrEmpty, "none.jsonl")
}

func TestParseTooLarge(t *testing.T) {
	big := strings.Repeat("word ", document.MaxDocumentSize/5+1)
	items := document.Parse("big.txt", []byte(big), document.Meta{})
	checkErr(t, "Parse(big.txt)", items[0].Err, document.ErrInvalid, "big.txt", "limit")
}

func TestSentinelsAreInvalid(t *testing.T) {
	for _, err := range []error{document.ErrUnsupported, document.ErrEmpty, document.ErrWall, document.ErrInvalid} {
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("errors.Is(%v, graph.ErrInvalid) = false, want true", err)
		}
	}
}
