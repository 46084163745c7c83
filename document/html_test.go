package document_test

import (
	"strings"
	"testing"

	"github.com/parley/parley/document"
)

func TestFromHTML(t *testing.T) {
	article := []string{
		"The foreign ministers of Egypt, France, Greece and Cyprus met in Cairo on Wednesday",
		`the agreement "violates the sovereign rights of third states"`,
		"Egyptian Foreign Minister Sameh Shoukry hosted the talks.",
		"The ministers agreed to meet again in the coming weeks",
	}
	leaks := []string{"NAV-LEAK", "ADVERT-LEAK", "SCRIPT-LEAK", "SCRIPT_LEAK", "STYLE-LEAK", "IFRAME-LEAK",
		"HIDDEN-LEAK", "COMMENT-LEAK", "SIDEBAR-LEAK", "FOOTER-LEAK", "font-family", "console.log", "<"}
	for _, tc := range []struct {
		name    string
		file    string
		pageURL string
		meta    document.Meta
		want    document.Document // Text is checked with has and hasNot
		has     []string
		hasNot  []string
		wantErr error
		says    []string
	}{
		{name: "OKArticle", file: "article.html", pageURL: "https://news.example.org/feed?id=1",
			meta: document.Meta{Title: "Meta title", Published: "1999-01-01", Source: "Meta source", URL: "https://meta.example"},
			want: document.Document{
				Title: "Foreign ministers meet in Cairo over maritime deal", Published: "2020-01-08", Source: "Example News",
				URL: "https://news.example.org/world/2020/01/08/cairo-ministers",
			},
			has: article, hasNot: leaks},
		{name: "OKJSONLDDateAndTitleTag", file: "metadate.html", meta: document.Meta{Source: "Meta source"},
			want: document.Document{Title: "Leaders meet in Niamey", Published: "2019-07-08", Source: "Meta source"},
			has:  []string{"Muhammadu Buhari and Beninese President Patrice Talon", "\n\nEgyptian President"}},
		{name: "OKPageURLWhenNoCanonical", file: "metadate.html", pageURL: "https://daily.example/niamey",
			want: document.Document{Title: "Leaders meet in Niamey", Published: "2019-07-08", URL: "https://daily.example/niamey"}},
		{name: "OKPropertyAndItempropOnOneTag", file: "itemprop.html",
			want: document.Document{Title: "Presidents talk by phone", Published: "2019-10-06"},
			has:  []string{"spoke by telephone on Sunday, October 6,"}},
		{name: "ErrCookieWall", file: "cookiewall.html", wantErr: document.ErrWall, says: []string{"cookies", "JavaScript"}},
		{name: "ErrJavaScriptWall", file: "jswall.html", wantErr: document.ErrWall, says: []string{"enable JavaScript"}},
		{name: "ErrEmptyPage", file: "emptypage.html", wantErr: document.ErrEmpty},
		{name: "ErrBinary", file: "binary.txt", wantErr: document.ErrInvalid, says: []string{"binary"}},
		{name: "ErrInvalidUTF8", file: "latin1.txt", wantErr: document.ErrInvalid, says: []string{"UTF-8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := document.FromHTML(mustRead(t, tc.file), tc.pageURL, tc.meta)
			checkErr(t, "FromHTML("+tc.file+")", err, tc.wantErr, tc.says...)
			if tc.wantErr != nil {
				return
			}
			want := tc.want
			want.Text = got.Text
			if got != want {
				t.Errorf("FromHTML(%q) =\n%#v\nwant\n%#v", tc.file, got, want)
			}
			for _, s := range tc.has {
				if !strings.Contains(got.Text, s) {
					t.Errorf("FromHTML(%q): text lacks %q; text:\n%s", tc.file, s, got.Text)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(got.Text, s) {
					t.Errorf("FromHTML(%q): text has %q; text:\n%s", tc.file, s, got.Text)
				}
			}
			if strings.Contains(got.Text, "\n\n\n") || strings.Contains(got.Text, " \n") {
				t.Errorf("FromHTML(%q): text not normalized: %q", tc.file, got.Text)
			}
		})
	}
}

// A short page that only mentions cookies in a banner, beside a real
// report, is not a wall.
func TestFromHTMLBannerIsNotWall(t *testing.T) {
	page := `<html><body><div class="cookie-banner">We use cookies. <button>Accept cookies</button></div>` +
		string(mustRead(t, "article.html")) + `</body></html>`
	d, err := document.FromHTML([]byte(page), "", document.Meta{})
	if err != nil {
		t.Fatalf("FromHTML(article with cookie banner): %v", err)
	}
	if !strings.Contains(d.Text, "Sameh Shoukry hosted the talks") {
		t.Errorf("FromHTML(article with cookie banner): text lacks the article:\n%s", d.Text)
	}
}
