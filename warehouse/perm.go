package warehouse

import (
	"errors"
	"io/fs"
	"log/slog"
	"os"
)

// The warehouse holds every export's personal data, so nothing DuckDB
// writes for it may be readable by "other": the file, its write-ahead log
// (<file>.wal) and the spill folder (<file>.tmp). DuckDB creates them
// itself with mode 0666 (0777 for the folder) less the process umask, so
// neither a mode salesops passes nor a chmod after Open can cover them:
//   - DuckDB refuses a pre-created empty file ("not a valid DuckDB
//     database file"), so the file cannot be created first with our mode;
//   - the WAL is deleted at every checkpoint and created again, with a new
//     inode and the umask's mode, at the next write, on DuckDB's threads;
//     a chmod after Open would only cover the WAL of the moment;
//   - the default warehouse sits in the folder of salesops.yaml, next to
//     the drop folders and reports, a folder that is the operator's and
//     cannot be made private for it.
//
// So Open adds "other" (and group write) to the process umask and leaves
// it there: umask 022 becomes 027, a stricter one such as 077 is kept.
// The umask is process-wide; changing it is safe here because it only
// ever gets stricter and is never restored: a file another goroutine
// creates meanwhile gets at most fewer permissions, and everything
// salesops means to share (reports 0640, folders 0750) already carries an
// explicit mode that 027 does not reduce.
const privateMask fs.FileMode = 0o027

// keepPrivate tightens the umask for what DuckDB will create under path,
// and takes "other" off the file and WAL that an older salesops (or a
// copy) left readable. Best effort for the chmod: a file of another
// owner is reported, not refused, as DuckDB will say if it cannot open it.
func keepPrivate(path string, log *slog.Logger) {
	restrictUmask(privateMask)
	if path == "" {
		return // in-memory; the umask covers its spill files
	}
	for _, p := range []string{path, path + ".wal"} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o007 == 0 {
			continue
		}
		mode := fi.Mode().Perm() &^ 0o007
		if err := os.Chmod(p, mode); err != nil && !errors.Is(err, fs.ErrNotExist) {
			log.Warn("the warehouse is readable by other users and could not be restricted", "file", p, "mode", fi.Mode().Perm().String(), "err", err)
			continue
		}
		log.Info("the warehouse was readable by other users; restricted", "file", p, "mode", mode.String())
	}
}
