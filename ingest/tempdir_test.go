package ingest

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A killed ingest leaves its download folder; the next start removes it,
// and only it.
func TestRemoveStaleTempDirs(t *testing.T) {
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	deadPID, me := dead.Process.Pid, os.Getpid()
	tests := []struct {
		name     string
		dir      bool
		wantGone bool
	}{
		{fmt.Sprintf("salesops-ingest-%d-123", deadPID), true, true},
		{fmt.Sprintf("salesops-ingest-%d-456", me), true, false},       // a live ingest's
		{"salesops-ingest-2983749823", true, false},                    // an older version's: owner unknown
		{fmt.Sprintf("salesops-ingest-%d-789", deadPID), false, false}, // not a folder
		{fmt.Sprintf("other-%d-1", deadPID), true, false},
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

// The folder an ingest makes names its process.
func TestMakeTempDirNamesItsPID(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir, err := makeTempDir()
	if err != nil {
		t.Fatal(err)
	}
	if pid, ok := tempDirPID(filepath.Base(dir)); !ok || pid != os.Getpid() {
		t.Errorf("%s names pid %d (%v), want %d", dir, pid, ok, os.Getpid())
	}
}
