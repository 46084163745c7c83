package api

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	gojson "github.com/goccy/go-json"
	"github.com/parley/parley/graph"
)

// trickyStrings are strings encoding/json escapes or rewrites: quotes,
// backslashes, control characters, HTML characters, U+2028/U+2029, invalid
// UTF-8, and plain non-ASCII text it leaves alone.
var trickyStrings = []string{
	"", "plain", "Müller-Lüdenscheidt", "日本語", "a\"b", `back\slash`, "tab\there", "new\nline", "\x00\x1f\x7f",
	"<script>&amp;</script>", "a&b", "x>y", "line\u2028sep\u2029", "bad\xffutf8", "\xc3", "emoji 🎉", "\ufffd",
}

// randString mixes plain letters with the tricky strings' characters.
func randString(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return trickyStrings[r.IntN(len(trickyStrings))]
	}
	var sb strings.Builder
	for range r.IntN(12) {
		if r.IntN(4) == 0 {
			t := trickyStrings[r.IntN(len(trickyStrings))]
			i := r.IntN(len(t) + 1)
			sb.WriteString(t[i : i+r.IntN(len(t)-i+1)]) // cut anywhere, even inside a rune
		} else {
			sb.WriteByte(byte('a' + r.IntN(26)))
		}
	}
	return sb.String()
}

func randPtr(r *rand.Rand) *string {
	if r.IntN(3) == 0 {
		return nil
	}
	s := randString(r)
	return &s
}

// randSlice is nil, empty or a few of gen.
func randSlice[T any](r *rand.Rand, gen func() T) []T {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return []T{}
	}
	out := make([]T, 1+r.IntN(3))
	for i := range out {
		out[i] = gen()
	}
	return out
}

func randRef(r *rand.Rand) ref {
	return ref{ID: randString(r), Name: randString(r), Type: randString(r)}
}

func randSource(r *rand.Rand) graph.Source {
	return graph.Source{ReportID: randString(r), Evidence: randString(r), Rule: randString(r)}
}

func randMeeting(r *rand.Rand) meetingView {
	return meetingView{ID: randString(r), Date: randPtr(r), DatePrecision: randString(r), Place: randString(r),
		Mode: graph.Mode(randString(r)), Status: graph.Status(randString(r)),
		Participants: randSlice(r, func() participantView { return participantView{ref: randRef(r), Role: graph.Role(randString(r))} }),
		Sources:      randSlice(r, func() graph.Source { return randSource(r) })}
}

func randEntity(r *rand.Rand) graph.Entity {
	return graph.Entity{ID: randString(r), Type: graph.EntityType(randString(r)), Name: randString(r),
		Aliases: randSlice(r, func() string { return randString(r) }),
		Titles: randSlice(r, func() graph.Title {
			return graph.Title{Title: randString(r), From: randString(r), To: randString(r)}
		}),
		Country: randString(r)}
}

func randPath(r *rand.Rand) pathView {
	return pathView{Nodes: randSlice(r, func() ref { return randRef(r) }),
		Steps: randSlice(r, func() stepView {
			return stepView{From: randString(r), To: randString(r), Links: randSlice(r, func() linkView {
				return linkView{Type: randString(r), FactID: randString(r), From: randString(r), To: randString(r),
					Date: randPtr(r), Source: randSource(r)}
			})}
		})}
}

// TestFastJSONMatchesMarshal checks that the answers okJSON writes are the
// bytes json.Marshal (what c.JSON calls) writes for the same values.
func TestFastJSONMatchesMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	check := func(what string, v any) {
		t.Helper()
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		if err := (fastJSON{v}).Render(rec); err != nil {
			t.Fatal(err)
		}
		if got := rec.Body.Bytes(); !bytes.Equal(got, want) {
			t.Fatalf("%s:\n got %s\nwant %s", what, got, want)
		}
	}
	for _, s := range trickyStrings {
		check("string", s)
	}
	for range 2000 {
		check("string", randString(r))
		check("meeting", randMeeting(r))
		check("meeting list", list(randSlice(r, func() meetingView { return randMeeting(r) }), randString(r)))
		check("entity page", graph.Page[graph.Entity]{Items: randSlice(r, func() graph.Entity { return randEntity(r) }), Next: randString(r)})
		check("connections", gin.H{"from": randRef(r), "to": randRef(r), "paths": randSlice(r, func() pathView { return randPath(r) })})
	}
}

// TestOKJSONAnswersAsCJSON checks that okJSON answers with the status and
// headers c.JSON gives.
func TestOKJSONAnswersAsCJSON(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	m := randMeeting(rand.New(rand.NewPCG(3, 4)))
	want := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(want)
	c.JSON(200, m)
	got := httptest.NewRecorder()
	c, _ = gin.CreateTestContext(got)
	okJSON(c, m)
	if got.Code != want.Code || got.Body.String() != want.Body.String() {
		t.Fatalf("okJSON: %d %s, c.JSON: %d %s", got.Code, got.Body, want.Code, want.Body)
	}
	if g, w := got.Header(), want.Header(); len(g) != len(w) || g.Get("Content-Type") != w.Get("Content-Type") || g.Get("Content-Length") != "" {
		t.Fatalf("okJSON headers %v, c.JSON headers %v", g, w)
	}
}

// BenchmarkEncodeMeetings compares okJSON's encoder with json.Marshal on a
// page of 8 meetings of plain text, about what an actor's page holds.
func BenchmarkEncodeMeetings(b *testing.B) {
	items := make([]meetingView, 8)
	for i := range items {
		d := "2001-08-22"
		items[i] = meetingView{ID: "m-36d33b10b7bf0b50d069", Date: &d, DatePrecision: "day", Place: "Jerusalem",
			Mode: graph.InPerson, Status: graph.Held,
			Participants: []participantView{
				{ref{"person:anan-m-srisuk-sukhumvit", "Anan M. Srisuk-Sukhumvit", "person"}, graph.Host},
				{ref{"person:katarzyna-d-petrova-ivanov", "Katarzyna D. Petrova-Ivanov", "person"}, graph.Guest}},
			Sources: []graph.Source{{ReportID: "9644d14514cd7121330106fba26e92d1",
				Evidence: "Sigrid H. Nyberg-Virtanen met Katarzyna D. Petrova-Ivanov and Anan M. Srisuk-Sukhumvit in Jerusalem on 2001-08-22.",
				Rule:     "synth.graph"}}}
	}
	for _, enc := range []struct {
		name    string
		marshal func(any) ([]byte, error)
	}{{"go-json", gojson.Marshal}, {"encoding-json", json.Marshal}} {
		b.Run(enc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				out, _ := enc.marshal(list(items, ""))
				n = len(out)
			}
			b.SetBytes(int64(n))
		})
	}
}
