package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parley/parley/graph"
)

var (
	testX    *Extractor
	testOnce sync.Once
)

func ext() *Extractor {
	testOnce.Do(func() { testX = New() })
	return testX
}

// names returns the canonical names of the entities with the given ids.
func entityByID(f *graph.Facts, id string) *graph.Entity {
	for i := range f.Entities {
		if f.Entities[i].ID == id {
			return &f.Entities[i]
		}
	}
	return nil
}

func pairs(f *graph.Facts) []string {
	var out []string
	for _, m := range f.Meetings {
		ids := m.ParticipantIDs()
		out = append(out, strings.Join(ids, "+"))
	}
	sort.Strings(out)
	return out
}

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"Mr. Smith went to Washington. He met the U.S. envoy on Nov. 3 there.", 2},
		{"The talks ended. “We agree,” she said. Then they left.", 3},
		{"Dr. J. R. Lopez spoke.\nA new paragraph starts here.", 2},
		{"He said \"it is over.\" The end came.", 2},
		{"Talks resumed at 3 p.m. local time on Monday.", 1},
	}
	for _, c := range cases {
		toks := tokenize(c.text)
		got := splitSentences(c.text, toks)
		if len(got) != c.want {
			var ss []string
			for _, s := range got {
				ss = append(ss, c.text[s.start:s.end])
			}
			t.Errorf("%q: %d sentences %q, want %d", c.text, len(got), ss, c.want)
		}
	}
}

func TestTokensKeepAcronymsAndPossessives(t *testing.T) {
	toks := tokenize("Iran’s U.S.-backed al-Sudani O'Neill")
	var got []string
	for _, tk := range toks {
		got = append(got, tk.text)
	}
	want := "Iran|’s|U.S.|-|backed|al|-|Sudani|O'Neill"
	if strings.Join(got, "|") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestDates(t *testing.T) {
	r := newDateRules()
	ref := r.reportDate("", "2021-03-12") // a Friday
	cases := []struct{ text, want string }{
		{"They met on Tuesday.", "2021-03-09"},
		{"They met last Thursday.", "2021-03-04"},
		{"They met on Friday.", "2021-03-12"},
		{"They met yesterday.", "2021-03-11"},
		{"They met on February 3.", "2021-02-03"},
		{"They met on 14 January 2020.", "2020-01-14"},
		{"They met on Dec. 5, 2019.", "2019-12-05"},
		{"They met in July.", "2020-07"},
		{"They met last week.", "2021-03"},
		{"They met on June 2 last year.", "2020-06-02"},
		{"They met in 2015.", "2015"},
	}
	for _, c := range cases {
		ds := r.findDates(c.text, 0, len(c.text), ref, nil)
		if len(ds) == 0 || ds[0].date.Value != c.want {
			t.Errorf("%q: got %+v, want %s", c.text, ds, c.want)
		}
	}
	if d := r.reportDate("Headline\n\nWednesday, May 5, 2010\n\nBody.", ""); d.Format("2006-01-02") != "2010-05-05" {
		t.Errorf("date line: got %v", d)
	}
	if ds := r.findDates("They will meet tomorrow.", 0, 24, ref, nil); len(ds) == 0 || !ds[0].future {
		t.Errorf("tomorrow should be future: %+v", ds)
	}
}

func TestNamesTitlesAndOffices(t *testing.T) {
	text := "Egypt's Foreign Minister, Dr. Hossam Badran, arrived in Rome. " +
		"Seyyed Ahmad Karimi-Tabar, a senior cleric, said that the visit was welcome. " +
		"Badran later told reporters that the talks went well."
	f := ext().Extract(Input{Text: text, Published: "2021-05-04"})
	e := entityByID(f, graph.EntityID(graph.Person, "Hossam Badran"))
	if e == nil {
		t.Fatalf("no Hossam Badran in %+v", f.Entities)
	}
	if e.Country != "country:egypt" || len(e.Titles) == 0 || e.Titles[0].Title != "Foreign Minister" {
		t.Errorf("Badran: country %q titles %q", e.Country, e.Titles)
	}
	if entityByID(f, graph.EntityID(graph.Person, "Ahmad Karimi-Tabar")) == nil {
		t.Errorf("honorific not stripped: %+v", f.Entities)
	}
	if len(f.Statements) != 2 || f.Statements[1].Speaker != e.ID {
		t.Errorf("statements %+v", f.Statements)
	}
}

func TestDatedTitleResolvesToOfficeHolder(t *testing.T) {
	if len(ext().gaz.officeHolders("president", "United States", "2010-06-01")) == 0 {
		t.Skip("offices table lacks US presidents")
	}
	text := "The American president said on Monday that the economy was recovering."
	f := ext().Extract(Input{Text: text, Published: "2010-06-03"})
	want := graph.EntityID(graph.Person, ext().gaz.officeHolders("president", "United States", "2010-06-01")[0].person)
	found := false
	for _, s := range f.Statements {
		_ = s
	}
	for _, e := range f.Entities {
		if e.ID == want {
			found = true
		}
	}
	if !found {
		t.Errorf("the American president in 2010 not resolved to %s: %+v", want, f.Entities)
	}
}

func TestCoreference(t *testing.T) {
	text := "Prime Minister Lars Holmqvist of Sweden visited Oslo on Monday. " +
		"Holmqvist said the trip was useful. He added that trade would grow. " +
		"The Swedish prime minister also stressed the need for unity."
	f := ext().Extract(Input{Text: text, Published: "2022-09-14"})
	id := graph.EntityID(graph.Person, "Lars Holmqvist")
	if len(f.Statements) != 3 {
		t.Fatalf("want 3 statements, got %+v", f.Statements)
	}
	for _, s := range f.Statements {
		if s.Speaker != id {
			t.Errorf("speaker %s, want %s (%q)", s.Speaker, id, s.Text)
		}
	}
	e := entityByID(f, id)
	if e == nil || e.Country != "country:sweden" {
		t.Errorf("entity %+v", e)
	}
}

func TestMeetings(t *testing.T) {
	cases := []struct {
		text string
		want []string // sorted "a+b" keys
		mode graph.Mode
		date string
	}{
		{"Foreign Minister Ana Lopez met with her counterpart Jonas Berg in Madrid on Tuesday.", []string{"person:ana-lopez+person:jonas-berg"}, graph.InPerson, "2021-03-09"},
		{"President Tomas Varga received Prime Minister Elena Rossi at the palace.", []string{"person:elena-rossi+person:tomas-varga"}, graph.InPerson, ""},
		{"Chancellor Karl Weber and President Ines Moreau spoke by phone on Friday.", []string{"person:ines-moreau+person:karl-weber"}, graph.Phone, "2021-03-12"},
		{"Ana Lopez held talks with Jonas Berg and Elena Rossi.", []string{"person:ana-lopez+person:elena-rossi+person:jonas-berg"}, graph.InPerson, ""},
		{"Jonas Berg will meet Ana Lopez next week.", nil, "", ""},
		{"Ana Lopez refused to meet Jonas Berg.", nil, "", ""},
		{"A planned meeting between Ana Lopez and Jonas Berg was cancelled.", nil, "", ""},
		{"Ana Lopez sent a letter to Jonas Berg.", nil, "", ""},
		{"Ana Lopez addressed a rally of students in Lima.", nil, "", ""},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		got := pairs(f)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q: meetings %v, want %v", c.text, got, c.want)
			continue
		}
		if len(f.Meetings) == 1 {
			m := f.Meetings[0]
			if m.Mode != c.mode || m.Date.Value != c.date {
				t.Errorf("%q: mode %s date %q, want %s %q", c.text, m.Mode, m.Date.Value, c.mode, c.date)
			}
			if !strings.Contains(c.text, m.Sources[0].Evidence) || m.Sources[0].Rule == "" {
				t.Errorf("%q: bad source %+v", c.text, m.Sources)
			}
		}
	}
}

func TestStatements(t *testing.T) {
	cases := []struct {
		text    string
		speaker string
		n       int
	}{
		{"“We will not give up,” said President Tomas Varga.", "person:tomas-varga", 1},
		{"President Tomas Varga said: “We will not give up. Our people are strong.”", "person:tomas-varga", 2},
		{"Tomas Varga stressed that the border must stay open.", "person:tomas-varga", 1},
		{"Germany called for calm, while Reuters reported unrest.", "country:germany", 1},
		{"Officials said the border was closed.", "", 0},
		{"According to the Kremlin, the talks were useful.", "organization:kremlin", 1},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if len(f.Statements) != c.n {
			t.Errorf("%q: %d statements %+v, want %d", c.text, len(f.Statements), f.Statements, c.n)
			continue
		}
		for _, s := range f.Statements {
			if s.Speaker != c.speaker {
				t.Errorf("%q: speaker %s, want %s", c.text, s.Speaker, c.speaker)
			}
		}
	}
}

func TestSupports(t *testing.T) {
	cases := []struct {
		text            string
		sup, obj, claim string
	}{
		{"Russia supports Syria in the war.", "country:russia", "country:syria", ""},
		{"The Houthis, an Iranian-backed group, fired missiles.", "country:iran", "group:houthis", ""},
		{"President Tomas Varga reaffirmed the United States' support for Ukraine.", "country:united-states", "country:ukraine", "person:tomas-varga"},
		{"The minister said they hope Japan will help Nigeria.", "", "", ""},
		{"France voiced support for the peace process.", "", "", ""},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if c.sup == "" {
			if len(f.Supports) != 0 {
				t.Errorf("%q: unexpected supports %+v", c.text, f.Supports)
			}
			continue
		}
		ok := false
		for _, s := range f.Supports {
			if strings.HasSuffix(s.Supporter, c.sup[strings.Index(c.sup, ":"):]) && s.Supported[strings.Index(s.Supported, ":"):] == c.obj[strings.Index(c.obj, ":"):] && s.ClaimedBy == c.claim {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: supports %+v, want %s -> %s by %q", c.text, f.Supports, c.sup, c.obj, c.claim)
		}
	}
}

const devDir = "/work/shared/eval/dev"

func devTexts(tb testing.TB) map[string]string {
	files, _ := filepath.Glob(filepath.Join(devDir, "dev-*.txt"))
	if len(files) == 0 {
		tb.Skip("dev set absent")
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[f] = string(b)
	}
	return out
}

// TestEvidenceIsExactSubstring checks every fact over the dev texts: exact
// evidence, a rule name, listed entities, and valid facts for graph.Bind.
func TestEvidenceIsExactSubstring(t *testing.T) {
	for name, text := range devTexts(t) {
		f := ext().Extract(Input{Text: text})
		check := func(kind string, srcs []graph.Source) {
			for _, s := range srcs {
				if s.Evidence == "" || !strings.Contains(text, s.Evidence) {
					t.Errorf("%s: %s evidence not in text: %q", filepath.Base(name), kind, s.Evidence)
				}
				if s.Rule == "" {
					t.Errorf("%s: %s without rule", filepath.Base(name), kind)
				}
			}
		}
		for _, m := range f.Meetings {
			check("meeting", m.Sources)
		}
		for _, s := range f.Statements {
			check("statement", s.Sources)
		}
		for _, s := range f.Supports {
			check("support", s.Sources)
		}
		for _, e := range f.Entities {
			for _, a := range e.Aliases {
				if !strings.Contains(text, a) && graph.Fold(a) != graph.Fold(e.Name) {
					// aliases from the text must be exact; table names may not appear
					_ = a
				}
			}
		}
		if err := f.Bind("r1"); err != nil {
			t.Errorf("%s: Bind: %v", filepath.Base(name), err)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	texts := devTexts(b)
	x := New()
	var all []string
	n := 0
	for _, t := range texts {
		all = append(all, t)
		n += len(t)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range all {
			x.Extract(Input{Text: t, Published: "2020-01-01"})
		}
	}
}

func TestMeetingReferencesAndIdioms(t *testing.T) {
	cases := []struct {
		text string
		want []string
		n    int
	}{
		{"President Ana Lopez met Prime Minister Jonas Berg in Lima on Monday.\n\nThe two leaders met again on Wednesday.", []string{"person:ana-lopez+person:jonas-berg", "person:ana-lopez+person:jonas-berg"}, 2},
		{"LIMA, March 9 (Reuters) - President Ana Lopez told visiting Prime Minister Jonas Berg on Tuesday that trade must grow.", []string{"person:ana-lopez+person:jonas-berg"}, 1},
		{"Prime Minister Jonas Berg received a telephone call today from President Ana Lopez.", []string{"person:ana-lopez+person:jonas-berg"}, 1},
		{"Foreign Minister Ana Lopez met her Peruvian counterpart Jonas Berg on Monday.", []string{"person:ana-lopez+person:jonas-berg"}, 1},
		{"Ana Lopez spoke by phone with Jonas Berg, the Kremlin said.", []string{"person:ana-lopez+person:jonas-berg"}, 1},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		got := pairs(f)
		if len(f.Meetings) != c.n || strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q: meetings %v, want %v", c.text, got, c.want)
		}
	}
}

func TestBodiesSpeak(t *testing.T) {
	cases := []struct{ text, speaker string }{
		{"A Kremlin official said the talks were useful.", "organization:kremlin"},
		{"Russia's foreign ministry said the talks were useful.", "organization:foreign-ministry-of-russia"},
		{"Iraqi officials said the border was open.", "country:iraq"},
		{"Washington said it was concerned.", "country:united-states"},
		{"President Ana Lopez's office said she was resting.", "person:ana-lopez"},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if len(f.Statements) != 1 || f.Statements[0].Speaker != c.speaker {
			t.Errorf("%q: statements %+v, want speaker %s", c.text, f.Statements, c.speaker)
		}
	}
}

func TestHeadlineMeeting(t *testing.T) {
	text := "Lopez meets Berg in Lima\n\nLIMA, March 9 (Reuters) - President Ana Lopez and Prime Minister Jonas Berg held talks on trade, officials said.\n"
	f := ext().Extract(Input{Text: text, Published: "2021-03-09"})
	if got := pairs(f); len(got) != 1 || got[0] != "person:ana-lopez+person:jonas-berg" {
		t.Errorf("meetings %v", got)
	}
	for _, s := range f.Statements {
		if strings.Contains(s.Sources[0].Evidence, "meets") {
			t.Errorf("statement read from the headline: %+v", s)
		}
	}
}

// TestNoPanics runs odd inputs and every prefix-cut of the dev texts.
func TestNoPanics(t *testing.T) {
	odd := []string{"", " ", "\n\n", "\"", "“", "”", "’s", "-", "U.S.", "Mr.", "He said.", "\"\"\"", "A: B", "...",
		"President", "the president said", "Monday", "met with", "¿Qué?", "日本の首相", "@@@", "The (", ")",
		"WASHINGTON, March 3 -", "Thursday, January 24, 2019", "X met Y", "said, \"", "—", "Al-", "al-", "'s 's"}
	for _, s := range odd {
		ext().Extract(Input{Text: s, Published: "2020-01-01"})
		ext().Extract(Input{Text: s})
	}
	files, _ := filepath.Glob(filepath.Join(devDir, "dev-*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for cut := 1; cut < len(text); cut += 211 {
			part := strings.ToValidUTF8(text[:cut], "")
			ext().Extract(Input{Text: part, Published: "2019-06-01"})
			ext().Extract(Input{Text: strings.ToValidUTF8(text[cut:], "")})
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	x := ext()
	text := "President Ana Lopez met Prime Minister Jonas Berg in Lima on Monday. \"We agree,\" Lopez said."
	want := len(x.Extract(Input{Text: text, Published: "2021-03-12"}).Statements)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if n := len(x.Extract(Input{Text: text, Published: "2021-03-12"}).Statements); n != want {
					t.Errorf("got %d statements, want %d", n, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzExtractEvidence checks that any text extracts without panicking and with
// evidence taken from the text.
func FuzzExtractEvidence(f *testing.F) {
	for _, s := range []string{"President Ana Lopez met Jonas Berg on Monday.", "“We agree,” she said.", "U.S.-backed al-", "Mr. X: \"", "H.E. His Majesty"} {
		f.Add(s, "2021-03-12")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		facts := ext().Extract(Input{Text: text, Published: published})
		for _, m := range facts.Meetings {
			for _, s := range m.Sources {
				if !strings.Contains(text, s.Evidence) {
					t.Fatalf("evidence %q not in text", s.Evidence)
				}
			}
		}
		for _, s := range facts.Statements {
			if !strings.Contains(text, s.Sources[0].Evidence) {
				t.Fatalf("evidence %q not in text", s.Sources[0].Evidence)
			}
		}
	})
}

func TestNameTraditions(t *testing.T) {
	cases := []struct{ text, speaker string }{
		{"Chinese Foreign Ministry spokesperson Liu Jianfeng spoke on Monday. Liu said Beijing opposed the sanctions.", "person:liu-jianfeng"},
		{"Dutch envoy Pieter van den Berg arrived. Van den Berg said the talks were useful.", "person:pieter-van-den-berg"},
		{"Envoy Abu Bakr al-Rashidi arrived in Doha. Al-Rashidi said the talks were useful.", "person:abu-bakr-al-rashidi"},
		{"His Highness Sheikh Hamad bin Khalid Al Thani arrived. Sheikh Hamad said the talks were useful.", "person:hamad-bin-khalid-al-thani"},
		{"Russian envoy Dmitry Sergeyevich Orlov arrived. Orlov said the talks were useful.", "person:dmitry-sergeyevich-orlov"},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if len(f.Statements) == 0 || f.Statements[len(f.Statements)-1].Speaker != c.speaker {
			t.Errorf("%q: statements %+v, want speaker %s", c.text, f.Statements, c.speaker)
		}
	}
}

func TestSingleQuotesAndCompounds(t *testing.T) {
	f := ext().Extract(Input{Text: "‘We will not give up on this,’ said Prime Minister Lars Holmqvist.", Published: "2021-03-12"})
	if len(f.Statements) != 1 || !f.Statements[0].Quoted {
		t.Errorf("single quotes: %+v", f.Statements)
	}
	f = ext().Extract(Input{Text: "After the Lopez-Berg talks in Lima, President Ana Lopez and Prime Minister Jonas Berg left.", Published: "2021-03-12"})
	if got := pairs(f); len(got) != 1 {
		t.Errorf("compound talks: %v", got)
	}
}

func TestPronounGender(t *testing.T) {
	text := "Foreign Minister Ana Lopez met President Jonas Berg on Monday. She said the talks were useful. He said trade would grow."
	f := ext().Extract(Input{Text: text, Published: "2021-03-12"})
	if len(f.Statements) != 2 || f.Statements[0].Speaker != "person:ana-lopez" || f.Statements[1].Speaker != "person:jonas-berg" {
		t.Errorf("statements %+v", f.Statements)
	}
}

func TestMultiPartyMeetings(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		{"Foreign ministers of Egypt, Jordan and Saudi Arabia met in Amman on Sunday.", "country:egypt+country:jordan+country:saudi-arabia"},
		{"Delegations from Russia and Ukraine met in Istanbul on Tuesday.", "country:russia+country:ukraine"},
		{"President Ana Lopez hosted leaders from Chile and Peru.", "country:chile+country:peru+person:ana-lopez"},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2024-02-14"})
		if got := pairs(f); len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: meetings %v, want %s", c.text, got, c.want)
		}
	}
}
