package reports

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// FilePerm is the permission of every report: readable by the owner and the
// group (finance, leadership), not by everyone on a shared host.
const FilePerm os.FileMode = 0o640

// DirPerm is the permission of report folders.
const DirPerm os.FileMode = 0o750

// WriteFile writes path atomically: into a temporary file in the same
// folder, synced, then renamed over path. On any error, or if ctx is
// cancelled before the rename, the temporary file is removed and path is
// left as it was.
func WriteFile(ctx context.Context, path string, write func(w io.Writer) error) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), DirPerm); err != nil {
		return fmt.Errorf("creating the folder of %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(FilePerm); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

var periodRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$`)

// PeriodDir is the folder of a period's reports under the output folder.
// The period is checked against its strict form first, so no value from
// data or flags can steer a path outside the output folder.
func PeriodDir(outDir, period string) (string, error) {
	if !periodRE.MatchString(period) {
		return "", fmt.Errorf("period %q is not YYYY-MM or YYYY-Qn", period)
	}
	return filepath.Join(outDir, period), nil
}
