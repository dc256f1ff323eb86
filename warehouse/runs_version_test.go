package warehouse

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestRunsRecordVersion: the build that ran a job is kept with the run, and
// a file written before the version column still reads (read-only opens
// cannot add it).
func TestRunsRecordVersion(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		dropColumn bool
		want       string
	}{
		{"current schema", false, "salesops v1.2.3 (revision eef4b769e1b2)"},
		{"file from before the version column", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.duckdb")
			w, err := Open(ctx, path, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.RecordRun(ctx, Run{Job: "refresh", StartedAt: at, FinishedAt: at, Status: "ok", Version: "salesops v1.2.3 (revision eef4b769e1b2)"}); err != nil {
				t.Fatal(err)
			}
			if tt.dropColumn {
				if _, err := w.DB.ExecContext(ctx, `ALTER TABLE runs DROP COLUMN version`); err != nil {
					t.Fatal(err)
				}
			}
			w.Close()
			ro, err := Open(ctx, path, Options{ReadOnly: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			runs, err := ro.Runs(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 1 || runs[0].Version != tt.want {
				t.Fatalf("runs = %+v; want one run with version %q", runs, tt.want)
			}
		})
	}
}
