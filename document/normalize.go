package document

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkBytes refuses data that is too large, not valid UTF-8, or binary.
func checkBytes(data []byte) error {
	if len(data) > MaxDocumentSize {
		return fmt.Errorf("%d bytes, more than the limit of %d: %w", len(data), MaxDocumentSize, ErrInvalid)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("binary data (NUL byte at offset %d): %w", i, ErrInvalid)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("not valid UTF-8 (first bad byte at offset %d): %w", invalidAt(data), ErrInvalid)
	}
	return nil
}

// invalidAt returns the offset of the first invalid UTF-8 sequence in data.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// normalize cleans text without changing its words: a leading byte order
// mark is dropped, CRLF and CR become LF, trailing spaces and tabs are
// stripped from every line, runs of blank lines collapse to one, and leading
// and trailing blank lines go.
func normalize(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00A0")
		if l == "" {
			blank++
			continue
		}
		if blank > 0 && len(out) > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// cleanText checks and normalizes the text of a document; text with no
// words is ErrEmpty.
func cleanText(s string) (string, error) {
	if err := checkBytes([]byte(s)); err != nil {
		return "", err
	}
	s = normalize(s)
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	return s, nil
}
