package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// TestRetriesAsWritten: `retries: 0` was read as unset and meant the
// default 3, so "no retry" could not be written. The count comes from the
// YAML text, as an operator writes it.
func TestRetriesAsWritten(t *testing.T) {
	tests := []struct {
		name      string
		retries   string // the source's retries line; empty: none
		wantCalls int64
	}{
		{"zero means one attempt", "retries: 0", 1},
		{"one retry", "retries: 1", 2},
		{"unset takes the default", "", 1 + config.DefaultSourceRetries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			defer srv.Close()
			dir := t.TempDir()
			text := fmt.Sprintf("version: 1\nsources:\n  - name: crm\n    kind: reps\n    url: %s/reps.csv\n    %s\n", srv.URL, tt.retries)
			cfg, err := config.Parse(filepath.Join(dir, "salesops.yaml"), []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			if _, err := Ingest(context.Background(), w, cfg, Options{Backoff: time.Millisecond}); err == nil {
				t.Fatal("ingest succeeded against a server answering 503")
			}
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("%d requests; want %d", got, tt.wantCalls)
			}
		})
	}
}
