//go:build unix

package warehouse

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the test under umask m, the usual 022 of a login shell
// or a systemd service, and restores the test process's own afterwards.
func withUmask(t *testing.T, m int) {
	old := syscall.Umask(m)
	t.Cleanup(func() { syscall.Umask(old) })
}

func perm(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestWarehouseFilesAreNotWorldReadable: under umask 022 DuckDB created
// the warehouse (all the exports' personal data) and its WAL 0644. A fresh
// warehouse in a folder that does not exist yet gets the folder 0750 and
// file and WAL without any permission for other users.
func TestWarehouseFilesAreNotWorldReadable(t *testing.T) {
	withUmask(t, 0o022)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "state", "salesops")
	path := filepath.Join(dir, "salesops.duckdb")
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// A write after a checkpoint makes DuckDB create the WAL afresh.
	for _, q := range []string{"CHECKPOINT", "CREATE TABLE t AS SELECT 1 AS a"} {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := perm(t, dir); got != 0o750 {
		t.Errorf("folder %s is %v, want 0750", dir, got)
	}
	for _, p := range []string{path, path + ".wal"} {
		if got := perm(t, p); got&0o007 != 0 {
			t.Errorf("%s is %v: readable by other users", p, got)
		}
	}
}

// TestOpenRestrictsAWorldReadableWarehouse: a file an older salesops left
// 0644 loses its "other" bits at the next open; the group's are kept.
func TestOpenRestrictsAWorldReadableWarehouse(t *testing.T) {
	withUmask(t, 0o022)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "salesops.duckdb")
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err = Open(ctx, path, Options{ReadOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got := perm(t, path); got != 0o640 {
		t.Errorf("%s is %v after open, want 0640", path, got)
	}
}
