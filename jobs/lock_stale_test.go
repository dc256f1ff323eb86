package jobs

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/salesops/salesops/internal/proc"
)

// A holder killed mid-run leaves its name in the lock file. When another
// program holds the lock later (a backup under flock), a refused process
// must not blame the dead one.
func TestRefusalDoesNotNameADeadHolder(t *testing.T) {
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	tests := []struct {
		name   string
		holder Holder
		want   string
	}{
		{"a dead process of this host", Holder{PID: dead.Process.Pid, Host: proc.Hostname(), Job: "monthly-bonus", Period: "2026-10"}, "no holder recorded"},
		{"a live process of this host", Holder{PID: os.Getpid(), Host: proc.Hostname(), Job: "monthly-bonus", Period: "2026-10"}, "in use by monthly-bonus 2026-10"},
		{"another host's, which cannot be checked", Holder{PID: dead.Process.Pid, Host: "finance-box", Job: "monthly-bonus", Period: "2026-10"}, "in use by monthly-bonus 2026-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wh := filepath.Join(t.TempDir(), "salesops.duckdb")
			tt.holder.Since = time.Now()
			b, _ := json.Marshal(tt.holder)
			if err := os.WriteFile(wh+".lock", b, 0o600); err != nil {
				t.Fatal(err)
			}
			backup := flock.New(wh + ".lock")
			if ok, err := backup.TryLock(); !ok || err != nil {
				t.Fatalf("backup lock: %v %v", ok, err)
			}
			defer backup.Unlock()
			_, err := AcquireLock(context.Background(), wh, Holder{Job: "refresh"}, 0)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("refused with %v, want %q", err, tt.want)
			}
		})
	}
}
