package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
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

// TestMigrateReportFacts opens a store of schema 004, whose sources were
// found by report through an index, and checks that 005 lists each report's
// facts in the report: Report reads them, the indexes are gone, and a
// delete removes the report's sources and the facts only it supported.
func TestMigrateReportFacts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"sqlite/001_graph.sql", "sqlite/002_perf.sql", "sqlite/003_names.sql", "sqlite/004_about_by_date.sql"} {
		ddl, err := fs.ReadFile(schema.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(ddl)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	const a, b, c = "person:a", "person:b", "person:c"
	for _, q := range []string{
		`PRAGMA user_version = 4`,
		`INSERT INTO reports (id, published, ingested_at, text, names) VALUES
			('r1', '2023-11-06', '2023-11-07T00:00:00.000000000Z', 'one', '[["person:a","alias","A"],["person:b","alias","B"]]'),
			('r2', '2023-11-06', '2023-11-08T00:00:00.000000000Z', 'two', '[["person:a","alias","A"],["person:b","alias","B"],["person:c","alias","C"]]')`,
		`INSERT INTO entities (id, type, name, folded) VALUES ('` + a + `', 'person', 'A', 'a'), ('` + b + `', 'person', 'B', 'b'),
			('` + c + `', 'person', 'C', 'c')`,
		`INSERT INTO names (entity_id, kind, name, folded, reports) VALUES ('` + a + `', 'alias', 'A', 'a', 2),
			('` + b + `', 'alias', 'B', 'b', 2), ('` + c + `', 'alias', 'C', 'c', 1)`,
		`INSERT INTO dates (id, precision, first_day, last_day) VALUES ('2023-11-06', 'day', '2023-11-06', '2023-11-06')`,
		// m1 and s1 have both reports as sources; s2 and p1 only r1.
		`INSERT INTO meetings (id, date, first_day, last_day, mode, status) VALUES ('m1', '2023-11-06', '2023-11-06', '2023-11-06', 'in_person', 'held')`,
		`INSERT INTO attended (meeting_id, entity_id, role, first_day) VALUES ('m1', '` + a + `', 'host', '2023-11-06'), ('m1', '` + b + `', 'guest', '2023-11-06')`,
		`INSERT INTO meeting_sources (meeting_id, report_id, evidence) VALUES ('m1', 'r1', 'A met B.'), ('m1', 'r2', 'A hosted B.')`,
		`INSERT INTO statements (id, speaker_id, text) VALUES ('s1', '` + a + `', 'Fine.'), ('s2', '` + b + `', 'Good.')`,
		`INSERT INTO about (statement_id, entity_id) VALUES ('s2', '` + a + `')`,
		`INSERT INTO statement_sources (statement_id, report_id, evidence) VALUES ('s1', 'r1', 'A said: Fine.'),
			('s1', 'r2', '"Fine," A said.'), ('s2', 'r1', 'B said: Good.'), ('s2', 'r1', 'B added: Good.')`,
		`INSERT INTO supports (id, supporter_id, supported_id) VALUES ('p1', '` + b + `', '` + a + `')`,
		`INSERT INTO support_sources (support_id, report_id, evidence) VALUES ('p1', 'r1', 'B backs A.')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatalf("Open(store of 004) = %v", err)
	}
	defer st.Close()
	ids := func(rf *graph.ReportFacts) (out [3][]string) {
		for _, m := range rf.Facts.Meetings {
			out[0] = append(out[0], m.ID)
		}
		for _, s := range rf.Facts.Statements {
			out[1] = append(out[1], s.ID)
		}
		for _, p := range rf.Facts.Supports {
			out[2] = append(out[2], p.ID)
		}
		return out
	}
	for id, want := range map[string][3][]string{"r1": {{"m1"}, {"s1", "s2"}, {"p1"}}, "r2": {{"m1"}, {"s1"}, nil}} {
		rf, err := st.Report(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(rf); !reflect.DeepEqual(got, want) {
			t.Errorf("Report(%s) facts after migration = %v, want %v", id, got, want)
		}
	}
	if err := st.DeleteReport(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	rf, err := st.Report(ctx, "r2")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(rf), [3][]string{{"m1"}, {"s1"}, nil}; !reflect.DeepEqual(got, want) {
		t.Errorf("Report(r2) after deleting r1 = %v, want %v", got, want)
	}
	if len(rf.Facts.Meetings) == 1 && len(rf.Facts.Meetings[0].Sources) != 1 {
		t.Errorf("m1's sources after deleting r1 = %+v, want r2's only", rf.Facts.Meetings[0].Sources)
	}

	db, err = sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`SELECT count(*) FROM sqlite_schema WHERE name LIKE '%sources_by_report'`,
		`SELECT count(*) FROM meeting_sources WHERE report_id = 'r1'`,
		`SELECT count(*) FROM statement_sources WHERE report_id = 'r1'`,
		`SELECT count(*) FROM support_sources`,
		`SELECT count(*) FROM statements WHERE id = 's2'`,
		`SELECT count(*) FROM about`,
		`SELECT count(*) FROM supports`,
	} {
		var n int
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s = %d, %v; want 0", q, n, err)
		}
	}
}

// TestRefuseNewerSchema checks that a store migrated by a newer Parley is
// not written by this one, which would not keep the newer tables, and is
// left as it was.
func TestRefuseNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parley.db")
	st, err := sqlite.Open(ctx, sqlite.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	if st, err := sqlite.Open(ctx, sqlite.Config{Path: path}); err == nil || !strings.Contains(err.Error(), "schema version 999 is newer") {
		if st != nil {
			st.Close()
		}
		t.Fatalf("Open of a schema-999 store: %v; want refused as newer", err)
	}
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil || v != 999 {
		t.Errorf("user_version after the refused open = %d, %v; want 999", v, err)
	}
}
