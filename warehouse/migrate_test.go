package warehouse

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A version-1 file (canonical tables with a PRIMARY KEY) opens as version
// 2: the keys are gone, every row and constraint is kept.
func TestMigrateV1DropsPrimaryKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	// The version-1 schema: schema.sql with the keys it had then.
	v1 := schemaSQL
	for _, k := range []string{"rep_id", "customer_id", "deal_id", "followup_id", "survey_id", "ticket_id"} {
		v1 = strings.Replace(v1, k+" VARCHAR NOT NULL", k+" VARCHAR PRIMARY KEY", 1)
	}
	v1 = strings.Replace(v1, "rate DECIMAL(18,8) NOT NULL,\n    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT);",
		"rate DECIMAL(18,8) NOT NULL,\n    _file VARCHAR, _line BIGINT, _sheet VARCHAR, _hash VARCHAR, _batch BIGINT,\n    PRIMARY KEY (currency, month));", 1)
	for _, q := range []string{v1, "INSERT INTO schema_version VALUES (1)",
		"INSERT INTO deals (deal_id, rep_id, status, amount, _line) VALUES ('D1', 'R1', 'won', 10.50, 2), ('D2', 'R2', 'lost', NULL, 3)",
		"INSERT INTO fx_rates (currency, month, rate) VALUES ('USD', '2026-03', 7.1)",
		"INSERT INTO reps (rep_id, name) VALUES ('R1', 'Ann')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	pks := func(db *sql.DB) int {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'
			AND table_name IN ('reps', 'customers', 'deals', 'followups', 'surveys', 'tickets', 'fx_rates')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := pks(db); n != 7 {
		t.Fatalf("the v1 file has %d primary keys, want 7", n)
	}
	db.Close()

	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n := pks(w.DB); n != 0 {
		t.Errorf("after migrating, %d primary keys remain", n)
	}
	var version int
	if err := w.DB.QueryRow("SELECT max(version) FROM schema_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	got := [][]string{{"version", strconv.Itoa(version)}}
	rows, err := w.DB.Query(`SELECT deal_id, rep_id, status, coalesce(CAST(amount AS VARCHAR), ''), _line FROM deals
		UNION ALL SELECT currency, month, CAST(rate AS VARCHAR), '', 0 FROM fx_rates
		UNION ALL SELECT rep_id, name, '', '', 0 FROM reps ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c, d, e string
		if err := rows.Scan(&a, &b, &c, &d, &e); err != nil {
			t.Fatal(err)
		}
		got = append(got, []string{a, b, c, d, e})
	}
	rows.Close()
	want := [][]string{{"version", "2"}, {"D1", "R1", "won", "10.50", "2"}, {"D2", "R2", "lost", "", "3"},
		{"R1", "Ann", "", "", "0"}, {"USD", "2026-03", "7.10000000", "", "0"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("after migrating (-want +got):\n%s", d)
	}
	// The constraints of schema.sql still hold on the rebuilt tables.
	if _, err := w.DB.Exec("INSERT INTO deals (deal_id, rep_id, status) VALUES ('D3', 'R1', 'maybe')"); err == nil {
		t.Error("a deal with status 'maybe' was accepted after the migration")
	}
	if _, err := w.DB.Exec("INSERT INTO deals (deal_id, rep_id, status) VALUES (NULL, 'R1', 'won')"); err == nil {
		t.Error("a deal without a deal_id was accepted after the migration")
	}
	w.Close()
	// Opening again changes nothing.
	w2, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	var n int
	if err := w2.DB.QueryRow("SELECT count(*) FROM deals").Scan(&n); err != nil || n != 2 {
		t.Errorf("deals after reopening: %d, %v; want 2", n, err)
	}
}
