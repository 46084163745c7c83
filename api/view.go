package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/parley/parley/graph"
)

// ref names an actor in a response.
type ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

type participantView struct {
	ref
	Role graph.Role `json:"role"`
}

type meetingView struct {
	ID            string            `json:"id"`
	Date          *string           `json:"date"`
	DatePrecision string            `json:"date_precision,omitempty"`
	Place         string            `json:"place,omitempty"`
	Mode          graph.Mode        `json:"mode"`
	Status        graph.Status      `json:"status"`
	Participants  []participantView `json:"participants"`
	Sources       []graph.Source    `json:"sources"`
}

type statementView struct {
	ID            string         `json:"id"`
	Speaker       ref            `json:"speaker"`
	About         []ref          `json:"about"`
	Text          string         `json:"text"`
	Quoted        bool           `json:"quoted"`
	Date          *string        `json:"date"`
	DatePrecision string         `json:"date_precision,omitempty"`
	Sources       []graph.Source `json:"sources"`
}

type supportView struct {
	ID        string         `json:"id"`
	Supporter ref            `json:"supporter"`
	Supported ref            `json:"supported"`
	ClaimedBy *ref           `json:"claimed_by"`
	Sources   []graph.Source `json:"sources"`
}

type eventView struct {
	Kind      string         `json:"kind"`
	Date      string         `json:"date"`
	Meeting   *meetingView   `json:"meeting,omitempty"`
	Statement *statementView `json:"statement,omitempty"`
}

type linkView struct {
	Type   string       `json:"type"`
	FactID string       `json:"fact_id"`
	From   string       `json:"from"`
	To     string       `json:"to"`
	Date   *string      `json:"date"`
	Source graph.Source `json:"source"`
}

type stepView struct {
	From  string     `json:"from"`
	To    string     `json:"to"`
	Links []linkView `json:"links"`
}

type pathView struct {
	Nodes []ref      `json:"nodes"`
	Steps []stepView `json:"steps"`
}

type factsView struct {
	Entities   []graph.Entity  `json:"entities"`
	Meetings   []meetingView   `json:"meetings"`
	Statements []statementView `json:"statements"`
	Supports   []supportView   `json:"supports"`
}

// names resolves actor ids to refs for a response.
type names map[string]ref

// lookupNames names the actors a response mentions (through s.refs).
func (s *Server) lookupNames(ctx context.Context, ids ...[]string) (names, error) {
	var all []string
	for _, l := range ids {
		all = append(all, l...)
	}
	return s.refs.lookup(ctx, all)
}

// ref is the actor id as a response names it. An id the store does not
// hold is its own name, and has the type its id begins with (graph.EntityID):
// the actor of a request can be removed by a delete that commits between two
// of the request's reads, and the answer must still say a type.
func (n names) ref(id string) ref {
	r, ok := n[id]
	if !ok {
		r = ref{ID: id, Name: id}
		if t, _, _ := strings.Cut(id, ":"); graph.EntityType(t).Valid() {
			r.Type = t
		}
	}
	return r
}

func refsOf(es []graph.Entity) []ref {
	out := make([]ref, len(es))
	for i, e := range es {
		out[i] = ref{ID: e.ID, Name: e.Name, Type: string(e.Type)}
	}
	return out
}

func dateOf(d graph.Date) (*string, string) {
	if d.IsZero() {
		return nil, ""
	}
	v := d.Value
	return &v, string(d.Precision)
}

func (n names) meeting(m graph.Meeting) meetingView {
	v := meetingView{ID: m.ID, Place: m.Place, Mode: m.Mode, Status: m.Status, Sources: m.Sources,
		Participants: make([]participantView, len(m.Participants))}
	v.Date, v.DatePrecision = dateOf(m.Date)
	for i, p := range m.Participants {
		v.Participants[i] = participantView{ref: n.ref(p.EntityID), Role: p.Role}
	}
	return v
}

func (n names) statement(st graph.Statement) statementView {
	v := statementView{ID: st.ID, Speaker: n.ref(st.Speaker), Text: st.Text, Quoted: st.Quoted,
		Sources: st.Sources, About: make([]ref, len(st.About))}
	v.Date, v.DatePrecision = dateOf(st.Date)
	for i, a := range st.About {
		v.About[i] = n.ref(a)
	}
	return v
}

func (n names) support(sp graph.Support) supportView {
	v := supportView{ID: sp.ID, Supporter: n.ref(sp.Supporter), Supported: n.ref(sp.Supported), Sources: sp.Sources}
	if sp.ClaimedBy != "" {
		r := n.ref(sp.ClaimedBy)
		v.ClaimedBy = &r
	}
	return v
}

func meetingIDs(ms []graph.Meeting) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ParticipantIDs()...)
	}
	return ids
}

func statementIDs(ss []graph.Statement) []string {
	var ids []string
	for _, s := range ss {
		ids = append(append(ids, s.Speaker), s.About...)
	}
	return ids
}

func supportIDs(ps []graph.Support) []string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.Supporter, p.Supported)
		if p.ClaimedBy != "" {
			ids = append(ids, p.ClaimedBy)
		}
	}
	return ids
}

// facts renders facts with every actor named.
func (s *Server) facts(ctx context.Context, f *graph.Facts) (factsView, error) {
	n, err := s.lookupNames(ctx, meetingIDs(f.Meetings), statementIDs(f.Statements), supportIDs(f.Supports))
	if err != nil {
		return factsView{}, err
	}
	for _, e := range f.Entities {
		if _, ok := n[e.ID]; !ok {
			n[e.ID] = ref{ID: e.ID, Name: e.Name, Type: string(e.Type)}
		}
	}
	v := factsView{Entities: f.Entities, Meetings: []meetingView{}, Statements: []statementView{}, Supports: []supportView{}}
	if v.Entities == nil {
		v.Entities = []graph.Entity{}
	}
	for _, m := range f.Meetings {
		v.Meetings = append(v.Meetings, n.meeting(m))
	}
	for _, st := range f.Statements {
		v.Statements = append(v.Statements, n.statement(st))
	}
	for _, sp := range f.Supports {
		v.Supports = append(v.Supports, n.support(sp))
	}
	return v, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// list is the body of one page of a list; next is left out on the last page.
func list(items any, next string) gin.H {
	body := gin.H{"items": items}
	if next != "" {
		body["next"] = next
	}
	return body
}
