//go:build unix

package jobs

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestLockMakesTheWarehouseFolderPrivately: a warehouse path in a folder
// that does not exist failed with exit 1 (the lock file could not be
// created), and under umask 022 the lock file was 0644. The folder is now
// made 0750 and the lock is 0640.
func TestLockMakesTheWarehouseFolderPrivately(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := filepath.Join(t.TempDir(), "var", "salesops")
	l, err := AcquireLock(context.Background(), filepath.Join(dir, "salesops.duckdb"), Holder{Job: "test"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	for p, want := range map[string]os.FileMode{dir: 0o750, filepath.Join(dir, "salesops.duckdb.lock"): 0o640} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s is %v, want %v", p, got, want)
		}
	}
}
