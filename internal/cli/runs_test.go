package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

const runsChildConfig = "SALESOPS_TEST_RUNS_CHILD"

// runsChild holds the warehouse as a job does: lock, DuckDB file, a run
// recorded as running, until it is killed.
func runsChild(cfgPath string) int {
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return 1
	}
	r := &jobs.Runner{Config: cfg, Now: func() time.Time { return time.Date(2026, 12, 5, 9, 0, 0, 0, cfg.Location) },
		Ingest: func(context.Context, *warehouse.Warehouse) (any, int64, error) {
			_ = os.WriteFile(cfgPath+".started", nil, 0o600)
			time.Sleep(time.Minute) // killed long before
			return nil, 0, nil
		}}
	_, err = r.Run(context.Background(), jobs.Request{Job: jobs.JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		return 1
	}
	return 0
}

// `salesops runs` answers on a new warehouse, and while a job holds the
// warehouse it answers from the journal, with the refused attempt; after
// the job's process is killed it shows the run abandoned.
func TestRunsBeforeDuringAndAfterAJob(t *testing.T) {
	if p := os.Getenv(runsChildConfig); p != "" {
		os.Exit(runsChild(p))
	}
	dir := t.TempDir()
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatal(stderr)
	}
	cfg := filepath.Join(dir, "salesops.yaml")
	code, stdout, stderr := run(t, "--config", cfg, "runs")
	if code != 0 || strings.Count(stdout, "\n") != 1 || !strings.HasPrefix(stdout, "RUN") {
		t.Fatalf("runs on a new warehouse: exit %d, want 0 and an empty table\n%s%s", code, stdout, stderr)
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}

	child := exec.Command(os.Args[0], "-test.run=^TestRunsBeforeDuringAndAfterAJob$")
	child.Env = append(os.Environ(), runsChildConfig+"="+cfg)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(cfg + ".started"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child never started its run")
		}
	}
	if code, _, stderr := run(t, "--config", cfg, "run", "monthly-bonus", "--period", "2026-09"); code != 4 {
		t.Fatalf("a run while another holds the warehouse: exit %d, want 4\n%s", code, stderr)
	}
	code, stdout, stderr = run(t, "--config", cfg, "runs")
	busy := "warehouse busy (job monthly-bonus 2026-10 since "
	if code != 0 || !strings.HasPrefix(stdout, busy) || !strings.Contains(stdout, "history from the journal") {
		t.Fatalf("runs during a job: exit %d, want 0 and %q…\n%s%s", code, busy, stdout, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 || !strings.Contains(lines[2], "monthly-bonus  2026-09") || !strings.Contains(lines[2], "refused") ||
		!strings.Contains(lines[3], "monthly-bonus  2026-10") || !strings.Contains(lines[3], "running") {
		t.Errorf("runs during a job, want the refused attempt and the running run:\n%s", stdout)
	}
	// query cannot read while DuckDB's file is open for writing; it says
	// who writes and where the history is, not DuckDB's lock message.
	code, _, stderr = run(t, "--config", cfg, "query", "SELECT 1")
	if code != 4 || !strings.Contains(stderr, "being written by monthly-bonus 2026-10 (pid ") ||
		!strings.Contains(stderr, "salesops runs") || strings.Contains(stderr, "Could not set lock") {
		t.Errorf("query during a job: exit %d, want 4 naming the job and runs\n%s", code, stderr)
	}
	if code, stdout, stderr = run(t, "--config", cfg, "runs", "--json"); code != 0 || !strings.HasPrefix(stderr, busy) || strings.Count(stdout, "\n") != 2 {
		t.Errorf("runs --json during a job: exit %d\n%s%s", code, stdout, stderr)
	}

	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	code, stdout, stderr = run(t, "--config", cfg, "runs")
	if code != 0 || strings.Contains(stdout, "running") || !strings.Contains(stdout, "abandoned") || strings.Contains(stdout, "busy") {
		t.Errorf("runs after the job's process was killed: exit %d, want its run abandoned\n%s%s", code, stdout, stderr)
	}
	// No process has taken the lock since: the refused attempt is still
	// only in the journal, and shown.
	if !strings.Contains(stdout, "refused") {
		t.Errorf("runs after the job's process was killed lacks the refused attempt:\n%s", stdout)
	}
}
