package document

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLElements bounds the work go-readability does on one page.
const maxHTMLElements = 100_000

// FromHTML extracts the main text and the metadata of an HTML page. The text
// comes from go-readability; scripts, styles, iframes, comments and hidden
// elements never reach it. The title, published date, site name and URL
// come from the page's <title>, og:* and article:published_time meta tags,
// <meta name="date">, JSON-LD datePublished and <link rel="canonical">;
// pageURL is where the page was found (may be ""). meta fills in what the
// page does not say. A page that is a JavaScript or cookie wall is refused
// with ErrWall; a page without text with ErrEmpty.
func FromHTML(data []byte, pageURL string, meta Meta) (d Document, err error) {
	if err := checkBytes(data); err != nil {
		return Document{}, err
	}
	base, _ := url.Parse(strings.TrimSpace(pageURL))
	if base != nil && !base.IsAbs() {
		base = nil
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return Document{}, fmt.Errorf("%v: %w", err, ErrInvalid)
	}
	if n := countElements(root); n > maxHTMLElements {
		return Document{}, fmt.Errorf("html: %d elements, more than the limit of %d: %w", n, maxHTMLElements, ErrInvalid)
	}
	pm := readMeta(root, base)
	dropInert(root)

	// A panic inside the extraction library must not take the caller down.
	defer func() {
		if r := recover(); r != nil {
			d, err = Document{}, fmt.Errorf("html: main-text extraction failed: %v: %w", r, ErrInvalid)
		}
	}()
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxHTMLElements
	article, err := parser.ParseDocument(root, base)
	if err != nil {
		return Document{}, fmt.Errorf("html: %v: %w", err, ErrInvalid)
	}
	var main string
	if article.Node != nil {
		main = render.InnerText(article.Node)
	}
	if isWall(main, root) {
		return Document{}, fmt.Errorf("html: it asks to enable JavaScript or accept cookies and has almost no other text: %w", ErrWall)
	}
	text, err := cleanText(main)
	if err != nil {
		return Document{}, fmt.Errorf("html: %w", err)
	}

	d = Document{Text: text, Title: clean1(article.Title()), Source: clean1(article.SiteName())}
	if d.Title == "" {
		d.Title = pm.title
	}
	d.Published = pm.published
	if d.Published == "" {
		if t, err := article.PublishedTime(); err == nil && t.Year() >= 1000 && t.Year() <= 9999 {
			d.Published = t.Format(time.DateOnly)
		}
	}
	d.URL = pm.url
	if d.URL == "" && base != nil {
		d.URL = base.String()
	}
	if err := fill(&d, meta); err != nil {
		return Document{}, err
	}
	return d, nil
}

// clean1 collapses the white space of a one-line field.
func clean1(s string) string { return strings.Join(strings.Fields(s), " ") }

// pageMeta is the metadata FromHTML reads itself, beyond what go-readability
// gives.
type pageMeta struct {
	title     string // <title>
	published string // YYYY-MM-DD
	url       string // canonical or og:url, absolute
}

// readMeta reads the <title>, the canonical URL and the published date of a
// parsed page. Dates that are not real dates are ignored.
func readMeta(root *html.Node, base *url.URL) pageMeta {
	var (
		pm                        pageMeta
		canonical, ogURL          string
		articleDate, nameDate, ld string
	)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if pm.title == "" && n.FirstChild != nil {
					pm.title = clean1(n.FirstChild.Data)
				}
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = attr(n, "href")
				}
			case atom.Meta:
				content := attr(n, "content")
				for _, key := range []string{attr(n, "property"), attr(n, "name"), attr(n, "itemprop")} {
					switch strings.ToLower(key) {
					case "og:url":
						ogURL = first(ogURL, content)
					case "article:published_time", "article:published", "datepublished":
						articleDate = first(articleDate, content)
					case "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued",
						"pubdate", "publishdate", "publish-date", "pdate", "article:publicationdate":
						nameDate = first(nameDate, content)
					}
				}
			case atom.Time:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					articleDate = first(articleDate, first(attr(n, "datetime"), attr(n, "content")))
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil && ld == "" {
					ld = jsonLDDate(n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, s := range []string{articleDate, nameDate, ld} {
		if p, err := NormalizeDate(s); err == nil {
			pm.published = p
			break
		}
	}
	for _, s := range []string{canonical, ogURL} {
		if u := absURL(s, base); u != "" {
			pm.url = u
			break
		}
	}
	return pm
}

// jsonLDDate returns the datePublished of a JSON-LD block: of its object, of
// the first object of a list, or of the first object in its @graph.
func jsonLDDate(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var objs []any
	switch t := v.(type) {
	case []any:
		objs = t
	case map[string]any:
		objs = []any{t}
		if g, ok := t["@graph"].([]any); ok {
			objs = append(objs, g...)
		}
	}
	for _, o := range objs {
		if m, ok := o.(map[string]any); ok {
			if s, ok := m["datePublished"].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// absURL resolves s against base and returns it if it is an absolute http(s) URL.
func absURL(s string, base *url.URL) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func countElements(n *html.Node) int {
	c := 0
	if n.Type == html.ElementNode {
		c = 1
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c += countElements(ch)
	}
	return c
}

// dropInert removes what a browser never shows and go-readability keeps:
// the inert content of <template> elements.
func dropInert(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && c.DataAtom == atom.Template {
			n.RemoveChild(c)
		} else {
			dropInert(c)
		}
		c = next
	}
}
