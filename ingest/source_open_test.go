package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/salesops/salesops/config"
)

// A file swapped after its inspection (the hash, the encoding check) and
// before its parse is not what the load reads: the load reads the file it
// inspected. Before, the parse opened the path again, so a swap for a
// symlink to a secret loaded the secret, and a swap for a FIFO blocked the
// run until a writer came.
func TestSwapAfterInspect(t *testing.T) {
	const secret = "SECRET-4711"
	book := func(id string) []byte {
		f := excelize.NewFile()
		defer f.Close()
		noErr(t, f.SetSheetRow("Sheet1", "A1", &[]any{"rep_id", "name"}))
		noErr(t, f.SetSheetRow("Sheet1", "A2", &[]any{id, "Ann"}))
		b, err := f.WriteToBuffer()
		noErr(t, err)
		return b.Bytes()
	}
	scratch := openWarehouse(t, "")
	parquet := func(id string) []byte {
		p := filepath.Join(t.TempDir(), "s.parquet")
		_, err := scratch.DB.Exec(fmt.Sprintf(`COPY (SELECT %s AS survey_id, 'C1' AS customer_id, DATE '2026-03-05' AS survey_date, 5 AS score) TO %s (FORMAT parquet)`, lit(id), lit(p)))
		noErr(t, err)
		b, err := os.ReadFile(p)
		noErr(t, err)
		return b
	}
	for _, file := range []struct {
		name, kind, table, key string
		data                   func(id string) []byte
	}{
		{"reps.csv", "reps", "reps", "rep_id", func(id string) []byte { return []byte("rep_id,name\n" + id + ",Ann\n") }},
		{"tickets.jsonl", "tickets", "tickets", "ticket_id", func(id string) []byte {
			return []byte(`{"ticket_id":"` + id + `","customer_id":"C1","opened_at":"2026-03-05 10:00"}` + "\n")
		}},
		{"reps.xlsx", "reps", "reps", "rep_id", book},
		{"surveys.parquet", "surveys", "surveys", "survey_id", parquet},
	} {
		for _, swap := range []struct {
			name string
			do   func(t *testing.T, path, dir string)
		}{
			{"symlink out of the folder", func(t *testing.T, path, dir string) {
				noErr(t, os.Remove(path))
				noErr(t, os.Symlink(filepath.Join(dir, "secret"+filepath.Ext(path)), path))
			}},
			{"FIFO", func(t *testing.T, path, dir string) {
				noErr(t, os.Remove(path))
				noErr(t, syscall.Mkfifo(path, 0o600))
			}},
			{"another file", func(t *testing.T, path, dir string) {
				noErr(t, os.Rename(filepath.Join(dir, "secret"+filepath.Ext(path)), path))
			}},
		} {
			t.Run(file.name+"/"+swap.name, func(t *testing.T) {
				dir := t.TempDir()
				writeFile(t, dir, "secret"+filepath.Ext(file.name), file.data(secret))
				path := writeFile(t, dir, "drop/"+file.name, file.data("R1"))
				var swapped atomic.Bool
				afterInspect = func(p string) {
					if p == path && !swapped.Swap(true) {
						swap.do(t, path, dir)
					}
				}
				defer func() { afterInspect = nil }()
				// Should the load open the FIFO, a writer comes every few
				// seconds (each open blocks anew), so that a failing test ends.
				var blocked atomic.Bool
				stop := make(chan struct{})
				defer close(stop)
				go func() {
					tick := time.NewTicker(3 * time.Second)
					defer tick.Stop()
					for {
						select {
						case <-stop:
							return
						case <-tick.C:
						}
						if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
							blocked.Store(true)
							f.Close()
						}
					}
				}()
				cfg := testConfig(t, dir, config.Source{Name: "s", Kind: file.kind, Path: "drop"})
				w := openWarehouse(t, filepath.Join(dir, "wh.duckdb"))
				_, err := Ingest(context.Background(), w, cfg, Options{})
				if !swapped.Load() {
					t.Fatal("the hook never ran")
				}
				if blocked.Load() {
					t.Fatal("the load opened the FIFO and waited for a writer")
				}
				if err != nil {
					t.Fatalf("ingest: %v", err)
				}
				got := queryStrings(t, w.DB, "SELECT "+ident(file.key)+" FROM "+ident(file.table))
				if len(got) != 1 || got[0][0] != "R1" {
					t.Errorf("loaded %v, want the inspected file's R1", got)
				}
			})
		}
	}
}

// The one open of a file refuses, without blocking, what is not a regular
// file, and a file outside the folder unless the source follows links.
func TestOpenSource(t *testing.T) {
	dir := t.TempDir()
	drop := filepath.Join(dir, "drop")
	writeFile(t, dir, "outside.csv", []byte("x\n"))
	writeFile(t, drop, "plain.csv", []byte("x\n"))
	writeFile(t, drop, "sub/real.csv", []byte("x\n"))
	noErr(t, os.Symlink("../outside.csv", filepath.Join(drop, "out.csv")))
	noErr(t, os.Symlink("sub/real.csv", filepath.Join(drop, "in.csv")))
	noErr(t, syscall.Mkfifo(filepath.Join(drop, "pipe.csv"), 0o600))
	for _, tc := range []struct {
		name, root string
		follow     bool
		refused    string // "" when opened
	}{
		{"plain.csv", drop, false, ""},
		{"in.csv", drop, false, ""},
		{"out.csv", drop, false, "outside the source's folder"},
		{"out.csv", drop, true, ""},
		{"out.csv", "", false, ""},
		{"pipe.csv", drop, true, "FIFO"},
	} {
		done := make(chan struct{})
		var err error
		var sf *sourceFile
		go func() {
			sf, err = openSource(filepath.Join(drop, tc.name), tc.root, tc.follow)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: opening blocks", tc.name)
		}
		switch {
		case tc.refused == "" && err != nil:
			t.Errorf("%s (root %q, follow %v): %v", tc.name, tc.root, tc.follow, err)
		case tc.refused != "" && (err == nil || !strings.Contains(err.Error(), tc.refused)):
			t.Errorf("%s (root %q, follow %v): err %v, want %q", tc.name, tc.root, tc.follow, err, tc.refused)
		}
		if sf != nil {
			sf.close()
		}
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// DuckDB reads a Parquet file by the /proc name of its opened handle, and
// fd numbers are reused: two files loaded one after the other under the
// same name must each read as itself, not as DuckDB's cached copy of the
// other.
func TestParquetByProcName(t *testing.T) {
	dir := t.TempDir()
	w := openWarehouse(t, filepath.Join(dir, "wh.duckdb"))
	used := map[string]bool{}
	for i := range 3 {
		p := filepath.Join(dir, fmt.Sprintf("%d.parquet", i))
		if _, err := w.DB.Exec(fmt.Sprintf(`COPY (SELECT 'S%d' AS a) TO %s (FORMAT parquet)`, i, lit(p))); err != nil {
			t.Fatal(err)
		}
		sf, err := openSource(p, "", false)
		if err != nil {
			t.Fatal(err)
		}
		var a string
		err = w.DB.QueryRowContext(context.Background(), "SELECT a FROM read_parquet("+lit(sf.name())+")").Scan(&a)
		sf.close()
		if err != nil || a != fmt.Sprintf("S%d", i) {
			t.Errorf("%s read by %s: %q, %v", p, sf.name(), a, err)
		}
		used[sf.name()] = true
	}
	t.Logf("names used: %v", used)
}
