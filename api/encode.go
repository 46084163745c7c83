package api

import (
	"encoding/json"
	"net/http"
	"sync"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/parley/parley/graph"
)

// The most asked-for answers (pages of meetings and of entities, paths of
// connections) are written by the appendJSON methods below instead of by
// encoding/json, whose reflection over every field and map key was a sixth
// of the server's CPU under load. They write exactly the bytes
// encoding/json writes for the same value (json.Marshal, as gin's c.JSON
// calls it): the same key order, omitempty, null for nil slices and
// pointers, and strings escaped alike (HTML too); encode_test.go checks
// them against json.Marshal.

// jsonContentType is the Content-Type gin's c.JSON sends.
const jsonContentType = "application/json; charset=utf-8"

// jsonBufs recycles the buffers answers are written into (*[]byte); large
// ones are left to the collector, so that one large answer does not pin
// its buffer.
type jsonBufs struct{ pool sync.Pool }

// okJSON answers 200 with the JSON that appendTo writes, as c.JSON would
// answer with the value it stands for.
func (s *Server) okJSON(c *gin.Context, appendTo func([]byte) []byte) {
	p, _ := s.bufs.pool.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	b := appendTo((*p)[:0])
	c.Render(http.StatusOK, rawJSON(b)) // written out before it returns
	if cap(b) <= 64<<10 {
		*p = b
		s.bufs.pool.Put(p)
	}
}

// rawJSON renders JSON already encoded as render.JSON renders a value: the
// same Content-Type, one write, no Content-Length (render.Data would add
// one, and so answer large bodies unchunked where c.JSON chunks them).
type rawJSON []byte

func (r rawJSON) Render(w http.ResponseWriter) error {
	r.WriteContentType(w)
	_, err := w.Write(r)
	return err
}

func (r rawJSON) WriteContentType(w http.ResponseWriter) {
	if h := w.Header(); len(h["Content-Type"]) == 0 {
		h["Content-Type"] = []string{jsonContentType}
	}
}

// appendString appends s as a JSON string, as encoding/json writes it: valid
// UTF-8 other than U+2028 and U+2029 as is, but for '"', '\\', control
// characters and the HTML characters '<', '>' and '&'. A string with any of
// those (rare in names, ids and evidence) is handed to encoding/json itself.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plainASCII[c] {
				return appendMarshaled(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshaled(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainASCII says which ASCII bytes encoding/json writes as they are: one
// lookup a byte, where comparing with each special one was most of the
// encoders' time.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

func appendMarshaled(b []byte, s string) []byte {
	out, _ := json.Marshal(s) // a string always marshals
	return append(b, out...)
}

// appendKey appends "key": after a comma unless it opens an object; key is
// a plain field name.
func appendKey(b []byte, key string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// appendStringPtr appends *s, or null.
func appendStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendSlice appends the JSON array of xs (null if nil), each by appendOne.
func appendSlice[T any](b []byte, xs []T, appendOne func([]byte, *T) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(b, &xs[i])
	}
	return append(b, ']')
}

func appendStrings(b []byte, ss []string) []byte {
	return appendSlice(b, ss, func(b []byte, s *string) []byte { return appendString(b, *s) })
}

func (r *ref) appendJSON(b []byte) []byte {
	b = appendKey(b, "id", true)
	b = appendString(b, r.ID)
	b = appendKey(b, "name", false)
	b = appendString(b, r.Name)
	b = appendKey(b, "type", false)
	b = appendString(b, r.Type)
	return b
}

func appendRef(b []byte, r *ref) []byte {
	return append(r.appendJSON(append(b, '{')), '}')
}

func appendSource(b []byte, s *graph.Source) []byte {
	b = appendKey(append(b, '{'), "report_id", true)
	b = appendString(b, s.ReportID)
	b = appendKey(b, "evidence", false)
	b = appendString(b, s.Evidence)
	if s.Rule != "" {
		b = appendKey(b, "rule", false)
		b = appendString(b, s.Rule)
	}
	return append(b, '}')
}

func appendParticipant(b []byte, p *participantView) []byte {
	b = p.ref.appendJSON(append(b, '{'))
	b = appendKey(b, "role", false)
	b = appendString(b, string(p.Role))
	return append(b, '}')
}

func appendMeeting(b []byte, m *meetingView) []byte {
	b = appendKey(append(b, '{'), "id", true)
	b = appendString(b, m.ID)
	b = appendKey(b, "date", false)
	b = appendStringPtr(b, m.Date)
	if m.DatePrecision != "" {
		b = appendKey(b, "date_precision", false)
		b = appendString(b, m.DatePrecision)
	}
	if m.Place != "" {
		b = appendKey(b, "place", false)
		b = appendString(b, m.Place)
	}
	b = appendKey(b, "mode", false)
	b = appendString(b, string(m.Mode))
	b = appendKey(b, "status", false)
	b = appendString(b, string(m.Status))
	b = appendKey(b, "participants", false)
	b = appendSlice(b, m.Participants, appendParticipant)
	b = appendKey(b, "sources", false)
	b = appendSlice(b, m.Sources, appendSource)
	return append(b, '}')
}

func appendTitle(b []byte, t *graph.Title) []byte {
	b = appendKey(append(b, '{'), "title", true)
	b = appendString(b, t.Title)
	if t.From != "" {
		b = appendKey(b, "from", false)
		b = appendString(b, t.From)
	}
	if t.To != "" {
		b = appendKey(b, "to", false)
		b = appendString(b, t.To)
	}
	return append(b, '}')
}

func appendEntity(b []byte, e *graph.Entity) []byte {
	b = appendKey(append(b, '{'), "id", true)
	b = appendString(b, e.ID)
	b = appendKey(b, "type", false)
	b = appendString(b, string(e.Type))
	b = appendKey(b, "name", false)
	b = appendString(b, e.Name)
	b = appendKey(b, "aliases", false)
	b = appendStrings(b, e.Aliases)
	if len(e.Titles) > 0 {
		b = appendKey(b, "titles", false)
		b = appendSlice(b, e.Titles, appendTitle)
	}
	if e.Country != "" {
		b = appendKey(b, "country", false)
		b = appendString(b, e.Country)
	}
	return append(b, '}')
}

// appendEntityPage writes a graph.Page[graph.Entity].
func appendEntityPage(b []byte, p *graph.Page[graph.Entity]) []byte {
	b = appendKey(append(b, '{'), "items", true)
	b = appendSlice(b, p.Items, appendEntity)
	if p.Next != "" {
		b = appendKey(b, "next", false)
		b = appendString(b, p.Next)
	}
	return append(b, '}')
}

// appendMeetingList writes what c.JSON writes for list(items, next).
func appendMeetingList(b []byte, items []meetingView, next string) []byte {
	b = appendKey(append(b, '{'), "items", true)
	b = appendSlice(b, items, appendMeeting)
	if next != "" {
		b = appendKey(b, "next", false)
		b = appendString(b, next)
	}
	return append(b, '}')
}

func appendLink(b []byte, l *linkView) []byte {
	b = appendKey(append(b, '{'), "type", true)
	b = appendString(b, l.Type)
	b = appendKey(b, "fact_id", false)
	b = appendString(b, l.FactID)
	b = appendKey(b, "from", false)
	b = appendString(b, l.From)
	b = appendKey(b, "to", false)
	b = appendString(b, l.To)
	b = appendKey(b, "date", false)
	b = appendStringPtr(b, l.Date)
	b = appendKey(b, "source", false)
	b = appendSource(b, &l.Source)
	return append(b, '}')
}

func appendStep(b []byte, s *stepView) []byte {
	b = appendKey(append(b, '{'), "from", true)
	b = appendString(b, s.From)
	b = appendKey(b, "to", false)
	b = appendString(b, s.To)
	b = appendKey(b, "links", false)
	b = appendSlice(b, s.Links, appendLink)
	return append(b, '}')
}

func appendPath(b []byte, p *pathView) []byte {
	b = appendKey(append(b, '{'), "nodes", true)
	b = appendSlice(b, p.Nodes, appendRef)
	b = appendKey(b, "steps", false)
	b = appendSlice(b, p.Steps, appendStep)
	return append(b, '}')
}

// appendConnections writes what c.JSON writes for
// gin.H{"from": from, "to": to, "paths": paths}: a map's keys in order.
func appendConnections(b []byte, from, to ref, paths []pathView) []byte {
	b = appendKey(append(b, '{'), "from", true)
	b = appendRef(b, &from)
	b = appendKey(b, "paths", false)
	b = appendSlice(b, paths, appendPath)
	b = appendKey(b, "to", false)
	b = appendRef(b, &to)
	return append(b, '}')
}
