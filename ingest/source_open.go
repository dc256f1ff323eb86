package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// An export is opened once, when its load begins, and every reader after
// (the hash, the encoding check, the limits, the parse, excelize, DuckDB)
// reads that one opened file, never the path again: a file listed as a
// regular file inside the drop folder and swapped afterwards for a FIFO
// or for a symlink to a secret is then neither opened nor read. Readers
// with an offset of their own get a fresh open of /proc/self/fd/N, which
// is the opened file whatever its path names by then; readers that take
// a path (excelize, DuckDB's read_parquet) get that name. Without /proc
// the path is opened, and any file that is not the one first opened is
// refused.

// sourceFile is one export, opened and checked.
type sourceFile struct {
	f    *os.File
	path string      // as listed: what errors name
	st   os.FileInfo // of the opened file
	proc string      // /proc/self/fd/N, or "" where there is no /proc
}

// openSource opens path without blocking (a FIFO opened plainly waits for
// a writer), requires a regular file of the opened handle, and, unless the
// source follows symlinks, requires the opened file to lie inside root
// (root "": a file named on the command line or downloaded, not confined).
func openSource(path, root string, follow bool) (*sourceFile, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	sf := &sourceFile{f: f, path: path}
	fail := func(err error) (*sourceFile, error) {
		f.Close()
		return nil, err
	}
	if sf.st, err = f.Stat(); err != nil {
		return fail(&FileError{File: path, Reason: fmt.Sprintf("cannot examine: %v", err)})
	}
	// Readers after this one block as files do; O_NONBLOCK was only for
	// the open.
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) { _ = syscall.SetNonblock(int(fd), false) })
	}
	if p := "/proc/self/fd/" + strconv.Itoa(int(f.Fd())); isSame(p, sf.st) {
		sf.proc = p
	}
	if root != "" && !follow {
		where, err := sf.resolved()
		if err != nil {
			return fail(err)
		}
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil || !within(realRoot, where) {
			return fail(&FileError{File: path, Reason: "not read: a symlink to a file outside the source's folder; set follow_symlinks: true on the source to read it"})
		}
	}
	return sf, nil
}

// resolved is where the opened file is: /proc says it of the handle
// itself; otherwise the path resolved now, which must still be the
// opened file.
func (s *sourceFile) resolved() (string, error) {
	if s.proc != "" {
		if p, err := os.Readlink(s.proc); err == nil && filepath.IsAbs(p) {
			return p, nil
		}
	}
	p, err := filepath.EvalSymlinks(s.path)
	if err != nil || !isSame(p, s.st) {
		return "", s.replaced()
	}
	return p, nil
}

func (s *sourceFile) replaced() error {
	return &FileError{File: s.path, Reason: "not read: the file was replaced while it was being read"}
}

// name is what a reader that takes a path is given.
func (s *sourceFile) name() string {
	if s.proc != "" {
		return s.proc
	}
	return s.path
}

// open gives a reader its own handle (its own offset) on the opened file.
func (s *sourceFile) open() (*os.File, error) {
	f, err := os.Open(s.name())
	if err != nil {
		return nil, &FileError{File: s.path, Reason: fmt.Sprintf("cannot open: %v", err)}
	}
	if st, err := f.Stat(); err != nil || !os.SameFile(st, s.st) {
		f.Close()
		return nil, s.replaced()
	}
	return f, nil
}

// unchanged checks, for a reader given the path itself (no /proc), that
// the path still names the opened file; call it before and after.
func (s *sourceFile) unchanged() error {
	if s.proc == "" && !isSame(s.path, s.st) {
		return s.replaced()
	}
	return nil
}

func (s *sourceFile) close() { s.f.Close() }

func isSame(path string, st os.FileInfo) bool {
	now, err := os.Stat(path)
	return err == nil && os.SameFile(now, st)
}
