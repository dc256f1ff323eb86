package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/jobs"
)

type approveOptions struct{ period, by string }

func (a *app) approveCmd() *cobra.Command {
	var o approveOptions
	cmd := &cobra.Command{
		Use:   "approve --period YYYY-MM --by NAME",
		Short: "The second signature on a closed month: writes its bonus CSV and JSON where bonus.require_approval holds them",
		Long: `Approve a closed month's frozen bonus as a second person: --by must name
someone other than whoever closed it (exit 2 otherwise). With
bonus.require_approval: true the bonus CSV and JSON (what payroll imports) are
written only once the month is approved; approve writes them. Approving an
open month exits 2; approving an approved month exits 5. Reopening the month
clears its approval.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runApprove(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the closed month (YYYY-MM)")
	cmd.Flags().StringVar(&o.by, "by", "", "who approves it: not its closer")
	_ = cmd.MarkFlagRequired("period")
	_ = cmd.MarkFlagRequired("by")
	return cmd
}

func (a *app) runApprove(ctx context.Context, o approveOptions) error {
	if err := checkMonth(o.period); err != nil {
		return err
	}
	// No default here: an approval names its second person on purpose.
	by := strings.TrimSpace(o.by)
	if by == "" {
		return usageErr("--by must name the approver")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	out, err := a.newRunner(cfg, 0).Approve(ctx, o.period, jobs.SignOff{By: by})
	if err != nil {
		return err
	}
	a.printOutcome(out)
	return nil
}
