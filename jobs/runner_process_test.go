package jobs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/warehouse"
)

// childRun is the body of a child process of TestTwoProcessesOneWarehouse:
// one `monthly-bonus` run on the shared folder, exiting with the code the
// CLI would give.
func childRun(dir, hold string) int {
	cfg, err := config.Parse(filepath.Join(dir, "salesops.yaml"), []byte("version: 1\n"))
	if err != nil {
		return faults.ExitUsage
	}
	fixture, err := os.ReadFile("../transform/testdata/bonus_case.sql")
	if err != nil {
		return faults.ExitUnexpected
	}
	ingest := func(ctx context.Context, w *warehouse.Warehouse) (any, int64, error) {
		// Hold the warehouse until the parent says the other process has
		// tried: no timing assumption about how fast processes start.
		for deadline := time.Now().Add(time.Minute); hold != "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err := os.Stat(hold); err == nil {
				break
			}
		}
		var n int
		if err := w.DB.QueryRowContext(ctx, "SELECT count(*) FROM reps").Scan(&n); err != nil || n > 0 {
			return nil, 0, err
		}
		_, err := w.DB.ExecContext(ctx, string(fixture))
		return nil, 0, err
	}
	r := &Runner{Config: cfg, Ingest: ingest, Now: func() time.Time { return time.Date(2026, 12, 5, 9, 0, 0, 0, cfg.Location) }}
	_, err = r.Run(context.Background(), Request{Job: JobMonthlyBonus, Period: "2026-10"})
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
	}
	return faults.ExitCode(err)
}

func TestTwoProcessesOneWarehouse(t *testing.T) {
	if dir := os.Getenv("SALESOPS_TEST_CHILD_DIR"); dir != "" {
		os.Exit(childRun(dir, os.Getenv("SALESOPS_TEST_CHILD_HOLD")))
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	shared, single := t.TempDir(), t.TempDir()
	release := filepath.Join(t.TempDir(), "release")
	start := func(dir string, hold bool) (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTwoProcessesOneWarehouse$")
		cmd.Env = append(os.Environ(), "SALESOPS_TEST_CHILD_DIR="+dir)
		if hold {
			cmd.Env = append(cmd.Env, "SALESOPS_TEST_CHILD_HOLD="+release)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &stderr
	}
	exitCode := func(cmd *exec.Cmd) int {
		var ee *exec.ExitError
		if err := cmd.Wait(); errors.As(err, &ee) {
			return ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0
	}
	first, _ := start(shared, true)
	// Wait until the first process holds the lock (its name is in the file).
	lockFile := filepath.Join(shared, "salesops.duckdb.lock")
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if b, _ := os.ReadFile(lockFile); bytes.Contains(b, []byte("monthly-bonus")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first process never took the lock")
		}
	}
	second, stderr := start(shared, false)
	c2 := exitCode(second)
	// A reader (salesops runs, query) meanwhile gets exit 4 too, not
	// DuckDB's raw lock error.
	if _, err := warehouse.Open(context.Background(), filepath.Join(shared, "salesops.duckdb"), warehouse.Options{ReadOnly: true}, nil); faults.ExitCode(err) != faults.ExitLocked {
		t.Errorf("read-only open while a job writes: %v (exit %d, want 4)", err, faults.ExitCode(err))
	}
	if err := os.WriteFile(release, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c1 := exitCode(first)
	if c1 != 0 || c2 != faults.ExitLocked || !bytes.Contains(stderr.Bytes(), []byte("in use by monthly-bonus 2026-10")) {
		t.Fatalf("exit codes %d and %d (want 0 and 4); second said: %s", c1, c2, stderr.String())
	}
	alone, _ := start(single, false)
	if c := exitCode(alone); c != 0 {
		t.Fatalf("single run exited %d", c)
	}
	for _, f := range []string{"bonus-2026-10.csv", "bonus-2026-10.json"} {
		a, err1 := os.ReadFile(filepath.Join(shared, "reports", "2026-10", f))
		b, err2 := os.ReadFile(filepath.Join(single, "reports", "2026-10", f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from a single run's (%v %v)", f, err1, err2)
		}
	}
}
