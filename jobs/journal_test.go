package jobs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/warehouse"
)

func TestJournalRuns(t *testing.T) {
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	host, me, deadPID := proc.Hostname(), os.Getpid(), dead.Process.Pid
	at := func(min int) time.Time { return time.Date(2026, 11, 1, 6, min, 0, 123456789, time.UTC) }
	run := func(id int64, min, pid int, h, status string) warehouse.Run {
		return warehouse.Run{ID: id, Job: "monthly-bonus", Period: "2026-10", Trigger: "manual", StartedAt: at(min), Status: status, PID: pid, Host: h}
	}
	tests := []struct {
		name   string
		lines  []warehouse.Run
		raw    string // appended after the lines
		holder Holder
		want   string // id/status newest first
	}{
		{"start then end", []warehouse.Run{run(1, 0, me, host, "running"), run(1, 0, me, host, "ok")}, "", Holder{}, "1/ok"},
		{"a line cut short by a kill", []warehouse.Run{run(1, 0, me, host, "running")}, `{"run":1,"job":"monthly-b`, Holder{}, "1/running"},
		{"the holder's run", []warehouse.Run{run(1, 0, me, host, "running")}, "", Holder{PID: me, Host: host}, "1/running"},
		{"a dead process on this host", []warehouse.Run{run(1, 0, deadPID, host, "running")}, "", Holder{}, "1/abandoned"},
		{"another process holds the lock", []warehouse.Run{run(1, 0, 77, "other-box", "running")}, "", Holder{PID: 78, Host: "other-box"}, "1/abandoned"},
		{"another host, lock free", []warehouse.Run{run(1, 0, 77, "other-box", "running")}, "", Holder{}, "1/running"},
		{
			"a restored warehouse numbers again",
			[]warehouse.Run{run(1, 0, me, host, "running"), run(1, 0, me, host, "ok"), run(1, 5, me, host, "running")},
			"", Holder{PID: me, Host: host}, "1/running 1/ok",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wh := filepath.Join(t.TempDir(), "salesops.duckdb")
			for _, r := range tt.lines {
				if err := appendJournal(wh, entryOf(r)); err != nil {
					t.Fatal(err)
				}
			}
			if tt.raw != "" {
				f, err := os.OpenFile(JournalPath(wh), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString(tt.raw)
				f.Close()
			}
			runs, err := JournalRuns(wh, tt.holder)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range runs {
				got = append(got, fmt.Sprintf("%d/%s", r.ID, r.Status))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}

// A refused attempt is in the journal at once, naming the holder, and is
// copied into the history once by the next process that gets the lock.
func TestRefusedAttemptIsRecorded(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "salesops.duckdb")
	ctx := t.Context()
	first, err := AcquireLock(ctx, wh, bonusHolder, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AcquireLock(ctx, wh, Holder{Job: "refresh", Period: "2026-11", Trigger: TriggerSchedule}, 0); !IsLocked(err) {
		t.Fatalf("second lock: %v", err)
	}
	runs, err := JournalRuns(wh, bonusHolder)
	if err != nil || len(runs) != 1 || runs[0].Status != warehouse.StatusRefused || runs[0].Job != "refresh" ||
		runs[0].PID != os.Getpid() || !strings.Contains(runs[0].Error, "in use by monthly-bonus 2026-10") {
		t.Fatalf("journal: %+v, %v", runs, err)
	}
	first.Release()
	for range 2 {
		w, done, err := OpenLocked(ctx, wh, warehouse.Options{}, Holder{Job: "transform"}, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		runs, err = w.Runs(ctx, 0)
		done()
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(runs) != 1 || runs[0].Status != warehouse.StatusRefused || runs[0].Job != "refresh" || runs[0].Period != "2026-11" ||
		runs[0].Trigger != TriggerSchedule || !strings.Contains(runs[0].Detail, `"pid":4242`) {
		t.Errorf("history after two opens: %+v", runs)
	}
	info, err := os.Stat(JournalPath(wh))
	if err != nil || info.Mode().Perm()&0o007 != 0 {
		t.Errorf("journal mode %v (%v), want no access for others", info.Mode(), err)
	}
}
