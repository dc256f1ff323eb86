package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
)

// TestSourceURLKeyIsNeverShown: a url source's query (where export
// endpoints often take their key) was printed as written in errors, logs,
// the report, the rejects and the ingest warnings that reports' data-quality
// notes show. Every one of them now names the URL with its values redacted.
func TestSourceURLKeyIsNeverShown(t *testing.T) {
	const secret = "s3cretKEY"
	var status atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s := int(status.Load()); s != http.StatusOK {
			w.WriteHeader(s)
			return
		}
		w.Write([]byte("rep_id,name\nR1,Ann\n,Bob\n")) // line 3 is rejected: no rep_id
	}))
	defer srv.Close()
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL + "/reps.csv?api_key=" + secret
	refused.Close()

	tests := []struct {
		name     string
		url      string
		status   int
		optional bool
		wantErr  bool
	}{
		{"loaded with a reject", srv.URL + "/reps.csv?api_key=" + secret + "&page=1", http.StatusOK, false, false},
		{"optional, server down", srv.URL + "/reps.csv?api_key=" + secret, http.StatusServiceUnavailable, true, false},
		{"required, server down", srv.URL + "/reps.csv?api_key=" + secret, http.StatusBadGateway, false, true},
		{"required, connection refused", refusedURL, http.StatusOK, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status.Store(int64(tt.status))
			dir := t.TempDir()
			cfg := testConfig(t, dir, config.Source{Name: "crm", Kind: "reps", URL: tt.url, Optional: tt.optional,
				Retries: new(1), RejectThreshold: ptrDecimal(t, "1")})
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			rep, err := Ingest(context.Background(), w, cfg, Options{Log: log, Backoff: time.Millisecond})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want an error: %v", err, tt.wantErr)
			}
			var shown strings.Builder
			if err != nil {
				shown.WriteString(err.Error() + "\n")
			}
			rep.WriteText(&shown)
			js, _ := json.Marshal(rep) // what the run history keeps
			shown.Write(js)
			shown.WriteString(logs.String())
			shown.WriteString(warehouseText(t, w.DB))
			if strings.Contains(shown.String(), secret) {
				t.Errorf("the key shows:\n%s", shown.String())
			}
			if !strings.Contains(shown.String(), "api_key=REDACTED") {
				t.Errorf("the URL is not named at all:\n%s", shown.String())
			}
			if tt.status == http.StatusOK && !tt.wantErr && !strings.Contains(shown.String(), "rejects: {") {
				t.Errorf("no reject recorded, so its file was not checked:\n%s", shown.String())
			}
		})
	}
}

func ptrDecimal(t *testing.T, s string) *config.Decimal {
	t.Helper()
	d := config.D(s)
	return &d
}

// warehouseText is every row of every table of the warehouse as text.
func warehouseText(t *testing.T, db *sql.DB) string {
	t.Helper()
	tables := queryStrings(t, db, "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1")
	var b strings.Builder
	for _, tb := range tables {
		rows := queryStrings(t, db, `SELECT t::VARCHAR FROM "`+tb[0]+`" AS t`)
		for _, r := range rows {
			b.WriteString(tb[0] + ": " + r[0] + "\n")
		}
	}
	return b.String()
}
