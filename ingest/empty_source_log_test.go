package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesops/salesops/config"
)

// TestEmptySourceSaidOnce: a drop folder with no file was logged as a
// warning and then listed again by the report ("No files in …"). The
// report's line stays; the log line is debug, for whoever traces a run.
func TestEmptySourceSaidOnce(t *testing.T) {
	tests := []struct {
		name      string
		level     slog.Level
		wantInLog bool
	}{
		{"info", slog.LevelInfo, false},
		{"debug", slog.LevelDebug, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "reps.csv", []byte("rep_id,name\nS1,Ann\n"))
			cfg := testConfig(t, dir,
				config.Source{Name: "roster", Kind: "reps", Path: "reps.csv"},
				config.Source{Name: "crm", Kind: "sales", Path: "drop/sales/*.csv"})
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: tt.level}))
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			rep, err := Ingest(context.Background(), w, cfg, Options{Log: log})
			if err != nil {
				t.Fatal(err)
			}
			var text bytes.Buffer
			if err := rep.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(text.String(), "No files in "); n != 1 || !strings.Contains(text.String(), "(source crm)") {
				t.Errorf("report says %d times that a source has no files:\n%s", n, text.String())
			}
			if got := strings.Contains(logs.String(), "no files match the source path"); got != tt.wantInLog {
				t.Errorf("at level %v the log has the empty source: %v, want %v\n%s", tt.level, got, tt.wantInLog, logs.String())
			}
		})
	}
}
