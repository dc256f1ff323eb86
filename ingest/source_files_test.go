package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// A drop folder holding a link to a secret outside it, a link to nothing
// and a FIFO: the secret is not read (before, its first line was echoed
// into the error, the runs history, the warehouse and the workbook), and
// each entry is reported with why; a FIFO is never opened (it would block).
func TestDropFolderReadsOnlyItsOwnFiles(t *testing.T) {
	const secret = "SECRET-TOKEN-4711"
	for _, tc := range []struct {
		name     string
		follow   bool
		wantRead []string // base names of the files read
		wantWarn []string // base names reported as not read
		leaks    bool
	}{
		{name: "default", wantRead: []string{"good.csv", "inside.csv"}, wantWarn: []string{"leak.csv", "dangling.csv", "pipe.csv"}},
		{name: "follow_symlinks", follow: true, wantRead: []string{"good.csv", "inside.csv", "leak.csv"}, wantWarn: []string{"dangling.csv", "pipe.csv"}, leaks: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "secret.txt", []byte("password="+secret+"\n"))
			drop := filepath.Join(dir, "drop")
			writeFile(t, drop, "good.csv", []byte("rep_id,name\nR1,Ann\n"))
			writeFile(t, drop, "sub/real.csv", []byte("rep_id,name\nR2,Bo\n"))
			for link, target := range map[string]string{"leak.csv": "../secret.txt", "inside.csv": "sub/real.csv", "dangling.csv": "gone.csv"} {
				if err := os.Symlink(target, filepath.Join(drop, link)); err != nil {
					t.Fatal(err)
				}
			}
			if err := syscall.Mkfifo(filepath.Join(drop, "pipe.csv"), 0o600); err != nil {
				t.Skipf("no FIFOs here: %v", err)
			}
			var logs bytes.Buffer
			opt := Options{Log: slog.New(slog.NewTextHandler(&logs, nil))}
			cfg := testConfig(t, dir, config.Source{Name: "roster", Kind: "reps", Path: "drop/*.csv", FollowSymlinks: tc.follow})
			w := openWarehouse(t, filepath.Join(dir, "wh.duckdb"))
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			rep, err := Ingest(ctx, w, cfg, opt)
			var read []string
			for _, f := range rep.Files {
				read = append(read, filepath.Base(f.Path))
			}
			if strings.Join(read, " ") != strings.Join(slices.Sorted(slices.Values(tc.wantRead)), " ") {
				t.Errorf("read %v, want %v (err %v)", read, slices.Sorted(slices.Values(tc.wantRead)), err)
			}
			var summary bytes.Buffer
			if err := rep.WriteText(&summary); err != nil {
				t.Fatal(err)
			}
			for _, name := range tc.wantWarn {
				line := "Not read: " + filepath.Join(drop, name) + " (source roster): "
				if !strings.Contains(logs.String(), filepath.Join(drop, name)) || !strings.Contains(summary.String(), line) {
					t.Errorf("%s is not reported; summary:\n%s\nlog:\n%s", name, summary.String(), logs.String())
				}
			}
			if len(rep.NotRead) != len(tc.wantWarn) {
				t.Errorf("not read: %v, want %v", rep.NotRead, tc.wantWarn)
			}
			var stored bytes.Buffer
			for _, q := range []string{"SELECT * FROM rejects", "SELECT * FROM ingest_files", "SELECT * FROM ingest_batches", "SELECT * FROM ingest_warnings"} {
				for _, row := range queryStrings(t, w.DB, q) {
					stored.WriteString(strings.Join(row, " ") + "\n")
				}
			}
			leaked := err != nil && strings.Contains(err.Error(), secret) || strings.Contains(stored.String(), secret)
			if leaked != tc.leaks {
				t.Errorf("secret leaked = %v, want %v; err %v; stored:\n%s", leaked, tc.leaks, err, stored.String())
			}
			if !tc.leaks && err != nil {
				t.Errorf("ingest: %v", err)
			}
		})
	}
}

// A link out of the folder through a linked subfolder is a link out too.
func TestSourceFilesGlobThroughLinkedFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "elsewhere/deals.csv", []byte("x\n"))
	writeFile(t, dir, "drop/a/deals.csv", []byte("x\n"))
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "drop", "b")); err != nil {
		t.Fatal(err)
	}
	files, refused, err := sourceFiles(filepath.Join(dir, "drop", "*", "deals.csv"), config.Source{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !strings.HasSuffix(files[0], filepath.Join("a", "deals.csv")) {
		t.Errorf("files %v, want only drop/a/deals.csv", files)
	}
	if len(refused) != 1 || !strings.Contains(refused[0].why, "outside the source's folder") {
		t.Errorf("refused %v, want drop/b/deals.csv as outside the folder", refused)
	}
}
