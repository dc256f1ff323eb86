package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryWithoutAWarehouse: before any ingest, query exited 1 (an
// unexpected failure) though nothing is broken; a missing warehouse is a
// configuration condition, exit 2 with what to do, and nothing is created.
func TestQueryWithoutAWarehouse(t *testing.T) {
	tests := []struct {
		name, warehouse string
	}{
		{"default path", ""},
		{"folder that does not exist", "warehouse: nowhere/sales.duckdb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "salesops.yaml")
			text := "version: 1\n" + tt.warehouse + "sources:\n  - {name: roster, kind: reps, path: reps.csv}\n"
			if err := os.WriteFile(cfg, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "--config", cfg, "query", "SELECT 1")
			if code != 2 || !strings.Contains(stderr, "run an ingest first") || stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 saying to run an ingest first", code, stdout, stderr)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("query created files: %v", entries)
			}
		})
	}
}
