package document

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

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

// frontMatterKeys are the keys front matter may have.
const frontMatterKeys = "title, published, source, url"

// decodeFrontMatter decodes the YAML front matter into d, strictly: it must
// be a mapping of the keys title, published, source and url to single
// values, each at most once.
func decodeFrontMatter(fm string, d *Document) error {
	if strings.TrimSpace(fm) == "" {
		return nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
		return fmt.Errorf("front matter: %v: %w", err, ErrInvalid)
	}
	if len(root.Content) == 0 {
		return nil // only comments
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("front matter: line %d: want keys (%s), one a line: %w", m.Line, frontMatterKeys, ErrInvalid)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var dst *string
		switch k.Value {
		case "title":
			dst = &d.Title
		case "published":
			dst = &d.Published
		case "source":
			dst = &d.Source
		case "url":
			dst = &d.URL
		default:
			return fmt.Errorf("front matter: line %d: unknown key %q (want %s): %w", k.Line, k.Value, frontMatterKeys, ErrInvalid)
		}
		if seen[k.Value] {
			return fmt.Errorf("front matter: line %d: key %q given twice: %w", k.Line, k.Value, ErrInvalid)
		}
		seen[k.Value] = true
		if v.Kind != yaml.ScalarNode {
			return fmt.Errorf("front matter: line %d: %q must be a single value: %w", v.Line, k.Value, ErrInvalid)
		}
		if v.Tag != "!!null" {
			*dst = clean1(v.Value)
		}
	}
	if d.Published != "" {
		p, err := NormalizeDate(d.Published)
		if err != nil {
			return fmt.Errorf("front matter: published: %w", err)
		}
		d.Published = p
	}
	return nil
}
