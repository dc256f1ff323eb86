package cli

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/warehouse"
)

// export writes a lake once; a second time into the same folder exits 2
// and names --overwrite, which then replaces it; only --format parquet is
// known. (lake/export_test.go reads a lake back and checks its totals.)
func TestExportCommand(t *testing.T) {
	dir, cfg := queryWarehouse(t)
	out := filepath.Join(dir, "lake")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"first export", []string{"export", "--format", "parquet", out}, 0, "manifest: " + filepath.Join(out, "manifest.json")},
		{"again, into the lake", []string{"export", "--format", "parquet", out}, 2, "--overwrite"},
		{"again, overwriting", []string{"export", "--format", "parquet", "--overwrite", out}, 0, "exported"},
		{"another format", []string{"export", "--format", "csv", filepath.Join(dir, "csv")}, 2, `--format "csv"`},
		{"no folder", []string{"export", "--format", "parquet"}, 2, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, append([]string{"--config", cfg, "--quiet"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Fatalf("exit %d, want %d and %q\n%s\n%s", code, tt.code, tt.want, stdout, stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(out, "reps", "data_0.parquet")); err != nil {
		t.Errorf("the roster is not in the lake: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "csv")); err == nil {
		t.Errorf("a refused format wrote its folder")
	}
}

// exportHoldEnv names the warehouse a child test process holds open for
// writing, as a job does.
const exportHoldEnv = "SALESOPS_TEST_EXPORT_HOLD"

// TestExportHoldChild is the child of TestExportWhileAJobWrites: it opens
// the warehouse for writing, says so with a file, and waits to be killed.
func TestExportHoldChild(t *testing.T) {
	path := os.Getenv(exportHoldEnv)
	if path == "" {
		t.Skip("the child process of TestExportWhileAJobWrites")
	}
	w, err := warehouse.Open(context.Background(), path, warehouse.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := os.WriteFile(path+".held", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Minute)
}

// While another process writes the warehouse, export exits 4 as query
// does, and leaves no folder behind.
func TestExportWhileAJobWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir, cfg := queryWarehouse(t)
	wh := filepath.Join(dir, "salesops.duckdb")
	child := exec.Command(os.Args[0], "-test.run=^TestExportHoldChild$")
	child.Env = append(os.Environ(), exportHoldEnv+"="+wh)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(wh + ".held"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never opened the warehouse")
		}
	}
	before := snapshot(t, dir)
	code, _, stderr := run(t, "--config", cfg, "export", "--format", "parquet", filepath.Join(dir, "lake"))
	if code != 4 || !strings.Contains(stderr, "try again when it ends") {
		t.Fatalf("export during a write: exit %d, want 4\n%s", code, stderr)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("a refused export changed the project: %v → %v", before, after)
	}
}
