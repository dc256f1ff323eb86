package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/warehouse"
)

// newRunner builds the job runner for cfg, with the ingest step wired in.
func (a *app) newRunner(cfg config.Config, lockWait time.Duration) *jobs.Runner {
	return &jobs.Runner{Config: cfg, Log: a.log, Now: a.now, LockWait: lockWait, Ingest: a.ingestStep(cfg), Build: a.build}
}

// progressOut is where progress bars go: stderr on a terminal, nowhere else.
func (a *app) progressOut() io.Writer {
	if a.interactive() {
		return a.stderr
	}
	return nil
}

// printOutcome tells the user what a run produced, in the configured
// language: it is a summary for people. The split is here, in the
// printing: the log lines, the run history and the errors mapped to exit
// codes stay English for scripts and support, and the notes and paths
// themselves are shown as the job wrote them.
func (a *app) printOutcome(o jobs.Outcome) {
	fmt.Fprintln(a.stdout, a.lang.T("cli.run_ok", o.Job, o.Period, o.RunID))
	for _, n := range o.Notes {
		fmt.Fprintln(a.stdout, "  "+a.lang.T("cli.note", n))
	}
	for _, p := range o.Outputs {
		fmt.Fprintf(a.stdout, "  %s\n", p)
	}
}

// openWarehouse opens the configured warehouse for a command that writes
// outside a job (transform); it takes the lock first.
func (a *app) withWarehouse(ctx context.Context, cfg config.Config, job string, fn func(*warehouse.Warehouse) error) error {
	w, done, err := jobs.OpenLocked(ctx, cfg.WarehousePath(), warehouse.Options{MemoryLimit: cfg.MemoryLimit}, jobs.Holder{Job: job}, 0, a.log)
	if err != nil {
		return err
	}
	defer done()
	return fn(w)
}
