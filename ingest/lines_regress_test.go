package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/demo"
	"github.com/salesops/salesops/warehouse"
)

// parallelWarehouse opens a warehouse whose DuckDB uses more threads than
// this machine may have cores, as a server would: DuckDB's parallel
// reads and inserts are what scrambled row order against file order.
func parallelWarehouse(t *testing.T, path string) *warehouse.Warehouse {
	t.Helper()
	w, err := warehouse.Open(context.Background(), path, warehouse.Options{Threads: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// physicalLines maps the first cell of every record of a UTF-8 CSV to the
// line the record starts on, read independently of the ingest.
func physicalLines(t *testing.T, path string) map[string]int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	out := map[string]int64{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		out[strings.TrimPrefix(rec[0], "\ufeff")] = int64(line)
	}
}

// The demo company's follow-ups (a UTF-8 CSV of some 75,000 records)
// record the line each record is on: F000001 is on line 2.
func TestDemoFollowupLines(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; -short")
	}
	dir := t.TempDir()
	ctx := context.Background()
	files, err := demo.Generate(ctx, dir, demo.Options{AsOf: time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var sources []config.Source
	var followups string
	for _, f := range files {
		sources = append(sources, config.Source{Name: f.Path, Kind: f.Kind, Path: f.Path, Sheet: f.Sheet})
		if f.Kind == "followups" {
			followups = filepath.Join(dir, f.Path)
		}
	}
	w := parallelWarehouse(t, filepath.Join(dir, "w.duckdb"))
	if _, err := Ingest(ctx, w, testConfig(t, dir, sources...), Options{}); err != nil {
		t.Fatal(err)
	}
	want := physicalLines(t, followups)
	if want["F000001"] != 2 {
		t.Fatalf("the demo moved: F000001 is on line %d", want["F000001"])
	}
	rows := queryStrings(t, w.DB, "SELECT followup_id, _line FROM followups")
	wrong := 0
	for _, r := range rows {
		if fmt.Sprint(want[r[0]]) != r[1] {
			if wrong++; wrong <= 5 {
				t.Errorf("%s: _line %s; it is on line %d", r[0], r[1], want[r[0]])
			}
		}
	}
	if wrong > 0 || len(rows) != len(want)-1 {
		t.Errorf("%d of %d follow-ups have a wrong _line; the file has %d records", wrong, len(rows), len(want)-1)
	}
}

// In a large file, a bad timestamp is rejected at its line, and a key
// repeated far apart keeps its later line, which the warning names.
func TestLargeFileLines(t *testing.T) {
	if testing.Short() {
		t.Skip("slow; -short")
	}
	dir := t.TempDir()
	const rows = 300_000
	var b strings.Builder
	b.WriteString("跟进编号,客户编号,跟进人,跟进时间,跟进方式,跟进内容\n")
	for line := 2; line <= rows+1; line++ {
		id, at := fmt.Sprintf("F%07d", line), "2024/12/1 10:01"
		switch line {
		case 50_000:
			at = "2024/13/45 99:99"
		case 1922, 211_307:
			id = "DUP072"
		}
		fmt.Fprintf(&b, "%s,C%05d,S%03d,%s,微信,line %d\n", id, line%700, line%30, at, line)
	}
	p := writeFile(t, dir, "followups.csv", []byte(b.String()))
	w := parallelWarehouse(t, filepath.Join(dir, "w.duckdb"))
	cfg := testConfig(t, dir, config.Source{Name: "f", Kind: "followups", Path: p})
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, `SELECT
		(SELECT string_agg(line || ' ' || column_name, '; ') FROM rejects),
		(SELECT string_agg(message, '; ') FROM ingest_warnings),
		(SELECT _line || ' ' || content FROM followups WHERE followup_id = 'DUP072'),
		(SELECT count(*) FROM followups WHERE content <> 'line ' || _line)`)
	want := [][]string{{"50000 跟进时间", "key DUP072 appears on line 1922 and again on line 211307; line 211307 wins", "211307 line 211307", "0"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// No staging relation outlives a batch: after a load that commits and
// after one that fails, the warehouse file holds no view or table of the
// ingest's own (their names start with '_'), and views an earlier version
// left behind are dropped.
func TestNoStagingLeftBehind(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	path := filepath.Join(dir, "w.duckdb")
	w := openWarehouse(t, path)
	if _, err := w.DB.ExecContext(ctx, "CREATE VIEW _arrow_in AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "ok/sales.csv", []byte(salesHeader+"D1,R1,C1,won,10,2026-03-05,P,yes\n"))
	writeFile(t, dir, "ok/followups.csv", []byte("followup_id,customer_id,rep_id,followup_at,content\nF1,C1,R1,2026-03-05 10:00,\"two\nlines\"\n"))
	writeFile(t, dir, "ok/tickets.jsonl", []byte(`{"ticket_id":"T1","customer_id":"C1","opened_at":"2026-03-05 10:00"}`+"\n"))
	writeFile(t, dir, "bad/followups.csv", []byte("followup_id,customer_id,rep_id,followup_at\nF2,C1,R1,not a time\n"))
	leftovers := func(when string) {
		t.Helper()
		w.Close()
		w = openWarehouse(t, path)
		got := queryStrings(t, w.DB, `SELECT name FROM (
			SELECT view_name AS name FROM duckdb_views() WHERE NOT internal
			UNION ALL SELECT table_name FROM duckdb_tables()) WHERE starts_with(name, '_') ORDER BY 1`)
		if len(got) > 0 {
			t.Errorf("after %s the warehouse keeps %v", when, got)
		}
	}
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: "ok/sales.csv"},
		config.Source{Name: "f", Kind: "followups", Path: "ok/followups.csv"},
		config.Source{Name: "t", Kind: "tickets", Path: "ok/tickets.jsonl"})
	if _, err := Ingest(ctx, w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	leftovers("a load that commits")
	// The reps go by the plain path (an empty table) before the batch fails.
	writeFile(t, dir, "bad/reps.csv", []byte("rep_id,name\nR1,Ann\n"))
	cfg.Sources = append(cfg.Sources, config.Source{Name: "r", Kind: "reps", Path: "bad/reps.csv"},
		config.Source{Name: "b", Kind: "followups", Path: "bad/followups.csv"})
	writeFile(t, dir, "ok/sales.csv", []byte(salesHeader+"D2,R1,C1,won,10,2026-03-05,P,yes\n"))
	if _, err := Ingest(ctx, w, cfg, Options{}); err == nil {
		t.Fatal("a file of rejects loaded")
	}
	leftovers("a load that fails")
}

// A Parquet row's line is its row number in the file, from 1.
func TestParquetLines(t *testing.T) {
	dir := t.TempDir()
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	pq := filepath.Join(dir, "s.parquet")
	if _, err := w.DB.Exec(`COPY (SELECT * FROM (VALUES ('S1', 'C1', DATE '2026-03-05', 5, 'a'), ('S2', 'C1', DATE '2026-03-05', 9, 'b'),
		('S1', 'C2', DATE '2026-03-06', 4, 'c')) v(survey_id, customer_id, survey_date, score, comment)) TO ` + lit(pq) + ` (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	half := config.D("0.5")
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "surveys", Path: pq, RejectThreshold: &half})
	if _, err := Ingest(context.Background(), w, cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	got := queryStrings(t, w.DB, `SELECT (SELECT string_agg(survey_id || ' ' || _line || ' ' || comment, '; ' ORDER BY survey_id) FROM surveys),
		(SELECT string_agg(line || ' ' || reason, '; ') FROM rejects), (SELECT string_agg(message, '; ') FROM ingest_warnings)`)
	want := [][]string{{"S1 3 c", "2 score 9 is outside the 1–5 scale", "key S1 appears on line 1 and again on line 3; line 3 wins"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
