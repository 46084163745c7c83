package extract

import (
	"sort"
	"strings"
	"testing"
)

// supportKeys lists the supports of a text as "supporter>supported|claimed_by".
func supportKeys(text, published string) []string {
	f := ext().Extract(Input{Text: text, Published: published})
	var out []string
	for _, s := range f.Supports {
		out = append(out, s.Supporter+">"+s.Supported+"|"+s.ClaimedBy)
	}
	sort.Strings(out)
	return out
}

func TestSupportIdioms(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"President Ana Lopez reaffirmed Peru's unwavering commitment to the defense of Chile.",
			[]string{"country:peru>country:chile|person:ana-lopez"}},
		{"The foreign minister, Jonas Berg, told reporters that Norway remained committed to Finland's security.",
			[]string{"country:norway>country:finland|person:jonas-berg"}},
		{"Jonas Berg said Norway and Sweden will continue to support each other firmly.",
			[]string{"country:norway>country:sweden|person:jonas-berg", "country:sweden>country:norway|person:jonas-berg"}},
		{"\"Chile will stand with Peru for as long as it takes,\" Ana Lopez said.",
			[]string{"country:chile>country:peru|person:ana-lopez"}},
		{"Ana Lopez said Chile would continue to stand by Peru.",
			[]string{"country:chile>country:peru|person:ana-lopez"}},
		{"Chilean President Ana Lopez thanked Lima for its military aid.",
			[]string{"country:peru>country:chile|person:ana-lopez"}},
		{"Chilean President Ana Lopez expressed gratitude to Norway for its support.",
			[]string{"country:norway>country:chile|person:ana-lopez"}},
		// not supports: a policy, a hope, thanks for something else
		{"Chilean President Ana Lopez welcomed Brazil's support for the peace plan.", nil},
		{"Ana Lopez said she hoped Chile would support Peru.", nil},
		{"Chilean President Ana Lopez thanked Norway for its hospitality.", nil},
		{"Ana Lopez reaffirmed Chile's commitment to the peace process.", nil},
	}
	for _, c := range cases {
		got := supportKeys(c.text, "2023-05-03")
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Supports(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestDatelineIsNotEvidence(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"TOKYO, May 3 (Reuters) - Ana Lopez said", "TOKYO, May 3 (Reuters) - "},
		{"SEOUL - Ana Lopez said", "SEOUL - "},
		{"NEW YORK — Ana Lopez said", "NEW YORK — "},
		{"Ana Lopez said - in a speech - that", ""},
		{"NATO said - in a speech - that", ""},
	} {
		if n := datelineLen(c.in); c.in[:n] != c.want {
			t.Errorf("datelineLen(%q) cuts %q, want %q", c.in, c.in[:n], c.want)
		}
	}
}

func TestFamilyNameFirstAndParticles(t *testing.T) {
	cases := []struct {
		text string
		want []string // meeting pairs
	}{
		{"President Pak Song-il met President Choe Hye-won in Kaesong on 3 May 2021.", []string{"person:choe-hye-won+person:pak-song-il"}},
		{"Foreign Minister Yoon Ji-hee held talks with Premier Zhao Jun in Seoul on Monday.", []string{"person:yoon-ji-hee+person:zhao-jun"}},
		{"Brazilian President Marco Aurelio da Costa met Dutch Prime Minister Pieter van der Meer in Brasilia.", []string{"person:marco-aurelio-da-costa+person:pieter-van-der-meer"}},
		{"SEOUL - Foreign Minister Yoon Ji-hee met Jonas Berg on Monday.", []string{"person:jonas-berg+person:yoon-ji-hee"}},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-05-05"})
		if got := pairs(f); strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Extract(%q) meetings = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestHyphenSyllable(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"Moon Jae-in", true}, {"Kang Kyung-wha", true}, {"Kim Jong-un", true}, {"Ban Ki-moon", true},
		{"Saudi-led", false}, {"Kremlin-run", false}, {"Iran-backed", false}, {"Jae - in", false},
	}
	for _, c := range cases {
		toks := tokenize(c.text)
		got := false
		for j := range toks {
			got = got || hyphenSyllable(toks, j)
		}
		if got != c.want {
			t.Errorf("hyphenSyllable(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestFirstLineSentenceIsBody(t *testing.T) {
	cases := []struct {
		text string
		n    int
	}{
		{"President Ana Lopez met Prime Minister Jonas Berg in Lima on Monday.", 1},
		{"President Ana Lopez met Prime Minister Jonas Berg in Lima on Monday. They discussed trade.", 1},
		{"President Ana Lopez met Prime Minister Jonas Berg in Lima on Monday.\n\nThey discussed trade.", 1},
		{"President Ana Lopez met Prime Minister Jonas Berg in Lima\nThey discussed trade on Monday.", 1},
		{"Lopez meets Berg in Lima\n\nThe two leaders discussed trade.", 0}, // a headline
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if len(f.Meetings) != c.n {
			t.Errorf("Extract(%q) = %d meetings, want %d", c.text, len(f.Meetings), c.n)
		}
	}
}

func TestBareSurnameNamesOnePerson(t *testing.T) {
	text := "Senator Ana Lopez met Jonas Berg in Lima on Monday. Lopez said trade must grow. " +
		"Berg asked about Ana Lopez and her brother, Carlos Lopez. Lopez said the talks were useful."
	f := ext().Extract(Input{Text: text, Published: "2021-03-12"})
	owners := map[string][]string{}
	for _, e := range f.Entities {
		for _, a := range e.Aliases {
			if a == "Lopez" {
				owners[a] = append(owners[a], e.ID)
			}
		}
	}
	if got := owners["Lopez"]; len(got) != 1 || got[0] != "person:ana-lopez" {
		t.Errorf("alias Lopez given to %v, want [person:ana-lopez]", got)
	}
}

func TestOfficeTitleOnlyInTerm(t *testing.T) {
	text := "Emmanuel Macron met Angela Merkel in Berlin on Monday."
	for _, c := range []struct {
		published string
		want      bool // Macron is titled President
	}{{"2015-03-04", false}, {"2019-03-06", true}} {
		f := ext().Extract(Input{Text: text, Published: c.published})
		e := entityByID(f, "person:emmanuel-macron")
		if e == nil {
			t.Fatalf("%s: no Macron in %v", c.published, f.Entities)
		}
		got := false
		for _, ti := range e.Titles {
			got = got || ti.Title == "President"
		}
		if got != c.want {
			t.Errorf("%s: titles %v, want President %v", c.published, e.Titles, c.want)
		}
	}
}

func TestProposalIsNotStatement(t *testing.T) {
	cases := []struct {
		text string
		n    int
	}{
		{"Prime Minister Jonas Berg has proposed a meeting with Ana Lopez, but no date has been set.", 0},
		{"Ana Lopez offered talks with Jonas Berg.", 0},
		{"Jonas Berg proposed that the two sides meet in Lima.", 1},
		{"Jonas Berg said a meeting with Ana Lopez was possible.", 1},
	}
	for _, c := range cases {
		f := ext().Extract(Input{Text: c.text, Published: "2021-03-12"})
		if len(f.Statements) != c.n {
			t.Errorf("Extract(%q) = %d statements, want %d", c.text, len(f.Statements), c.n)
		}
	}
}

func TestParticleNames(t *testing.T) {
	text := "Former Brazilian President Marcos Tavares da Costa met Dutch Prime Minister Pieter van der Meer on Monday. " +
		"Da Costa said the talks went well. Van der Meer thanked him."
	f := ext().Extract(Input{Text: text, Published: "2021-03-12"})
	for _, id := range []string{"person:marcos-tavares-da-costa", "person:pieter-van-der-meer"} {
		if entityByID(f, id) == nil {
			t.Errorf("no %s in %v", id, f.Entities)
		}
	}
	if len(f.Statements) == 0 || f.Statements[0].Speaker != "person:marcos-tavares-da-costa" {
		t.Errorf("statements %v, want one by person:marcos-tavares-da-costa", f.Statements)
	}
}

func TestPossessorIsNotParticipant(t *testing.T) {
	f := ext().Extract(Input{Text: "Chile's Ana Lopez met Peru's Jonas Berg on Monday.", Published: "2021-03-12"})
	if got := strings.Join(pairs(f), ","); got != "person:ana-lopez+person:jonas-berg" {
		t.Errorf("meetings %v, want ana-lopez+jonas-berg", got)
	}
}

func TestSupportGivingVerbs(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"Norway will provide Finland with additional air defense systems, Jonas Berg said.",
			[]string{"country:norway>country:finland|person:jonas-berg"}},
		{"Jonas Berg said Norway was providing military assistance to Finland.",
			[]string{"country:norway>country:finland|person:jonas-berg"}},
		{"Chile and Peru voiced support for Bolivia.",
			[]string{"country:chile>country:bolivia|", "country:peru>country:bolivia|"}},
		{"Norway sent weapons to Finland.", []string{"country:norway>country:finland|"}},
		// not supports
		{"Norway refused to provide Finland with tanks.", nil},
		{"Norway provided Finland with a list of names.", nil},
		{"Finland received support from Norway's parliament for the plan.", nil},
	}
	for _, c := range cases {
		got := supportKeys(c.text, "2023-05-03")
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("Supports(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestOfficeSpeaksWithoutDateline(t *testing.T) {
	text := "SEOUL, May 3 (Reuters) - President Ana Lopez spoke with Jonas Berg by phone on Tuesday, Lopez's office said."
	f := ext().Extract(Input{Text: text, Published: "2023-05-03"})
	if len(f.Meetings) != 1 || f.Meetings[0].Mode != "phone" {
		t.Errorf("meetings %+v, want one phone call", f.Meetings)
	}
	for _, s := range f.Statements {
		if s.Speaker != "person:ana-lopez" {
			t.Errorf("statement by %s, want the principal person:ana-lopez", s.Speaker)
		}
		if ev := s.Sources[0].Evidence; strings.HasPrefix(ev, "SEOUL") {
			t.Errorf("statement evidence %q keeps the dateline", ev)
		}
	}
}
