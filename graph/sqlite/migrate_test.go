package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/parley/parley/graph"
	"github.com/parley/parley/graph/sqlite"
	"github.com/parley/parley/schema"
)

// TestMigrateNamesPerReport opens a store written by the version that kept a
// row per name per report (schema 001 and 002 only) and checks that 003
// carries its names over: counted, with title periods from the reports'
// days, search words, and each report's own names so a delete still works.
func TestMigrateNamesPerReport(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sqlite/001_graph.sql", "sqlite/002_perf.sql"} {
		ddl, err := fs.ReadFile(schema.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(ddl)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	const ali = "person:ali-khamenei"
	for _, q := range []string{
		`INSERT INTO reports (id, published, ingested_at, text) VALUES ('r1', '2023-11-06', '2023-11-07T00:00:00.000000000Z', 'one'),
			('r2', '2024-01-09', '2024-01-10T00:00:00.000000000Z', 'two')`,
		`INSERT INTO entities (id, type, name, folded) VALUES ('` + ali + `', 'person', 'Ali Khamenei', 'ali khamenei')`,
		`INSERT INTO entity_names (entity_id, kind, name, folded, report_id) VALUES
			('` + ali + `', 'alias', 'Ali Khamenei', 'ali khamenei', 'r1'), ('` + ali + `', 'alias', 'Ali Khamenei', 'ali khamenei', 'r2'),
			('` + ali + `', 'alias', 'the Leader', 'leader', 'r1'),
			('` + ali + `', 'title', 'Supreme Leader', 'supreme leader', 'r1'), ('` + ali + `', 'title', 'Supreme Leader', 'supreme leader', 'r2')`,
		`INSERT INTO entity_words (report_id, word, entity_id) VALUES ('r1', 'ali', '` + ali + `'), ('r1', 'khamenei', '` + ali + `'),
			('r1', 'leader', '` + ali + `'), ('r2', 'ali', '` + ali + `'), ('r2', 'khamenei', '` + ali + `')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatalf("Open(old store) = %v", err)
	}
	defer st.Close()
	e, err := st.Entity(ctx, ali)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Aliases) != 1 || e.Aliases[0] != "the Leader" {
		t.Errorf("aliases after migration = %v, want [the Leader]", e.Aliases)
	}
	want := []graph.Title{{Title: "Supreme Leader", From: "2023-11-06", To: "2024-01-09"}}
	if len(e.Titles) != 1 || e.Titles[0] != want[0] {
		t.Errorf("titles after migration = %+v, want %+v", e.Titles, want)
	}
	page, err := st.Entities(ctx, graph.EntityFilter{Query: "leader"})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("search 'leader' after migration = %+v, %v; want Khamenei", page.Items, err)
	}
	rf, err := st.Report(ctx, "r1")
	if err != nil || len(rf.Facts.Entities) != 1 || rf.Facts.Entities[0].ID != ali {
		t.Errorf("Report(r1) after migration = %+v, %v; want it to name Khamenei", rf, err)
	}
	if err := st.DeleteReport(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	e, err = st.Entity(ctx, ali)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Aliases) != 0 || len(e.Titles) != 1 {
		t.Errorf("after deleting r1: aliases %v, titles %+v; want no alias, the title r2 gives", e.Aliases, e.Titles)
	}
	if page, err := st.Entities(ctx, graph.EntityFilter{Query: "leader"}); err != nil || len(page.Items) != 0 {
		t.Errorf("search 'leader' after deleting r1 = %+v, %v; want none", page.Items, err)
	}
	// Opening again applies nothing twice.
	st2, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatalf("Open again = %v", err)
	}
	st2.Close()
}
