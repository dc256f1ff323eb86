package warehouse

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// LastScheduled counts a slot as done only when its run ended ok or
// failed; catch-up reruns the others.
func TestLastScheduledCountsDoneSlots(t *testing.T) {
	oct, nov := time.Date(2026, 9, 30, 22, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 22, 0, 0, 0, time.UTC)
	tests := []struct {
		name          string
		octSt, novSt  string // statuses of the October and November slots' runs ("" none)
		want          time.Time
		wantAttempted bool
	}{
		{"both ok", "ok", "ok", nov, true},
		{"november failed after its retries", "ok", "failed", nov, true},
		{"november still marked running", "ok", StatusRunning, oct, true},
		{"november abandoned", "ok", StatusAbandoned, oct, true},
		{"november cancelled at shutdown", "ok", "cancelled", oct, true},
		{"november refused", "ok", StatusRefused, oct, true},
		{"the only run abandoned", "", StatusAbandoned, time.Time{}, true},
		{"never scheduled", "", "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			for _, r := range []struct {
				at     time.Time
				status string
			}{{oct, tt.octSt}, {nov, tt.novSt}} {
				if r.status == "" {
					continue
				}
				run := Run{Job: "monthly-bonus", Trigger: "schedule", ScheduledAt: r.at, StartedAt: r.at, FinishedAt: r.at, Status: r.status}
				if r.status == StatusRunning {
					_, err = w.StartRun(ctx, run)
				} else {
					_, err = w.RecordRun(ctx, run)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			got, attempted, err := w.LastScheduled(ctx, "monthly-bonus")
			if err != nil || !got.Equal(tt.want) || attempted != tt.wantAttempted {
				t.Errorf("LastScheduled = %s, %v, %v; want %s, %v", got, attempted, err, tt.want, tt.wantAttempted)
			}
		})
	}
}

func TestAbandonRunning(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	at := time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC)
	done, err := w.RecordRun(ctx, Run{Job: "refresh", StartedAt: at, FinishedAt: at, Status: "ok", PID: 11, Host: "box"})
	if err != nil {
		t.Fatal(err)
	}
	killed, err := w.StartRun(ctx, Run{Job: "monthly-bonus", Period: "2026-10", StartedAt: at, PID: 4242, Host: "box"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := w.AbandonRunning(ctx, "found by pid 7")
	if err != nil || len(got) != 1 || got[0].ID != killed {
		t.Fatalf("AbandonRunning = %+v, %v; want run %d only", got, err, killed)
	}
	runs, err := w.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	status := map[int64]string{}
	for _, r := range runs {
		status[r.ID] = r.Status
		if r.ID == killed && (r.Error != "its process (pid 4242 on box) ended without finishing it; found by pid 7" || r.PID != 4242 || r.Host != "box") {
			t.Errorf("abandoned run: %+v", r)
		}
	}
	if status[done] != "ok" || status[killed] != StatusAbandoned {
		t.Errorf("statuses %v", status)
	}
	if again, err := w.AbandonRunning(ctx, "x"); err != nil || len(again) != 0 {
		t.Errorf("second AbandonRunning = %v, %v; want nothing", again, err)
	}
	if !strings.Contains(runs[0].Error, "found by pid 7") {
		t.Errorf("newest run's error %q", runs[0].Error)
	}
}
