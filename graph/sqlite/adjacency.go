package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/parley/parley/graph"
)

// sqlBumpVersion marks a change of the graph; every write transaction runs it.
const sqlBumpVersion = `UPDATE graph_version SET n = n + 1 WHERE id = 1`

// adjacency is the graph's relations held in memory: for every actor, the
// actors one hop away over MET_WITH, SUPPORTS and STATED-ABOUT, either way,
// and the held meetings it attended. Connections searches it instead of
// joining tables level by level, so the search costs memory reads, not
// B-tree seeks, and finds the meetings of two actors by merging two lists of
// numbers. It is read whole from the database, and read again when
// graph_version says the graph changed.
//
// Actors are numbered in the order of their ids, so comparing two numbers
// compares the ids; the neighbours of actor i are next[start[i]:start[i+1]],
// sorted (one array for the whole graph: 4 bytes a neighbour, no slice or
// map per actor), and kinds[k] says which relations tie the pair of next[k],
// so that Connections reads only the facts that are there. Held meetings
// are numbered oldest first (by first day, then rowid): actor i attended
// att[attStart[i]:attStart[i+1]], ascending.
type adjacency struct {
	version  int64
	ids      []string         // actor number -> id, sorted
	index    map[string]int32 // id -> actor number
	start    []int32          // actor number -> offset of its neighbours in next; len(ids)+1
	next     []int32          // neighbours, actor after actor
	kinds    []uint8          // relations of each pair of next: linkMet | linkSupports | linkStated
	attStart []int32          // actor number -> offset of its meetings in att; len(ids)+1
	att      []int32          // meeting numbers, actor after actor
	attDays  []int32          // the first day (days) of each meeting of att, beside it
	// meets[m] is what a page of meetings and a step's link read of held
	// meeting m, in one record of one cache line: at 1M meetings a meeting
	// read at random cost a miss in each of a dozen arrays (rowids, days,
	// id offsets, date length, source...), one after the other.
	meets []meetRec

	// The meetings' ids (meets[m].idStart and idEnd cut meetingIDs.b),
	// also walked in id order against the sources as they are read.
	meetingIDs idList

	// The participants of each held meeting, so that a page of meetings
	// takes them from memory, not from a seek of attended by the text id of
	// each meeting (8-10 µs a meeting at 1M, a third of a page's time):
	// meeting number m's are parts[meets[m].partStart:meets[m].partEnd]
	// (actor numbers, ascending: id order, as SQL lists them), with their
	// roles in partRoles (roleNames). 1M: 2.1M attendances, 5 bytes each.
	parts     []int32
	partRoles []uint8
	places    []string // meets[m].place -> place

	// Statements of one actor about another, and supports, by pair, so
	// that Connections reads only the newest few of a pair by rowid, not by
	// a query a pair. Statements are numbered oldest first (first day, then
	// rowid), supports in id order (the order a step lists them in).
	// facts[factStart[k]:factStart[k+1]] are those of the pair factPairs[k]
	// (x<<32|y, sorted): statement numbers, then len(stRowids)+support
	// number, ascending.
	stRowids  []int32 // statement number -> rowid (0 if not kept: read by SQL)
	stDays    []int32 // statement number -> first day as YYYYMMDD (0 if unknown)
	supRowids []int32 // support number -> rowid (0 if too large to keep)
	// As for meetings, what a link of a statement or support says besides
	// its source (1M: about 31 bytes a fact, 200k statements and 50k
	// supports, 8 MB): ids, speakers and supporters (actor numbers), the
	// length of a statement's date.
	stIDs, supIDs idList
	stSpeakers    []int32
	stDateLen     []uint8
	supporters    []int32
	factPairs     []uint64 // pairs with statements or supports, both ways round
	factStart     []int32  // len(factPairs)+1
	// The pairs of actor i in factPairs are factPairs[factsOf[i]:
	// factsOf[i+1]] (len(ids)+1): a pair is searched for among the
	// actor's, not among all (19 steps at 1M, the last ones misses).
	factsOf []int32
	facts   []int32

	// The newest common meetings (common's answer for MaxLinks) of the
	// pairs of prominent actors, worked out once: merging two lists of
	// hundreds of meetings is most of what a step through two of them costs.
	// commonList[commonStart[k]:commonStart[k+1]] are those of the pair
	// commonPairs[k] (x<<32|y, x < y, sorted). 1M: 1,000 actors of 256 or
	// more meetings.
	commonPairs []uint64
	commonStart []int32
	commonList  []int32
	commonLeast int // the meetings each actor of a kept pair attended, at least

	// The first source of each fact (in the order of its sources' key),
	// by statement and support number (a meeting's is in its record): a
	// step's links are built from memory alone. Reading them by fact id was a seek of a B-tree
	// keyed by the evidence sentence (five levels deep at 1M, its interior
	// cells holding whole sentences) for every link: most of what a
	// Connections call cost. 1M: ~16 bytes a fact and its evidence, 1.25M
	// facts, ~125 MB, with no pointer for the collector to follow.
	stSrc, supSrc []srcRef
	sources       sourceText

	// indexes holds *searchMemory: the node indexes of a search from each
	// end, of len(ids) actors, emptied after each search, and its lists, so
	// the next reuses them rather than allocate and clear two arrays and
	// grow the lists again.
	indexes sync.Pool
}

// meetRec is a held meeting as the adjacency keeps it. Its size is a
// cache line (TestMeetRecSize), and a slice of a million of them starts at
// a page, so a record is read from memory in one miss. 1M: 64 MB, where
// the arrays it replaced were 44 bytes a meeting.
type meetRec struct {
	rowid           int32  // 0 if too large to keep, or the row is not as the adjacency rebuilds it: read by SQL
	day, lastDay    int32  // first and last day as YYYYMMDD (0 if unknown)
	place           int32  // in places
	partStart       int32  // its participants: parts[partStart:partEnd]
	partEnd         int32  //
	idStart, idEnd  int32  // its id: meetingIDs.b[idStart:idEnd]
	src             srcRef // its first source (in the order of its sources' key)
	dateLen         uint8  // its date is the first dateLen bytes of its first day (0: no date)
	mode, precision uint8  // in modeNames, precisionNames
	multiSrc        bool   // it has more than one source: src is all of them only if not
	_               [12]byte
}

// meetingID returns meeting m's id (see idList.at).
func (a *adjacency) meetingID(m int32) string {
	r := &a.meets[m]
	return bytesString(a.meetingIDs.b[r.idStart:r.idEnd])
}

// The values of roles, modes and precisions as the adjacency numbers them
// (their places in these lists): the schema allows these alone. A value not
// listed is numbered unknown, and its meeting is read by SQL.
var (
	roleNames      = []string{string(graph.Host), string(graph.Guest), string(graph.Participant)}
	modeNames      = []string{string(graph.InPerson), string(graph.Phone), string(graph.Video)}
	precisionNames = []string{"", string(graph.Day), string(graph.Month), string(graph.Year)} // "": no date
)

const unknown = math.MaxUint8

// nameNumber returns the place of v in names; unknown if it is not there.
func nameNumber(names []string, v []byte) uint8 {
	for k, name := range names {
		if string(v) == name {
			return uint8(k)
		}
	}
	return unknown
}

// participants returns the participants of meeting m in id order, with
// their roles; ok is false if a role is not one roleNames holds.
func (a *adjacency) participants(m int32) (ps []graph.Attendee, ok bool) {
	start, end := a.meets[m].partStart, a.meets[m].partEnd
	ps = make([]graph.Attendee, end-start)
	for k := range ps {
		r := a.partRoles[int(start)+k]
		if r == unknown {
			return nil, false
		}
		ps[k] = graph.Attendee{EntityID: a.ids[a.parts[int(start)+k]], Role: graph.Role(roleNames[r])}
	}
	return ps, true
}

// Relations that tie two neighbours.
const (
	linkMet      = 1 << iota // a held meeting both attended
	linkSupports             // a support, of either by the other
	linkStated               // a statement, of either about the other
)

// neighbours returns the neighbours of actor i, in id order.
func (a *adjacency) neighbours(i int32) []int32 { return a.next[a.start[i]:a.start[i+1]] }

// degrees returns how many neighbours the actors have in all: what a
// search visits to expand them.
func (a *adjacency) degrees(actors []int32) int {
	n := 0
	for _, i := range actors {
		n += int(a.start[i+1] - a.start[i])
	}
	return n
}

// attended returns the held meetings of actor i, oldest first.
func (a *adjacency) attended(i int32) []int32 { return a.att[a.attStart[i]:a.attStart[i+1]] }

// kind returns the relations between actors i and j; 0 if none. Every
// relation is held both ways, so it searches the shorter of the two lists:
// a step of a path often leaves a hub of thousands of neighbours, and each
// step of a binary search of its list was a miss at 1M meetings.
func (a *adjacency) kind(i, j int32) uint8 {
	if a.start[j+1]-a.start[j] < a.start[i+1]-a.start[i] {
		i, j = j, i
	}
	if k, ok := slices.BinarySearch(a.neighbours(i), j); ok {
		return a.kinds[int(a.start[i])+k]
	}
	return 0
}

// common returns the newest held meetings both actors attended, newest
// first: n of them, and those of the same day as the nth. The two lists are
// merged from their ends, each skipping to the other's meeting by galloping
// back (steps of 1, 2, 4... then a binary search), so that an actor of a
// few meetings and one of many cost a few searches of the long list, not a
// walk through it.
func (a *adjacency) common(i, j int32, n int) []int32 {
	// Only pairs of actors of commonLeast meetings or more are kept: the
	// lengths of two lists rule most pairs out, where a search of the
	// pairs was ~17 reads from memory at 1M, one after the other.
	if n == graph.MaxLinks && len(a.commonPairs) > 0 && len(a.attended(i)) >= a.commonLeast && len(a.attended(j)) >= a.commonLeast {
		key := uint64(min(i, j))<<32 | uint64(max(i, j))
		if k, ok := slices.BinarySearch(a.commonPairs, key); ok {
			start, end := a.commonStart[k], a.commonStart[k+1]
			return a.commonList[start:end:end] // capped: an append copies
		}
	}
	return a.merge(i, j, n)
}

// keepCommon works out the newest common meetings of every pair of
// neighbours who both attended at least least meetings (commonPairs).
func (a *adjacency) keepCommon(least int) {
	a.commonPairs, a.commonStart, a.commonList, a.commonLeast = nil, nil, nil, least
	for i := range int32(len(a.ids)) {
		if len(a.attended(i)) < least {
			continue
		}
		for k, j := range a.neighbours(i) {
			if j <= i || len(a.attended(j)) < least || a.kinds[int(a.start[i])+k]&linkMet == 0 {
				continue
			}
			a.commonPairs = append(a.commonPairs, uint64(i)<<32|uint64(j))
			a.commonStart = append(a.commonStart, int32(len(a.commonList)))
			a.commonList = append(a.commonList, a.merge(i, j, graph.MaxLinks)...)
		}
	}
	a.commonStart = append(a.commonStart, int32(len(a.commonList)))
}

// merge is common by merging the two actors' lists.
func (a *adjacency) merge(i, j int32, n int) []int32 {
	x, y := a.attended(i), a.attended(j)
	var out []int32
	for p, q := len(x)-1, len(y)-1; p >= 0 && q >= 0; {
		switch {
		case x[p] > y[q]:
			p = back(x, p, y[q])
		case x[p] < y[q]:
			q = back(y, q, x[p])
		default:
			if len(out) >= n && a.meets[x[p]].day != a.meets[out[n-1]].day {
				return out
			}
			out = append(out, x[p])
			p--
			q--
		}
	}
	return out
}

// back returns the last index of x (ascending) at or before p whose
// number is at most v, or -1; x[p] > v.
func back(x []int32, p int, v int32) int {
	hi, step := p, 1 // x[hi] > v
	lo := hi - step
	for lo >= 0 && x[lo] > v {
		hi, step = lo, step*2
		lo = hi - step
	}
	// x[lo] <= v < x[hi], or lo < 0: the answer is lo or in (lo, hi).
	lo = max(lo, -1)
	k, _ := slices.BinarySearch(x[lo+1:hi], v+1) // how many of them are at most v
	return lo + k
}

// pairFacts returns the statements (numbers, oldest first) and supports
// (numbers, in id order) between actors i and j, either way.
func (a *adjacency) pairFacts(i, j int32) (stated, supports []int32) {
	// Every fact is held under both ways round: the actor of fewer pairs.
	if a.factsOf[j+1]-a.factsOf[j] < a.factsOf[i+1]-a.factsOf[i] {
		i, j = j, i
	}
	start := a.factsOf[i]
	k, ok := slices.BinarySearch(a.factPairs[start:a.factsOf[i+1]], uint64(i)<<32|uint64(uint32(j)))
	if !ok {
		return nil, nil
	}
	k += int(start)
	f := a.facts[a.factStart[k]:a.factStart[k+1]]
	n, _ := slices.BinarySearch(f, int32(len(a.stRowids)))
	return f[:n], f[n:]
}

// newestStated returns the newest statements of a list (oldest first),
// newest first: n of them, and those of the same day as the nth.
func (a *adjacency) newestStated(stated []int32, n int) []int32 {
	var out []int32
	for p := len(stated) - 1; p >= 0; p-- {
		if len(out) >= n && a.stDays[stated[p]] != a.stDays[out[n-1]] {
			break
		}
		out = append(out, stated[p])
	}
	return out
}

// idWalk walks facts in the order of their ids (order: fact numbers, ids:
// their ids) in step with rows sorted by the same ids, so that a row's fact
// is found without a map of ids.
type idWalk struct {
	ids   *idList
	order []int32
	p     int
}

// seek moves to the first fact whose id is not below id, and returns it
// and whether its id is id; done is true when every fact's id is below id
// (no later row can have a fact).
func (w *idWalk) seek(id []byte) (f int32, found, done bool) {
	for w.p < len(w.order) && bytes.Compare(w.ids.bytes(w.order[w.p]), id) < 0 {
		w.p++
	}
	if w.p == len(w.order) {
		return 0, false, true
	}
	f = w.order[w.p]
	return f, bytes.Equal(w.ids.bytes(f), id), false
}

// idList holds ids in one array: the ith is b[end[i-1]:end[i]]. A
// million ids cost their bytes and 4 more each, with no string header and
// no pointer for the collector to follow.
type idList struct {
	b   []byte
	end []int32
}

func (l *idList) add(id []byte) {
	l.b = append(l.b, id...)
	l.end = append(l.end, int32(len(l.b)))
}

func (l *idList) bytes(i int32) []byte {
	start := int32(0)
	if i > 0 {
		start = l.end[i-1]
	}
	return l.b[start:l.end[i]]
}

// at returns the ith id as a string that shares the list's memory: the
// bytes of a list are never written again once added (an append that grows
// it copies them elsewhere), so an id costs no copy and no allocation (a
// Connections answer holds ~100 of them, and as many sources).
func (l *idList) at(i int32) string { return bytesString(l.bytes(i)) }

// bytesString returns b as a string without a copy; b must never be
// written again.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// dayDate returns a first day as stored (YYYY-MM-DD, or "" for 0), and
// its date: the first day cut to the date's length ("2014-08" for August
// 2014).
func dayDate(day int32, dateLen uint8) (string, string) {
	if day == 0 {
		return "", ""
	}
	d := dayString(day)
	return d, d[:dateLen]
}

// dayForm says if a meeting's first day and date are as the adjacency
// rebuilds them from its day number and the date's length: a first day
// YYYY-MM-DD whose date is the day, its month or its year, or no first day
// and no date. A meeting that is not is read from its row.
func dayForm(day, date []byte) bool {
	if len(day) == 0 {
		return len(date) == 0
	}
	n := dayNumber(day)
	if n == 0 || dayString(n) != string(day) {
		return false
	}
	switch len(date) {
	case 4, 7, 10:
		return string(day[:len(date)]) == string(date)
	}
	return false
}

// dayString writes a day number YYYYMMDD (0 < n < 10^8) as YYYY-MM-DD.
func dayString(n int32) string {
	var b [10]byte
	for _, k := range [...]int{9, 8, 6, 5, 3, 2, 1, 0} {
		b[k] = byte('0' + n%10)
		n /= 10
	}
	b[4], b[7] = '-', '-'
	return string(b[:])
}

// dayNumber reads YYYY-MM-DD as YYYYMMDD; 0 if it is not a day.
func dayNumber(d []byte) int32 {
	if len(d) != 10 {
		return 0
	}
	n := int32(0)
	for _, c := range d {
		if c >= '0' && c <= '9' {
			n = n*10 + int32(c-'0')
		}
	}
	return n
}

// adjCache holds the last adjacency read; one reader at a time rebuilds it,
// and queries that can do without it read it without waiting for that
// (current). It holds the name index of Entities too, under a lock of its
// own (a search does not wait for the adjacency).
type adjCache struct {
	mu   sync.Mutex // held while the adjacency is read
	adj  atomic.Pointer[adjacency]
	used atomic.Bool // an adjacency was read: the store serves queries

	namesMu   sync.Mutex
	names     *nameIndex
	reading   bool          // a read of the name index is under way
	namesRead time.Time     // when the last read ended
	namesTook time.Duration // how long it took
}

// adjacency returns the graph's adjacency as of now, reading it if the one
// in memory is older.
func (s *Store) adjacency(ctx context.Context) (*adjacency, error) {
	v, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	if a := s.adj.adj.Load(); a != nil && a.version >= v {
		return a, nil
	}
	s.adj.mu.Lock()
	defer s.adj.mu.Unlock()
	if a := s.adj.adj.Load(); a != nil && a.version >= v {
		return a, nil // read by the caller before this one
	}
	s.adj.adj.Store(nil) // let the old one go before the new one is built
	// Read to the end even if this caller gives up: the callers waiting
	// behind it want the same adjacency (a read of 1M meetings takes
	// seconds), and a canceled read would leave them to start over.
	a, err := s.readAdjacency(context.WithoutCancel(ctx))
	if err != nil {
		return nil, err
	}
	s.adj.adj.Store(a)
	s.adj.used.Store(true)
	return a, nil
}

// currentAdjacency returns the adjacency in memory if it is of the graph as
// it is now, else nil. Unlike adjacency it never reads one, nor waits for a
// read under way: a list of meetings answers from SQL rather than wait
// seconds for it.
func (s *Store) currentAdjacency(ctx context.Context) (*adjacency, error) {
	a := s.adj.adj.Load()
	if a == nil {
		return nil, nil
	}
	v, err := s.Version(ctx)
	if err != nil || a.version != v {
		return nil, err
	}
	return a, nil
}

// readAdjacency reads the adjacency and its version in one read transaction.
func (s *Store) readAdjacency(ctx context.Context) (*adjacency, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	a := &adjacency{index: map[string]int32{}}
	if err := tx.QueryRowContext(ctx, `SELECT n FROM graph_version WHERE id = 1`).Scan(&a.version); err != nil {
		return nil, translate(err)
	}
	// Actors are numbered as first seen, then renumbered in id order.
	node := func(id string) int32 {
		i, ok := a.index[id]
		if !ok {
			i = int32(len(a.ids))
			a.index[id] = i
			a.ids = append(a.ids, id)
		}
		return i
	}
	var edges []uint64 // x<<35 | y<<3 | kind, both ways round
	link := func(x, y int32, kind uint8) {
		if x != y {
			edges = append(edges, edge(x, y, kind), edge(y, x, kind))
		}
	}
	var att []uint64  // actor<<32 | meeting, numbered as read
	var keys []uint64 // meeting as read -> first day<<32 | rowid: the order to number them in
	// Held meetings, each row once (a scan of the table), then their
	// participants (a scan of attended, in meeting id order), walked in step
	// with the meetings sorted by id: each meeting's id and dates are copied
	// once, not once per participant, and no meeting is looked up by id.
	// The precision of each date, for the meetings' rows (a few thousand
	// dates, where a join would seek one a meeting).
	precisionOf := map[string]uint8{}
	rows, err := tx.QueryContext(ctx, `SELECT id, precision FROM dates`)
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var id string
		var prec sql.RawBytes
		if err := rows.Scan(&id, &prec); err != nil {
			rows.Close()
			return nil, err
		}
		precisionOf[id] = nameNumber(precisionNames, prec)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rows, err = tx.QueryContext(ctx, `SELECT rowid, id, first_day, last_day, COALESCE(date, ''), place, mode FROM meetings WHERE status = 'held'`)
	if err != nil {
		return nil, translate(err)
	}
	var rowid int64
	var day, last, mid, date, place, mode sql.RawBytes
	var lastDays []int32 // meeting as read -> last day
	var readIDs idList   // meeting as read -> id
	var readLen []uint8  // meeting as read -> length of its date
	var readPlace []int32
	var readMode, readPrec []uint8
	placeOf := map[string]int32{}
	for rows.Next() {
		if err := rows.Scan(&rowid, &mid, &day, &last, &date, &place, &mode); err != nil {
			rows.Close()
			return nil, err
		}
		pl, ok := placeOf[string(place)]
		if !ok {
			pl = int32(len(a.places))
			placeOf[string(place)] = pl
			a.places = append(a.places, string(place))
		}
		prec := uint8(0) // no date
		if len(date) > 0 {
			if prec, ok = precisionOf[string(date)]; !ok {
				prec = 0 // as the LEFT JOIN of a date not in dates says
			}
		}
		readPlace, readMode, readPrec = append(readPlace, pl), append(readMode, nameNumber(modeNames, mode)), append(readPrec, prec)
		if rowid > math.MaxInt32 || !dayForm(day, date) || readMode[len(readMode)-1] == unknown || prec == unknown {
			rowid = 0 // not kept: read by the pair's attendance, or by SQL
		}
		keys = append(keys, uint64(dayNumber(day))<<32|uint64(rowid))
		lastDays = append(lastDays, dayNumber(last))
		readIDs.add(mid)
		readLen = append(readLen, uint8(len(date)))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	readByID := make([]int32, len(keys)) // meetings as read, in id order
	for i := range readByID {
		readByID[i] = int32(i)
	}
	slices.SortFunc(readByID, func(i, j int32) int { return bytes.Compare(readIDs.bytes(i), readIDs.bytes(j)) })
	// The participants of meeting m as read are readParts[readStart[m]:
	// readEnd[m]] (actor numbers as read, their roles in readRoles), in id
	// order: the order of the scan.
	readStart, readEnd := make([]int32, len(keys)), make([]int32, len(keys))
	var readParts []int32
	var readRoles []uint8
	rows, err = tx.QueryContext(ctx, `SELECT meeting_id, entity_id, role FROM attended ORDER BY meeting_id, entity_id`)
	if err != nil {
		return nil, translate(err)
	}
	var eid string
	var role sql.RawBytes
	var group []int32
	cur, walk := int32(-1), idWalk{ids: &readIDs, order: readByID}
	for rows.Next() {
		if err := rows.Scan(&mid, &eid, &role); err != nil {
			rows.Close()
			return nil, err
		}
		m, found, done := walk.seek(mid)
		if done {
			break
		}
		if !found {
			continue // a planned meeting
		}
		if m != cur {
			cur, group = m, group[:0]
			readStart[m] = int32(len(readParts))
		}
		e := node(eid)
		att = append(att, uint64(e)<<32|uint64(m))
		readParts, readRoles = append(readParts, e), append(readRoles, nameNumber(roleNames, role))
		readEnd[m] = int32(len(readParts))
		for _, o := range group {
			link(o, e, linkMet)
		}
		group = append(group, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	// Number the meetings oldest first (by first day, then rowid: the
	// newest meetings of a pair are those of the newest days, whatever the
	// order within a day).
	byAge := make([]int32, len(keys)) // number -> meeting as read
	for i := range byAge {
		byAge[i] = int32(i)
	}
	slices.SortFunc(byAge, func(i, j int32) int { return cmp.Compare(keys[i], keys[j]) })
	number := make([]int32, len(keys)) // meeting as read -> number
	a.meets = make([]meetRec, len(keys))
	a.meetingIDs = idList{b: make([]byte, 0, len(readIDs.b)), end: make([]int32, 0, len(keys))}
	parts := int32(0)
	for nb, m := range byAge {
		r := &a.meets[nb]
		r.partStart, parts = parts, parts+readEnd[m]-readStart[m]
		r.partEnd = parts
		r.place, r.mode, r.precision = readPlace[m], readMode[m], readPrec[m]
		number[m] = int32(nb)
		r.rowid, r.day, r.lastDay = int32(uint32(keys[m])), int32(keys[m]>>32), lastDays[m]
		r.idStart = int32(len(a.meetingIDs.b))
		a.meetingIDs.add(readIDs.bytes(m))
		r.idEnd = int32(len(a.meetingIDs.b))
		r.dateLen = readLen[m]
	}
	for k, m := range readByID {
		readByID[k] = number[m] // now meeting numbers, in id order
	}
	readIDs = idList{} // let it go before the rest is built
	for k, e := range att {
		att[k] = e&^(1<<32-1) | uint64(number[uint32(e)])
	}
	// Statements and supports, each a fact of a pair (rels, both ways
	// round; f is a statement as read, or ^support number).
	type rel struct{ x, y, f int32 }
	var rels []rel
	var stKeys []uint64 // statement as read -> first day<<32 | rowid
	var stIDs idList    // statement as read -> id
	var stSpeakers []int32
	var stDateLen []uint8
	stSeen := map[int64]int32{}
	for _, q := range []struct {
		sql  string
		kind uint8
	}{
		// In id order: a support's number is its place in a step's list.
		{`SELECT rowid, '', supporter_id, supported_id, id, '' FROM supports ORDER BY id`, linkSupports},
		{`SELECT s.rowid, s.first_day, s.speaker_id, ab.entity_id, s.id, COALESCE(s.date, '') FROM statements s
			JOIN about ab ON ab.statement_id = s.id`, linkStated},
	} {
		rows, err := tx.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, translate(err)
		}
		for rows.Next() {
			var x, y string
			var id, date sql.RawBytes
			if err := rows.Scan(&rowid, &day, &x, &y, &id, &date); err != nil {
				rows.Close()
				return nil, err
			}
			i, j := node(x), node(y)
			link(i, j, q.kind)
			if i == j {
				continue
			}
			kept := rowid
			if kept > math.MaxInt32 || !dayForm(day, date) {
				kept = 0 // not kept: the pair's facts are read by SQL
			}
			var f int32
			if q.kind == linkSupports {
				f = ^int32(len(a.supRowids))
				a.supRowids = append(a.supRowids, int32(kept))
				a.supIDs.add(id)
				a.supporters = append(a.supporters, i)
			} else {
				var ok bool
				if f, ok = stSeen[rowid]; !ok {
					f = int32(len(stKeys))
					stSeen[rowid] = f
					stKeys = append(stKeys, uint64(dayNumber(day))<<32|uint64(kept))
					stIDs.add(id)
					stSpeakers = append(stSpeakers, i)
					stDateLen = append(stDateLen, uint8(len(date)))
				}
			}
			rels = append(rels, rel{i, j, f}, rel{j, i, f})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
	}
	// Number the statements oldest first, as the meetings.
	stByAge := make([]int32, len(stKeys))
	for i := range stByAge {
		stByAge[i] = int32(i)
	}
	slices.SortFunc(stByAge, func(i, j int32) int { return cmp.Compare(stKeys[i], stKeys[j]) })
	stNumber := make([]int32, len(stKeys))
	a.stRowids = make([]int32, len(stKeys))
	a.stDays = make([]int32, len(stKeys))
	a.stSpeakers = make([]int32, len(stKeys))
	a.stDateLen = make([]uint8, len(stKeys))
	for nb, m := range stByAge {
		stNumber[m] = int32(nb)
		a.stRowids[nb], a.stDays[nb] = int32(uint32(stKeys[m])), int32(stKeys[m]>>32)
		a.stIDs.add(stIDs.bytes(m))
		a.stSpeakers[nb], a.stDateLen[nb] = stSpeakers[m], stDateLen[m]
	}
	// Renumber in id order.
	n := len(a.ids)
	order := make([]int32, n) // new number -> old
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return a.ids[order[i]] < a.ids[order[j]] })
	renum := make([]int32, n) // old number -> new
	ids := make([]string, n)
	for nw, old := range order {
		renum[old] = int32(nw)
		ids[nw] = a.ids[old]
		a.index[a.ids[old]] = int32(nw)
	}
	a.ids = ids
	for _, actors := range [][]int32{a.stSpeakers, a.supporters} {
		for k, i := range actors {
			actors[k] = renum[i]
		}
	}
	for k, e := range edges {
		x, y, kind := unedge(e)
		edges[k] = edge(renum[x], renum[y], kind)
	}
	slices.Sort(edges)
	// One entry a pair, with the kinds of all its relations.
	a.start = make([]int32, n+1)
	a.next = make([]int32, 0, len(edges)/2)
	a.kinds = make([]uint8, 0, len(edges)/2)
	for k, e := range edges {
		x, y, kind := unedge(e)
		if k > 0 && e>>3 == edges[k-1]>>3 {
			a.kinds[len(a.kinds)-1] |= kind
			continue
		}
		a.start[x+1]++
		a.next = append(a.next, y)
		a.kinds = append(a.kinds, kind)
	}
	for i := 0; i < n; i++ {
		a.start[i+1] += a.start[i]
	}
	a.next, a.kinds = slices.Clip(a.next), slices.Clip(a.kinds)
	// Each actor's meetings, in meeting order.
	for k, e := range att {
		att[k] = uint64(renum[e>>32])<<32 | e&(1<<32-1)
	}
	slices.Sort(att)
	a.attStart = make([]int32, n+1)
	a.att = make([]int32, len(att))
	for k, e := range att {
		a.attStart[e>>32+1]++
		a.att[k] = int32(uint32(e))
	}
	for i := 0; i < n; i++ {
		a.attStart[i+1] += a.attStart[i]
	}
	// The days of each actor's meetings beside them: the window of a date
	// range is found by binary searches of these few cache lines, where
	// each step of a search through days was a read from memory at 1M
	// meetings (one after the other: the next step depends on it).
	// 2.1M attendances at 1M: 8.4 MB.
	a.attDays = make([]int32, len(a.att))
	for k, m := range a.att {
		a.attDays[k] = a.meets[m].day
	}
	// Each meeting's participants, in meeting order; renumbering keeps
	// them in id order.
	a.parts = make([]int32, len(readParts))
	a.partRoles = make([]uint8, len(readParts))
	for nb, m := range byAge {
		start := a.meets[nb].partStart
		for k := readStart[m]; k < readEnd[m]; k++ {
			a.parts[start], a.partRoles[start] = renum[readParts[k]], readRoles[k]
			start++
		}
	}
	readParts, readRoles, readStart, readEnd = nil, nil, nil, nil
	// The statements and supports of each pair.
	for k, r := range rels {
		if r.f < 0 {
			r.f = int32(len(a.stRowids)) + ^r.f
		} else {
			r.f = stNumber[r.f]
		}
		rels[k] = rel{renum[r.x], renum[r.y], r.f}
	}
	slices.SortFunc(rels, func(p, q rel) int {
		return cmp.Or(cmp.Compare(p.x, q.x), cmp.Compare(p.y, q.y), cmp.Compare(p.f, q.f))
	})
	rels = slices.Compact(rels)
	a.facts = make([]int32, len(rels))
	for k, r := range rels {
		pair := uint64(r.x)<<32 | uint64(uint32(r.y))
		if k == 0 || pair != a.factPairs[len(a.factPairs)-1] {
			a.factPairs = append(a.factPairs, pair)
			a.factStart = append(a.factStart, int32(k))
		}
		a.facts[k] = r.f
	}
	a.factStart = append(a.factStart, int32(len(rels)))
	a.factPairs = slices.Clip(a.factPairs)
	a.factsOf = make([]int32, n+1)
	for _, pair := range a.factPairs {
		a.factsOf[pair>>32+1]++
	}
	for i := 0; i < n; i++ {
		a.factsOf[i+1] += a.factsOf[i]
	}
	// The first source of every fact, of the graph as this transaction sees
	// it, as the rest. readByID and stNumber become lists of the facts to
	// walk in id order (readByID is in that order already).
	sr := sourceReader{t: &a.sources, reports: map[string]int32{}, rules: map[string]int32{}}
	supOrder := make([]int32, len(a.supRowids))
	for i := range supOrder {
		supOrder[i] = int32(i) // read in id order
	}
	meetingSrc, multiSrc := make([]srcRef, len(a.meets)), make([]bool, len(a.meets))
	a.stSrc = make([]srcRef, len(a.stRowids))
	a.supSrc = make([]srcRef, len(a.supRowids))
	for _, k := range []struct {
		sql   string
		ids   *idList
		order []int32
		out   []srcRef
		multi []bool
	}{
		{`SELECT meeting_id, report_id, evidence, rule FROM meeting_sources ORDER BY meeting_id, report_id, evidence`, &a.meetingIDs, readByID, meetingSrc, multiSrc},
		{`SELECT statement_id, report_id, evidence, rule FROM statement_sources ORDER BY statement_id, report_id, evidence`, &a.stIDs, stNumber, a.stSrc, nil},
		{`SELECT support_id, report_id, evidence, rule FROM support_sources ORDER BY support_id, report_id, evidence`, &a.supIDs, supOrder, a.supSrc, nil},
	} {
		if err := sr.read(ctx, tx, k.sql, k.ids, k.order, k.out, k.multi); err != nil {
			return nil, err
		}
	}
	for m := range a.meets {
		a.meets[m].src, a.meets[m].multiSrc = meetingSrc[m], multiSrc[m]
	}
	a.sources.text = bytes.Clone(a.sources.text) // without the room appends left
	a.keepCommon(keepCommonOf)
	return a, nil
}

// keepCommonOf is how many meetings two actors must each have attended for
// the adjacency to keep their newest common meetings: in the benchmark's
// graphs only the prominent actors (1M: 256 to 528 meetings each, the
// others fewer than 128).
const keepCommonOf = 128

// edge packs a relation of x to y (actor numbers below 2^29) into a number
// that sorts by x, then y.
func edge(x, y int32, kind uint8) uint64 { return uint64(x)<<35 | uint64(y)<<3 | uint64(kind) }

func unedge(e uint64) (x, y int32, kind uint8) {
	return int32(e >> 35), int32(e >> 3 & (1<<32 - 1)), uint8(e & 7)
}

// srcRef is the first source of a fact as the adjacency keeps it: its
// report and rule, numbers in sourceText's lists, and its evidence,
// sourceText.text[start:end].
type srcRef struct {
	report, rule int32 // report: noSource if the fact has none, notKept if it was not kept
	start, end   uint32
}

const (
	noSource = -1 // the fact has no source: its links have the zero source
	notKept  = -2 // the text grew past 4 GB: the pair's facts are read by SQL
)

// sourceText holds what the sources of facts say, each report id and rule
// once, the evidence sentences one after another in one array.
type sourceText struct {
	reports idList
	rules   []string
	text    []byte
}

// source returns the source r refers to; the zero source for noSource.
func (t *sourceText) source(r srcRef) graph.Source {
	if r.report < 0 {
		return graph.Source{}
	}
	return graph.Source{ReportID: t.reports.at(r.report), Evidence: bytesString(t.text[r.start:r.end]), Rule: t.rules[r.rule]}
}

// sourceReader fills a sourceText, numbering reports and rules as first seen.
type sourceReader struct {
	t       *sourceText
	reports map[string]int32
	rules   map[string]int32
}

// keep adds a source to the text and returns its reference.
func (r *sourceReader) keep(report, evidence, rule []byte) srcRef {
	if len(r.t.text)+len(evidence) > math.MaxUint32 {
		return srcRef{report: notKept}
	}
	rep, ok := r.reports[string(report)]
	if !ok {
		rep = int32(len(r.reports))
		r.reports[string(report)] = rep
		r.t.reports.add(report)
	}
	ru, ok := r.rules[string(rule)]
	if !ok {
		ru = int32(len(r.t.rules))
		r.rules[string(rule)] = ru
		r.t.rules = append(r.t.rules, string(rule))
	}
	start := uint32(len(r.t.text))
	r.t.text = append(r.t.text, evidence...)
	return srcRef{report: rep, rule: ru, start: start, end: uint32(len(r.t.text))}
}

// read reads the sources q lists (fact id, report id, evidence, rule, in
// the order of their key: fact id first) and keeps the first of each fact
// of ids in out, by fact number, and, if multi is not nil, marks there the
// facts of more than one source. order lists the fact numbers; it is
// sorted by id here if it is not already. The facts and the sources are
// walked in step, both in id order, so no map of ids is needed.
func (r *sourceReader) read(ctx context.Context, tx *sql.Tx, q string, ids *idList, order []int32, out []srcRef, multi []bool) error {
	for k := range out {
		out[k] = srcRef{report: noSource}
	}
	byID := func(i, j int32) int { return bytes.Compare(ids.bytes(i), ids.bytes(j)) }
	if !slices.IsSortedFunc(order, byID) {
		slices.SortFunc(order, byID)
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	var fact, report, evidence, rule sql.RawBytes
	walk := idWalk{ids: ids, order: order}
	for rows.Next() {
		if err := rows.Scan(&fact, &report, &evidence, &rule); err != nil {
			return err
		}
		f, found, done := walk.seek(fact)
		if done {
			break
		}
		// A fact the adjacency does not hold (a planned meeting) is not
		// found; a source after the first finds its fact's kept already.
		if found {
			if out[f].report == noSource {
				out[f] = r.keep(report, evidence, rule)
			} else if multi != nil {
				multi[f] = true
			}
		}
	}
	return translate(rows.Err())
}
