// Package ingest owns reading exports into the warehouse: finding the files
// of each configured source (drop-folder globs and HTTP(S) URLs), detecting
// format, encoding and delimiter, staging every value as text in DuckDB,
// parsing it by the value grammar of exports.md (SQL macros mirrored by Go
// reference parsers), recording rejects with file, line, column, value and
// reason, enforcing the reject threshold, and merging the good rows into the
// canonical tables by key with history, all of a batch in one transaction.
package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/warehouse"
)

// Options tune a run; every field has a default.
type Options struct {
	Log      *slog.Logger
	Progress io.Writer // non-nil: draw a progress bar there (terminal); nil: log lines
	Now      func() time.Time
	HTTP     *http.Client // nil: a default client with timeouts, TLS verified
	// Backoff is the first wait between download retries (default 1s).
	Backoff time.Duration
	// RequireData refuses a batch after which a required kind (reps,
	// sales) would have no rows: a job's ingest, whose transform would
	// only fail on the empty tables. Without it the batch loads what
	// there is and the report says which kinds are still missing.
	RequireData bool
	// generalOnly turns the plain path off (tests compare the two paths).
	generalOnly bool
	// generalFor lists the files (paths) the general path reads.
	generalFor map[string]bool
	// memo remembers the content hash of files unchanged since they were
	// hashed (file_memo.go); nil: every file is hashed.
	memo *fileMemo
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.HTTP == nil {
		o.HTTP = defaultClient()
	}
	return o
}

// Ingest pulls every configured source into the warehouse as ONE batch in
// ONE transaction: a failure or a kill at any point leaves none of it, and
// files already loaded (by content hash) are skipped, so a rerun completes
// what an interrupted run began. The one exception: a file that changes
// rows of a table its batch inserted a row group or more into begins the
// next batch, once its own has committed (batch_split.go).
func Ingest(ctx context.Context, w *warehouse.Warehouse, cfg config.Config, opt Options) (Report, error) {
	opt = opt.withDefaults()
	if p := memoPath(w.Path); p != "" && opt.memo == nil {
		opt.memo = openMemo(p)
		defer func() {
			if err := opt.memo.save(); err != nil {
				opt.Log.Warn("the next ingest will hash every file again", "err", err)
			}
		}()
	}
	var rep Report
	tmp, err := makeTempDir()
	if err != nil {
		return rep, fmt.Errorf("making a download folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	jobs, failed, err := collect(ctx, cfg, opt, tmp)
	if err != nil {
		return rep, err
	}
	// Before any batch: a first run on empty drop folders says which
	// folders to fill, not which data test the empty tables fail.
	empty := emptySources(cfg, jobs)
	notRead := notReadEntries(cfg, opt.Log)
	missing, err := missingKinds(ctx, w, cfg, jobs)
	if err != nil {
		return rep, err
	}
	if len(missing) > 0 && opt.RequireData {
		return rep, &NoDataError{Kinds: missing, Empty: empty}
	}
	// A large file that left the plain path late is loaded by the general
	// path in a fresh transaction: deleting its rows in this one would
	// make DuckDB rewrite every row of the batch at commit.
	var earlier []Report
	for {
		rep, err = ingestBatch(ctx, w, cfg, opt, jobs, failed, rep.Batch)
		var split *batchSplit
		if errors.As(err, &split) {
			opt.Log.Info("a file replaces rows its batch loaded; the batch is committed and the file begins the next", "file", split.file, "batch", rep.Batch)
			earlier = append(earlier, rep)
			jobs, failed, rep = jobs[split.at:], nil, Report{}
			continue
		}
		var again *plainRestart
		if !errors.As(err, &again) || opt.generalFor[again.path] {
			rep.Empty, rep.Missing, rep.RolledBack = empty, missing, err != nil && rep.Batch != 0
			rep.NotRead = notRead
			return rep.after(earlier), err
		}
		opt.Log.Info("ingest restarts the batch; the general path will read the file", "file", again.file, "why", again.why)
		if opt.generalFor == nil {
			opt.generalFor = map[string]bool{}
		}
		opt.generalFor[again.path] = true
	}
}

// ingestBatch loads the files as one batch in one transaction, numbered
// batch (0: the next number); failed are the optional sources left out.
func ingestBatch(ctx context.Context, w *warehouse.Warehouse, cfg config.Config, opt Options, jobs []job, failed []SourceFailure, batch int64) (rep Report, err error) {
	rep = Report{Batch: batch, FailedSources: failed}
	s, err := openSession(ctx, w.DB)
	if err != nil {
		return rep, err
	}
	defer s.close()
	started := opt.Now().UTC()
	if rep.Batch == 0 {
		if err := s.tx.QueryRowContext(ctx, "SELECT nextval('batch_seq')").Scan(&rep.Batch); err != nil {
			return rep, fmt.Errorf("numbering the batch: %w", err)
		}
	}
	defer rep.stampFiles()
	prog := newProgress(opt, jobs)
	var split *batchSplit
	for i, j := range jobs {
		fr, _, err := loadFile(ctx, s, j, rep.Batch, cfg, opt, false)
		if errors.As(err, &split) {
			// Nothing of the file was written: the batch commits without it.
			split.at, jobs = i, jobs[:i]
			break
		}
		rep.Files = append(rep.Files, fr)
		if !errors.As(err, new(*plainRestart)) {
			prog.done(j, fr)
		}
		if err != nil {
			_ = s.tx.Rollback()
			s.tx = nil
			if !errors.As(err, new(*plainRestart)) {
				rep.Files = append(rep.Files, notRead(jobs[i+1:])...)
				recordFailure(ctx, w, rep, started, opt, err)
			}
			return rep, err
		}
	}
	prog.finish()
	if err := noteFailedSources(ctx, s.tx, rep.Batch, failed); err != nil {
		return rep, err
	}
	if err := summarize(ctx, s.tx, &rep); err != nil {
		return rep, err
	}
	if _, err := s.tx.ExecContext(ctx, `INSERT INTO ingest_batches VALUES (?, ?, ?, 'committed', ?, NULL)`,
		rep.Batch, started, opt.Now().UTC(), len(jobs)); err != nil {
		return rep, fmt.Errorf("recording batch %d: %w", rep.Batch, err)
	}
	t0 := time.Now()
	err = s.tx.Commit()
	opt.Log.Debug("committed", "batch", rep.Batch, "took", time.Since(t0))
	s.tx = nil
	if err != nil {
		return rep, fmt.Errorf("committing batch %d: %w", rep.Batch, err)
	}
	if split != nil {
		return rep, split
	}
	return rep, nil
}

// summarize fills the commonest reject reasons and the warning count.
func summarize(ctx context.Context, x execer, rep *Report) error {
	rows, err := x.QueryContext(ctx, `SELECT reason, count(*) FROM rejects WHERE batch_id = ? GROUP BY reason ORDER BY 2 DESC, 1 LIMIT 5`, rep.Batch)
	if err != nil {
		return fmt.Errorf("summarizing rejects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rc ReasonCount
		if err := rows.Scan(&rc.Reason, &rc.Count); err != nil {
			return err
		}
		rep.TopReasons = append(rep.TopReasons, rc)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return x.QueryRowContext(ctx, `SELECT count(*) FROM ingest_warnings WHERE batch_id = ?`, rep.Batch).Scan(&rep.Warnings)
}

// recordFailure notes a rolled-back batch, in its own transaction, so
// `salesops runs` and the ingest history show what failed and why.
func recordFailure(ctx context.Context, w *warehouse.Warehouse, rep Report, started time.Time, opt Options, cause error) {
	err := w.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_batches VALUES (?, ?, ?, 'failed', ?, ?)`,
			rep.Batch, started, opt.Now().UTC(), len(rep.Files), cause.Error()); err != nil {
			return err
		}
		for _, f := range rep.Files {
			status := "rolled_back"
			switch f.Status {
			case "failed":
				status = "failed"
			case StatusNotRead:
				status = "not_read"
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				rep.Batch, f.Source, f.Kind, f.Path, f.Hash, f.Encoding, f.Format, f.Read, 0, 0, 0, f.Rejected, status, f.Message, opt.Now().UTC()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		opt.Log.Warn("could not record the failed batch", "batch", rep.Batch, "err", err)
	}
}

// progress is a bar on a terminal, log lines elsewhere.
type progress struct {
	bar *progressbar.ProgressBar
	log *slog.Logger
}

func newProgress(opt Options, jobs []job) *progress {
	p := &progress{log: opt.Log}
	if opt.Progress != nil {
		var total int64
		for _, j := range jobs {
			if st, err := os.Stat(j.path); err == nil {
				total += st.Size()
			}
		}
		p.bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(opt.Progress), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("ingest"), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	return p
}

func (p *progress) done(j job, fr FileReport) {
	if p.bar != nil {
		if st, err := os.Stat(j.path); err == nil {
			_ = p.bar.Add64(st.Size())
		}
		return
	}
	p.log.Info("ingest file", "file", fr.Path, "kind", fr.Kind, "status", fr.Status, "read", fr.Read,
		"inserted", fr.Inserted, "updated", fr.Updated, "unchanged", fr.Unchanged, "rejected", fr.Rejected)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
