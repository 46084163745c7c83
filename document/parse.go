package document

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// formats maps the supported file extensions to their readers.
var formats = map[string]func(data []byte, meta Meta) (Document, error){
	".txt":  fromText,
	".text": fromText,
	".md":   fromText,
	".html": fromHTMLFile,
	".htm":  fromHTMLFile,
	".json": FromJSON,
}

// fromHTMLFile reads a saved web page; meta.URL, if given, is taken as the
// address the page was saved from.
func fromHTMLFile(data []byte, meta Meta) (Document, error) { return FromHTML(data, meta.URL, meta) }

// Supported reports whether name has the extension of a supported format.
func Supported(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	_, ok := formats[ext]
	return ok || ext == ".jsonl"
}

// Parse reads the documents of one file, chosen by its extension:
//   - .txt, .text, .md: plain text with optional YAML front matter between
//     "---" lines (keys title, published, source, url);
//   - .html, .htm: a web page, read by FromHTML with meta.URL as its address;
//   - .json: one report object, read by FromJSON;
//   - .jsonl: one report object a line; blank lines are skipped, and a bad
//     line is an Item whose Err names the line while the others are still read.
//
// meta fills in what a document does not say. Each Doc.Name is name, or
// "name:LINE" for a JSONL line. Errors name the file (and line) and wrap
// ErrUnsupported, ErrEmpty, ErrWall or ErrInvalid.
func Parse(name string, data []byte, meta Meta) []Item {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".jsonl" {
		return parseJSONL(name, data, meta)
	}
	read, ok := formats[ext]
	if !ok {
		return []Item{{Doc: Document{Name: name}, Err: fmt.Errorf("%s: extension %q: %w", name, ext, ErrUnsupported)}}
	}
	d, err := read(data, meta)
	d.Name = name
	if err != nil {
		return []Item{{Doc: Document{Name: name}, Err: fmt.Errorf("%s: %w", name, err)}}
	}
	return []Item{{Doc: d}}
}

// parseJSONL reads one report object per line.
func parseJSONL(name string, data []byte, meta Meta) []Item {
	if len(data) > MaxFileSize {
		err := fmt.Errorf("%s: %d bytes, more than the limit of %d: %w", name, len(data), MaxFileSize, ErrInvalid)
		return []Item{{Doc: Document{Name: name}, Err: err}}
	}
	var items []Item
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, i+1)
		d, err := FromJSON(line, meta)
		if err != nil {
			items = append(items, Item{Doc: Document{Name: where}, Err: fmt.Errorf("%s: %w", where, err)})
			continue
		}
		d.Name = where
		items = append(items, Item{Doc: d})
	}
	if len(items) == 0 {
		return []Item{{Doc: Document{Name: name}, Err: fmt.Errorf("%s: no reports: %w", name, ErrEmpty)}}
	}
	return items
}
