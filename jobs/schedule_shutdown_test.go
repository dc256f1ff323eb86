package jobs

import (
	"context"
	"github.com/salesops/salesops/reports"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// SIGTERM arrives as a cancelled context while a job is writing a report.
// Within the grace period the job finishes and its report is whole; past
// it the job's context is cancelled and no report, whole or partial, is
// left behind.
func TestShutdownDuringJob(t *testing.T) {
	const grace = 2 * time.Minute
	tests := []struct {
		name         string
		finishInTime bool
		wantFiles    map[string]string
		wantCancelAt time.Time
	}{
		{name: "finishes within grace", finishInTime: true, wantFiles: map[string]string{"bonus-2026-10.csv": "rep_id,allocation\nR1,100.00\n"}},
		{name: "overruns grace", wantFiles: map[string]string{}, wantCancelAt: sh("2026-11-03 11:02:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			started, release := make(chan struct{}), make(chan struct{})
			var cancelledAt time.Time
			var h *harness
			run := func(ctx context.Context, req Request) error {
				return reports.WriteFile(ctx, filepath.Join(dir, "bonus-"+req.Period+".csv"), func(w io.Writer) error {
					if _, err := io.WriteString(w, "rep_id,allocation\n"); err != nil {
						return err
					}
					close(started)
					select {
					case <-release:
					case <-ctx.Done():
						cancelledAt = h.clock.Now()
					}
					_, err := io.WriteString(w, "R1,100.00\n")
					return err
				})
			}
			h = start(t, sh("2026-11-03 10:30:00"), SchedulerConfig{Jobs: []JobSpec{{Name: "refresh", Cron: "0 * * * *"}}, Grace: grace, Retries: 3, Backoff: time.Minute}, newFakeHistory(), run)
			h.armed(1)
			h.advanceTo(sh("2026-11-03 11:00:00"))
			h.nextCall()
			<-started

			h.cancel() // SIGTERM
			h.logs.wait(t, "waiting for the running job to finish", 1)
			if tt.finishInTime {
				h.advanceTo(sh("2026-11-03 11:01:59"))
				close(release)
			} else {
				h.advanceTo(sh("2026-11-03 11:01:59"))
				if !cancelledAt.IsZero() {
					t.Errorf("job cancelled at %s, inside the grace period", cancelledAt)
				}
				h.advanceTo(sh("2026-11-03 11:02:00"))
			}
			if rest := h.stop(); len(rest) != 0 {
				t.Errorf("ran again after shutdown: %v", rest)
			}
			if !cancelledAt.Equal(tt.wantCancelAt) {
				t.Errorf("job context cancelled at %v, want %v", cancelledAt, tt.wantCancelAt)
			}
			if d := cmp.Diff(tt.wantFiles, readDir(t, dir)); d != "" {
				t.Errorf("output folder (-want +got):\n%s", d)
			}
		})
	}
}

// Requests still queued behind the running job when shutdown starts are
// not started.
func TestShutdownDropsQueuedJobs(t *testing.T) {
	release := make(chan struct{})
	run := func(ctx context.Context, req Request) error {
		if req.Job == "refresh" {
			<-release
		}
		return nil
	}
	jobs := []JobSpec{{Name: "refresh", Cron: "0 * * * *"}, {Name: "monthly-bonus", Cron: "30 11 3 11 *"}}
	h := start(t, sh("2026-11-03 10:30:00"), SchedulerConfig{Jobs: jobs, Grace: time.Minute}, newFakeHistory(), run)
	h.armed(2)
	h.advanceTo(sh("2026-11-03 11:00:00"))
	first := h.nextCall()
	h.armed(2)
	h.advanceTo(sh("2026-11-03 11:30:00"))
	h.logs.wait(t, "job queued", 2)
	h.cancel()
	h.logs.wait(t, "waiting for the running job to finish", 1)
	close(release)
	if rest := h.stop(); len(rest) != 0 || first.Req.Job != "refresh" {
		t.Errorf("ran %v then %v; want refresh only", first, rest)
	}
	if r := h.logs.wait(t, "queued job not started", 1); r.Attrs["job"] != "monthly-bonus" {
		t.Errorf("dropped %v, want monthly-bonus", r.Attrs)
	}
}

// readDir maps every file in dir, hidden temporary files included, to its
// content.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}
