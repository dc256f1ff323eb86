package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/jobs"
)

type reopenOptions struct{ period, reason, by string }

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
	cmd.Flags().StringVar(&o.by, "by", "", "who reopens it (default: the OS user)")
	_ = cmd.MarkFlagRequired("period")
	_ = cmd.MarkFlagRequired("reason")
	return cmd
}

func (a *app) runReopen(ctx context.Context, o reopenOptions) error {
	if err := checkMonth(o.period); err != nil {
		return err
	}
	if strings.TrimSpace(o.reason) == "" {
		return usageErr("--reason must say why the month is reopened")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	s := jobs.SignOff{By: signer(o.by), Reason: o.reason}
	if s.By == "" {
		return usageErr("nobody to record as reopening: the OS user is unknown; name one with --by NAME")
	}
	out, err := a.newRunner(cfg, 0).Reopen(ctx, o.period, s)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, a.lang.T("cli.reopened", o.period, s.By, out.RunID, o.reason))
	for _, n := range out.Notes {
		fmt.Fprintln(a.stdout, "  "+a.lang.T("cli.note", n))
	}
	return nil
}
