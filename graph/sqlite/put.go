package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

// Statements of PutReport, prepared once at Open on the writer's
// connection. The rows of a batch go in multi-row statements (multiRow),
// table by table, each table's rows in the order one report after another
// would write them, so that a batch stores what its reports would one by
// one.
const sqlReportExists = `SELECT 1 FROM reports WHERE id = ?`

var (
	putReportRows = newMultiRow(
		`INSERT INTO reports (id, title, source, url, published, ingested_at, text, names, facts) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?, ?, ?)`, ``)
	putEntityRows = newMultiRow(
		`INSERT INTO entities (id, type, name, folded, country) VALUES `, `(?, ?, ?, ?, ?)`,
		` ON CONFLICT (id) DO UPDATE SET country = excluded.country WHERE entities.country = ''`)
	putDateRows = newMultiRow(
		`INSERT OR IGNORE INTO dates (id, precision, first_day, last_day) VALUES `, `(?, ?, ?, ?)`, ``)
	putMeetingRows = newMultiRow(
		`INSERT INTO meetings (id, date, first_day, last_day, place, place_folded, mode, status) VALUES `,
		`(?, ?, ?, ?, ?, ?, ?, ?)`,
		` ON CONFLICT (id) DO UPDATE SET place = excluded.place, place_folded = excluded.place_folded
		WHERE meetings.place = ''`)
	putAttendedRows = newMultiRow(
		`INSERT OR IGNORE INTO attended (meeting_id, entity_id, role, first_day) VALUES `, `(?, ?, ?, ?)`, ``)
	putMeetingSourceRows = newMultiRow(
		`INSERT OR IGNORE INTO meeting_sources (meeting_id, report_id, evidence, rule) VALUES `, `(?, ?, ?, ?)`, ``)
	putStatementRows = newMultiRow(
		`INSERT INTO statements (id, speaker_id, text, quoted, date, first_day) VALUES `, `(?, ?, ?, ?, ?, ?)`,
		` ON CONFLICT (id) DO UPDATE SET date = excluded.date, first_day = excluded.first_day
		WHERE statements.date IS NULL`)
	// A statement first dated by a later report dates its ABOUT edges too:
	// an ABOUT edge carries its statement's first day, as stored.
	dateAboutRows = newMultiRow(
		`UPDATE about SET first_day = (SELECT s.first_day FROM statements s WHERE s.id = about.statement_id)
		WHERE first_day = '' AND statement_id IN (`, `?`, `)`)
	// (statement id, entity id, statement id): the first day is the stored statement's.
	putAboutRows = newMultiRow(
		`INSERT OR IGNORE INTO about (statement_id, entity_id, first_day) VALUES `,
		`(?, ?, (SELECT first_day FROM statements WHERE id = ?))`, ``)
	putStatementSourceRows = newMultiRow(
		`INSERT OR IGNORE INTO statement_sources (statement_id, report_id, evidence, rule) VALUES `, `(?, ?, ?, ?)`, ``)
	putSupportRows = newMultiRow(
		`INSERT OR IGNORE INTO supports (id, supporter_id, supported_id, claimed_by) VALUES `, `(?, ?, ?, ?)`, ``)
	putSupportSourceRows = newMultiRow(
		`INSERT OR IGNORE INTO support_sources (support_id, report_id, evidence, rule) VALUES `, `(?, ?, ?, ?)`, ``)
	// A name counts the reports that use it; a title's period widens.
	// Aliases and titles go in statements of their own: an alias has no
	// period, so its rows bind 4 arguments rather than 7 (names are half
	// of a report's arguments: ~90 a synthetic report), and only aliases
	// need RETURNING. The count it returns tells an alias new to the store
	// (the batch's count) from one used before.
	putAliasRows = newMultiRow(
		`INSERT INTO names (entity_id, kind, name, folded, reports) VALUES `, `(?, 'alias', ?, ?, ?)`,
		` ON CONFLICT (entity_id, kind, name) DO UPDATE SET reports = reports + excluded.reports
		RETURNING entity_id, name, reports`)
	putTitleRows = newMultiRow(
		`INSERT INTO names (entity_id, kind, name, folded, reports, first_day, last_day) VALUES `,
		`(?, 'title', ?, ?, ?, ?, ?)`,
		` ON CONFLICT (entity_id, kind, name) DO UPDATE SET reports = reports + excluded.reports,
			first_day = CASE WHEN excluded.first_day <> '' AND (first_day = '' OR excluded.first_day < first_day)
				THEN excluded.first_day ELSE first_day END,
			last_day = MAX(last_day, excluded.last_day)`)
	putWordRows = newMultiRow(`INSERT OR IGNORE INTO words (word, entity_id) VALUES `, `(?, ?)`, ``)
)

// writeSQL are the statements Open prepares on the writer.
var writeSQL = func() []string {
	out := []string{sqlReportExists, sqlBumpVersion}
	for _, m := range []*multiRow{putReportRows, putEntityRows, putDateRows, putMeetingRows, putAttendedRows,
		putMeetingSourceRows, putStatementRows, dateAboutRows, putAboutRows, putStatementSourceRows,
		putSupportRows, putSupportSourceRows, putAliasRows, putTitleRows, putWordRows} {
		out = append(out, m.texts[:]...)
	}
	return out
}()

// PutReport stores a report and its facts in one transaction.
func (s *Store) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	out, err := s.putStaged(ctx, stage([]*graph.ReportFacts{{Report: *r, Facts: *f}}))
	if err != nil {
		return graph.PutResult{ReportID: r.ID}, err
	}
	// The caller's report and facts are the ones stored.
	*r, *f = out[0].report, out[0].facts
	return out[0].PutResult, out[0].Err
}

// put is one report of a batch, as stored.
type put struct {
	graph.PutOutcome
	report graph.Report
	facts  graph.Facts
}

// PutReports stores a batch in one transaction. Should one report fail in
// the database (rather than in validation, which is done first), the
// transaction is rolled back and the reports are stored one per
// transaction, so that only the faulty one is left out.
func (s *Store) PutReports(ctx context.Context, batch []*graph.ReportFacts) ([]graph.PutOutcome, error) {
	return s.StageReports(batch)(ctx)
}

// StageReports readies a batch for PutReports and returns what stores it:
// it validates and binds the reports and builds every row they will write,
// the Go side of a write, so that a caller with a core to spare (ingest's
// Stream) does this while the store's one writer writes the batch before.
// The batch must not change until it is stored.
func (s *Store) StageReports(batch []*graph.ReportFacts) func(ctx context.Context) ([]graph.PutOutcome, error) {
	st := stage(batch)
	return func(ctx context.Context) ([]graph.PutOutcome, error) {
		puts, err := s.putStaged(ctx, st)
		if err != nil {
			return nil, err
		}
		out := make([]graph.PutOutcome, len(puts))
		for i, p := range puts {
			out[i] = p.PutOutcome
			batch[i].Report, batch[i].Facts = p.report, p.facts
		}
		return out, nil
	}
}

// staged is a batch validated and bound, with the rows its valid reports
// write should none be stored already.
type staged struct {
	puts  []put
	valid []*put
	rows  *batchRows
}

func stage(batch []*graph.ReportFacts) *staged {
	st := &staged{puts: make([]put, len(batch))}
	for i, rf := range batch {
		p := &st.puts[i]
		p.report, p.facts = rf.Report, rf.Facts
		p.ReportID = p.report.ID
		if err := p.report.Validate(); err != nil {
			p.Err = err
			continue
		}
		if err := p.facts.Bind(p.report.ID); err != nil {
			p.Err = fmt.Errorf("put report %s: %w", p.report.ID, err)
			continue
		}
		st.valid = append(st.valid, p)
	}
	st.rows = buildRows(unique(st.valid))
	return st
}

// unique leaves out the reports given twice in a batch.
func unique(puts []*put) []*put {
	var out []*put
	seen := map[string]bool{}
	for _, p := range puts {
		if !seen[p.report.ID] {
			seen[p.report.ID] = true
			out = append(out, p)
		}
	}
	return out
}

func (s *Store) putStaged(ctx context.Context, st *staged) ([]put, error) {
	valid := st.valid
	if len(valid) == 0 {
		return st.puts, nil
	}
	now := s.now().UTC()
	err := s.inWriteTx(ctx, func(w *writeTx) error { return putAll(w, valid, st.rows, now) })
	if err != nil && len(valid) > 1 && !errors.Is(err, graph.ErrUnavailable) && ctx.Err() == nil {
		// One report may be at fault: store each on its own.
		for _, p := range valid {
			err = s.inWriteTx(ctx, func(w *writeTx) error { return putAll(w, []*put{p}, nil, now) })
			if err != nil && (errors.Is(err, graph.ErrUnavailable) || ctx.Err() != nil) {
				break
			}
			if err != nil {
				p.Err = fmt.Errorf("put report %s: %w", p.report.ID, err) // putAll left Created false
				err = nil
			}
		}
	}
	if err != nil {
		if len(st.puts) == 1 {
			return nil, fmt.Errorf("put report %s: %w", st.puts[0].report.ID, err)
		}
		return nil, fmt.Errorf("put %d reports: %w", len(st.puts), err)
	}
	wrote := false
	for _, p := range valid {
		if p.Created {
			p.report.IngestedAt = now
			wrote = true
		}
	}
	if wrote {
		s.committed()
	}
	return st.puts, nil
}

// putAll writes the reports not stored yet, in one transaction: the
// reports, then every entity they name once, then their facts, then every
// name they give once, counted by the reports that give it. staged are the
// rows of the reports of puts, each once, built beforehand; they serve
// unless some of those reports are stored already.
func putAll(w *writeTx, puts []*put, staged *batchRows, now time.Time) error {
	for _, p := range puts {
		p.Created = false
	}
	uniq := unique(puts)
	var fresh []*put
	for _, p := range uniq {
		var one int
		err := w.queryRow(sqlReportExists, p.report.ID).Scan(&one)
		if err == nil {
			continue // already stored: change nothing
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		fresh = append(fresh, p)
	}
	if len(fresh) == 0 {
		return nil
	}
	rows := staged
	if rows == nil || len(fresh) < len(uniq) {
		rows = buildRows(fresh)
	}
	if err := rows.write(w, now); err != nil {
		return err
	}
	for _, p := range fresh {
		p.Created = true
	}
	return nil
}

// batchRows are the rows a batch of reports writes, table by table.
type batchRows struct {
	reports []any // ingested_at (6th of 9) is set as they are written
	ents    []any
	facts   factRows
	names   *tally
}

// buildRows gathers the rows of reports not stored yet, each report once.
func buildRows(fresh []*put) *batchRows {
	b := &batchRows{names: newTally(), reports: make([]any, 0, putReportRows.width*len(fresh))}
	b.facts.size(fresh)
	for _, p := range fresh {
		names := b.names.add(&p.facts)
		js, err := json.Marshal(names)
		if err != nil {
			panic(err) // strings only: cannot fail
		}
		facts, err := json.Marshal(factsOf(&p.facts))
		if err != nil {
			panic(err)
		}
		r := &p.report
		b.reports = append(b.reports, r.ID, r.Title, r.Source, r.URL, r.Published, "", r.Text, string(js), string(facts))
		b.facts.add(&p.facts)
	}
	b.ents = make([]any, 0, 5*len(b.names.ents))
	for _, id := range slices.Sorted(maps.Keys(b.names.ents)) {
		e := b.names.ents[id]
		b.ents = append(b.ents, e.ID, string(e.Type), e.Name, graph.Fold(e.Name), e.Country)
	}
	b.names.sort()
	return b
}

// write stores the rows: the reports, every entity they name, their facts,
// then their names.
func (b *batchRows) write(w *writeTx, now time.Time) error {
	at := now.Format(timeLayout)
	for i := 5; i < len(b.reports); i += putReportRows.width {
		b.reports[i] = at
	}
	if err := w.execRows(putReportRows, b.reports); err != nil {
		return err
	}
	if _, err := w.exec(sqlBumpVersion); err != nil {
		return err
	}
	if err := w.execRows(putEntityRows, b.ents); err != nil {
		return err
	}
	if err := b.facts.write(w); err != nil {
		return err
	}
	return b.names.putNames(w)
}

// tally gathers the entities and names of a batch of reports, so that each
// is written once per batch however many reports give it.
type tally struct {
	ents  map[string]graph.Entity
	names map[reportName]*nameCount
	// The names as rows, in key order (sort).
	aliases, titles []any
}

// nameCount is how many reports of the batch give a name, and for a title
// the period they give it.
type nameCount struct {
	reports  int
	from, to string
}

func newTally() *tally {
	return &tally{ents: map[string]graph.Entity{}, names: map[reportName]*nameCount{}}
}

// add counts one report's entities and names, and returns the names.
func (t *tally) add(f *graph.Facts) []reportName {
	names := reportNames(f)
	for _, e := range f.Entities {
		old, ok := t.ents[e.ID]
		if !ok || old.Country == "" {
			t.ents[e.ID] = e
		}
	}
	var periods map[reportName]graph.Title
	for _, e := range f.Entities {
		for _, ti := range e.Titles {
			if periods == nil {
				periods = make(map[reportName]graph.Title, len(names))
			}
			k := reportName{e.ID, "title", ti.Title}
			periods[k] = periods[k].Widen(ti)
		}
	}
	for _, n := range names {
		c := t.names[n]
		if c == nil {
			c = &nameCount{}
			t.names[n] = c
		}
		c.reports++
		if n[1] == "title" {
			w := graph.Title{From: c.from, To: c.to}.Widen(periods[n])
			c.from, c.to = w.From, w.To
		}
	}
	return names
}

// sort lists the batch's names in key order, as rows of putAliasRows and
// putTitleRows: in order, they are written where the ones before were.
func (t *tally) sort() {
	keys := slices.SortedFunc(maps.Keys(t.names), func(a, b reportName) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]), strings.Compare(a[2], b[2]))
	})
	titles := 0
	for _, k := range keys {
		if k[1] == "title" {
			titles++
		}
	}
	t.titles = make([]any, 0, putTitleRows.width*titles)
	t.aliases = make([]any, 0, putAliasRows.width*(len(keys)-titles))
	for _, k := range keys {
		c := t.names[k]
		if k[1] == "title" {
			t.titles = append(t.titles, k[0], k[2], graph.Fold(k[2]), c.reports, c.from, c.to)
		} else {
			t.aliases = append(t.aliases, k[0], k[2], graph.Fold(k[2]), c.reports)
		}
	}
}

// putNames writes the batch's names, each counted by the reports that give
// it, and the search words of the aliases new to the store.
func (t *tally) putNames(w *writeTx) error {
	if err := w.execRows(putTitleRows, t.titles); err != nil {
		return err
	}
	args := t.aliases
	var fresh []reportName
	for len(args) > 0 {
		q, n := putAliasRows.chunk(len(args) / putAliasRows.width)
		rows, err := w.query(q, args[:n*putAliasRows.width]...)
		if err != nil {
			return err
		}
		for rows.Next() {
			k := reportName{1: "alias"}
			var reports int
			if err := rows.Scan(&k[0], &k[2], &reports); err != nil {
				rows.Close()
				return err
			}
			// An alias used before has its words already.
			if reports == t.names[k].reports {
				fresh = append(fresh, k)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		args = args[n*putAliasRows.width:]
	}
	// RETURNING gives rows in no set order: the words go in the names'.
	slices.SortFunc(fresh, func(a, b reportName) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[2], b[2]))
	})
	var words []any
	seen := map[[2]string]bool{}
	for _, k := range fresh {
		for _, word := range laterWords(graph.Fold(k[2])) {
			if wk := [2]string{word, k[0]}; !seen[wk] {
				seen[wk] = true
				words = append(words, word, k[0])
			}
		}
	}
	return w.execRows(putWordRows, words)
}

// reportFacts are the facts a report is a source of, each list in id order:
// the reports.facts column, which DeleteReport and Report read (there is no
// index of the *_sources tables by report; see schema 005).
type reportFacts struct {
	Meetings   []string `json:"meetings"`
	Statements []string `json:"statements"`
	Supports   []string `json:"supports"`
}

// factsOf lists the facts of bound facts: Bind gave every source the
// report's id, and merged the facts that share an id.
func factsOf(f *graph.Facts) reportFacts {
	out := reportFacts{Meetings: []string{}, Statements: []string{}, Supports: []string{}}
	for _, m := range f.Meetings {
		out.Meetings = append(out.Meetings, m.ID)
	}
	for _, st := range f.Statements {
		out.Statements = append(out.Statements, st.ID)
	}
	for _, sp := range f.Supports {
		out.Supports = append(out.Supports, sp.ID)
	}
	slices.Sort(out.Meetings)
	slices.Sort(out.Statements)
	slices.Sort(out.Supports)
	return out
}

// A reportName is a name a report gives an entity: [entity id, kind, name].
type reportName [3]string

// reportNames lists, once each, the names the facts give their entities:
// every entity's name and aliases, and its titles.
func reportNames(f *graph.Facts) []reportName {
	n := 0
	for _, e := range f.Entities {
		n += 1 + len(e.Aliases) + len(e.Titles)
	}
	// Sized at once: ~90 names a synthetic report, a third of the
	// allocations of staging it when grown one by one.
	seen := make(map[reportName]bool, n)
	out := make([]reportName, 0, n)
	add := func(n reportName) {
		if strings.TrimSpace(n[2]) != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, e := range f.Entities {
		add(reportName{e.ID, "alias", e.Name})
		for _, a := range e.Aliases {
			add(reportName{e.ID, "alias", a})
		}
		for _, t := range e.Titles {
			add(reportName{e.ID, "title", t.Title})
		}
	}
	return out
}

// factRows are the rows of a batch's facts, table by table, in the order
// of its reports; its entities are written first.
type factRows struct {
	dates                          map[string]bool
	dateArgs                       []any
	meetings, attended, meetSrc    []any
	statements, dated, about, sSrc []any
	supports, supSrc               []any
}

// size makes room for the facts of puts: grown row by row, the lists were
// copied over and over (an eighth of the bytes a stream allocates).
func (r *factRows) size(puts []*put) {
	var n struct{ meetings, attended, meetSrc, statements, about, sSrc, supports, supSrc int }
	for _, p := range puts {
		for _, m := range p.facts.Meetings {
			n.meetings++
			n.attended += len(m.Participants)
			n.meetSrc += len(m.Sources)
		}
		for _, st := range p.facts.Statements {
			n.statements++
			n.about += len(st.About)
			n.sSrc += len(st.Sources)
		}
		for _, sp := range p.facts.Supports {
			n.supports++
			n.supSrc += len(sp.Sources)
		}
	}
	r.meetings = make([]any, 0, putMeetingRows.width*n.meetings)
	r.attended = make([]any, 0, putAttendedRows.width*n.attended)
	r.meetSrc = make([]any, 0, putMeetingSourceRows.width*n.meetSrc)
	r.statements = make([]any, 0, putStatementRows.width*n.statements)
	r.dated = make([]any, 0, n.statements)
	r.about = make([]any, 0, putAboutRows.width*n.about)
	r.sSrc = make([]any, 0, putStatementSourceRows.width*n.sSrc)
	r.supports = make([]any, 0, putSupportRows.width*n.supports)
	r.supSrc = make([]any, 0, putSupportSourceRows.width*n.supSrc)
}

// add gathers one report's facts.
func (r *factRows) add(f *graph.Facts) {
	if r.dates == nil {
		r.dates = map[string]bool{}
	}
	for _, m := range f.Meetings {
		r.date(m.Date)
		first, last := m.Date.Range()
		r.meetings = append(r.meetings, m.ID, nullable(m.Date.Value), first, last, m.Place, graph.Fold(m.Place), string(m.Mode), string(m.Status))
		for _, p := range m.Participants {
			r.attended = append(r.attended, m.ID, p.EntityID, string(p.Role), first)
		}
		for _, src := range m.Sources {
			r.meetSrc = append(r.meetSrc, m.ID, src.ReportID, src.Evidence, src.Rule)
		}
	}
	for _, st := range f.Statements {
		r.date(st.Date)
		first, _ := st.Date.Range()
		r.statements = append(r.statements, st.ID, st.Speaker, st.Text, st.Quoted, nullable(st.Date.Value), first)
		if first != "" {
			r.dated = append(r.dated, st.ID)
		}
		for _, a := range st.About {
			r.about = append(r.about, st.ID, a, st.ID)
		}
		for _, src := range st.Sources {
			r.sSrc = append(r.sSrc, st.ID, src.ReportID, src.Evidence, src.Rule)
		}
	}
	for _, sp := range f.Supports {
		r.supports = append(r.supports, sp.ID, sp.Supporter, sp.Supported, sp.ClaimedBy)
		for _, src := range sp.Sources {
			r.supSrc = append(r.supSrc, sp.ID, src.ReportID, src.Evidence, src.Rule)
		}
	}
}

// date gathers a date node once per batch.
func (r *factRows) date(d graph.Date) {
	if d.IsZero() || r.dates[d.Value] {
		return
	}
	r.dates[d.Value] = true
	first, last := d.Range()
	r.dateArgs = append(r.dateArgs, d.Value, string(d.Precision), first, last)
}

// write stores the rows, each table after those it refers to. ABOUT edges
// go after every statement is stored and dated, and take its first day: as
// one report after another would leave them.
func (r *factRows) write(w *writeTx) error {
	for _, t := range []struct {
		m    *multiRow
		args []any
	}{
		{putDateRows, r.dateArgs},
		{putMeetingRows, r.meetings},
		{putAttendedRows, r.attended},
		{putMeetingSourceRows, r.meetSrc},
		{putStatementRows, r.statements},
		{dateAboutRows, r.dated},
		{putAboutRows, r.about},
		{putStatementSourceRows, r.sSrc},
		{putSupportRows, r.supports},
		{putSupportSourceRows, r.supSrc},
	} {
		if err := w.execRows(t.m, t.args); err != nil {
			return err
		}
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// StoredEntities tells which of ids are stored actors, reading nothing
// else: ingest asks it of every actor it extracts, before it ties new ones
// to stored ones, and EntitiesByID would read every name of each.
func (s *Store) StoredEntities(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for _, chunk := range chunks(ids) {
		rows, err := s.query(ctx, `SELECT id FROM entities WHERE id IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("stored entities: %w", translate(err))
		}
		got, err := scanStrings(rows)
		if err != nil {
			return nil, fmt.Errorf("stored entities: %w", translate(err))
		}
		for _, id := range got {
			out[id] = true
		}
	}
	return out, nil
}
