package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/period"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

type transformOptions struct {
	asOf string
	full bool
}

func (a *app) transformCmd() *cobra.Command {
	var o transformOptions
	cmd := &cobra.Command{
		Use:   "transform",
		Short: "Run the SQL models and their data tests on the warehouse",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return a.runTransform(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.asOf, "as-of", "", "the date metrics are computed for, YYYY-MM-DD (default: today)")
	cmd.Flags().BoolVar(&o.full, "full", false, "rebuild every model, also those built before from the same inputs")
	return cmd
}

func (a *app) runTransform(ctx context.Context, o transformOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	asOf := period.Civil(a.now(), cfg.Location)
	if o.asOf != "" {
		if asOf, err = time.Parse(time.DateOnly, o.asOf); err != nil {
			return usageErr("--as-of %q: want YYYY-MM-DD", o.asOf)
		}
	}
	return a.withWarehouse(ctx, cfg, "transform", func(w *warehouse.Warehouse) error {
		opt, err := bonus.Transform(cfg, asOf, a.log)
		if err != nil {
			return err
		}
		opt.Full = o.full
		if opt.Stamps, err = ingest.TableStamps(ctx, w.DB); err != nil {
			return err
		}
		res, err := transform.Run(ctx, w, opt)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%d models built, %d up to date, %d data tests passed in %s\n", len(res.Models), len(res.Fresh), res.Tests, res.Took.Round(time.Millisecond))
		return nil
	})
}
