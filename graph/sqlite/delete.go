package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/parley/parley/graph"
)

// DeleteReport removes a report and every fact and name only it supported.
// It looks only at what the report touched: its facts, the actors of those
// facts and the names it gave, so its cost follows the report, not the graph.
func (s *Store) DeleteReport(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var namesJSON, factsJSON string
		err := tx.QueryRowContext(ctx, `SELECT names, facts FROM reports WHERE id = ?`, id).Scan(&namesJSON, &factsJSON)
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
		// The facts the report is a source of: the report lists them (no
		// index finds a report's sources; see schema 005).
		var facts reportFacts
		if err := json.Unmarshal([]byte(factsJSON), &facts); err != nil {
			return fmt.Errorf("report %q: facts: %w", id, err)
		}
		meetings, statements, supports := facts.Meetings, facts.Statements, facts.Supports
		// What the report's facts touch, read before its sources go; ?1 is
		// the report's list of facts.
		touched := func(q string) ([]string, error) { return txIDs(ctx, tx, q, factsJSON) }
		actors, err := touched(`
			SELECT a.entity_id FROM json_each(?1, '$.meetings') j JOIN attended a ON a.meeting_id = j.value
			UNION SELECT t.speaker_id FROM json_each(?1, '$.statements') j JOIN statements t ON t.id = j.value
			UNION SELECT b.entity_id FROM json_each(?1, '$.statements') j JOIN about b ON b.statement_id = j.value
			UNION SELECT p.supporter_id FROM json_each(?1, '$.supports') j JOIN supports p ON p.id = j.value
			UNION SELECT p.supported_id FROM json_each(?1, '$.supports') j JOIN supports p ON p.id = j.value
			UNION SELECT p.claimed_by FROM json_each(?1, '$.supports') j JOIN supports p ON p.id = j.value`)
		if err != nil {
			return err
		}
		dates, err := touched(`
			SELECT m.date FROM json_each(?1, '$.meetings') j JOIN meetings m ON m.id = j.value WHERE m.date IS NOT NULL
			UNION SELECT t.date FROM json_each(?1, '$.statements') j JOIN statements t ON t.id = j.value WHERE t.date IS NOT NULL`)
		if err != nil {
			return err
		}

		// The writer runs without foreign keys (see dsn): what ON DELETE
		// CASCADE would remove, the deletes below remove.
		// Each source row is found by its fact's id (the key's prefix).
		for _, q := range []string{
			`DELETE FROM reports WHERE id = ?1`,
			`DELETE FROM meeting_sources WHERE report_id = ?1
				AND meeting_id IN (SELECT value FROM json_each(?2, '$.meetings'))`,
			`DELETE FROM statement_sources WHERE report_id = ?1
				AND statement_id IN (SELECT value FROM json_each(?2, '$.statements'))`,
			`DELETE FROM support_sources WHERE report_id = ?1
				AND support_id IN (SELECT value FROM json_each(?2, '$.supports'))`,
		} {
			if _, err := tx.ExecContext(ctx, q, id, factsJSON); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, sqlBumpVersion); err != nil {
			return err
		}
		// A fact no report supports any more goes, with its edges.
		for _, m := range meetings {
			res, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM meeting_sources s WHERE s.meeting_id = ?1)`, m)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				if _, err := tx.ExecContext(ctx, `DELETE FROM attended WHERE meeting_id = ?`, m); err != nil {
					return err
				}
			}
		}
		for _, st := range statements {
			res, err := tx.ExecContext(ctx, `DELETE FROM statements WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM statement_sources s WHERE s.statement_id = ?1)`, st)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				if _, err := tx.ExecContext(ctx, `DELETE FROM about WHERE statement_id = ?`, st); err != nil {
					return err
				}
			}
		}
		for _, sp := range supports {
			if _, err := tx.ExecContext(ctx, `DELETE FROM supports WHERE id = ?
				AND NOT EXISTS (SELECT 1 FROM support_sources s WHERE s.support_id = ?1)`, sp); err != nil {
				return err
			}
		}
		renamed := map[string][]string{} // entity → aliases it lost
		for _, n := range names {
			res, err := tx.ExecContext(ctx, `DELETE FROM names WHERE entity_id = ? AND kind = ? AND name = ? AND reports = 1`, n[0], n[1], n[2])
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				if n[1] == "alias" {
					renamed[n[0]] = append(renamed[n[0]], n[2])
				}
				actors = append(actors, n[0])
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE names SET reports = reports - 1 WHERE entity_id = ? AND kind = ? AND name = ?`, n[0], n[1], n[2]); err != nil {
				return err
			}
		}
		for e, lost := range renamed {
			if err := rewriteWords(ctx, tx, e, lost); err != nil {
				return err
			}
		}
		// An actor no report names any more, nor any fact, goes (it has no
		// names left to cascade to).
		for _, e := range actors {
			if _, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE id = ?1
				AND NOT EXISTS (SELECT 1 FROM names n WHERE n.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM attended a WHERE a.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.speaker_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM about a WHERE a.entity_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.supporter_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.supported_id = ?1)
				AND NOT EXISTS (SELECT 1 FROM supports p WHERE p.claimed_by = ?1 AND p.claimed_by <> '')`, e); err != nil {
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
	if err == nil {
		s.committed()
	}
	return err
}

// rewriteWords makes an entity's search words those of the aliases it has
// left, after it lost the aliases had.
func rewriteWords(ctx context.Context, tx *sql.Tx, entity string, had []string) error {
	for _, name := range had {
		for _, w := range strings.Fields(graph.Fold(name)) { // stores of 003 before this held them all
			if _, err := tx.ExecContext(ctx, `DELETE FROM words WHERE word = ? AND entity_id = ?`, w, entity); err != nil {
				return err
			}
		}
	}
	folded, err := txIDs(ctx, tx, `SELECT folded FROM names WHERE entity_id = ? AND kind = 'alias'`, entity)
	if err != nil {
		return err
	}
	for _, f := range folded {
		for _, w := range laterWords(f) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO words (word, entity_id) VALUES (?, ?)`, w, entity); err != nil {
				return err
			}
		}
	}
	return nil
}

// laterWords are the words of a folded name after its first: a search for
// a prefix of the first word finds the name itself (names_by_folded), so
// only the others go into the words table.
func laterWords(folded string) []string {
	w := strings.Fields(folded)
	if len(w) == 0 {
		return nil
	}
	return w[1:]
}

// txIDs runs a query of one string column in a transaction.
func txIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}
