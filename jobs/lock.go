package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/internal/proc"
)

// Holder says who holds the warehouse lock; it is stored as JSON in the lock
// file so a refused process can name it.
type Holder struct {
	PID    int       `json:"pid"`
	Host   string    `json:"host"`
	Job    string    `json:"job"`
	Period string    `json:"period,omitempty"`
	Since  time.Time `json:"since"`
	// Trigger is recorded with a refused attempt; a holder's own is in
	// the history.
	Trigger string `json:"trigger,omitempty"`
}

// LockedError is returned when another process holds the warehouse.
type LockedError struct {
	Path   string
	Holder Holder
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 && h.Job == "" {
		// The holder has not written its name yet, or is not salesops: an
		// operator's `flock salesops.duckdb.lock cp ...` backup, say.
		return fmt.Sprintf("warehouse %s is in use by another process (no holder recorded in %s.lock)", e.Path, e.Path)
	}
	what := h.Job
	if h.Period != "" {
		what += " " + h.Period
	}
	return fmt.Sprintf("warehouse %s is in use by %s (pid %d on %s, since %s)",
		e.Path, what, h.PID, h.Host, h.Since.Format(time.RFC3339))
}

// Unwrap lets the CLI map a LockedError to exit code 4 through
// faults.ExitCode.
func (e *LockedError) Unwrap() error { return faults.ErrLocked }

// Lock is a held warehouse lock.
type Lock struct {
	f *flock.Flock
}

// lockPoll is how often a waiting AcquireLock retries. flock has no
// portable blocking-with-timeout, and a job holds the lock for minutes, so
// a quarter second is prompt enough.
const lockPoll = 250 * time.Millisecond

// AcquireLock takes the lock of the warehouse at warehousePath: an flock on
// warehousePath+".lock", so the kernel releases it when a holder crashes
// or is killed. With wait 0 it tries once and returns *LockedError if the
// lock is held; with wait > 0 it polls until it gets the lock, ctx is done
// or wait has elapsed, and then returns an error that is a *LockedError
// (and, on ctx, also ctx's error). Zero PID, Host and Since in me are
// filled in from this process. A refusal is left in the run journal, to be
// copied into the history by the next process that gets the lock.
func AcquireLock(ctx context.Context, warehousePath string, me Holder, wait time.Duration) (*Lock, error) {
	me = me.filled()
	l, err := acquireLock(ctx, warehousePath, me, wait, lockPoll, nil)
	var locked *LockedError
	if errors.As(err, &locked) && ctx.Err() == nil {
		journalRefused(warehousePath, me, locked)
	}
	return l, err
}

// filled is h with a zero PID, Host and Since taken from this process.
func (h Holder) filled() Holder {
	if h.PID == 0 {
		h.PID = os.Getpid()
	}
	if h.Host == "" {
		h.Host, _ = os.Hostname()
	}
	if h.Since.IsZero() {
		h.Since = time.Now()
	}
	return h
}

// ReadHolder names who holds the lock of the warehouse at warehousePath: a
// zero Holder when nobody does (or the holder is not salesops).
func ReadHolder(warehousePath string) Holder { return readHolder(warehousePath + ".lock") }

// acquireLock is AcquireLock with the poll interval and a hook called on
// each refused attempt, for tests.
func acquireLock(ctx context.Context, warehousePath string, me Holder, wait, poll time.Duration, busy func(Holder)) (*Lock, error) {
	path := warehousePath + ".lock"
	me = me.filled()
	// The lock is taken before the warehouse is opened, so it is the first
	// to need the warehouse's folder (0750, as warehouse.Open makes it).
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("creating the warehouse folder: %w", err)
	}
	// The lock file is never removed: deleting it would let a second
	// process lock a fresh inode while a third still holds the old one.
	// 0640: the group (a backup taking the lock with flock(1)) may read it,
	// other users have no business with the warehouse.
	f := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR), flock.SetPermissions(0o640))
	var deadline <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		deadline = t.C
	}
	for {
		ok, err := f.TryLock()
		if err != nil {
			return nil, fmt.Errorf("locking warehouse %s: %w", warehousePath, err)
		}
		if ok {
			l := &Lock{f: f}
			if err := writeHolder(path, me); err != nil {
				_ = f.Unlock()
				return nil, fmt.Errorf("locking warehouse %s: %w", warehousePath, err)
			}
			return l, nil
		}
		locked := &LockedError{Path: warehousePath, Holder: readHolder(path)}
		if wait <= 0 {
			return nil, locked
		}
		if busy != nil {
			busy(locked.Holder)
		}
		t := time.NewTimer(poll)
		select {
		case <-t.C:
		case <-deadline:
			t.Stop()
			return nil, locked
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting for the warehouse lock: %w", errors.Join(ctx.Err(), locked))
		}
	}
}

// Release clears the holder's name and unlocks. It is safe to call twice.
func (l *Lock) Release() error {
	if l == nil || !l.f.Locked() {
		return nil
	}
	// Truncate while still holding the lock, so a reader never sees our
	// name after we let go.
	truncErr := os.Truncate(l.f.Path(), 0)
	if err := l.f.Unlock(); err != nil {
		return fmt.Errorf("unlocking %s: %w", l.f.Path(), err)
	}
	if truncErr != nil {
		return fmt.Errorf("clearing the holder of %s: %w", l.f.Path(), truncErr)
	}
	return nil
}

func writeHolder(path string, h Holder) error {
	b, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("encoding lock holder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing lock holder: %w", err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("writing lock holder: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing lock holder: %w", err)
	}
	return nil
}

// readHolder is best effort: a holder that has just locked may not have
// written its name yet, and the error message copes with a zero Holder. A
// killed holder never clears its name, so a name of this host whose process
// is gone is stale: whoever holds the lock now (an operator's `flock … cp`)
// did not write it, and it reads as no name.
func readHolder(path string) Holder {
	var h Holder
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &h)
	}
	if h.PID != 0 && h.Host == proc.Hostname() && !proc.Alive(h.PID) {
		return Holder{}
	}
	return h
}
