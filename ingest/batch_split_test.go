package ingest

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/i18n"
)

// TestBatchSplitsBeforeAFileThatChangesItsRows loads an export and the
// next day's re-export together, with splitRows at one row so that the
// first file's insert counts as large. The re-export changes a row the
// first file loaded: it must begin a second batch, and the warehouse must
// end as two ingests, one per file, leave it (tables, history, the
// files' batches). The parts of one export (distinct keys) and a
// re-export that changes nothing stay in one batch.
func TestBatchSplitsBeforeAFileThatChangesItsRows(t *testing.T) {
	defer func(n int64) { splitRows = n }(splitRows)
	splitRows = 1
	const header = "deal_id,customer_id,rep_id,status,amount,created_date,close_date\n"
	first := header + "D1,C1,R1,won,100.00,2026-01-02,2026-01-05\nD2,C1,R1,open,,2026-01-03,\nD3,C2,R2,lost,,2026-01-04,2026-01-09\n"
	tests := []struct {
		name, second string
		wantBatches  []string // batch of a.csv, of b.csv
	}{
		{"a re-export that changes a row", header + "D2,C1,R1,won,50.00,2026-01-03,2026-01-10\nD4,C3,R1,open,,2026-01-10,\n", []string{"1", "2"}},
		{"a second part of the export", header + "D4,C3,R1,open,,2026-01-10,\nD5,C3,R2,lost,,2026-01-10,2026-01-11\n", []string{"1", "1"}},
		{"a re-export that changes nothing", header + "D1,C1,R1,won,100,2026-01-02,2026-01-05\n", []string{"1", "1"}},
	}
	// Each warehouse is in its own folder: files are compared by name. The
	// ingest per file also lists a.csv as skipped in its second batch.
	tables := []string{
		`SELECT deal_id, status, CAST(amount AS VARCHAR), regexp_extract(_file, '[^/]+$'), _batch FROM deals ORDER BY deal_id`,
		`SELECT deal_id, status, CAST(amount AS VARCHAR), regexp_extract(_file, '[^/]+$'), _batch, _superseded_by FROM deals_history ORDER BY deal_id`,
		`SELECT regexp_extract(path, '[^/]+$'), batch_id FROM ingest_files WHERE status = 'loaded' ORDER BY 1`,
		`SELECT batch_id, status FROM ingest_batches ORDER BY 1`,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			load := func(together bool) (*Report, [][][]string) {
				dir := t.TempDir()
				cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: "in"})
				w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
				var rep Report
				for _, f := range []struct{ name, data string }{{"a.csv", first}, {"b.csv", tt.second}} {
					writeFile(t, dir, filepath.Join("in", f.name), []byte(f.data))
					if together {
						continue
					}
					var err error
					if rep, err = Ingest(ctx, w, cfg, Options{}); err != nil {
						t.Fatal(err)
					}
				}
				if together {
					var err error
					if rep, err = Ingest(ctx, w, cfg, Options{}); err != nil {
						t.Fatal(err)
					}
				}
				var out [][][]string
				for _, q := range tables {
					out = append(out, queryStrings(t, w.DB, q))
				}
				return &rep, out
			}
			rep, got := load(true)
			var batches []string
			for _, f := range rep.Files {
				batches = append(batches, render(f.Batch))
			}
			if d := cmp.Diff(tt.wantBatches, batches); d != "" {
				t.Fatalf("the files' batches (-want +got):\n%s", d)
			}
			if tt.wantBatches[1] == tt.wantBatches[0] {
				if len(rep.Earlier) != 0 {
					t.Errorf("one batch, yet the report lists earlier ones: %v", rep.Earlier)
				}
				return
			}
			_, want := load(false)
			for i, q := range tables {
				if d := cmp.Diff(want[i], got[i]); d != "" {
					t.Errorf("%s: one ingest of both files (+) against one ingest per file (-):\n%s", q, d)
				}
			}
			if d := cmp.Diff([]int64{1}, rep.Earlier); d != "" || rep.Batch != 2 {
				t.Errorf("report batches %v then %d; want [1] then 2", rep.Earlier, rep.Batch)
			}
			reportSays(t, *rep, "Ingest batches 1, 2", "b.csv changes rows that batch 1 loaded, so it began batch 2")
		})
	}
}

// TestBatchSplitThenFailure: the file after the split fails, so its batch
// rolls back; the batch before the split stands, and the report says so.
func TestBatchSplitThenFailure(t *testing.T) {
	defer func(n int64) { splitRows = n }(splitRows)
	splitRows = 1
	const header = "deal_id,customer_id,rep_id,status,amount,created_date,close_date\n"
	dir := t.TempDir()
	cfg := testConfig(t, dir, config.Source{Name: "s", Kind: "sales", Path: "in"})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	writeFile(t, dir, filepath.Join("in", "a.csv"), []byte(header+"D1,C1,R1,won,100.00,2026-01-02,2026-01-05\n"))
	writeFile(t, dir, filepath.Join("in", "b.csv"), []byte(header+"D1,C1,R1,won,90.00,2026-01-02,2026-01-05\n"))
	writeFile(t, dir, filepath.Join("in", "c.csv"), []byte("customer_id,amount\nC1,5.00\n"))
	rep, err := Ingest(context.Background(), w, cfg, Options{})
	if err == nil {
		t.Fatal("c.csv has no deal_id column, yet the ingest succeeded")
	}
	if got := queryStrings(t, w.DB, `SELECT deal_id, CAST(amount AS VARCHAR), _batch FROM deals`); !cmp.Equal(got, [][]string{{"D1", "100.00", "1"}}) {
		t.Errorf("deals after the second batch rolled back: %v; want a.csv's row of batch 1", got)
	}
	if !rep.RolledBack || rep.Batch != 2 || !cmp.Equal(rep.Earlier, []int64{1}) {
		t.Errorf("report: rolled back %v, batch %d, earlier %v; want true, 2, [1]", rep.RolledBack, rep.Batch, rep.Earlier)
	}
	text := reportSays(t, rep, "Ingest batches 1, 2: batch 2 rolled back, the ones before it loaded",
		"b.csv changes rows that batch 1 loaded, so it began batch 2")
	for _, l := range strings.Split(text, "\n") {
		row := strings.Fields(l)
		if len(row) < 3 || row[1] != "sales" {
			continue // not a file's row of the table
		}
		want := map[string]string{"a.csv": "loaded", "b.csv": "rolled back", "c.csv": "failed"}[filepath.Base(row[0])]
		if got := strings.Join(row[2:len(row)-5], " "); got != want {
			t.Errorf("%s shows %q; want %q", filepath.Base(row[0]), got, want)
		}
	}
}

// reportSays writes rep's text report in English, wants each of lines in
// it, and returns it.
func reportSays(t *testing.T, rep Report, lines ...string) string {
	t.Helper()
	var text bytes.Buffer
	if err := rep.WriteTextIn(&text, i18n.EN); err != nil {
		t.Fatal(err)
	}
	for _, want := range lines {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the report does not say %q:\n%s", want, text.String())
		}
	}
	return text.String()
}
