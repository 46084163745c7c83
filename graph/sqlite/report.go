package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/parley/parley/graph"
)

const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Statements of PutReport, prepared once at Open on the writer's connection.
const (
	sqlReportExists = `SELECT 1 FROM reports WHERE id = ?`
	sqlPutReport    = `INSERT INTO reports (id, title, source, url, published, ingested_at, text) VALUES (?, ?, ?, ?, ?, ?, ?)`
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
	sqlPutName = `INSERT OR IGNORE INTO entity_names (entity_id, kind, name, folded, report_id) VALUES (?, ?, ?, ?, ?)`
	sqlPutWord = `INSERT OR IGNORE INTO entity_words (report_id, word, entity_id) VALUES (?, ?, ?)`
	sqlPutDate = `INSERT OR IGNORE INTO dates (id, precision, first_day, last_day) VALUES (?, ?, ?, ?)`
)

// writeSQL are the statements Open prepares on the writer.
var writeSQL = []string{sqlReportExists, sqlPutReport, sqlPutMeeting, sqlPutAttended, sqlPutMeetingSource,
	sqlPutStatement, sqlPutAbout, sqlPutStatementSource, sqlPutSupport, sqlPutSupportSource, sqlPutEntity,
	sqlPutName, sqlPutWord, sqlPutDate, sqlBumpVersion}

// PutReport stores a report and its facts in one transaction.
func (s *Store) PutReport(ctx context.Context, r *graph.Report, f *graph.Facts) (graph.PutResult, error) {
	res := graph.PutResult{ReportID: r.ID}
	if err := r.Validate(); err != nil {
		return res, err
	}
	if err := f.Bind(r.ID); err != nil {
		return res, err
	}
	err := s.inWriteTx(ctx, func(w *writeTx) error {
		var one int
		st := w.tx.StmtContext(ctx, w.cache.peek(sqlReportExists))
		err := st.QueryRowContext(ctx, r.ID).Scan(&one)
		if err == nil {
			return nil // already stored: change nothing
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res.Created = true
		now := s.now().UTC()
		if _, err := w.exec(sqlPutReport, r.ID, r.Title, r.Source, r.URL, r.Published, now.Format(timeLayout), r.Text); err != nil {
			return err
		}
		r.IngestedAt = now
		if _, err := w.exec(sqlBumpVersion); err != nil {
			return err
		}
		return putFacts(w, r.ID, f)
	})
	if err != nil {
		return graph.PutResult{ReportID: r.ID}, fmt.Errorf("put report %s: %w", r.ID, err)
	}
	return res, nil
}

func putFacts(w *writeTx, reportID string, f *graph.Facts) error {
	dates := map[string]bool{}
	for i := range f.Entities {
		if err := putEntity(w, reportID, &f.Entities[i]); err != nil {
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
			if _, err := w.exec(sqlPutMeetingSource, m.ID, reportID, src.Evidence, src.Rule); err != nil {
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
			if _, err := w.exec(sqlPutStatementSource, st.ID, reportID, src.Evidence, src.Rule); err != nil {
				return err
			}
		}
	}
	for _, sp := range f.Supports {
		if _, err := w.exec(sqlPutSupport, sp.ID, sp.Supporter, sp.Supported, sp.ClaimedBy); err != nil {
			return err
		}
		for _, src := range sp.Sources {
			if _, err := w.exec(sqlPutSupportSource, sp.ID, reportID, src.Evidence, src.Rule); err != nil {
				return err
			}
		}
	}
	return nil
}

func putEntity(w *writeTx, reportID string, e *graph.Entity) error {
	if _, err := w.exec(sqlPutEntity, e.ID, string(e.Type), e.Name, graph.Fold(e.Name), e.Country); err != nil {
		return err
	}
	var words []string
	put := func(kind, n string) error {
		if strings.TrimSpace(n) == "" {
			return nil
		}
		folded := graph.Fold(n)
		if _, err := w.exec(sqlPutName, e.ID, kind, n, folded, reportID); err != nil {
			return err
		}
		if kind == "alias" {
			for _, word := range strings.Fields(folded) {
				if !slices.Contains(words, word) {
					words = append(words, word)
				}
			}
		}
		return nil
	}
	if err := put("alias", e.Name); err != nil {
		return err
	}
	for _, a := range e.Aliases {
		if err := put("alias", a); err != nil {
			return err
		}
	}
	for _, t := range e.Titles {
		if err := put("title", t); err != nil {
			return err
		}
	}
	for _, word := range words {
		if _, err := w.exec(sqlPutWord, reportID, word, e.ID); err != nil {
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
	var ingested string
	err := s.queryRow(ctx,
		`SELECT id, title, source, url, published, ingested_at, text FROM reports WHERE id = ?`, id).
		Scan(&r.ID, &r.Title, &r.Source, &r.URL, &r.Published, &ingested, &r.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, translate(err))
	}
	r.IngestedAt = parseTime(ingested)

	entIDs, err := s.ids(ctx, `SELECT DISTINCT entity_id FROM entity_names WHERE report_id = ? ORDER BY entity_id`, id)
	if err != nil {
		return nil, fmt.Errorf("report %q: %w", id, err)
	}
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

// DeleteReport removes a report and every fact and name only it supports.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM reports WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("report %q: %w", id, graph.ErrNotFound)
		}
		for _, q := range []string{
			sqlBumpVersion,
			`DELETE FROM meetings WHERE NOT EXISTS (SELECT 1 FROM meeting_sources s WHERE s.meeting_id = meetings.id)`,
			`DELETE FROM statements WHERE NOT EXISTS (SELECT 1 FROM statement_sources s WHERE s.statement_id = statements.id)`,
			`DELETE FROM supports WHERE NOT EXISTS (SELECT 1 FROM support_sources s WHERE s.support_id = supports.id)`,
			`DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = entities.id)
				AND NOT EXISTS (SELECT 1 FROM attended a WHERE a.entity_id = entities.id)
				AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = entities.id)
				AND NOT EXISTS (SELECT 1 FROM about a WHERE a.entity_id = entities.id)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE id IN (p.supporter_id, p.supported_id, p.claimed_by))`,
			`DELETE FROM dates WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.date = dates.id)
				AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.date = dates.id)`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
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
