package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// FilePerm is the permission of every report: readable by the owner and the
// group (finance, leadership), not by everyone on a shared host.
const FilePerm os.FileMode = 0o640

// DirPerm is the permission of report folders.
const DirPerm os.FileMode = 0o750

// WriteFile writes path atomically: into a temporary file in the same
// folder (a leading dot keeps it out of listings and the index), synced,
// then renamed over path, and the folder synced so the rename survives a
// crash. A reader sees the old file or the whole new one. On any error, or
// if ctx is cancelled (before the call, between two writes, or before the
// rename), the temporary file is removed and path is left as it was: a
// cancelled job stops at its next write instead of finishing a report
// nobody will see.
func WriteFile(ctx context.Context, path string, write func(w io.Writer) error) (err error) {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, DirPerm); err != nil {
		return fmt.Errorf("creating the folder of %s: %w", path, err)
	}
	if err := removeLeftovers(path); err != nil {
		return fmt.Errorf("writing %s: removing what a killed write left: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
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
	if err = write(ctxWriter{ctx: ctx, w: f}); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: flushing to disk: %w", path, err)
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
	// The file is complete; a folder that cannot be synced is not worth
	// failing the write for.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// removeLeftovers removes the temporary files of path that a killed
// process left behind: no deferred cleanup runs on SIGKILL or a power cut.
// Reports are written only by a job holding the warehouse lock, so no other
// process is writing path meanwhile. The names are WriteFile's own
// (CreateTemp puts digits for the star).
func removeLeftovers(path string) error {
	dir, prefix := filepath.Dir(path), "."+filepath.Base(path)+".tmp-"
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// ctxWriter refuses writes once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
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
