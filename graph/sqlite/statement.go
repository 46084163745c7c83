package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

// Statements lists statements newest first.
func (s *Store) Statements(ctx context.Context, f graph.StatementFilter) (graph.Page[graph.Statement], error) {
	page := graph.Page[graph.Statement]{Items: []graph.Statement{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	// The page's keys and its rows are read in one transaction: a delete
	// between them would leave a row without its sources.
	ctx, end := s.snapshot(ctx)
	defer end()
	// The list is keyed by (day, id): the statement's own columns, or
	// those its ABOUT edges carry when the list walks them.
	day, id := "s.first_day", "s.id"
	from := `statements s`
	var where []string
	var args []any
	switch {
	case f.About != "" && f.Speaker == "":
		// What was said about the actor, newest first, from its own index.
		day, id = "a.first_day", "a.statement_id"
		from = `about a JOIN statements s ON s.id = a.statement_id`
		where = append(where, `a.entity_id = ?`)
		args = append(args, f.About)
	case f.About != "":
		where = append(where, `s.speaker_id = ?`, `EXISTS (SELECT 1 FROM about a WHERE a.statement_id = s.id AND a.entity_id = ?)`)
		args = append(args, f.Speaker, f.About)
	case f.Speaker != "":
		where = append(where, `s.speaker_id = ?`)
		args = append(args, f.Speaker)
	}
	if f.From != "" || f.To != "" {
		where = append(where, day+` <> ''`)
	}
	if f.From != "" {
		where = append(where, `(SELECT d.last_day FROM dates d WHERE d.id = s.date) >= ?`, day+` >= ?`)
		args = append(args, f.From, earliestFirstDay(f.From))
	}
	if f.To != "" {
		where = append(where, day+` <= ?`)
		args = append(args, f.To)
	}
	if cur != nil {
		where = append(where, `(`+day+` < ? OR (`+day+` = ? AND `+id+` < ?))`)
		args = append(args, cur[0], cur[0], cur[1])
	}
	q := `SELECT ` + id + `, ` + day + ` FROM ` + from
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY ` + day + ` DESC, ` + id + ` DESC LIMIT ?`
	args = append(args, limit+1)
	ids, next, err := s.keyPage(ctx, limit, q, args...)
	if err != nil {
		return page, fmt.Errorf("list statements: %w", err)
	}
	page.Next = next
	if page.Items, err = s.loadStatements(ctx, ids); err != nil {
		return page, fmt.Errorf("list statements: %w", err)
	}
	return page, nil
}

// loadStatements reads whole statements, in the order of ids.
func (s *Store) loadStatements(ctx context.Context, ids []string) ([]graph.Statement, error) {
	byID := map[string]*graph.Statement{}
	for _, chunk := range chunks(ids) {
		in := placeholders(len(chunk))
		err := s.each(ctx, `
			SELECT s.id, s.speaker_id, s.text, s.quoted, COALESCE(s.date, ''), COALESCE(d.precision, '')
			FROM statements s LEFT JOIN dates d ON d.id = s.date WHERE s.id IN (`+in+`)`, anys(chunk),
			func(r *sql.Rows) error {
				st := &graph.Statement{About: []string{}, Sources: []graph.Source{}}
				var prec string
				if err := r.Scan(&st.ID, &st.Speaker, &st.Text, &st.Quoted, &st.Date.Value, &prec); err != nil {
					return err
				}
				st.Date.Precision = graph.Precision(prec)
				byID[st.ID] = st
				return nil
			})
		if err != nil {
			return nil, err
		}
		err = s.each(ctx, `SELECT statement_id, entity_id FROM about WHERE statement_id IN (`+in+`) ORDER BY statement_id, entity_id`,
			anys(chunk), func(r *sql.Rows) error {
				var sid, eid string
				if err := r.Scan(&sid, &eid); err != nil {
					return err
				}
				byID[sid].About = append(byID[sid].About, eid)
				return nil
			})
		if err != nil {
			return nil, err
		}
		err = s.each(ctx, `SELECT statement_id, report_id, evidence, rule FROM statement_sources WHERE statement_id IN (`+in+`) ORDER BY statement_id, report_id, evidence`,
			anys(chunk), func(r *sql.Rows) error {
				var sid string
				var src graph.Source
				if err := r.Scan(&sid, &src.ReportID, &src.Evidence, &src.Rule); err != nil {
					return err
				}
				byID[sid].Sources = append(byID[sid].Sources, src)
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	out := make([]graph.Statement, 0, len(ids))
	for _, id := range ids {
		if st, ok := byID[id]; ok {
			out = append(out, *st)
		}
	}
	return out, nil
}
