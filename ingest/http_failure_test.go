package ingest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// A source that cannot be fetched is a source failure (exit 6) whose
// message names the source and URL and points at the URL, network and
// token: it is not "the data failed a rule" (exit 3).
func TestUnreachableSourceIsASourceFailure(t *testing.T) {
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL + "/deals.csv"
	refused.Close() // nothing listens on its port any more
	tests := []struct {
		name      string
		status    int           // the server's answer; 0: refusedURL
		delay     time.Duration // the server's delay, against a 100ms timeout
		wantCalls int64         // 0: not counted
		want      string
	}{
		{"connection refused", 0, 0, 0, "connection refused"},
		{"not found", http.StatusNotFound, 0, 1, "HTTP 404 Not Found"},
		{"unauthorized", http.StatusUnauthorized, 0, 1, "HTTP 401 Unauthorized"},
		{"server error, retried", http.StatusBadGateway, 0, 3, "HTTP 502 Bad Gateway"},
		{"timeout", http.StatusOK, 5 * time.Second, 3, "deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := refusedURL
			var calls atomic.Int64
			if tt.status != 0 {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					calls.Add(1)
					select {
					case <-time.After(tt.delay):
					case <-r.Context().Done():
						return
					}
					w.WriteHeader(tt.status)
				}))
				defer srv.Close()
				u = srv.URL + "/deals.csv"
			}
			dir := t.TempDir()
			cfg := testConfig(t, dir, config.Source{Name: "crm", Kind: "reps", URL: u, Retries: new(2), Timeout: config.Duration(100 * time.Millisecond)})
			w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
			_, err := Ingest(context.Background(), w, cfg, Options{Backoff: time.Millisecond})
			var serr *SourceError
			if !errors.As(err, &serr) || faults.ExitCode(err) != faults.ExitSource {
				t.Fatalf("got %v (exit %d); want a source error, exit 6", err, faults.ExitCode(err))
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "source crm ("+u+"): could not fetch: ") || !strings.HasSuffix(msg, "; check the URL/network/token") || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q; want the source, the URL, %q and the hint", msg, tt.want)
			}
			if tt.wantCalls != 0 && calls.Load() != tt.wantCalls {
				t.Errorf("%d requests; want %d", calls.Load(), tt.wantCalls)
			}
		})
	}
}

// A run cancelled while it downloads is cancelled, not a source failure:
// an optional source must not turn a cancel into a run on stale data.
func TestCancelledDownloadIsNotASourceFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	dir := t.TempDir()
	cfg := testConfig(t, dir, config.Source{Name: "crm", Kind: "reps", URL: srv.URL + "/r.csv", Optional: true})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := Ingest(ctx, w, cfg, Options{Backoff: time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, faults.ErrSource) {
		t.Fatalf("got %v; want the run's own deadline, not a source failure", err)
	}
}

// An optional source that cannot be fetched leaves the batch to go on with
// what the warehouse holds from it; the report and an undated ingest
// warning (which the reports' data-quality notes show) say so, until the
// source is fetched again.
func TestOptionalSourceFailsOver(t *testing.T) {
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("rep_id,name\nR1,Ann\n"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	u := srv.URL + "/reps.csv"
	cfg := testConfig(t, dir, config.Source{Name: "crm", Kind: "reps", URL: u, Optional: true, Retries: new(1)})
	w := openWarehouse(t, filepath.Join(dir, "w.duckdb"))
	ingest := func() Report {
		t.Helper()
		rep, err := Ingest(context.Background(), w, cfg, Options{Backoff: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	warnings := func() [][]string {
		return queryStrings(t, w.DB, "SELECT source, kind, file, code FROM ingest_warnings WHERE code = 'source_not_fetched'")
	}
	ingest()
	down.Store(true)
	rep := ingest()
	if len(rep.FailedSources) != 1 || rep.FailedSources[0].Source != "crm" || !strings.Contains(rep.FailedSources[0].Error, "HTTP 503") {
		t.Fatalf("failed sources %+v", rep.FailedSources)
	}
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "WARNING optional source crm ("+u+"): could not fetch: HTTP 503") {
		t.Errorf("report text:\n%s", text.String())
	}
	if got := queryStrings(t, w.DB, "SELECT rep_id, name FROM reps"); len(got) != 1 || got[0][1] != "Ann" {
		t.Errorf("reps after the failed fetch: %v; want the earlier load", got)
	}
	if got := warnings(); len(got) != 1 || got[0][0] != "crm" || got[0][2] != u {
		t.Errorf("ingest warnings %v; want one for crm", got)
	}
	ingest() // still down: one note, not two
	if got := warnings(); len(got) != 1 {
		t.Errorf("ingest warnings %v after a second failure; want one", got)
	}
	down.Store(false)
	if rep := ingest(); len(rep.FailedSources) != 0 || len(warnings()) != 0 {
		t.Errorf("after the source is back: failed %v, warnings %v", rep.FailedSources, warnings())
	}
}
