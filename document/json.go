package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// report is the JSON form of one report. Pointers tell a missing field from
// an empty one.
type report struct {
	Title     string  `json:"title"`
	Published string  `json:"published"`
	Source    string  `json:"source"`
	URL       string  `json:"url"`
	Text      *string `json:"text"`
	HTML      *string `json:"html"`
}

// FromJSON reads one JSON report object
// {"title","published","source","url","text"|"html"}, strictly: unknown
// fields, wrong types and trailing data are errors naming what is wrong;
// exactly one of text and html is required. An html report is read as
// FromHTML reads a page, with the JSON fields taking precedence over what
// the page says. meta fills in what the report does not say.
func FromJSON(data []byte, meta Meta) (Document, error) {
	if err := checkBytes(data); err != nil {
		return Document{}, err
	}
	var r report
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Document{}, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Document{}, fmt.Errorf("json: data after the report object: %w", ErrInvalid)
	}
	var (
		d   Document
		err error
	)
	switch {
	case r.Text != nil && r.HTML != nil:
		return Document{}, fmt.Errorf(`json: both "text" and "html" given; want one: %w`, ErrInvalid)
	case r.Text == nil && r.HTML == nil:
		return Document{}, fmt.Errorf(`json: field "text" or "html" required: %w`, ErrInvalid)
	case r.Text != nil:
		if d.Text, err = cleanText(*r.Text); err != nil {
			return Document{}, fmt.Errorf(`json: field "text": %w`, err)
		}
	default:
		if d, err = FromHTML([]byte(*r.HTML), r.URL, Meta{}); err != nil {
			return Document{}, fmt.Errorf(`json: field "html": %w`, err)
		}
	}
	if r.Published != "" {
		p, err := NormalizeDate(r.Published)
		if err != nil {
			return Document{}, fmt.Errorf(`json: field "published": %w`, err)
		}
		d.Published = p
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&d.Title, r.Title}, {&d.Source, r.Source}, {&d.URL, r.URL},
	} {
		if v := strings.TrimSpace(f.v); v != "" {
			*f.dst = v
		}
	}
	if err := fill(&d, meta); err != nil {
		return Document{}, err
	}
	return d, nil
}

// jsonError turns a decoding error into one that names the field at fault.
func jsonError(err error) error {
	var (
		typeErr   *json.UnmarshalTypeError
		syntaxErr *json.SyntaxError
	)
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Errorf("json: field %q: want %s, got %s: %w", typeErr.Field, typeErr.Type, typeErr.Value, ErrInvalid)
	case errors.As(err, &typeErr):
		return fmt.Errorf("json: want a report object, got %s: %w", typeErr.Value, ErrInvalid)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("json: syntax error at byte %d: %v: %w", syntaxErr.Offset, err, ErrInvalid)
	case errors.Is(err, io.EOF):
		return fmt.Errorf("json: no report object: %w", ErrEmpty)
	}
	// Unknown fields: encoding/json says `json: unknown field "x"`.
	return fmt.Errorf("%v: %w", err, ErrInvalid)
}
