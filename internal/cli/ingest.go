package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/warehouse"
)

type ingestOptions struct{ wait time.Duration }

func (a *app) ingestCmd() *cobra.Command {
	var o ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest",
		Short: "Pull every configured source into the warehouse and report what was loaded, skipped and rejected",
		Long: `ingest reads every source of the configuration (drop-folder globs and HTTP(S)
URLs) into the warehouse as one batch in one transaction: all of it lands or
none of it does. Files whose content was loaded before are skipped; corrected
re-exports update records by key and keep the earlier versions in history.
A file whose rejected share is above the reject threshold fails the batch
(exit 3); rejected rows are in the rejects table. A url that cannot be
fetched fails it with exit 6, unless the source is optional: then the batch
goes on without it, with a warning, on what the warehouse already holds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runIngest(cmd.Context(), o)
		},
	}
	cmd.Flags().DurationVar(&o.wait, "wait", 0, "wait this long for another run to release the warehouse (default: exit 4 at once)")
	return cmd
}

func (a *app) runIngest(ctx context.Context, o ingestOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	r := a.newRunner(cfg, o.wait)
	var rep ingest.Report
	if len(cfg.Sources) > 0 {
		r.Ingest = func(ctx context.Context, w *warehouse.Warehouse) (any, int64, error) {
			var err error
			rep, err = ingest.Ingest(ctx, w, cfg, ingest.Options{Log: a.log, Progress: a.progressOut(), Now: a.now})
			return rep, rep.Totals().Read, err
		}
	}
	out, err := r.IngestOnly(ctx)
	if rep.Batch != 0 { // a batch began: its table, even rolled back
		if werr := rep.WriteTextIn(a.stdout, a.lang); werr != nil && err == nil {
			err = werr
		}
	}
	if err == nil {
		fmt.Fprintln(a.stdout, a.lang.T("cli.ingest_ok", out.RunID))
	}
	return err
}
