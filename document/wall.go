package document

import (
	"strings"

	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// wallPhrases are what JavaScript and cookie walls say, in lower case.
var wallPhrases = []string{
	"enable javascript", "javascript is disabled", "javascript is required", "javascript must be enabled",
	"requires javascript", "turn on javascript", "activate javascript", "javascript is turned off",
	"enable cookies", "accept cookies", "accept all cookies", "cookies are disabled", "use of cookies",
	"we use cookies", "cookie consent", "cookie settings", "cookie preferences", "consent to cookies",
}

// wallMaxWords is how many words a page may have beyond its wall notice and
// still count as a wall: a real report says more.
const wallMaxWords = 60

// isWall reports whether a page is a JavaScript or cookie wall: its main
// text has almost no words outside the lines that mention a wall, and its
// main text or its whole visible text (root) does mention one.
func isWall(main string, root *html.Node) bool {
	return wordsOutsideWall(main) < wallMaxWords && (hasWallPhrase(main) || hasWallPhrase(pageText(root)))
}

func hasWallPhrase(s string) bool {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, p := range wallPhrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// wordsOutsideWall counts the words of s in lines that mention no wall.
func wordsOutsideWall(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		if !hasWallPhrase(line) {
			n += len(strings.Fields(line))
		}
	}
	return n
}

// pageText is the visible text of a whole parsed page, <noscript> included
// (where JavaScript walls put their notice), used only to detect walls.
func pageText(root *html.Node) string {
	var b strings.Builder
	b.WriteString(render.InnerText(root))
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Noscript {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString("\n")
					b.WriteString(c.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}
