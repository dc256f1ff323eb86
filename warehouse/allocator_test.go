package warehouse

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOpenSetsTheAllocator: every way of opening a warehouse has DuckDB's
// allocator give freed memory back (allocator.go), whether the settings go
// in as statements or in the DSN of a confined database.
func TestOpenSetsTheAllocator(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"read-write", Options{MemoryLimit: "300MB"}},
		{"read-only", Options{ReadOnly: true}},
		{"sandbox", Options{Sandbox: true}},
		{"export", Options{WriteUnder: t.TempDir()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := Open(ctx, path, tc.opt, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			var flush, background string
			if err := w.DB.QueryRowContext(ctx, `SELECT current_setting('allocator_bulk_deallocation_flush_threshold')::VARCHAR,
				current_setting('allocator_background_threads')::VARCHAR`).Scan(&flush, &background); err != nil {
				t.Fatal(err)
			}
			if flush != "30.5 MiB" || background != "true" {
				t.Errorf("bulk deallocation flush threshold %q, background threads %q; want 30.5 MiB (32MB) and true", flush, background)
			}
		})
	}
}
