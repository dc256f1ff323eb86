package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/salesops/salesops/config"
)

// loadPlain loads the file by the plain path (plain.go) when it can. It
// reports false, with the transaction as it found it, when the file is not
// for the plain path or left it; the general path then loads the file.
// On true, fr has the counts and _rej (empty) and _dups are ready for
// recordRejects.
func loadPlain(ctx context.Context, s *session, j job, fi fileInfo, spec kindSpec, cfg config.Config, batch int64, opt Options, fr *FileReport) (bool, error) {
	// What can be known before reading the records is decided here, with
	// the reason logged: no row is inserted only to be taken out again.
	// (A failure here is the general path's to report, if anything.)
	notTaken := func(why string, err error) (bool, error) {
		opt.Log.Debug("plain path not taken", "file", j.name, "why", why, "err", err)
		return false, nil
	}
	delim, err := delimiterOf(fi, j.src)
	if err != nil {
		return notTaken("no delimiter", err)
	}
	if !plainFile(fi, delim) {
		return notTaken("not plain UTF-8 at a first look, or a delimiter of more than one byte", nil)
	}
	t := ident(spec.table)
	var empty bool
	if err := s.tx.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM "+t+")").Scan(&empty); err != nil {
		return false, fmt.Errorf("reading %s: %w", spec.table, err)
	}
	if !empty {
		return notTaken("the "+spec.table+" table has rows: merging needs the general path's typed copy", nil)
	}
	f, head, err := openPlain(fi.file)
	if err != nil {
		return notTaken("the header line cannot be read", err)
	}
	defer f.Close()
	pl, why, err := newPlainLoad(j.path, spec, j.src, cfg, byte(delim), head)
	if err != nil || why != "" {
		return notTaken(why, err)
	}
	p, err := newPlan(spec, pl.cm, j.src, cfg)
	if err != nil {
		return notTaken("no plan", err)
	}
	t0 := time.Now()
	rdr := newChanReader(pl.schema())
	go streamPlain(ctx, rdr, pl, f, int64(len(head)), fi.size)
	defer rdr.Release()
	end, err := s.openStream(ctx, rdr, "_arrow_plain")
	if err != nil {
		return false, fmt.Errorf("loading %s: %w", j.name, err)
	}
	defer end()
	for _, q := range []string{pl.viewSQL(p), p.validSQL(false, false, false)} {
		if _, err := s.tx.ExecContext(ctx, q); err != nil {
			return false, fmt.Errorf("preparing the load of %s: %w", j.name, err)
		}
	}
	pv := provenance{source: j.src.Name, kind: spec.name, file: j.name, hash: fi.hash, batch: batch, now: opt.Now(), log: opt.Log}
	ins, _, _, err := p.upsert(ctx, s.tx, pv)
	if srcErr := rdr.Err(); srcErr != nil {
		return false, fmt.Errorf("reading %s: %w", j.name, srcErr)
	}
	if err != nil {
		return false, err
	}
	// This file's rows: the table was empty before it.
	mine, args := " WHERE _batch = ? AND _file = ?", []any{batch, j.name}
	if pl.decline != "" {
		if ins >= plainRestartRows {
			return false, &plainRestart{path: j.path, file: j.name, why: pl.decline}
		}
		if _, err := s.tx.ExecContext(ctx, "DELETE FROM "+t+mine, args...); err != nil {
			return false, fmt.Errorf("undoing the plain load of %s: %w", j.name, err)
		}
		opt.Log.Debug("plain path left", "file", j.name, "why", pl.decline, "took", time.Since(t0))
		return false, nil
	}
	opt.Log.Debug("plain path", "file", j.name, "rows", pl.rows, "took", time.Since(t0))
	if pl.keysErr != nil {
		opt.Log.Warn("checking the keys in SQL instead", "file", j.name, "why", pl.keysErr)
	}
	fr.Read, fr.Inserted = pl.rows, ins
	if _, err := s.tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE _rej (_line BIGINT, _key VARCHAR, _date DATE,
		column_name VARCHAR, value VARCHAR, reason VARCHAR)`); err != nil {
		return false, fmt.Errorf("preparing the rejects of %s: %w", j.name, err)
	}
	key := ident(spec.key[0])
	dups, dupArgs := "CREATE OR REPLACE TEMP TABLE _dups (_key VARCHAR, keep BIGINT, l BIGINT)", []any(nil)
	if pl.repeated {
		// As the general path, over the rows just inserted.
		dups = repeatsSQL(key, t+mine)
		dupArgs = args
	}
	if _, err := s.tx.ExecContext(ctx, dups, dupArgs...); err != nil {
		return false, fmt.Errorf("finding repeated keys of %s: %w", j.name, err)
	}
	res, err := s.tx.ExecContext(ctx, fmt.Sprintf("DELETE FROM %[1]s USING _dups d%[2]s AND %[1]s.%[3]s = d._key AND %[1]s._line = d.l", t, mine, key), args...)
	if err != nil {
		return false, fmt.Errorf("removing the repeated keys of %s: %w", j.name, err)
	}
	n, _ := res.RowsAffected()
	fr.Inserted -= n
	return true, nil
}

// plainRestartRows is how many rows a file that left the plain path may
// have inserted before the batch restarts instead of deleting them (a
// variable, so tests can restart on any).
var plainRestartRows int64 = 500_000

// plainRestart asks Ingest to run the batch again, with the general path
// for the file.
type plainRestart struct{ path, file, why string }

func (e *plainRestart) Error() string {
	return fmt.Sprintf("%s left the plain path late (%s); the batch starts again", e.file, e.why)
}
