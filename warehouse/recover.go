package warehouse

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// A process killed while DuckDB writes a commit to the WAL leaves the WAL
// torn: the commit's entries are there up to some point, its closing flush
// marker is not. DuckDB (1.5.6) replays a torn tail in a transaction and
// rolls it back, but the row groups a large insert (a row group or more)
// wrote straight to the database file come back anyway: that rollback
// does not take back their WAL entry (ROW_GROUP_DATA), as cutting a
// finished commit's WAL byte by byte showed. So the warehouse reopened with
// the rows of a batch that never committed and without its bookkeeping:
// a first load left every deal and no loaded file, and a re-export that
// changed its deals left each of them twice, the old version beside the
// new one, which every later load kept (ingest TestTornCommit).
//
// A WAL left beside the file at open is how such a death shows: a clean
// close checkpoints and removes it. Then, before anything else reads the
// warehouse, recoverTornCommit takes out what no commit stands behind:
//   - canonical rows whose batch is not a committed ingest batch, and the
//     history rows such a batch superseded (the versions it replaced stay
//     where they were, as its delete was rolled back);
//   - rejects and ingest warnings of no committed batch;
//   - the lines of a close that did not commit (the next close writes
//     its own);
//   - the transform's record of what it built, so every model is built
//     again in full: a model merged or refreshed by key takes its last
//     table as the base, and a torn transform commit may have left rows
//     in it. A crash costs one full transform.
//
// Each of these holds only for rows some process wrote before it died, so
// nothing a committed batch, close or build wrote is touched.

// liveOpens counts this process's open warehouses by absolute path.
// DuckDB gives a second open of a path the instance of the first, whose
// WAL holds that instance's own commits: only an open with no other in the
// process can find a WAL a dead process left.
var liveOpens = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

// holdOpen counts an open of path and says whether it is the process's
// only one; release ends the count, once.
func holdOpen(path string) (first bool, release func()) {
	key, err := filepath.Abs(path)
	if err != nil {
		key = path
	}
	liveOpens.Lock()
	defer liveOpens.Unlock()
	liveOpens.n[key]++
	var once sync.Once
	return liveOpens.n[key] == 1, func() {
		once.Do(func() {
			liveOpens.Lock()
			defer liveOpens.Unlock()
			if liveOpens.n[key]--; liveOpens.n[key] == 0 {
				delete(liveOpens.n, key)
			}
		})
	}
}

// walSuffixes are the files DuckDB keeps beside a database while it has
// changes not yet checkpointed into it.
var walSuffixes = []string{".wal", ".checkpoint.wal", ".recovery.wal"}

// walLeft reports whether a WAL of the database at path is on disk.
func walLeft(path string) bool {
	if path == "" || path == ":memory:" {
		return false
	}
	for _, s := range walSuffixes {
		if st, err := os.Stat(path + s); err == nil && st.Size() > 0 {
			return true
		}
	}
	return false
}

// recoverTornCommit removes, in one transaction, what a commit torn by the
// death of its process left behind (above), and logs what it removed.
func (w *Warehouse) recoverTornCommit(ctx context.Context) error {
	const committed = `(SELECT batch_id FROM ingest_batches WHERE status = 'committed')`
	type step struct{ table, where string }
	var steps []step
	for _, t := range canonicalTables {
		steps = append(steps, step{t, "_batch NOT IN " + committed},
			step{t + "_history", "_superseded_by NOT IN " + committed})
	}
	steps = append(steps,
		step{"rejects", "batch_id NOT IN " + committed},
		step{"ingest_warnings", "batch_id NOT IN " + committed},
		step{"closed_detail_lines", "period NOT IN (SELECT period FROM period_closes)"},
		step{"transform_keyed", "true"},
		step{"transform_state", "true"})
	// The log's arguments: the rows removed, by table.
	args := []any{"warehouse", w.Path}
	err := w.Tx(ctx, func(tx *sql.Tx) error {
		for _, s := range steps {
			res, err := tx.ExecContext(ctx, "DELETE FROM "+QuoteIdent(s.table)+" WHERE "+s.where)
			if err != nil {
				return fmt.Errorf("removing from %s what no commit wrote: %w", s.table, err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				args = append(args, s.table, n)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("recovering warehouse %s after a process died with it open: %w", w.Path, err)
	}
	w.log.Warn("the last process to write the warehouse died before closing it: what no commit wrote is removed, and the next transform builds every model", args...)
	return nil
}

// repairForReader runs before a read-only open of a file with a WAL no
// process closed: a reader would see what a torn commit left (double sales
// in an export), so the first opener after a death repairs the file, a
// reader too, through openRW, a read-write open of the file. A WAL of a
// process that has the file open is its own: DuckDB refuses openRW, as it
// would the reader's, and the reader gets that in-use error. Any other
// failure (a reader who may not write the file) refuses the read as well,
// saying how to repair: reading on would show rows no commit stands behind.
func repairForReader(path string, openRW func() (*Warehouse, error)) error {
	rw, err := openRW()
	switch {
	case errors.Is(err, ErrInUse):
		return err
	case err != nil:
		return fmt.Errorf("warehouse %s was left open by a process that died (a WAL is beside it), and what it did not commit must be removed before it is read, but it could not be opened for writing: %w; run any salesops job or `salesops vacuum` once as a user who may write it, then read again", path, err)
	}
	if err := rw.Close(); err != nil {
		return fmt.Errorf("closing warehouse %s after removing what a dead process did not commit: %w", path, err)
	}
	return nil
}
