package document

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// frontMatter is the YAML header a text report may start with.
type frontMatter struct {
	Title     string `yaml:"title"`
	Published string `yaml:"published"`
	Source    string `yaml:"source"`
	URL       string `yaml:"url"`
}

// fromText reads a plain-text report with optional YAML front matter: a
// first line "---", YAML, and a closing line "---" (or "...").
func fromText(data []byte, meta Meta) (Document, error) {
	if err := checkBytes(data); err != nil {
		return Document{}, err
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var d Document
	if strings.HasPrefix(s, "---\n") {
		fm, body, err := splitFrontMatter(s[len("---\n"):])
		if err != nil {
			return Document{}, err
		}
		if err := decodeFrontMatter(fm, &d); err != nil {
			return Document{}, err
		}
		s = body
	}
	text, err := cleanText(s)
	if err != nil {
		return Document{}, err
	}
	d.Text = text
	if err := fill(&d, meta); err != nil {
		return Document{}, err
	}
	return d, nil
}

// splitFrontMatter splits s, which follows the opening "---" line, at the
// closing "---" or "..." line.
func splitFrontMatter(s string) (fm, body string, err error) {
	rest := s
	off := 0
	for rest != "" {
		line, next, _ := strings.Cut(rest, "\n")
		if l := strings.TrimRight(line, " \t"); l == "---" || l == "..." {
			return s[:off], next, nil
		}
		off += len(line) + 1
		rest = next
	}
	return "", "", fmt.Errorf("front matter: no closing --- line: %w", ErrInvalid)
}

// decodeFrontMatter decodes the YAML front matter into d, strictly: unknown
// keys and non-string values are errors.
func decodeFrontMatter(fm string, d *Document) error {
	var f frontMatter
	dec := yaml.NewDecoder(bytes.NewReader([]byte(fm)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && strings.TrimSpace(fm) != "" {
		return fmt.Errorf("front matter: %v: %w", err, ErrInvalid)
	}
	d.Title = strings.TrimSpace(f.Title)
	d.Source = strings.TrimSpace(f.Source)
	d.URL = strings.TrimSpace(f.URL)
	if p := strings.TrimSpace(f.Published); p != "" {
		n, err := NormalizeDate(p)
		if err != nil {
			return fmt.Errorf("front matter: published: %w", err)
		}
		d.Published = n
	}
	return nil
}
