package lake_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/lake"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// lakeWarehouse loads testdata/lake_case.sql into a fresh warehouse, runs
// the production transform (models and the bonus step) and closes it.
func lakeWarehouse(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := warehouse.Open(ctx, path, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	fixture, err := os.ReadFile(filepath.Join("testdata", "lake_case.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.ExecContext(ctx, string(fixture)); err != nil {
		t.Fatalf("loading the fixture: %v", err)
	}
	cfg := config.Default()
	plan, err := bonus.PlanFrom(cfg.Bonus)
	if err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	if _, err := transform.Run(ctx, w, transform.Standard(cfg, asOf, nil, plan.Step())); err != nil {
		t.Fatal(err)
	}
	return path
}

// queryString runs q (one row, one column) and returns it as text.
func queryString(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var s string
	if err := db.QueryRowContext(context.Background(), q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

// The lake read back by DuckDB has the warehouse's rows and money to the
// cent, as the manifest says; money stays decimal; partitions are months.
func TestExportReadsBackWithTheSameTotals(t *testing.T) {
	ctx := context.Background()
	wh := lakeWarehouse(t)
	dir := filepath.Join(t.TempDir(), "lake")
	m, err := lake.Export(ctx, wh, dir, lake.Options{Now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC), Build: buildinfo.Info{Version: "v1.2.3"}})
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := lake.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk.Tables) != len(m.Tables) || onDisk.Generator != "salesops v1.2.3 revision unknown" || !strings.HasPrefix(onDisk.Warehouse.Fingerprint, "sha256:") || onDisk.Warehouse.SchemaVersion != warehouse.SchemaVersion {
		t.Fatalf("manifest on disk: %+v", onDisk)
	}
	var names []string
	for _, e := range onDisk.Tables {
		names = append(names, e.Name)
	}
	for _, want := range append(warehouse.CanonicalTables(), "bonus_allocations", "bonus_pools", "kpi_period", "deal_events", "audit_findings") {
		if !slices.Contains(names, want) {
			t.Errorf("the lake has no %s: %v", want, names)
		}
	}
	for _, not := range []string{"deals_history", "runs", "ingest_files", "schema_version"} {
		if slices.Contains(names, not) {
			t.Errorf("the lake has the warehouse's own table %s", not)
		}
	}

	w, err := warehouse.Open(ctx, wh, warehouse.Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	reader, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, e := range onDisk.Tables {
		src := "read_parquet('" + filepath.Join(dir, e.Files) + "', hive_partitioning = true)"
		if got, want := queryString(t, reader, "SELECT count(*)::VARCHAR FROM "+src), queryString(t, w.DB, "SELECT count(*)::VARCHAR FROM "+e.Name); got != want || got != strconv.FormatInt(e.Rows, 10) {
			t.Errorf("%s: %s rows in the lake, %s in the warehouse, %d in the manifest", e.Name, got, want, e.Rows)
		}
		for col, total := range e.MoneyTotals {
			sum := "coalesce(sum(" + warehouse.QuoteIdent(col) + "), 0)::VARCHAR"
			got, want := queryString(t, reader, "SELECT "+sum+" FROM "+src), queryString(t, w.DB, "SELECT "+sum+" FROM "+e.Name)
			if got != want || got != total {
				t.Errorf("%s.%s: %s in the lake, %s in the warehouse, %s in the manifest", e.Name, col, got, want, total)
			}
			if typ := queryString(t, reader, "SELECT typeof("+warehouse.QuoteIdent(col)+") FROM "+src+" LIMIT 1"); !strings.HasPrefix(typ, "DECIMAL(") && e.Rows > 0 {
				t.Errorf("%s.%s is %s in the lake", e.Name, col, typ)
			}
		}
		var lakeCols []string
		rows, err := reader.QueryContext(ctx, "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM "+src+")")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			lakeCols = append(lakeCols, s)
		}
		rows.Close()
		var manifestCols []string
		for _, c := range e.Columns {
			manifestCols = append(manifestCols, c.Name+" "+c.Type)
		}
		if !slices.Equal(lakeCols, manifestCols) {
			t.Errorf("%s: the lake's columns %v, the manifest's %v", e.Name, lakeCols, manifestCols)
		}
	}
	// The deals' money is the fixture's, not merely the same as the
	// warehouse's: 1234567.89 + 0.10 + 0.20 + 999.99 + 45.67.
	if got := queryString(t, reader, "SELECT sum(amount)::VARCHAR FROM read_parquet('"+dir+"/deals/**/*.parquet', hive_partitioning = true, hive_types = {'month': VARCHAR}) WHERE month >= '2026-08'"); got != "1235613.85" {
		t.Errorf("deals amount in the lake: %s", got)
	}
	from := map[string]string{}
	for _, e := range onDisk.Tables {
		from[e.Name] = e.PartitionFrom
	}
	for table, want := range map[string]string{"deals": "close_date", "deal_events": "event_date", "followups": "followup_at",
		"surveys": "survey_date", "tickets": "opened_at", "fx_rates": "month", "bonus_allocations": "period", "reps": "", "customers": ""} {
		if from[table] != want {
			t.Errorf("%s is partitioned from %q, want %q", table, from[table], want)
		}
	}
	// A quarter's rows sit in its first month.
	if got := queryString(t, reader, "SELECT string_agg(DISTINCT month, ',') FROM read_parquet('"+dir+"/kpi_period/**/*.parquet', hive_partitioning = true) WHERE period = '2026-Q3'"); got != "2026-07" {
		t.Errorf("2026-Q3 of kpi_period is in month %s", got)
	}
	checkLayout(t, dir, onDisk)
}

// checkLayout: partitioned tables have only month=YYYY-MM folders (and the
// null one), the deals those of the fixture; modes are the reports'.
func checkLayout(t *testing.T, dir string, m lake.Manifest) {
	t.Helper()
	part := regexp.MustCompile(`^month=(\d{4}-\d{2}|__HIVE_DEFAULT_PARTITION__)$`)
	for _, e := range m.Tables {
		entries, err := os.ReadDir(filepath.Join(dir, e.Path))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range entries {
			got = append(got, d.Name())
			if e.PartitionBy != "" && (!d.IsDir() || !part.MatchString(d.Name())) {
				t.Errorf("%s: %s in a table partitioned by month", e.Name, d.Name())
			}
		}
		if e.PartitionBy == "" && !slices.Equal(got, []string{"data_0.parquet"}) {
			t.Errorf("%s, unpartitioned: %v", e.Name, got)
		}
		if e.Name == "deals" && !slices.Equal(got, []string{"month=2026-08", "month=2026-09", "month=2026-10", "month=__HIVE_DEFAULT_PARTITION__"}) {
			t.Errorf("deals' partitions: %v", got)
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o640)
		if d.IsDir() {
			want = 0o750
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A folder with anything in it is refused unless --overwrite, and then
// only if it is a lake; a refused or replaced export leaves nothing beside.
func TestExportRefusesAFolderInUse(t *testing.T) {
	ctx := context.Background()
	wh := lakeWarehouse(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "lake")
	stray := filepath.Join(parent, "notes")
	if err := os.Mkdir(stray, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stray, "mine.txt"), []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(parent, "empty"), 0o750); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir string
		overwrite bool
		usage     bool
	}{
		{"a new folder", dir, false, false},
		{"the same, again", dir, false, true},
		{"the same, overwritten", dir, true, false},
		{"an empty folder", filepath.Join(parent, "empty"), false, false},
		{"someone's folder, overwritten", stray, true, true},
		{"a file", filepath.Join(stray, "mine.txt"), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lake.Export(ctx, wh, tt.dir, lake.Options{Overwrite: tt.overwrite, Now: time.Now()})
			if tt.usage != errors.Is(err, faults.ErrUsage) || (!tt.usage && err != nil) {
				t.Fatalf("err %v, want usage error %v", err, tt.usage)
			}
			if !tt.usage {
				if _, err := lake.ReadManifest(tt.dir); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(stray, "mine.txt")); err != nil || string(b) != "keep" {
		t.Errorf("the stray folder changed: %q %v", b, err)
	}
	entries, _ := os.ReadDir(parent)
	var left []string
	for _, d := range entries {
		left = append(left, d.Name())
	}
	if !slices.Equal(left, []string{"empty", "lake", "notes"}) {
		t.Errorf("beside the lake: %v", left)
	}
}

// A table with no rows is still readable: one empty file in the null
// partition, with the table's columns (DuckDB writes no file for it).
func TestExportEmptyTablesStayReadable(t *testing.T) {
	ctx := context.Background()
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := warehouse.Open(ctx, wh, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	dir := filepath.Join(t.TempDir(), "lake")
	m, err := lake.Export(ctx, wh, dir, lake.Options{Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	reader, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	for _, e := range m.Tables {
		src := "read_parquet('" + filepath.Join(dir, e.Files) + "', hive_partitioning = true)"
		got := queryString(t, reader, "SELECT count(*)::VARCHAR FROM "+src)
		if e.Rows != 0 || got != "0" {
			t.Errorf("%s: %d rows in the manifest, %s in the lake", e.Name, e.Rows, got)
		}
		if n := queryString(t, reader, "SELECT count(*)::VARCHAR FROM (DESCRIBE SELECT * FROM "+src+")"); n != strconv.Itoa(len(e.Columns)) {
			t.Errorf("%s: %s columns in the lake, %d in the manifest", e.Name, n, len(e.Columns))
		}
		for c, total := range e.MoneyTotals {
			if total != "0.00" {
				t.Errorf("%s.%s: total %q of no rows", e.Name, c, total)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "deals", "month=__HIVE_DEFAULT_PARTITION__", "data_0.parquet")); err != nil {
		t.Error(err)
	}
}
