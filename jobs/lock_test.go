package jobs

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/salesops/salesops/faults"
)

var bonusHolder = Holder{PID: 4242, Host: "finance-box", Job: "monthly-bonus", Period: "2026-10", Since: sh("2026-11-01 06:00:00")}

func TestLockRefusesSecondHolder(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "salesops.duckdb")
	ctx := context.Background()
	first, err := AcquireLock(ctx, wh, bonusHolder, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(ctx, wh, Holder{Job: "refresh"}, 0)
	var locked *LockedError
	if !errors.As(err, &locked) || faults.ExitCode(err) != faults.ExitLocked {
		t.Fatalf("second AcquireLock: %v (exit %d), want *LockedError (exit 4)", err, faults.ExitCode(err))
	}
	if d := cmp.Diff(bonusHolder, locked.Holder); d != "" {
		t.Errorf("holder (-want +got):\n%s", d)
	}
	want := fmt.Sprintf("warehouse %s is in use by monthly-bonus 2026-10 (pid 4242 on finance-box, since 2026-11-01T06:00:00+08:00)", wh)
	if err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	if got := readHolder(wh + ".lock"); got != (Holder{}) {
		t.Errorf("released lock still names %+v", got)
	}
	second, err := AcquireLock(ctx, wh, Holder{Job: "refresh"}, 0)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	defer second.Release()
	got := readHolder(wh + ".lock")
	if got.Job != "refresh" || got.PID != os.Getpid() || got.Host == "" || got.Since.IsZero() {
		t.Errorf("lock file names %+v, want this process running refresh", got)
	}
}

func TestLockWaits(t *testing.T) {
	tests := []struct {
		name    string
		release bool // the holder lets go while we wait
		cancel  bool // our context ends while we wait
		wantErr string
	}{
		{name: "acquires after release", release: true},
		{name: "gives up after wait", wantErr: "in use by monthly-bonus 2026-10"},
		{name: "gives up on cancel", cancel: true, wantErr: "waiting for the warehouse lock: context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wh := filepath.Join(t.TempDir(), "salesops.duckdb")
			holder, err := AcquireLock(context.Background(), wh, bonusHolder, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Release()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			wait := failsafe
			if !tt.release && !tt.cancel {
				wait = 30 * time.Millisecond
			}
			refused := 0
			busy := func(h Holder) {
				if refused++; refused == 1 {
					if tt.release {
						holder.Release()
					}
					if tt.cancel {
						cancel()
					}
				}
			}
			l, err := acquireLock(ctx, wh, Holder{Job: "refresh"}, wait, time.Millisecond, busy)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("AcquireLock: %v", err)
				}
				l.Release()
				if refused == 0 {
					t.Errorf("acquired without waiting: the test did not exercise the wait")
				}
				return
			}
			var locked *LockedError
			if err == nil || !errors.As(err, &locked) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("AcquireLock error %v, want a *LockedError containing %q", err, tt.wantErr)
			}
			if tt.cancel != errors.Is(err, context.Canceled) {
				t.Errorf("errors.Is(err, context.Canceled) = %v", !tt.cancel)
			}
		})
	}
}

const lockChildEnv = "SALESOPS_TEST_LOCK_CHILD"

// TestLockChildProcess is not a test of its own: run with lockChildEnv set,
// it is the other salesops process, holding the lock until it is killed.
func TestLockChildProcess(t *testing.T) {
	wh := os.Getenv(lockChildEnv)
	if wh == "" {
		t.Skip("helper process for TestLockReleasedWhenHolderIsKilled")
	}
	if _, err := AcquireLock(context.Background(), wh, Holder{Job: "quarterly-audit", Period: "2026-Q3"}, 0); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	select {} // until SIGKILL
}

// A holder killed with SIGKILL cannot clean up; the kernel drops its flock,
// so the warehouse is free again without anyone deleting a stale file.
func TestLockReleasedWhenHolderIsKilled(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "salesops.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChildProcess$")
	cmd.Env = append(os.Environ(), lockChildEnv+"="+wh)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("child said %q, %v", line, err)
	}

	_, err = AcquireLock(context.Background(), wh, Holder{Job: "refresh"}, 0)
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("while the child holds it: %v, want *LockedError", err)
	}
	if locked.Holder.PID != cmd.Process.Pid || locked.Holder.Job != "quarterly-audit" || locked.Holder.Period != "2026-Q3" {
		t.Errorf("holder %+v, want quarterly-audit 2026-Q3 by pid %d", locked.Holder, cmd.Process.Pid)
	}

	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	l, err := AcquireLock(context.Background(), wh, Holder{Job: "refresh"}, 0)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Release()
}

// operations.md tells operators to take the lock with util-linux flock(1)
// around a backup copy; salesops must see that as "in use".
func TestLockRespectsFlockCommand(t *testing.T) {
	bin, err := exec.LookPath("flock")
	if err != nil {
		t.Skip("util-linux flock not installed")
	}
	wh := filepath.Join(t.TempDir(), "salesops.duckdb")
	cmd := exec.Command(bin, "--exclusive", wh+".lock", "sh", "-c", "echo locked; read x || true")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("flock said %q, %v", line, err)
	}
	_, err = AcquireLock(context.Background(), wh, Holder{Job: "refresh"}, 0)
	want := fmt.Sprintf("warehouse %s is in use by another process (no holder recorded in %s.lock)", wh, wh)
	if err == nil || err.Error() != want {
		t.Fatalf("while flock(1) holds it: %v, want %q", err, want)
	}
	stdin.Close() // the backup is done
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	l, err := AcquireLock(context.Background(), wh, Holder{Job: "refresh"}, 0)
	if err != nil {
		t.Fatalf("after flock(1) let go: %v", err)
	}
	l.Release()
}
