package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// A rerun finds every export loaded already, by its content hash; at L
// hashing the 2.7 GB again is the whole of the warm run (5.2 s). The memo
// (<warehouse>.files.json) keeps, for each file hashed, the stamp of the
// opened file (device, inode, size, mtime and ctime in nanoseconds), a
// hash of its first and last 64 KiB, and its SHA-256. A file whose stamp
// and sample are as remembered is taken to have that SHA-256 without
// reading it; the skip itself is still decided by ingest_files, so the
// memo can only spare a read, never load or skip a file on its own word.
//
// Why this is safe (docs/architecture.md, Decisions): any write to a
// file, or a change of its mtime (touch -d, cp -p, rsync -t), sets its
// ctime to the current time, and no user tool sets ctime back; a file
// replaced by a rename is another inode. So a file whose ctime is as it
// was when the file was hashed has not been written since, as long as the
// write would get a later ctime than the remembered one: the memo only
// remembers a file whose ctime and mtime are memoMargin older than the
// start of its hashing (git's "racily clean" rule), which covers coarse
// timestamps and a write landing while it was hashed. What it cannot see
// is a system clock set back by more than the margin between the hash and
// a later write; the sample catches most such writes too.

// memoMargin is how much older than its hashing a file must be for the
// memo to remember it (a variable, so tests can remember fresh files).
var memoMargin = 2 * time.Second

// memoSample is how much of each end of a file the sample hashes.
const memoSample = 64 << 10

// fileStamp is what stat says of an opened file.
type fileStamp struct {
	Dev   uint64 `json:"dev"`
	Ino   uint64 `json:"ino"`
	Size  int64  `json:"size"`
	Mtime int64  `json:"mtime_ns"`
	Ctime int64  `json:"ctime_ns"`
}

func stampOf(st os.FileInfo) (fileStamp, bool) {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	sec, nsec := sys.Ctim.Unix()
	return fileStamp{Dev: uint64(sys.Dev), Ino: uint64(sys.Ino), Size: st.Size(),
		Mtime: st.ModTime().UnixNano(), Ctime: sec*1e9 + nsec}, true
}

// memoEntry is one remembered file.
type memoEntry struct {
	Path   string    `json:"path"`
	Kind   string    `json:"kind"`
	Stamp  fileStamp `json:"stamp"`
	Sample string    `json:"sample"`
	Hash   string    `json:"sha256"`
}

// fileMemo is the memo of one ingest: what the last one remembered, and
// what this one remembers for the next.
type fileMemo struct {
	path string
	prev map[string]memoEntry // by path and kind
	mu   sync.Mutex
	next map[string]memoEntry
}

func memoKey(path, kind string) string { return kind + "\x00" + path }

// memoPath is the memo of the warehouse at warehousePath ("" for none:
// an in-memory warehouse).
func memoPath(warehousePath string) string {
	if warehousePath == "" || warehousePath == ":memory:" {
		return ""
	}
	return warehousePath + ".files.json"
}

// openMemo reads the memo at path; an unreadable one is an empty memo.
func openMemo(path string) *fileMemo {
	m := &fileMemo{path: path, prev: map[string]memoEntry{}, next: map[string]memoEntry{}}
	b, err := os.ReadFile(path)
	if err != nil {
		return m
	}
	var es []memoEntry
	if json.Unmarshal(b, &es) != nil {
		return m
	}
	for _, e := range es {
		m.prev[memoKey(e.Path, e.Kind)] = e
	}
	return m
}

// sampleOf hashes the size and the first and last memoSample bytes.
func sampleOf(sf *sourceFile, size int64) (string, error) {
	f, err := sf.open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", size)
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, min(size, memoSample))); err != nil {
		return "", err
	}
	if size > memoSample {
		if _, err := io.Copy(h, io.NewSectionReader(f, max(memoSample, size-memoSample), memoSample)); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// recall gives the SHA-256 the memo has for the opened file, if its stamp
// and sample are as remembered.
func (m *fileMemo) recall(path, kind string, sf *sourceFile) (string, bool) {
	if m == nil {
		return "", false
	}
	e, ok := m.prev[memoKey(path, kind)]
	st, stOK := stampOf(sf.st)
	if !ok || !stOK || st != e.Stamp {
		return "", false
	}
	if s, err := sampleOf(sf, st.Size); err != nil || s != e.Sample {
		return "", false
	}
	m.remember(e)
	return e.Hash, true
}

// note remembers the hash of a file hashed from hashStart on, when the
// file is old enough (see memoMargin) and its stamp did not change while
// it was hashed.
func (m *fileMemo) note(path, kind string, sf *sourceFile, hashStart time.Time, hash string) {
	if m == nil || hash == "" {
		return
	}
	before, ok := stampOf(sf.st)
	now, err := sf.f.Stat()
	if !ok || err != nil {
		return
	}
	after, ok := stampOf(now)
	limit := hashStart.Add(-memoMargin).UnixNano()
	if !ok || after != before || before.Mtime >= limit || before.Ctime >= limit {
		return
	}
	s, err := sampleOf(sf, before.Size)
	if err != nil {
		return
	}
	m.remember(memoEntry{Path: path, Kind: kind, Stamp: before, Sample: s, Hash: hash})
}

func (m *fileMemo) remember(e memoEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next[memoKey(e.Path, e.Kind)] = e
}

// save replaces the memo with the files this ingest hashed or recalled
// (what the sources list now), through a rename, so a reader never sees
// half of it.
func (m *fileMemo) save() error {
	if m == nil || m.path == "" {
		return nil
	}
	es := make([]memoEntry, 0, len(m.next))
	for _, e := range m.next {
		es = append(es, e)
	}
	b, err := json.Marshal(es)
	if err != nil {
		return err
	}
	// A process killed between the two left its copy: the lock makes this
	// run the only writer, so any copy is a leftover.
	if left, err := filepath.Glob(m.path + ".tmp-*"); err == nil {
		for _, p := range left {
			_ = os.Remove(p)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(m.path), filepath.Base(m.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing the file memo: %w", err)
	}
	defer os.Remove(tmp.Name())
	// As the run journal beside it: the salesops user and its group.
	if err := tmp.Chmod(0o640); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the file memo: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("writing the file memo: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing the file memo: %w", err)
	}
	if err := os.Rename(tmp.Name(), m.path); err != nil {
		return fmt.Errorf("writing the file memo: %w", err)
	}
	return nil
}
