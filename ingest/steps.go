package ingest

import (
	"context"
	"fmt"
	"time"
)

// transform runs the plan over the staged file: parse (one pass), rejects
// (only rows some rule may reject), repeated keys, and the _valid view the
// upsert reads. It fills fr.Read and fr.Rejected.
func (p plan) transform(ctx context.Context, s *session, j job, spec kindSpec, fr *FileReport, opt Options) error {
	step := func(name, q string) error {
		t := time.Now()
		_, err := s.tx.ExecContext(ctx, q)
		opt.Log.Debug("step", "file", j.name, "step", name, "took", time.Since(t))
		if err == nil {
			return nil
		}
		if name == "parse" && s.readAs != "" {
			// The parse is DuckDB's first full read of the file.
			return &FileError{File: j.name, Reason: fmt.Sprintf("cannot be read as %s: %s", s.readAs, firstLineOf(err))}
		}
		return &FileError{File: j.name, Reason: fmt.Sprintf("cannot be read as a %s export: %v", spec.name, err)}
	}
	err := step("parse", p.parsedSQL(s.from))
	// The parse has read the stream; what stopped the reader, if anything,
	// says more than DuckDB's view of it.
	if srcErr := s.endStream(); srcErr != nil {
		return srcErr
	}
	if err != nil {
		return err
	}
	if err := step("view", p.parsedViewSQL()); err != nil {
		return err
	}
	if err := step("rejects", p.rejectsSQL()); err != nil {
		return err
	}
	if err := s.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM _parsed), (SELECT count(DISTINCT _line) FROM _rej)`).Scan(&fr.Read, &fr.Rejected); err != nil {
		return fmt.Errorf("counting rows of %s: %w", j.name, err)
	}
	if err := step("repeats", p.dupsSQL(fr.Rejected > 0)); err != nil {
		return err
	}
	var dups, rates int64
	if err := s.tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM _dups), (SELECT count(*) FROM fx_rates)`).Scan(&dups, &rates); err != nil {
		return fmt.Errorf("counting repeated keys of %s: %w", j.name, err)
	}
	return step("valid", p.validSQL(fr.Rejected > 0, dups > 0, rates > 0))
}
