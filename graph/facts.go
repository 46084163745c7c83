package graph

import (
	"fmt"
	"sort"
)

// Facts are everything read out of one report.
type Facts struct {
	Entities   []Entity    `json:"entities"`
	Meetings   []Meeting   `json:"meetings"`
	Statements []Statement `json:"statements"`
	Supports   []Support   `json:"supports"`
}

// Count is the number of facts: meetings, statements and supports.
func (f *Facts) Count() int { return len(f.Meetings) + len(f.Statements) + len(f.Supports) }

// Bind prepares facts for storing under report id: it sets every source's
// report id, computes the stable id of every fact, merges facts that share an
// id, and checks that every fact is valid and names only listed entities.
func (f *Facts) Bind(reportID string) error {
	ents := map[string]bool{}
	for i := range f.Entities {
		if err := f.Entities[i].Validate(); err != nil {
			return err
		}
		ents[f.Entities[i].ID] = true
	}
	known := func(kind, id string) error {
		if !ents[id] {
			return fmt.Errorf("%s names entity %q that the facts do not list: %w", kind, id, ErrInvalid)
		}
		return nil
	}
	bindSources := func(srcs []Source) {
		for i := range srcs {
			srcs[i].ReportID = reportID
		}
	}

	meetings := map[string]int{}
	var ms []Meeting
	for _, m := range f.Meetings {
		bindSources(m.Sources)
		if m.Status == "" {
			m.Status = Held
		}
		if m.Mode == "" {
			m.Mode = InPerson
		}
		m.ID = MeetingID(&m, reportID)
		if err := m.Validate(); err != nil {
			return err
		}
		for _, p := range m.Participants {
			if err := known("meeting", p.EntityID); err != nil {
				return err
			}
		}
		if i, ok := meetings[m.ID]; ok {
			ms[i].Sources = appendSources(ms[i].Sources, m.Sources)
			continue
		}
		meetings[m.ID] = len(ms)
		ms = append(ms, m)
	}
	f.Meetings = ms

	stmts := map[string]int{}
	var ss []Statement
	for _, s := range f.Statements {
		bindSources(s.Sources)
		s.ID = StatementID(s.Speaker, s.Text)
		if err := s.Validate(); err != nil {
			return err
		}
		if err := known("statement", s.Speaker); err != nil {
			return err
		}
		s.About = uniqueSorted(s.About)
		for _, a := range s.About {
			if err := known("statement", a); err != nil {
				return err
			}
		}
		if i, ok := stmts[s.ID]; ok {
			ss[i].Sources = appendSources(ss[i].Sources, s.Sources)
			ss[i].About = uniqueSorted(append(ss[i].About, s.About...))
			continue
		}
		stmts[s.ID] = len(ss)
		ss = append(ss, s)
	}
	f.Statements = ss

	sups := map[string]int{}
	var ps []Support
	for _, s := range f.Supports {
		bindSources(s.Sources)
		s.ID = SupportID(s.Supporter, s.Supported, s.ClaimedBy)
		if err := s.Validate(); err != nil {
			return err
		}
		for _, id := range []string{s.Supporter, s.Supported, s.ClaimedBy} {
			if id == "" {
				continue
			}
			if err := known("support", id); err != nil {
				return err
			}
		}
		if i, ok := sups[s.ID]; ok {
			ps[i].Sources = appendSources(ps[i].Sources, s.Sources)
			continue
		}
		sups[s.ID] = len(ps)
		ps = append(ps, s)
	}
	f.Supports = ps
	return nil
}

func appendSources(dst, src []Source) []Source {
	for _, s := range src {
		dup := false
		for _, d := range dst {
			if d.ReportID == s.ReportID && d.Evidence == s.Evidence {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, s)
		}
	}
	return dst
}

func uniqueSorted(ids []string) []string {
	if len(ids) == 0 {
		return []string{}
	}
	sort.Strings(ids)
	out := ids[:1]
	for _, id := range ids[1:] {
		if id != out[len(out)-1] {
			out = append(out, id)
		}
	}
	return out
}

// DateTitles gives every title without a known period the day of the report
// that uses it (YYYY-MM-DD; nothing if day is ""), so that stores can keep
// the period each title is known for.
func (f *Facts) DateTitles(day string) {
	if day == "" {
		return
	}
	for i := range f.Entities {
		for j := range f.Entities[i].Titles {
			t := &f.Entities[i].Titles[j]
			if t.From == "" && t.To == "" {
				t.From, t.To = day, day
			}
		}
	}
}
