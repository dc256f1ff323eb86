package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/faults"
)

// A process killed while creating the warehouse leaves a DuckDB file
// without the schema (it is applied in one transaction). A reader then gets
// what it gets for no file at all, a usage error saying to run an ingest,
// not DuckDB's catalog error on its first query (exit 1). Found by
// internal/cli's crash test, killing `run monthly-bonus` as it started.
func TestReadOnlyOpenOfAnUnfinishedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := sql.Open("duckdb", path)
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		name string
		opt  Options
	}{
		{"read-only", Options{ReadOnly: true}},
		{"sandbox", Options{Sandbox: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Open(ctx, path, tt.opt, nil)
			if err == nil {
				w.Close()
				t.Fatal("opened a file without the schema")
			}
			if !errors.Is(err, faults.ErrUsage) || !strings.Contains(err.Error(), "run an ingest first") {
				t.Fatalf("error %v (exit %d), want the usage error of no warehouse yet", err, faults.ExitCode(err))
			}
		})
	}
	// A writer finishes the file, and readers then open it.
	w, err := Open(ctx, path, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if w, err = Open(ctx, path, Options{ReadOnly: true}, nil); err != nil {
		t.Fatalf("read-only open after the schema is applied: %v", err)
	}
	w.Close()
}
