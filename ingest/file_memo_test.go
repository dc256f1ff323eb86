package ingest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// A rerun skips a file unchanged since it was hashed without hashing it
// again; a file whose content changed is loaded, even when its size and
// mtime are as they were (the memo's ctime and inode see the write), and
// a file too fresh for the memo is hashed.
func TestFileMemoSkipsOnlyUnchangedFiles(t *testing.T) {
	// Over 2 × 64 KiB, so a change in the middle is outside the sample.
	var body strings.Builder
	body.WriteString(salesHeader)
	for i := range 6000 {
		fmt.Fprintf(&body, "D%05d,R1,C1,won,100.50,2026-10-03,Product,yes\n", i)
	}
	orig := body.String()
	middle := strings.Replace(orig, "D03000,R1,C1,won,100.50", "D03000,R1,C1,won,200.50", 1)
	cases := []struct {
		name    string
		margin  time.Duration
		change  func(t *testing.T, path string)
		memo    bool   // the second run took the hash from the memo
		status  string // of the file in the second run
		updated int64
	}{
		{"unchanged", 0, nil, true, "skipped", 0},
		{"rewritten in the middle, same size, mtime set back", 0, func(t *testing.T, path string) {
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt([]byte(middle[len(orig)/2-1000:len(orig)/2+1000]), int64(len(orig)/2-1000)); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, false, "loaded", 1},
		{"replaced by a rename, same size and mtime", 0, func(t *testing.T, path string) {
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			tmp := filepath.Join(filepath.Dir(path), ".new")
			if err := os.WriteFile(tmp, []byte(middle), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(tmp, st.ModTime(), st.ModTime()); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}, false, "loaded", 1},
		{"too fresh to remember", time.Hour, nil, false, "skipped", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if middle == orig || len(middle) != len(orig) {
				t.Fatal("the changed export must differ and have the same size")
			}
			old := memoMargin
			memoMargin = c.margin
			t.Cleanup(func() { memoMargin = old })
			dir := t.TempDir()
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			path := writeFile(t, filepath.Join(dir, "in"), "sales/a.csv", []byte(orig))
			cfg := testConfig(t, dir, config.Source{Name: "sales", Kind: "sales", Path: filepath.Join(dir, "in", "sales", "*")})
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			if _, err := Ingest(context.Background(), w, cfg, Options{Log: log}); err != nil {
				t.Fatal(err)
			}
			if c.change != nil {
				c.change(t, path)
			}
			logs.Reset()
			rep, err := Ingest(context.Background(), w, cfg, Options{Log: log})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(logs.String(), "memo=true"); got != c.memo {
				t.Errorf("hash from the memo: %v, want %v\n%s", got, c.memo, logs.String())
			}
			if len(rep.Files) != 1 || rep.Files[0].Status != c.status || rep.Files[0].Updated != c.updated {
				t.Fatalf("second run: %+v, want the file %s with %d updated", rep.Files, c.status, c.updated)
			}
			var amount string
			if err := w.DB.QueryRow(`SELECT CAST(amount AS VARCHAR) FROM deals WHERE deal_id = 'D03000'`).Scan(&amount); err != nil {
				t.Fatal(err)
			}
			if want := map[bool]string{true: "200.50", false: "100.50"}[c.updated > 0]; amount != want {
				t.Errorf("D03000's amount is %s, want %s", amount, want)
			}
		})
	}
}

// A memo copy left by a process killed while saving is removed by the next
// save, so a crash leaves no stray file beside the warehouse.
func TestFileMemoSaveRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.duckdb.files.json")
	left := path + ".tmp-123456"
	if err := os.WriteFile(left, []byte("[{"), 0o640); err != nil {
		t.Fatal(err)
	}
	m := openMemo(path)
	m.remember(memoEntry{Path: "a.csv", Kind: "sales", Hash: "h"})
	if err := m.save(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != filepath.Base(path) {
		t.Errorf("the folder holds %v, want the memo alone", entries)
	}
	if got := openMemo(path).prev[memoKey("a.csv", "sales")].Hash; got != "h" {
		t.Errorf("the saved memo gives %q, want h", got)
	}
}
