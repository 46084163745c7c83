package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/parley/parley/bench/synth"
	"github.com/parley/parley/document"
	"github.com/parley/parley/extract"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/ingest"
)

// TestDeleteLeavesNothing stores dense synthetic reports, some in a batch
// and some one by one, deletes them all, and checks that no row is left in
// any table: the writer does not check foreign keys, so DeleteReport itself
// must remove every row ON DELETE CASCADE would have.
func TestDeleteLeavesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := ingest.New(st, extract.New())
	c := synth.Corpus{Seed: 7, Dense: true}
	var docs []document.Document
	for i := range 24 {
		r := c.Report(i)
		docs = append(docs, document.Document{Title: r.Title, Published: r.Published, Text: r.Text})
	}
	out, err := p.IngestBatch(ctx, docs[:16])
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range out {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		ids = append(ids, o.ReportID)
	}
	for _, d := range docs[16:] {
		res, err := p.Ingest(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.ReportID)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := []string{"reports", "entities", "names", "words", "dates", "meetings", "attended", "meeting_sources",
		"statements", "about", "statement_sources", "supports", "support_sources"}
	count := func(table string) int {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, table := range tables {
		if count(table) == 0 {
			t.Fatalf("%s is empty before the deletes: the test stores too little", table)
		}
	}
	for i, id := range ids {
		if err := st.DeleteReport(ctx, id); err != nil {
			t.Fatal(err)
		}
		if i == len(ids)/2 {
			// Half way, no edge may point at a fact or actor that went.
			for _, q := range []string{
				`SELECT count(*) FROM attended a WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = a.meeting_id)
					OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = a.entity_id)`,
				`SELECT count(*) FROM about a WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = a.statement_id)
					OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = a.entity_id)`,
				`SELECT count(*) FROM meeting_sources s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = s.report_id)`,
				`SELECT count(*) FROM statement_sources s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = s.report_id)`,
				`SELECT count(*) FROM support_sources s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = s.report_id)`,
				`SELECT count(*) FROM names n WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = n.entity_id)`,
			} {
				var n int
				if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 0 {
					t.Errorf("after %d deletes, %s = %d, %v; want 0", i+1, q, n, err)
				}
			}
		}
	}
	for _, table := range tables {
		if n := count(table); n != 0 {
			t.Errorf("%d rows left in %s after deleting every report", n, table)
		}
	}
}
