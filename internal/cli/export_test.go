package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
