//go:build unix

package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestIngestMakesAPrivateWarehouseFolder: with the warehouse configured in
// a folder that does not exist, ingest exited 1 (the lock file could not
// be created); under umask 022 the warehouse and its lock came out 0644.
// Now the folder is made and nothing in it is open to other users.
func TestIngestMakesAPrivateWarehouseFolder(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	cfg := filepath.Join(dir, "salesops.yaml")
	for name, text := range map[string]string{
		cfg:                            "version: 1\nwarehouse: state/db/salesops.duckdb\nsources:\n  - {name: roster, kind: reps, path: reps.csv}\n",
		filepath.Join(dir, "reps.csv"): "rep_id,name\nS1,Ann\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, stdout, stderr := run(t, "--config", cfg, "--quiet", "ingest"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, stdout, stderr)
	}
	var seen []string
	err := filepath.WalkDir(filepath.Join(dir, "state"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		seen = append(seen, d.Name())
		if fi.Mode().Perm()&0o007 != 0 {
			t.Errorf("%s is %v: open to other users", p, fi.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 4 { // state, db, the warehouse, its lock
		t.Errorf("found only %v under state/", seen)
	}
}
