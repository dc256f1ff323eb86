package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/period"
)

type reopenOptions struct{ period, reason string }

func (a *app) reopenCmd() *cobra.Command {
	var o reopenOptions
	cmd := &cobra.Command{
		Use:   "reopen --period YYYY-MM --reason TEXT",
		Short: "Reopen a closed month, keeping the reason and time in the run history",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return a.runReopen(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the closed month (YYYY-MM)")
	cmd.Flags().StringVar(&o.reason, "reason", "", "why it is reopened (kept in the run history)")
	_ = cmd.MarkFlagRequired("period")
	_ = cmd.MarkFlagRequired("reason")
	return cmd
}

func (a *app) runReopen(ctx context.Context, o reopenOptions) error {
	if p, err := period.Parse(o.period); err != nil || p.Kind != period.Month {
		return usageErr("--period %q: want a month, YYYY-MM", o.period)
	}
	if strings.TrimSpace(o.reason) == "" {
		return usageErr("--reason must say why the month is reopened")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	out, err := a.newRunner(cfg, 0).Reopen(ctx, o.period, o.reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s reopened (run %d): %s\n", o.period, out.RunID, o.reason)
	return nil
}
