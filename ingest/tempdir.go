package ingest

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/salesops/salesops/internal/proc"
)

// tempPrefix starts the name of every download folder an ingest makes.
const tempPrefix = "salesops-ingest-"

// makeTempDir makes this ingest's download folder in the system's temporary
// directory, named salesops-ingest-<pid>.<host>-<random>, so that a later
// process can tell which folders a killed ingest left behind
// (RemoveStaleTempDirs). The host keeps apart processes of containers that
// share a /tmp but not their pids.
func makeTempDir() (string, error) {
	return os.MkdirTemp("", fmt.Sprintf("%s%d.%s-", tempPrefix, os.Getpid(), proc.Hostname()))
}

// RemoveStaleTempDirs removes the download folders in dir (os.TempDir()
// when empty) of ingests of this host whose process is gone: a SIGKILL skips
// the deferred RemoveAll, and downloads can be large. Folders of live
// processes are kept whichever warehouse they serve; folders named without a
// pid and host (older versions) or with another host are left alone because
// their owner cannot be checked. It returns
// the folders removed.
func RemoveStaleTempDirs(dir string, log *slog.Logger) ([]string, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing %s for leftover ingest folders: %w", dir, err)
	}
	var removed []string
	for _, e := range entries {
		pid, host, ok := tempDirOwner(e.Name())
		if !ok || !e.IsDir() || host != proc.Hostname() || proc.Alive(pid) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if err := os.RemoveAll(path); err != nil {
			log.Warn("could not remove a leftover ingest folder", "path", path, "err", err)
			continue
		}
		log.Info("removed the download folder of a dead ingest", "path", path, "pid", pid)
		removed = append(removed, path)
	}
	return removed, nil
}

// tempDirOwner reads the pid and host out of a folder name made by
// makeTempDir; the random part after the last dash has no dash.
func tempDirOwner(name string) (pid int, host string, ok bool) {
	rest, ok := strings.CutPrefix(name, tempPrefix)
	if !ok {
		return 0, "", false
	}
	i := strings.LastIndexByte(rest, '-')
	if i < 0 {
		return 0, "", false
	}
	digits, host, ok := strings.Cut(rest[:i], ".")
	if !ok {
		return 0, "", false
	}
	pid, err := strconv.Atoi(digits)
	return pid, host, err == nil && pid > 0
}
