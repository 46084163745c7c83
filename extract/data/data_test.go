package data_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parley/parley/extract/data"
)

// table is one parsed .tsv file: its header and rows, each row with the line
// number it came from.
type table struct {
	header []string
	rows   [][]string
	lines  []int
}

func readTable(t *testing.T, name string, header string) table {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if !utf8.Valid(b) {
		t.Fatalf("%s is not valid UTF-8", name)
	}
	want := strings.Split(header, "\t")
	var tb table
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			t.Errorf("%s:%d: empty line", name, n)
			continue
		}
		f := strings.Split(line, "\t")
		if tb.header == nil {
			if line != header {
				t.Fatalf("%s:%d: header %q, want %q", name, n, line, header)
			}
			tb.header = f
			continue
		}
		if len(f) != len(want) {
			t.Errorf("%s:%d: %d columns, want %d: %q", name, n, len(f), len(want), line)
			continue
		}
		for i, v := range f {
			if v != strings.TrimSpace(v) {
				t.Errorf("%s:%d: column %s has surrounding space: %q", name, n, want[i], v)
			}
			if v != "" {
				for _, item := range strings.Split(v, "|") {
					if strings.TrimSpace(item) == "" || item != strings.TrimSpace(item) {
						t.Errorf("%s:%d: column %s has an empty or padded list item: %q", name, n, want[i], v)
					}
				}
			}
		}
		tb.rows = append(tb.rows, f)
		tb.lines = append(tb.lines, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", name, err)
	}
	if tb.header == nil {
		t.Fatalf("%s: no header", name)
	}
	return tb
}

// fold is the form in which names are compared for uniqueness: the extractor
// matches case-insensitively and ignores a leading "the".
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "the ")
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

const (
	countriesHeader     = "name\tiso2\taliases\tdemonyms\tcapitals"
	organizationsHeader = "name\ttype\taliases\tcountry_iso2"
	officesHeader       = "country\ttitles\tperson\taliases\tfrom\tto"
)

// sharedCountryKeys are strings deliberately listed for more than one country.
// Keys are folded (see fold).
var sharedCountryKeys = map[string]bool{
	"congolese":  true, // Democratic Republic of the Congo, Republic of the Congo
	"dominican":  true, // Dominica, Dominican Republic
	"dominicans": true,
}

type country struct {
	name, iso2 string
	line       int
}

// loadCountries reads countries.tsv. keys maps every folded name, alias,
// demonym and capital to its country.
func loadCountries(t *testing.T) (byName, byISO map[string]country, keys map[string]string) {
	t.Helper()
	tb := readTable(t, "countries.tsv", countriesHeader)
	byName = map[string]country{}
	byISO = map[string]country{}
	owner := map[string]string{}
	for i, r := range tb.rows {
		c := country{name: r[0], iso2: r[1], line: tb.lines[i]}
		if c.name == "" {
			t.Errorf("countries.tsv:%d: empty name", c.line)
		}
		if len(c.iso2) != 2 || strings.ToUpper(c.iso2) != c.iso2 {
			t.Errorf("countries.tsv:%d: bad iso2 %q", c.line, c.iso2)
		}
		if _, dup := byName[c.name]; dup {
			t.Errorf("countries.tsv:%d: duplicate name %q", c.line, c.name)
		}
		if _, dup := byISO[c.iso2]; dup {
			t.Errorf("countries.tsv:%d: duplicate iso2 %q", c.line, c.iso2)
		}
		byName[c.name] = c
		byISO[c.iso2] = c
		keys := []string{c.name}
		keys = append(keys, split(r[2])...)
		keys = append(keys, split(r[3])...)
		keys = append(keys, split(r[4])...)
		seen := map[string]bool{}
		for _, k := range keys {
			f := fold(k)
			if seen[f] {
				continue // repeated within one row: harmless
			}
			seen[f] = true
			if o, ok := owner[f]; ok && o != c.name && !sharedCountryKeys[f] {
				t.Errorf("countries.tsv:%d: %q is listed for both %s and %s", c.line, k, o, c.name)
			}
			owner[f] = c.name
		}
	}
	return byName, byISO, owner
}

func TestCountries(t *testing.T) {
	byName, byISO, _ := loadCountries(t)
	if len(byName) < 195 {
		t.Errorf("countries.tsv has %d countries, want at least 195", len(byName))
	}
	for _, n := range []string{"United States", "United Kingdom", "Iran", "Russia", "South Korea", "North Korea", "Syria", "Turkey", "Palestine", "Taiwan", "Kosovo", "Vatican"} {
		if _, ok := byName[n]; !ok {
			t.Errorf("countries.tsv: missing %q", n)
		}
	}
	for iso, n := range map[string]string{"US": "United States", "GB": "United Kingdom", "IR": "Iran", "KR": "South Korea", "KP": "North Korea", "PS": "Palestine", "VA": "Vatican"} {
		if byISO[iso].name != n {
			t.Errorf("countries.tsv: %s is %q, want %q", iso, byISO[iso].name, n)
		}
	}
}

func TestOrganizations(t *testing.T) {
	_, byISO, countryKeys := loadCountries(t)
	tb := readTable(t, "organizations.tsv", organizationsHeader)
	if len(tb.rows) < 150 {
		t.Errorf("organizations.tsv has %d rows, want at least 150", len(tb.rows))
	}
	owner := map[string]string{}
	for i, r := range tb.rows {
		line := tb.lines[i]
		if r[0] == "" {
			t.Errorf("organizations.tsv:%d: empty name", line)
		}
		if r[1] != "organization" && r[1] != "group" {
			t.Errorf("organizations.tsv:%d: type %q, want organization or group", line, r[1])
		}
		if r[3] != "" {
			if _, ok := byISO[r[3]]; !ok {
				t.Errorf("organizations.tsv:%d: unknown country_iso2 %q", line, r[3])
			}
		}
		seen := map[string]bool{}
		for _, k := range append([]string{r[0]}, split(r[2])...) {
			f := fold(k)
			if seen[f] {
				continue
			}
			seen[f] = true
			if o, ok := owner[f]; ok {
				t.Errorf("organizations.tsv:%d: %q is listed for both %s and %s", line, k, o, r[0])
			}
			owner[f] = r[0]
			if c, ok := countryKeys[f]; ok {
				t.Errorf("organizations.tsv:%d: %q is also a name of the country %s", line, k, c)
			}
		}
	}
}

type tenure struct {
	country, person string
	titles          []string
	from, to        time.Time // to is the zero Time while in office
	line            int
}

// covers reports whether the tenure includes day d. The to date is the
// hand-over day and belongs to the successor, so it is excluded.
func (tn tenure) covers(d time.Time) bool {
	return !d.Before(tn.from) && (tn.to.IsZero() || d.Before(tn.to))
}

func (tn tenure) hasTitle(title string) bool {
	for _, t := range tn.titles {
		if t == title {
			return true
		}
	}
	return false
}

func loadOffices(t *testing.T) []tenure {
	t.Helper()
	byName, _, _ := loadCountries(t)
	tb := readTable(t, "offices.tsv", officesHeader)
	var out []tenure
	for i, r := range tb.rows {
		line := tb.lines[i]
		tn := tenure{country: r[0], titles: split(r[1]), person: r[2], line: line}
		if _, ok := byName[tn.country]; !ok {
			t.Errorf("offices.tsv:%d: unknown country %q", line, tn.country)
		}
		if len(tn.titles) == 0 {
			t.Errorf("offices.tsv:%d: no titles", line)
		}
		if tn.person == "" {
			t.Errorf("offices.tsv:%d: no person", line)
		}
		var err error
		if tn.from, err = time.Parse(time.DateOnly, r[4]); err != nil {
			t.Errorf("offices.tsv:%d: from: %v", line, err)
			continue
		}
		if r[5] != "" {
			if tn.to, err = time.Parse(time.DateOnly, r[5]); err != nil {
				t.Errorf("offices.tsv:%d: to: %v", line, err)
				continue
			}
			if tn.to.Before(tn.from) {
				t.Errorf("offices.tsv:%d: to %s before from %s", line, r[5], r[4])
			}
		}
		out = append(out, tn)
	}
	return out
}

// maxOverlap is how long two tenures of one title in one country may overlap:
// hand-overs are dated differently by different sources.
const maxOverlap = 7 * 24 * time.Hour

func TestOffices(t *testing.T) {
	tenures := loadOffices(t)
	countries := map[string]bool{}
	type key struct{ country, title string }
	groups := map[key][]tenure{}
	for _, tn := range tenures {
		countries[tn.country] = true
		for _, title := range tn.titles {
			k := key{tn.country, title}
			groups[k] = append(groups[k], tn)
		}
	}
	if len(countries) < 80 {
		t.Errorf("offices.tsv covers %d countries, want at least 80", len(countries))
	}
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for k, g := range groups {
		sort.Slice(g, func(i, j int) bool { return g[i].from.Before(g[j].from) })
		for i := 1; i < len(g); i++ {
			prev, cur := g[i-1], g[i]
			end := prev.to
			if end.IsZero() {
				end = far
			}
			if end.Sub(cur.from) > maxOverlap {
				t.Errorf("offices.tsv:%d and %d: %s %q: %s and %s overlap", prev.line, cur.line, k.country, k.title, prev.person, cur.person)
			}
		}
	}
}

func TestOfficeSpotChecks(t *testing.T) {
	tenures := loadOffices(t)
	for _, c := range []struct{ country, title, date, want string }{
		{"Iran", "President", "2023-11-06", "Ebrahim Raisi"},
		{"Iraq", "Prime Minister", "2023-11-06", "Mohammed Shia al-Sudani"},
		{"United States", "Secretary of State", "2019-10-01", "Mike Pompeo"},
		{"United Kingdom", "Prime Minister", "2019-09-11", "Boris Johnson"},
		{"Iran", "Supreme Leader", "2023-11-06", "Ali Khamenei"},
		{"Russia", "President", "2010-06-01", "Dmitry Medvedev"},
		{"Russia", "Prime Minister", "2010-06-01", "Vladimir Putin"},
		{"Russia", "President", "2015-06-01", "Vladimir Putin"},
		{"China", "President", "2015-06-01", "Xi Jinping"},
		{"China", "Premier", "2015-06-01", "Li Keqiang"},
		{"Germany", "Chancellor", "2010-06-01", "Angela Merkel"},
		{"Saudi Arabia", "Crown Prince", "2023-11-06", "Mohammed bin Salman"},
		{"United States", "President", "2010-06-01", "Barack Obama"},
		{"France", "President", "2010-06-01", "Nicolas Sarkozy"},
	} {
		d, err := time.Parse(time.DateOnly, c.date)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tn := range tenures {
			if tn.country == c.country && tn.hasTitle(c.title) && tn.covers(d) {
				got = append(got, tn.person)
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s %s on %s: got %q, want %q", c.country, c.title, c.date, got, c.want)
		}
	}
}

// TestEmbedded checks that the package embeds the files the tests read.
func TestEmbedded(t *testing.T) {
	for _, name := range []string{"countries.tsv", "organizations.tsv", "offices.tsv"} {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			t.Errorf("embedded %s: %v", name, err)
			continue
		}
		disk, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		if !bytes.Equal(b, disk) {
			t.Errorf("embedded %s differs from the file on disk", name)
		}
	}
}
