package ingest

import (
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
)

// A drop folder is written by other people and programs. What is in it is
// read only when it is a regular file in that folder: a symlink that
// leaves the folder (to a key, a password file, another team's export) is
// not followed unless the source says follow_symlinks: true, and a link to
// nothing, a FIFO (opening it would block the run), a socket or a device
// is not opened. Each is reported, with the reason, so nothing is skipped
// in silence.

// refusedEntry is an entry of a source's folder that was not read, and why.
type refusedEntry struct {
	path, why string
}

// NotRead is an entry of a source's folder that was not read, and why.
type NotRead struct {
	Source, Path, Why string
}

// notReadEntries lists, and logs as warnings, what the drop-folder
// sources hold but will not read.
func notReadEntries(cfg config.Config, log *slog.Logger) []NotRead {
	var out []NotRead
	for _, src := range cfg.Sources {
		if src.Path == "" {
			continue
		}
		_, refused, _ := sourceFiles(cfg.Resolve(src.Path), src)
		for _, r := range refused {
			log.Warn("not read", "source", src.Name, "path", r.path, "why", r.why)
			out = append(out, NotRead{Source: src.Name, Path: r.path, Why: r.why})
		}
	}
	return out
}

// sourceFiles turns a source's file, folder or glob into the sorted paths
// to read, and the entries it refused.
func sourceFiles(p string, src config.Source) ([]string, []refusedEntry, error) {
	folder := p
	if st, err := os.Stat(p); err == nil {
		if !st.IsDir() {
			folder = filepath.Dir(p)
			files, skipped := admit([]string{p}, folder, src)
			return files, skipped, nil
		}
		p = filepath.Join(p, "*")
	} else if !strings.ContainsAny(p, "*?[") {
		if _, lerr := os.Lstat(p); lerr == nil {
			return nil, []refusedEntry{{p, "a symlink to nothing (dangling)"}}, nil
		}
		return nil, nil, &FileError{File: p, Reason: "no such file or folder"}
	} else {
		folder = globRoot(p)
	}
	matches, err := filepath.Glob(p)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: path %q: %v", faults.ErrUsage, p, err)
	}
	var shown []string
	for _, m := range matches {
		base := filepath.Base(m)
		if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") {
			continue // hidden files and Excel lock files
		}
		shown = append(shown, m)
	}
	files, skipped := admit(shown, folder, src)
	sort.Strings(files)
	return files, skipped, nil
}

// sourceRoot is the folder a source's files must stay in (sourceFiles):
// the folder named, a file's folder, or a glob's leading folder.
func sourceRoot(p string) string {
	if st, err := os.Stat(p); err == nil {
		if st.IsDir() {
			return p
		}
		return filepath.Dir(p)
	}
	if strings.ContainsAny(p, "*?[") {
		return globRoot(p)
	}
	return filepath.Dir(p)
}

// globRoot is the folder of a glob: its leading path without a pattern.
func globRoot(p string) string {
	dir := filepath.Dir(p)
	for strings.ContainsAny(dir, "*?[") {
		dir = filepath.Dir(dir)
	}
	return dir
}

// admit keeps the regular files among paths, following a symlink only to
// a regular file inside folder (or anywhere, with follow_symlinks).
// Subfolders are left out quietly: they are how people file old exports.
func admit(paths []string, folder string, src config.Source) ([]string, []refusedEntry) {
	var files []string
	var skipped []refusedEntry
	root, rootErr := filepath.EvalSymlinks(folder)
	for _, m := range paths {
		lst, err := os.Lstat(m)
		if err != nil {
			skipped = append(skipped, refusedEntry{m, fmt.Sprintf("cannot be examined: %v", err)})
			continue
		}
		st := lst
		if lst.Mode()&fs.ModeSymlink != 0 {
			if st, err = os.Stat(m); err != nil {
				skipped = append(skipped, refusedEntry{m, "a symlink to nothing (dangling)"})
				continue
			}
		}
		if !src.FollowSymlinks {
			// Any link on the way counts: drop/x/deals.csv where x links out.
			target, err := filepath.EvalSymlinks(m)
			if err != nil || rootErr != nil || !within(root, target) {
				skipped = append(skipped, refusedEntry{m, "a symlink to a file outside the source's folder; set follow_symlinks: true on the source to read it"})
				continue
			}
		}
		if st.IsDir() {
			continue
		}
		if why := special(st.Mode()); why != "" {
			skipped = append(skipped, refusedEntry{m, why})
			continue
		}
		files = append(files, m)
	}
	return files, skipped
}

// within reports whether path is root or below it (both resolved).
func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// special says why a file of this mode is not read; "" for a regular file.
func special(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe): opening it could block the run"
	case m&fs.ModeSocket != 0:
		return "a socket, not a file"
	case m&fs.ModeDevice != 0:
		return "a device, not a file"
	}
	return fmt.Sprintf("not a regular file (%s)", m.Type())
}

// openRegular opens path for reading without blocking, whatever it has
// become since it was listed (a FIFO opened plainly blocks until a writer
// comes), and refuses anything but a regular file.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &FileError{File: path, Reason: fmt.Sprintf("cannot open: %v", err)}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &FileError{File: path, Reason: fmt.Sprintf("cannot examine: %v", err)}
	}
	if why := special(st.Mode()); why != "" {
		f.Close()
		return nil, &FileError{File: path, Reason: "not read: " + why}
	}
	return f, nil
}
