package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/warehouse"
)

// The environment of a child of TestKilledRunIsAbandoned.
const (
	killChildDir     = "SALESOPS_TEST_KILL_DIR"
	killChildTrigger = "SALESOPS_TEST_KILL_TRIGGER"
)

// bonusSlot is the cron slot of calendarJobs' monthly-bonus that the killed
// scheduled run stands for.
var bonusSlot = sh("2026-11-01 06:00:00")

// bonusCaseRunner runs monthly-bonus on the warehouse of dir with the
// hand-computed bonus case as its data; hold, if set, runs inside the ingest
// after the data is in (with the lock and the DuckDB file held).
func bonusCaseRunner(dir string, log *slog.Logger, hold func()) (*Runner, error) {
	cfg, err := config.Parse(filepath.Join(dir, "salesops.yaml"), []byte("version: 1\n"))
	if err != nil {
		return nil, err
	}
	fixture, err := os.ReadFile("../transform/testdata/bonus_case.sql")
	if err != nil {
		return nil, err
	}
	ingest := func(ctx context.Context, w *warehouse.Warehouse) (any, int64, error) {
		var n int
		if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM reps").Scan(&n); err != nil {
			return nil, 0, err
		}
		if n == 0 {
			if _, err := w.DB.ExecContext(ctx, string(fixture)); err != nil {
				return nil, 0, err
			}
		}
		if hold != nil {
			hold()
		}
		return nil, 0, nil
	}
	now := func() time.Time { return time.Date(2026, 12, 5, 9, 0, 0, 0, cfg.Location) }
	return &Runner{Config: cfg, Ingest: ingest, Log: log, Now: now}, nil
}

// childKilledRun is the child: it starts monthly-bonus 2026-10, leaves a
// download folder as an ingest does, says "started" and waits to be killed.
func childKilledRun(dir, trigger string) int {
	r, err := bonusCaseRunner(dir, nil, func() {
		tmp := filepath.Join(os.TempDir(), fmt.Sprintf("salesops-ingest-%d.%s-1", os.Getpid(), proc.Hostname()))
		_ = os.Mkdir(tmp, 0o700)
		_ = os.WriteFile(filepath.Join(dir, "started"), nil, 0o600)
		time.Sleep(time.Minute) // killed long before
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return faults.ExitUnexpected
	}
	req := Request{Job: JobMonthlyBonus, Period: "2026-10", Trigger: trigger}
	if trigger == TriggerSchedule {
		req.ScheduledAt = bonusSlot
	}
	_, err = r.Run(context.Background(), req)
	fmt.Fprintln(os.Stderr, "the run returned:", err)
	return faults.ExitCode(err)
}

// TestKilledRunIsAbandoned: a run SIGKILLed mid-way is marked abandoned by
// the next process that takes the lock, which also copies the attempt
// refused during the run into the history and removes the dead run's
// download folder (not a live process's); a scheduler restarted after a
// killed scheduled run catches its slot up.
func TestKilledRunIsAbandoned(t *testing.T) {
	if dir := os.Getenv(killChildDir); dir != "" {
		os.Exit(childKilledRun(dir, os.Getenv(killChildTrigger)))
	}
	if testing.Short() {
		t.Skip("starts and kills child processes")
	}
	tests := []struct {
		trigger string
		next    func(t *testing.T, dir string) // what starts next: a scheduler, or a manual run
		want    []string                       // trigger/status of the history, oldest first
	}{
		{TriggerSchedule, restartScheduler, []string{"schedule/abandoned", "manual/refused", "catch-up/ok"}},
		{TriggerManual, rerunByHand, []string{"manual/abandoned", "manual/refused", "manual/ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.trigger, func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			t.Setenv("TMPDIR", tmp)
			live := filepath.Join(tmp, fmt.Sprintf("salesops-ingest-%d.%s-live", os.Getpid(), proc.Hostname()))
			if err := os.Mkdir(live, 0o700); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunIsAbandoned$")
			cmd.Env = append(os.Environ(), killChildDir+"="+dir, killChildTrigger+"="+tt.trigger)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			defer cmd.Process.Kill()
			waitFile(t, filepath.Join(dir, "started"), exited, &stderr)
			dead := filepath.Join(tmp, fmt.Sprintf("salesops-ingest-%d.%s-1", cmd.Process.Pid, proc.Hostname()))

			// While it runs, a manual run is refused; the journal shows both.
			r, err := bonusCaseRunner(dir, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.Run(context.Background(), Request{Job: JobMonthlyBonus, Period: "2026-10"}); faults.ExitCode(err) != faults.ExitLocked {
				t.Fatalf("a run during the child's: %v, want exit 4", err)
			}
			wh := filepath.Join(dir, "salesops.duckdb")
			if got := journalStatuses(t, wh, ReadHolder(wh)); got != "manual/refused "+tt.trigger+"/running" {
				t.Errorf("journal during the run: %s", got)
			}

			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-exited
			// Before anyone takes the lock, the journal already shows it.
			if got := journalStatuses(t, wh, ReadHolder(wh)); got != "manual/refused "+tt.trigger+"/abandoned" {
				t.Errorf("journal after the kill: %s", got)
			}

			tt.next(t, dir)

			w, err := warehouse.Open(context.Background(), wh, warehouse.Options{ReadOnly: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			runs, err := w.Runs(context.Background(), 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := len(runs) - 1; i >= 0; i-- {
				got = append(got, runs[i].Trigger+"/"+runs[i].Status)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("history %v, want %v", got, tt.want)
			}
			first := runs[len(runs)-1]
			if wantErr := fmt.Sprintf("its process (pid %d on ", cmd.Process.Pid); first.PID != cmd.Process.Pid || !strings.HasPrefix(first.Error, wantErr) {
				t.Errorf("abandoned run: pid %d, error %q; want pid %d and %q…", first.PID, first.Error, cmd.Process.Pid, wantErr)
			}
			if tt.trigger == TriggerSchedule && !runs[0].ScheduledAt.Equal(bonusSlot) {
				t.Errorf("caught up slot %s, want %s", runs[0].ScheduledAt, bonusSlot)
			}
			if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the killed run's download folder is still there (%v)", err)
			}
			if _, err := os.Stat(live); err != nil {
				t.Errorf("a live process's download folder was removed: %v", err)
			}
		})
	}
}

// restartScheduler starts the scheduler after the kill, on a fake clock two
// days after the slot, with the real history, and waits for its catch-up.
func restartScheduler(t *testing.T, dir string) {
	done := make(chan Request, 1)
	r, err := bonusCaseRunner(dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScheduler(SchedulerConfig{
		Jobs: calendarJobs[:1], Location: shanghai, Clock: clockwork.NewFakeClockAt(sh("2026-11-03 10:00:00")),
		History: WarehouseHistory{Path: r.Config.WarehousePath()}, PeriodFor: periodFor,
		Run: func(ctx context.Context, req Request) error {
			_, err := r.Run(ctx, req)
			done <- req
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- s.Run(ctx) }()
	select {
	case req := <-done:
		want := Request{Job: JobMonthlyBonus, Period: "2026-10", Trigger: TriggerCatchUp, ScheduledAt: bonusSlot}
		if req != want {
			t.Errorf("caught up %+v, want %+v", req, want)
		}
	case <-time.After(30 * time.Second):
		t.Error("the restarted scheduler did not catch up the killed run's slot")
	}
	cancel()
	if err := <-stopped; err != nil {
		t.Error(err)
	}
}

// rerunByHand is the operator running the job again.
func rerunByHand(t *testing.T, dir string) {
	r, err := bonusCaseRunner(dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Run(context.Background(), Request{Job: JobMonthlyBonus, Period: "2026-10"}); err != nil {
		t.Fatal(err)
	}
}

// journalStatuses is trigger/status of each run the journal shows, newest first.
func journalStatuses(t *testing.T, wh string, h Holder) string {
	t.Helper()
	runs, err := JournalRuns(wh, h)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, r := range runs {
		s = append(s, r.Trigger+"/"+r.Status)
	}
	return strings.Join(s, " ")
}

// waitFile waits for path to appear while the child runs.
func waitFile(t *testing.T, path string, exited <-chan error, stderr *bytes.Buffer) {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		select {
		case err := <-exited:
			t.Fatalf("the child ended (%v) before %s; it said: %s", err, filepath.Base(path), stderr.String())
		case <-deadline:
			t.Fatalf("the child never got to %s; it said: %s", filepath.Base(path), stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}
