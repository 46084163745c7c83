package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

// Supports lists support edges by id.
func (s *Store) Supports(ctx context.Context, f graph.SupportFilter) (graph.Page[graph.Support], error) {
	page := graph.Page[graph.Support]{Items: []graph.Support{}}
	limit, cur, err := f.Check()
	if err != nil {
		return page, err
	}
	// The page's keys and its rows are read in one transaction: a delete
	// between them would leave a row without its sources.
	ctx, end := s.snapshot(ctx)
	defer end()
	q := `SELECT id, id FROM supports`
	var where []string
	var args []any
	if f.Supporter != "" {
		where = append(where, `supporter_id = ?`)
		args = append(args, f.Supporter)
	}
	if f.Supported != "" {
		where = append(where, `supported_id = ?`)
		args = append(args, f.Supported)
	}
	if cur != nil {
		where = append(where, `id > ?`)
		args = append(args, cur[1])
	}
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY id LIMIT ?`
	args = append(args, limit+1)
	ids, next, err := s.keyPage(ctx, limit, q, args...)
	if err != nil {
		return page, fmt.Errorf("list supports: %w", err)
	}
	page.Next = next
	if page.Items, err = s.loadSupports(ctx, ids); err != nil {
		return page, fmt.Errorf("list supports: %w", err)
	}
	return page, nil
}

// loadSupports reads whole support edges, in the order of ids.
func (s *Store) loadSupports(ctx context.Context, ids []string) ([]graph.Support, error) {
	byID := map[string]*graph.Support{}
	for _, chunk := range chunks(ids) {
		in := placeholders(len(chunk))
		err := s.each(ctx, `SELECT id, supporter_id, supported_id, claimed_by FROM supports WHERE id IN (`+in+`)`, anys(chunk),
			func(r *sql.Rows) error {
				sp := &graph.Support{Sources: []graph.Source{}}
				if err := r.Scan(&sp.ID, &sp.Supporter, &sp.Supported, &sp.ClaimedBy); err != nil {
					return err
				}
				byID[sp.ID] = sp
				return nil
			})
		if err != nil {
			return nil, err
		}
		err = s.each(ctx, `SELECT support_id, report_id, evidence, rule FROM support_sources WHERE support_id IN (`+in+`) ORDER BY support_id, report_id, evidence`,
			anys(chunk), func(r *sql.Rows) error {
				var id string
				var src graph.Source
				if err := r.Scan(&id, &src.ReportID, &src.Evidence, &src.Rule); err != nil {
					return err
				}
				byID[id].Sources = append(byID[id].Sources, src)
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	out := make([]graph.Support, 0, len(ids))
	for _, id := range ids {
		if sp, ok := byID[id]; ok {
			out = append(out, *sp)
		}
	}
	return out, nil
}
