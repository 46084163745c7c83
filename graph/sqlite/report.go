package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parley/parley/graph"
)

const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Statements of PutReport, prepared once at Open on the writer's connection.
const (
	sqlReportExists = `SELECT 1 FROM reports WHERE id = ?`
	sqlPutReport    = `INSERT INTO reports (id, title, source, url, published, ingested_at, text, names) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	sqlPutMeeting   = `
		INSERT INTO meetings (id, date, first_day, last_day, place, place_folded, mode, status)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET place = excluded.place, place_folded = excluded.place_folded
		WHERE meetings.place = ''`
	sqlPutAttended      = `INSERT OR IGNORE INTO attended (meeting_id, entity_id, role, first_day) VALUES (?, ?, ?, ?)`
	sqlPutMeetingSource = `INSERT OR IGNORE INTO meeting_sources (meeting_id, report_id, evidence, rule) VALUES (?, ?, ?, ?)`
	sqlPutStatement     = `
		INSERT INTO statements (id, speaker_id, text, quoted, date, first_day) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET date = excluded.date, first_day = excluded.first_day
		WHERE statements.date IS NULL`
	sqlPutAbout           = `INSERT OR IGNORE INTO about (statement_id, entity_id) VALUES (?, ?)`
	sqlPutStatementSource = `INSERT OR IGNORE INTO statement_sources (statement_id, report_id, evidence, rule) VALUES (?, ?, ?, ?)`
	sqlPutSupport         = `INSERT OR IGNORE INTO supports (id, supporter_id, supported_id, claimed_by) VALUES (?, ?, ?, ?)`
	sqlPutSupportSource   = `INSERT OR IGNORE INTO support_sources (support_id, report_id, evidence, rule) VALUES (?, ?, ?, ?)`
	sqlPutEntity          = `
		INSERT INTO entities (id, type, name, folded, country) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET country = excluded.country WHERE entities.country = ''`
	// A name counts the reports that use it; a title's period widens.
	sqlPutName = `
		INSERT INTO names (entity_id, kind, name, folded, reports, first_day, last_day) VALUES (?, ?, ?, ?, 1, ?, ?)
		ON CONFLICT (entity_id, kind, name) DO UPDATE SET reports = reports + 1,
			first_day = CASE WHEN excluded.first_day <> '' AND (first_day = '' OR excluded.first_day < first_day)
				THEN excluded.first_day ELSE first_day END,
			last_day = MAX(last_day, excluded.last_day)`
	sqlPutWord = `INSERT OR IGNORE INTO words (word, entity_id) VALUES (?, ?)`
	sqlPutDate = `INSERT OR IGNORE INTO dates (id, precision, first_day, last_day) VALUES (?, ?, ?, ?)`
)

// writeSQL are the statements Open prepares on the writer.
var writeSQL = []string{sqlReportExists, sqlPutReport, sqlPutMeeting, sqlPutAttended, sqlPutMeetingSource,
	sqlPutStatement, sqlPutAbout, sqlPutStatementSource, sqlPutSupport, sqlPutSupportSource, sqlPutEntity,
	sqlPutName, sqlPutWord, sqlPutDate, sqlBumpVersion, "SAVEPOINT report", "RELEASE report", "ROLLBACK TO report"}

// PutReport stores a report and its facts in one transaction.
func (s *Store) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	out, err := s.putReports(ctx, []*graph.ReportFacts{{Report: *r, Facts: *f}})
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

// PutReports stores a batch in one transaction, each report inside a
// savepoint: a report that fails is rolled back alone.
func (s *Store) PutReports(ctx context.Context, batch []*graph.ReportFacts) ([]graph.PutOutcome, error) {
	puts, err := s.putReports(ctx, batch)
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

func (s *Store) putReports(ctx context.Context, batch []*graph.ReportFacts) ([]put, error) {
	puts := make([]put, len(batch))
	now := s.now().UTC()
	anyValid := false
	for i, rf := range batch {
		p := &puts[i]
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
		anyValid = true
	}
	if !anyValid {
		return puts, nil
	}
	err := s.inWriteTx(ctx, func(w *writeTx) error {
		bumped := false
		for i := range puts {
			p := &puts[i]
			if p.Err != nil {
				continue
			}
			if _, err := w.exec("SAVEPOINT report"); err != nil {
				return err
			}
			created, err := putReport(w, &p.report, &p.facts, now)
			if err != nil {
				if _, rerr := w.exec("ROLLBACK TO report"); rerr != nil {
					return rerr
				}
				if errors.Is(translate(err), graph.ErrUnavailable) || ctx.Err() != nil {
					return err
				}
				p.Err = fmt.Errorf("put report %s: %w", p.report.ID, translate(err))
			}
			if _, err := w.exec("RELEASE report"); err != nil {
				return err
			}
			p.Created = created
			if created && !bumped {
				if _, err := w.exec(sqlBumpVersion); err != nil {
					return err
				}
				bumped = true
			}
		}
		return nil
	})
	if err != nil {
		if len(batch) == 1 {
			return nil, fmt.Errorf("put report %s: %w", batch[0].Report.ID, err)
		}
		return nil, fmt.Errorf("put %d reports: %w", len(batch), err)
	}
	for i := range puts {
		if puts[i].Created {
			puts[i].report.IngestedAt = now
		}
	}
	return puts, nil
}

// putReport writes one report and its facts, unless it is stored already.
func putReport(w *writeTx, r *graph.Report, f *graph.Facts, now time.Time) (created bool, err error) {
	var one int
	err = w.tx.StmtContext(w.ctx, w.cache.peek(sqlReportExists)).QueryRowContext(w.ctx, r.ID).Scan(&one)
	if err == nil {
		return false, nil // already stored: change nothing
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	names, err := json.Marshal(reportNames(f))
	if err != nil {
		return false, err
	}
	if _, err := w.exec(sqlPutReport, r.ID, r.Title, r.Source, r.URL, r.Published, now.Format(timeLayout), r.Text, string(names)); err != nil {
		return false, err
	}
	return true, putFacts(w, f)
}

// A reportName is a name a report gives an entity: [entity id, kind, name].
type reportName [3]string

// reportNames lists, once each, the names the facts give their entities:
// every entity's name and aliases, and its titles.
func reportNames(f *graph.Facts) []reportName {
	seen := map[reportName]bool{}
	out := []reportName{}
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

func putFacts(w *writeTx, f *graph.Facts) error {
	dates := map[string]bool{}
	done := map[reportName]bool{}
	for i := range f.Entities {
		if err := putEntity(w, done, &f.Entities[i]); err != nil {
			return err
		}
	}
	for _, m := range f.Meetings {
		if err := putDate(w, dates, m.Date); err != nil {
			return err
		}
		first, last := m.Date.Range()
		if _, err := w.exec(sqlPutMeeting,
			m.ID, nullable(m.Date.Value), first, last, m.Place, graph.Fold(m.Place), string(m.Mode), string(m.Status)); err != nil {
			return err
		}
		for _, p := range m.Participants {
			if _, err := w.exec(sqlPutAttended, m.ID, p.EntityID, string(p.Role), first); err != nil {
				return err
			}
		}
		for _, src := range m.Sources {
			if _, err := w.exec(sqlPutMeetingSource, m.ID, src.ReportID, src.Evidence, src.Rule); err != nil {
				return err
			}
		}
	}
	for _, st := range f.Statements {
		if err := putDate(w, dates, st.Date); err != nil {
			return err
		}
		first, _ := st.Date.Range()
		if _, err := w.exec(sqlPutStatement, st.ID, st.Speaker, st.Text, st.Quoted, nullable(st.Date.Value), first); err != nil {
			return err
		}
		for _, a := range st.About {
			if _, err := w.exec(sqlPutAbout, st.ID, a); err != nil {
				return err
			}
		}
		for _, src := range st.Sources {
			if _, err := w.exec(sqlPutStatementSource, st.ID, src.ReportID, src.Evidence, src.Rule); err != nil {
				return err
			}
		}
	}
	for _, sp := range f.Supports {
		if _, err := w.exec(sqlPutSupport, sp.ID, sp.Supporter, sp.Supported, sp.ClaimedBy); err != nil {
			return err
		}
		for _, src := range sp.Sources {
			if _, err := w.exec(sqlPutSupportSource, sp.ID, src.ReportID, src.Evidence, src.Rule); err != nil {
				return err
			}
		}
	}
	return nil
}

// putEntity writes an entity and counts this report in each of its names,
// once per report however often the facts repeat a name.
func putEntity(w *writeTx, done map[reportName]bool, e *graph.Entity) error {
	if _, err := w.exec(sqlPutEntity, e.ID, string(e.Type), e.Name, graph.Fold(e.Name), e.Country); err != nil {
		return err
	}
	put := func(kind, n, first, last string) error {
		key := reportName{e.ID, kind, n}
		if strings.TrimSpace(n) == "" || done[key] {
			return nil
		}
		done[key] = true
		folded := graph.Fold(n)
		if _, err := w.exec(sqlPutName, e.ID, kind, n, folded, first, last); err != nil {
			return err
		}
		if kind == "alias" {
			for _, word := range strings.Fields(folded) {
				if _, err := w.exec(sqlPutWord, word, e.ID); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := put("alias", e.Name, "", ""); err != nil {
		return err
	}
	for _, a := range e.Aliases {
		if err := put("alias", a, "", ""); err != nil {
			return err
		}
	}
	for _, t := range e.Titles {
		if err := put("title", t.Title, t.From, t.To); err != nil {
			return err
		}
	}
	return nil
}

// putDate stores a date node once per report.
func putDate(w *writeTx, done map[string]bool, d graph.Date) error {
	if d.IsZero() || done[d.Value] {
		return nil
	}
	done[d.Value] = true
	first, last := d.Range()
	_, err := w.exec(sqlPutDate, d.Value, string(d.Precision), first, last)
	return err
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Report returns a report with the facts it is a source of.
func (s *Store) Report(ctx context.Context, id string) (*graph.ReportFacts, error) {
	var rf graph.ReportFacts
	r := &rf.Report
	var ingested, namesJSON string
	err := s.queryRow(ctx,
		`SELECT id, title, source, url, published, ingested_at, text, names FROM reports WHERE id = ?`, id).
		Scan(&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &ingested, &r.Text, &namesJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, translate(err))
	}
	r.IngestedAt = parseTime(ingested)
	var names []reportName
	if err := json.Unmarshal([]byte(namesJSON), &names); err != nil {
		return nil, fmt.Errorf("report %q: names: %w", id, err)
	}

	entIDs := []string{}
	for _, n := range names {
		if !slices.Contains(entIDs, n[0]) {
			entIDs = append(entIDs, n[0])
		}
	}
	sort.Strings(entIDs)
	ents, err := s.EntitiesByID(ctx, entIDs)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	rf.Facts.Entities = []graph.Entity{}
	for _, eid := range entIDs {
		if e, ok := ents[eid]; ok {
			rf.Facts.Entities = append(rf.Facts.Entities, e)
		}
	}
	mIDs, err := s.ids(ctx, `SELECT DISTINCT meeting_id FROM meeting_sources WHERE report_id = ? ORDER BY meeting_id`, id)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf.Facts.Meetings, err = s.loadMeetings(ctx, mIDs); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	sIDs, err := s.ids(ctx, `SELECT DISTINCT statement_id FROM statement_sources WHERE report_id = ? ORDER BY statement_id`, id)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf.Facts.Statements, err = s.loadStatements(ctx, sIDs); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	pIDs, err := s.ids(ctx, `SELECT DISTINCT support_id FROM support_sources WHERE report_id = ? ORDER BY support_id`, id)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	if rf.Facts.Supports, err = s.loadSupports(ctx, pIDs); err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
	return &rf, nil
}

// Reports lists reports, most recently ingested first.
func (s *Store) Reports(ctx context.Context, f graph.ReportFilter) (graph.Page[graph.Report], error) {
	page := graph.Page[graph.Report]{Items: []graph.Report{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	q := `SELECT id, title, source, url, published, ingested_at FROM reports`
	args := []any{}
	if cur != nil {
		q += ` WHERE ingested_at < ? OR (ingested_at = ? AND id < ?)`
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` ORDER BY ingested_at DESC, id DESC LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return page, fmt.Errorf("list reports: %w", translate(err))
	}
	defer rows.Close()
	var last string
	for rows.Next() {
		var r graph.Report
		var ingested string
		if err := rows.Scan(&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &ingested); err != nil {
			return page, fmt.Errorf("list reports: %w", err)
		}
		if len(page.Items) == limit {
			page.Next = graph.EncodeCursor(last, page.Items[limit-1].ID)
			break
		}
		r.IngestedAt = parseTime(ingested)
		last = ingested
		page.Items = append(page.Items, r)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list reports: %w", translate(err))
	}
	return page, nil
}

// DeleteReport removes a report and every fact and name only it supported.
// It looks only at what the report touched: its facts, the actors of those
// facts and the names it gave, so its cost follows the report, not the graph.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var namesJSON string
		err := tx.QueryRowContext(ctx, `SELECT names FROM reports WHERE id = ?`, id).Scan(&namesJSON)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var names []reportName
		if err := json.Unmarshal([]byte(namesJSON), &names); err != nil {
			return fmt.Errorf("report %q: names: %w", id, err)
		}
		// What the report's facts touch, read before its sources go.
		touched := func(q string) ([]string, error) { return txIDs(ctx, tx, q, id) }
		meetings, err := touched(`SELECT DISTINCT meeting_id FROM meeting_sources WHERE report_id = ?`)
		if err != nil {
			return err
		}
		statements, err := touched(`SELECT DISTINCT statement_id FROM statement_sources WHERE report_id = ?`)
		if err != nil {
			return err
		}
		supports, err := touched(`SELECT DISTINCT support_id FROM support_sources WHERE report_id = ?`)
		if err != nil {
			return err
		}
		actors, err := touched(`
			SELECT a.entity_id FROM meeting_sources s JOIN attended a ON a.meeting_id = s.meeting_id WHERE s.report_id = ?1
			UNION SELECT t.speaker_id FROM statement_sources s JOIN statements t ON t.id = s.statement_id WHERE s.report_id = ?1
			UNION SELECT b.entity_id FROM statement_sources s JOIN about b ON b.statement_id = s.statement_id WHERE s.report_id = ?1
			UNION SELECT p.supporter_id FROM support_sources s JOIN supports p ON p.id = s.support_id WHERE s.report_id = ?1
			UNION SELECT p.supported_id FROM support_sources s JOIN supports p ON p.id = s.support_id WHERE s.report_id = ?1
			UNION SELECT p.claimed_by FROM support_sources s JOIN supports p ON p.id = s.support_id WHERE s.report_id = ?1`)
		if err != nil {
			return err
		}
		dates, err := touched(`
			SELECT m.date FROM meeting_sources s JOIN meetings m ON m.id = s.meeting_id WHERE s.report_id = ?1 AND m.date IS NOT NULL
			UNION SELECT t.date FROM statement_sources s JOIN statements t ON t.id = s.statement_id WHERE s.report_id = ?1 AND t.date IS NOT NULL`)
		if err != nil {
			return err
		}

		if _, err := tx.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, sqlBumpVersion); err != nil {
			return err
		}
		for _, m := range meetings {
			if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM meeting_sources s WHERE s.meeting_id = ?1)`, m); err != nil {
				return err
			}
		}
		for _, st := range statements {
			if _, err := tx.ExecContext(ctx, `DELETE FROM statements WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM statement_sources s WHERE s.statement_id = ?1)`, st); err != nil {
				return err
			}
		}
		for _, sp := range supports {
			if _, err := tx.ExecContext(ctx, `DELETE FROM supports WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM support_sources s WHERE s.support_id = ?1)`, sp); err != nil {
				return err
			}
		}
		renamed := map[string]bool{}
		for _, n := range names {
			res, err := tx.ExecContext(ctx, `DELETE FROM names WHERE entity_id = ? AND kind = ? AND name = ? AND reports = 1`, n[0], n[1], n[2])
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				renamed[n[0]] = n[1] == "alias" || renamed[n[0]]
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE names SET reports = reports - 1 WHERE entity_id = ? AND kind = ? AND name = ?`, n[0], n[1], n[2]); err != nil {
				return err
			}
		}
		for e, alias := range renamed {
			if alias {
				if err := rewriteWords(ctx, tx, e); err != nil {
					return err
				}
			}
			actors = append(actors, e)
		}
		for _, e := range actors {
			if _, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE id = ?1
				AND NOT EXISTS (SELECT 1 FROM names n WHERE n.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM attended a WHERE a.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM about a WHERE a.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.supporter_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.supported_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.claimed_by = ?1)`, e); err != nil {
				return err
			}
		}
		for _, d := range dates {
			if _, err := tx.ExecContext(ctx, `DELETE FROM dates WHERE id = ?1
				AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.date = ?1)
				AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.date = ?1)`, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, graph.ErrNotFound) {
		return fmt.Errorf("delete report %q: %w", id, err)
	}
	return err
}

// rewriteWords makes an entity's search words those of the aliases it has left.
func rewriteWords(ctx context.Context, tx *sql.Tx, entity string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM words WHERE entity_id = ?`, entity); err != nil {
		return err
	}
	folded, err := txIDs(ctx, tx, `SELECT folded FROM names WHERE entity_id = ? AND kind = 'alias'`, entity)
	if err != nil {
		return err
	}
	for _, f := range folded {
		for _, w := range strings.Fields(f) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO words (word, entity_id) VALUES (?, ?)`, w, entity); err != nil {
				return err
			}
		}
	}
	return nil
}

// txIDs runs a query of one string column in a transaction.
func txIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// ids runs a query of one string column.
func (s *Store) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, translate(rows.Err())
}
