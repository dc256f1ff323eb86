package cli

import (
	"context"

	"github.com/spf13/cobra"
)

type closeOptions struct{ period string }

func (a *app) closeCmd() *cobra.Command {
	var o closeOptions
	cmd := &cobra.Command{
		Use:   "close --period YYYY-MM",
		Short: "Freeze a month's bonus: its rows, pool, plan and input fingerprint",
		Long: `Freeze a month's bonus after a fresh ingest and transform whose data tests all
pass. Later runs for the month reproduce the frozen numbers exactly; data that
arrives afterwards shows as adjustments in the next open month's outputs.
Closing a closed month exits 5.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runClose(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the month to close (YYYY-MM)")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

func (a *app) runClose(ctx context.Context, o closeOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	out, err := a.newRunner(cfg, 0).Close(ctx, o.period)
	if err != nil {
		return err
	}
	a.printOutcome(out)
	return nil
}
