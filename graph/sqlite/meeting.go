package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

// Meeting returns one meeting with all its sources.
func (s *Store) Meeting(ctx context.Context, id string) (*graph.Meeting, error) {
	ms, err := s.loadMeetings(ctx, []string{id})
	if err != nil {
		return nil, fmt.Errorf("meeting %q: %w", id, err)
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("meeting %q: %w", id, graph.ErrNotFound)
	}
	return &ms[0], nil
}

// Meetings lists meetings newest first.
func (s *Store) Meetings(ctx context.Context, f graph.MeetingFilter) (graph.Page[graph.Meeting], error) {
	limit, cur, err := f.Check()
	if err != nil {
		return graph.Page[graph.Meeting]{Items: []graph.Meeting{}}, err
	}
	if len(f.Participants) > 0 && !f.IncludePlanned && f.Place == "" {
		// The held meetings of an actor are its list in memory, and those
		// of several the intersection of their lists, when the adjacency
		// there is current: the page is read by rowid, where SQL walks the
		// actor's ATTENDED edges and seeks each meeting by its text id.
		adj, err := s.currentAdjacency(ctx)
		if err != nil {
			return graph.Page[graph.Meeting]{Items: []graph.Meeting{}}, fmt.Errorf("list meetings: %w", err)
		}
		if adj != nil {
			page, ok, err := s.commonMeetings(ctx, adj, f, limit, cur)
			if err != nil || ok {
				return page, err
			}
		}
	}
	return s.meetingsSQL(ctx, f, limit, cur)
}

// meetingsSQL is Meetings answered by SQL alone.
func (s *Store) meetingsSQL(ctx context.Context, f graph.MeetingFilter, limit int, cur []string) (graph.Page[graph.Meeting], error) {
	page := graph.Page[graph.Meeting]{Items: []graph.Meeting{}}
	// With a participant, walk that actor's ATTENDED edges in date order
	// (index attended_by_entity); else walk all meetings by date.
	day, id := "m.first_day", "m.id"
	// The page's rows carry the meetings' own columns, which the walk reads
	// anyway (it joins each meeting for its status and days): loadMeetings
	// would seek the same rows again by id (a third of an actor's page).
	q := `SELECT ` + meetingCols + `, m.first_day FROM meetings m`
	var where []string
	var args []any
	if len(f.Participants) > 1 {
		// Walk the meetings of whoever attended fewest; probe the others.
		ps, err := s.byDegree(ctx, f.Participants)
		if err != nil {
			return page, fmt.Errorf("list meetings: %w", err)
		}
		f.Participants = ps
	}
	if len(f.Participants) > 0 {
		q = `SELECT ` + meetingCols + `, a.first_day FROM attended a JOIN meetings m ON m.id = a.meeting_id`
		day, id = "a.first_day", "a.meeting_id"
		where = append(where, `a.entity_id = ?`)
		args = append(args, f.Participants[0])
		for _, p := range f.Participants[1:] {
			where = append(where, `EXISTS (SELECT 1 FROM attended b WHERE b.meeting_id = m.id AND b.entity_id = ?)`)
			args = append(args, p)
		}
	}
	if !f.IncludePlanned {
		where = append(where, `m.status = 'held'`)
	}
	if f.From != "" || f.To != "" {
		where = append(where, `m.first_day <> ''`)
	}
	if f.From != "" {
		// The index walk stops at the earliest first day a meeting ending
		// on From or later can have, instead of going on to the actor's
		// (or the graph's) oldest meeting to fill the page.
		where = append(where, `m.last_day >= ?`, day+` >= ?`)
		args = append(args, f.From, earliestFirstDay(f.From))
	}
	if f.To != "" {
		where = append(where, day+` <= ?`)
		args = append(args, f.To)
	}
	if f.Place != "" {
		where = append(where, `m.place_folded = ?`)
		args = append(args, graph.Fold(f.Place))
	}
	if cur != nil {
		where = append(where, `(`+day+` < ? OR (`+day+` = ? AND `+id+` < ?))`)
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` LEFT JOIN dates d ON d.id = m.date`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY ` + day + ` DESC, ` + id + ` DESC LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("list meetings: %w", translate(err))
	}
	defer rows.Close()
	var ids, keys []string // keys: first days, for the cursor
	byID := map[string]*graph.Meeting{}
	for rows.Next() {
		var key string
		m, err := scanMeeting(rows, &key)
		if err != nil {
			return page, fmt.Errorf("list meetings: %w", err)
		}
		ids, keys = append(ids, m.ID), append(keys, key)
		byID[m.ID] = m
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list meetings: %w", translate(err))
	}
	rows.Close()
	if len(ids) > limit { // the row past the page: there is a next one
		page.Next = graph.EncodeCursor(keys[limit-1], ids[limit-1])
		ids = ids[:limit]
	}
	if page.Items, err = s.completeMeetings(ctx, ids, byID); err != nil {
		return page, fmt.Errorf("list meetings: %w", err)
	}
	return page, nil
}

// commonMeetings is Meetings of held meetings of one actor or several,
// without a place, answered from the adjacency: the actor's list of held
// meetings in memory, or the merge of their lists, gives the candidates for
// the page (those of its days), and the adjacency their rows, participants
// and first sources; only the sources of meetings of several are read. It
// gives the page the SQL would; ok is false if it cannot (the graph changed
// meanwhile, or a meeting's row is not one the adjacency keeps), and the
// caller then asks SQL.
func (s *Store) commonMeetings(ctx context.Context, adj *adjacency, f graph.MeetingFilter, limit int, cur []string) (page graph.Page[graph.Meeting], ok bool, err error) {
	page = graph.Page[graph.Meeting]{Items: []graph.Meeting{}}
	var actors []int32
	for _, p := range f.Participants {
		i, known := adj.index[p]
		if !known {
			return page, true, nil // no held meeting, or not an actor at all
		}
		actors = append(actors, i)
	}
	var from, earliest, to, curDay int32 = 0, 0, math.MaxInt32, math.MaxInt32
	if f.From != "" { // days checked by f.Check
		from, _ = dayKey(f.From)
		earliest = earliestDay(from)
	}
	if f.To != "" {
		to, _ = dayKey(f.To)
	}
	if cur != nil {
		if curDay, ok = dayKey(cur[0]); !ok {
			return page, false, nil // not a cursor of a day: let SQL say
		}
	}
	ranged := f.From != "" || f.To != ""
	// Only the meetings of the days the page can hold are walked: each
	// list is in day order, so its window of those days is found by two
	// binary searches, where the walk went through an actor's meetings
	// after the range and on to its oldest.
	lower, upper := int32(0), min(to, curDay)
	if ranged {
		lower = max(earliest, 1) // day 0: no known day, out of any range
	}
	lists := make([][]int32, len(actors))
	for k, i := range actors {
		lists[k] = adj.window(i, lower, upper)
	}
	// Newest first: the meetings of days after the cursor's are skipped;
	// those of its day count only if their id is below the cursor's (read
	// below), so they are all kept and not counted; past limit+1 counted,
	// only ties of the last counted day are kept.
	var cands []int32
	counted, lastDay := 0, int32(0)
	intersect(lists, func(m int32) bool {
		r := &adj.meets[m]
		day := r.day
		if day > curDay || ranged && (day == 0 || day > to || day < earliest || r.lastDay < from) {
			return true
		}
		if counted > limit && day != lastDay {
			return false
		}
		cands = append(cands, m)
		if day < curDay {
			counted, lastDay = counted+1, day
		}
		return true
	})
	type key struct {
		day, date, id string
		m             int32 // meeting number
	}
	keys := make([]key, 0, len(cands))
	for _, m := range cands {
		r := &adj.meets[m]
		if r.rowid == 0 {
			return page, false, nil // a row not as the adjacency keeps it
		}
		k := key{id: adj.meetingID(m), m: m}
		k.day, k.date = dayDate(r.day, r.dateLen)
		keys = append(keys, k)
	}
	if cur != nil {
		keys = slices.DeleteFunc(keys, func(k key) bool { return k.day > cur[0] || k.day == cur[0] && k.id >= cur[1] })
	}
	slices.SortFunc(keys, func(x, y key) int {
		if x.day != y.day {
			return strings.Compare(y.day, x.day)
		}
		return strings.Compare(y.id, x.id)
	})
	if len(keys) > limit {
		keys = keys[:limit]
		page.Next = graph.EncodeCursor(keys[limit-1].day, keys[limit-1].id)
	}
	// The page's rows, participants and the sources of its meetings of one
	// source (or none) are in memory, built in the page's order for its
	// meetings alone (a map by id, a meeting each and a copy were ~a third
	// of a page's CPU); the sources of meetings of several are read.
	items := make([]graph.Meeting, len(keys))
	var several []string
	var byID map[string]*graph.Meeting // the meetings of several sources
	for k, key := range keys {
		m, r := &items[k], &adj.meets[key.m]
		*m = graph.Meeting{ID: key.id, Date: graph.Date{Value: key.date, Precision: graph.Precision(precisionNames[r.precision])},
			Place: adj.places[r.place], Mode: graph.Mode(modeNames[r.mode]), Status: graph.Held,
			Sources: []graph.Source{}}
		if m.Participants, ok = adj.participants(key.m); !ok {
			return page, false, nil
		}
		switch src := r.src; {
		case r.multiSrc || src.report == notKept:
			if byID == nil {
				byID = map[string]*graph.Meeting{}
			}
			several, byID[key.id] = append(several, key.id), m
		case src.report != noSource:
			m.Sources = []graph.Source{adj.sources.source(src)}
		}
	}
	if len(several) > 0 {
		if err := s.addSources(ctx, several, byID); err != nil {
			return page, false, fmt.Errorf("list meetings: %w", err)
		}
		// The sources read are of the graph the adjacency holds only if
		// no write came in meanwhile (the version counts every one): else
		// ask SQL.
		if v, err := s.Version(ctx); err != nil || v != adj.version {
			return page, false, err
		}
	}
	page.Items = items
	return page, true, nil
}

// intersect calls fn with the numbers in all of lists (each ascending),
// largest first, until it returns false.
func intersect(lists [][]int32, fn func(int32) bool) {
	slices.SortFunc(lists, func(x, y []int32) int { return len(x) - len(y) })
	pos := make([]int, len(lists)) // from the end: the next to look at is lists[k][len-1-pos[k]]
	for _, m := range slices.Backward(lists[0]) {
		all := true
		for k := 1; k < len(lists) && all; k++ {
			l := lists[k]
			for pos[k] < len(l) && l[len(l)-1-pos[k]] > m {
				pos[k]++
			}
			all = pos[k] < len(l) && l[len(l)-1-pos[k]] == m
		}
		if all && !fn(m) {
			return
		}
	}
}

// window returns the held meetings of actor i whose first day is from
// lower to upper: meeting numbers are in first day order, so they are one
// run of its list, found in the days beside it (attDays).
func (a *adjacency) window(i int32, lower, upper int32) []int32 {
	l, days := a.attended(i), a.attDays[a.attStart[i]:a.attStart[i+1]]
	lo := sort.Search(len(days), func(k int) bool { return days[k] >= lower })
	hi := sort.Search(len(days), func(k int) bool { return days[k] > upper })
	if hi <= lo {
		return nil
	}
	return l[lo:hi]
}

// dayKey reads a day (YYYY-MM-DD) as the adjacency keeps it, YYYYMMDD;
// "" (no day) is 0. ok is false if s is neither: what time.Parse of
// time.DateOnly accepts, checked by hand (a page of an actor's meetings
// read up to three days, and parsing them was several times the cost of
// the walk of the actor's list at 10k).
func dayKey(s string) (n int32, ok bool) {
	if s == "" {
		return 0, true
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	for k := range len(s) {
		if c := s[k]; k != 4 && k != 7 && (c < '0' || c > '9') {
			return 0, false
		}
	}
	n = dayNumber([]byte(s))
	if m, d := n/100%100, n%100; m < 1 || m > 12 || d < 1 || d > daysIn(n/10000, m) {
		return 0, false
	}
	return n, true
}

// daysIn is how many days month m of year y has.
func daysIn(y, m int32) int32 {
	return int32(time.Date(int(y), time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day())
}

// earliestDay is earliestFirstDay of a day number: the same day a year
// before, and 1 March for 29 February when that year has none (as
// time.AddDate gives).
func earliestDay(n int32) int32 {
	y, m, d := n/10000-1, n/100%100, n%100
	if d > daysIn(y, m) {
		m, d = m+1, 1
	}
	return y*10000 + m*100 + d
}

// keyPage runs a query of (id, sort key) rows with limit+1 rows asked for,
// and returns the ids of the page and the cursor of the next.
func (s *Store) keyPage(ctx context.Context, limit int, q string, args ...any) ([]string, string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, "", translate(err)
	}
	defer rows.Close()
	var ids, keys []string
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, "", err
		}
		ids, keys = append(ids, id), append(keys, key)
	}
	if err := rows.Err(); err != nil {
		return nil, "", translate(err)
	}
	if len(ids) > limit {
		return ids[:limit], graph.EncodeCursor(keys[limit-1], ids[limit-1]), nil
	}
	return ids, "", nil
}

// loadMeetings reads whole meetings, in the order of ids.
func (s *Store) loadMeetings(ctx context.Context, ids []string) ([]graph.Meeting, error) {
	byID := map[string]*graph.Meeting{}
	for _, chunk := range chunks(ids) {
		in := placeholders(len(chunk))
		rows, err := s.query(ctx, `SELECT `+meetingCols+` FROM meetings m LEFT JOIN dates d ON d.id = m.date WHERE m.id IN (`+in+`)`, anys(chunk)...)
		if err != nil {
			return nil, translate(err)
		}
		for rows.Next() {
			m, err := scanMeeting(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			byID[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
	}
	return s.completeMeetings(ctx, ids, byID)
}

// meetingCols are a meeting's own columns (m: the meeting, d: its date), as
// scanMeeting reads them.
const meetingCols = `m.id, COALESCE(m.date, ''), COALESCE(d.precision, ''), m.place, m.mode, m.status`

// scanMeeting reads a row that starts with meetingCols into a meeting with
// no participants and no sources yet, and the row's further columns into
// more.
func scanMeeting(rows *sql.Rows, more ...any) (*graph.Meeting, error) {
	m := &graph.Meeting{Participants: []graph.Attendee{}, Sources: []graph.Source{}}
	var prec, mode, status string
	if err := rows.Scan(append([]any{&m.ID, &m.Date.Value, &prec, &m.Place, &mode, &status}, more...)...); err != nil {
		return nil, err
	}
	m.Date.Precision, m.Mode, m.Status = graph.Precision(prec), graph.Mode(mode), graph.Status(status)
	return m, nil
}

// completeMeetings adds their participants and sources to the meetings of
// byID, and returns those of ids in that order.
func (s *Store) completeMeetings(ctx context.Context, ids []string, byID map[string]*graph.Meeting) ([]graph.Meeting, error) {
	for _, chunk := range chunks(ids) {
		err := s.each(ctx, `SELECT meeting_id, entity_id, role FROM attended WHERE meeting_id IN (`+placeholders(len(chunk))+`) ORDER BY meeting_id, entity_id`,
			anys(chunk), func(r *sql.Rows) error {
				var mid, eid, role string
				if err := r.Scan(&mid, &eid, &role); err != nil {
					return err
				}
				m := byID[mid]
				m.Participants = append(m.Participants, graph.Attendee{EntityID: eid, Role: graph.Role(role)})
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	if err := s.addSources(ctx, ids, byID); err != nil {
		return nil, err
	}
	return ordered(ids, byID), nil
}

// addSources adds their sources to the meetings of ids in byID.
func (s *Store) addSources(ctx context.Context, ids []string, byID map[string]*graph.Meeting) error {
	for _, chunk := range chunks(ids) {
		err := s.each(ctx, `SELECT meeting_id, report_id, evidence, rule FROM meeting_sources WHERE meeting_id IN (`+placeholders(len(chunk))+`) ORDER BY meeting_id, report_id, evidence`,
			anys(chunk), func(r *sql.Rows) error {
				var mid string
				var src graph.Source
				if err := r.Scan(&mid, &src.ReportID, &src.Evidence, &src.Rule); err != nil {
					return err
				}
				m := byID[mid]
				m.Sources = append(m.Sources, src)
				return nil
			})
		if err != nil {
			return err
		}
	}
	return nil
}

// ordered returns the meetings of ids in byID, in the order of ids.
func ordered(ids []string, byID map[string]*graph.Meeting) []graph.Meeting {
	out := make([]graph.Meeting, 0, len(ids))
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, *m)
		}
	}
	return out
}

// each runs a query and calls fn for every row.
func (s *Store) each(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// byDegree returns actor ids ordered by how many meetings each attended
// (up to degreeCap), fewest first.
func (s *Store) byDegree(ctx context.Context, ids []string) ([]string, error) {
	deg := make(map[string]int, len(ids))
	for _, id := range ids {
		var n int
		err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM attended WHERE entity_id = ? LIMIT ?)`, id, degreeCap).Scan(&n)
		if err != nil {
			return nil, translate(err)
		}
		deg[id] = n
	}
	out := slices.Clone(ids)
	slices.SortStableFunc(out, func(a, b string) int { return deg[a] - deg[b] })
	return out, nil
}

// degreeCap bounds how far byDegree counts: past it, an actor is a hub
// whichever way, and counting further would cost more than it saves.
const degreeCap = 2000

// earliestFirstDay is the earliest first day of a date whose last day is
// from or later: a date spans a year at most (its precision is a day, a month
// or a year), so a year before from.
func earliestFirstDay(from string) string {
	t, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return ""
	}
	return t.AddDate(-1, 0, 0).Format(time.DateOnly)
}
