package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/jobs"
)

type closeOptions struct {
	period, by, reason string
	force              bool
}

func (a *app) closeCmd() *cobra.Command {
	var o closeOptions
	cmd := &cobra.Command{
		Use:   "close --period YYYY-MM [--by NAME] [--force --reason TEXT]",
		Short: "Freeze a month's bonus: its rows, pool, plan and input fingerprint, signed by who closed it",
		Long: `Freeze a month's bonus after a fresh ingest and transform whose data tests all
pass. Later runs for the month reproduce the frozen numbers exactly; data that
arrives afterwards shows as adjustments in the next open month's outputs.

A month can be closed once its last day has ended in the configured timezone;
before that, --force --reason TEXT closes it and records why. The close
records who (--by, default the OS user) and when. With bonus.require_approval
the bonus CSV and JSON wait for a second person: salesops approve.
Closing a closed month exits 5.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runClose(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the month to close (YYYY-MM)")
	cmd.Flags().StringVar(&o.by, "by", "", "who closes it (default: the OS user)")
	cmd.Flags().BoolVar(&o.force, "force", false, "close a month that has not ended yet (needs --reason)")
	cmd.Flags().StringVar(&o.reason, "reason", "", "why a month that has not ended is closed (with --force; recorded)")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

func (a *app) runClose(ctx context.Context, o closeOptions) error {
	if err := checkMonth(o.period); err != nil {
		return err
	}
	reason := strings.TrimSpace(o.reason)
	switch {
	case o.force && reason == "":
		return usageErr("--force needs --reason TEXT: why the month is closed before it has ended (it is recorded with the close)")
	case !o.force && reason != "":
		return usageErr("--reason goes with --force: a month that has ended closes without one")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	s := jobs.SignOff{By: signer(o.by), Force: o.force, Reason: reason}
	if s.By == "" {
		return usageErr("nobody to record as the closer: the OS user is unknown; name one with --by NAME")
	}
	out, err := a.newRunner(cfg, 0).Close(ctx, o.period, s)
	if err != nil {
		return err
	}
	a.printOutcome(out)
	return nil
}
