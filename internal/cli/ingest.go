package cli

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/warehouse"
)

type ingestOptions struct{}

func (a *app) ingestCmd() *cobra.Command {
	var o ingestOptions
	return &cobra.Command{
		Use:   "ingest",
		Short: "Pull every configured source into the warehouse and report what was loaded, skipped and rejected",
		Long: `ingest reads every source of the configuration (drop-folder globs and HTTP(S)
URLs) into the warehouse as one batch in one transaction: all of it lands or
none of it does. Files whose content was loaded before are skipped; corrected
re-exports update records by key and keep the earlier versions in history.
A file whose rejected share is above the reject threshold fails the batch
(exit 3); rejected rows are in the rejects table.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runIngest(cmd.Context(), o)
		},
	}
}

func (a *app) runIngest(ctx context.Context, _ ingestOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	w, err := warehouse.Open(ctx, cfg.WarehousePath(), warehouse.Options{MemoryLimit: cfg.MemoryLimit}, a.log)
	if err != nil {
		return err
	}
	defer w.Close()
	started := a.now()
	runID, err := w.StartRun(ctx, warehouse.Run{Job: "ingest", Trigger: "manual", StartedAt: started})
	if err != nil {
		return err
	}
	opt := ingest.Options{Log: a.log, Now: a.now}
	if a.interactive() {
		opt.Progress = a.stderr
	}
	rep, ierr := ingest.Ingest(ctx, w, cfg, opt)
	if werr := rep.WriteText(a.stdout); werr != nil && ierr == nil {
		ierr = werr
	}
	detail, _ := json.Marshal(map[string]any{"ingest": rep})
	run := warehouse.Run{ID: runID, FinishedAt: a.now(), Status: "ok", Rows: rep.Totals().Inserted + rep.Totals().Updated, Detail: string(detail)}
	if ierr != nil {
		run.Status, run.Error = "failed", ierr.Error()
		if errors.Is(ierr, context.Canceled) {
			run.Status = "cancelled"
		}
	}
	if fp, err := w.Fingerprint(ctx); err == nil {
		run.Fingerprint = fp
	}
	// Record the end even when ctx was cancelled, so the history is honest.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := w.FinishRun(fctx, run); err != nil {
		a.log.Warn("could not record the run", "err", err)
	}
	return ierr
}
