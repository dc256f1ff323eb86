package ingest

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/salesops/salesops/internal/proc"
)

// A killed ingest leaves its download folder; the next start removes it,
// and only it.
func TestRemoveStaleTempDirs(t *testing.T) {
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	deadPID, me, host := dead.Process.Pid, os.Getpid(), proc.Hostname()
	tests := []struct {
		name     string
		dir      bool
		wantGone bool
	}{
		{fmt.Sprintf("salesops-ingest-%d.%s-123", deadPID, host), true, true},
		{fmt.Sprintf("salesops-ingest-%d.%s-456", me, host), true, false},       // a live ingest's
		{"salesops-ingest-2983749823", true, false},                             // an older version's: owner unknown
		{fmt.Sprintf("salesops-ingest-%d.%s-789", deadPID, host), false, false}, // not a folder
		{fmt.Sprintf("salesops-ingest-%d.other-box-1", deadPID), true, false},   // another host's (a container sharing /tmp)
		{fmt.Sprintf("other-%d.%s-1", deadPID, host), true, false},
	}
	tmp := t.TempDir()
	for _, tt := range tests {
		p := filepath.Join(tmp, tt.name)
		var err error
		if tt.dir {
			if err = os.Mkdir(p, 0o700); err == nil {
				err = os.WriteFile(filepath.Join(p, "download.csv"), []byte("x"), 0o600)
			}
		} else {
			err = os.WriteFile(p, nil, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveStaleTempDirs(tmp, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 {
		t.Errorf("removed %v, want one folder", removed)
	}
	for _, tt := range tests {
		_, err := os.Stat(filepath.Join(tmp, tt.name))
		if gone := errors.Is(err, os.ErrNotExist); gone != tt.wantGone {
			t.Errorf("%s: gone %v, want %v", tt.name, gone, tt.wantGone)
		}
	}
}

// The folder an ingest makes names its process and host.
func TestMakeTempDirNamesItsOwner(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir, err := makeTempDir()
	if err != nil {
		t.Fatal(err)
	}
	if pid, host, ok := tempDirOwner(filepath.Base(dir)); !ok || pid != os.Getpid() || host != proc.Hostname() {
		t.Errorf("%s names pid %d on %q (%v), want %d on %q", dir, pid, host, ok, os.Getpid(), proc.Hostname())
	}
}
