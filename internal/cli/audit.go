package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/warehouse"
)

type auditRespondOptions struct{ finding, by, note string }

// auditCmd groups the answers to audit findings (docs/audit.md,
// "Responding to a finding").
func (a *app) auditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Respond to audit findings: acknowledge or waive one by its id",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(
		a.auditRespondCmd("ack", "Acknowledge a finding: it stays counted; the response shows next to it",
			"what is being done about it (optional)"),
		a.auditRespondCmd("waive", "Waive a finding: it is shown as waived and no longer counted in rates and scores",
			"why it is not a failure (required)"),
	)
	return cmd
}

func (a *app) auditRespondCmd(action, short, noteHelp string) *cobra.Command {
	var o auditRespondOptions
	cmd := &cobra.Command{
		Use:   action + " --finding ID --by NAME --note TEXT",
		Short: short,
		Long: short + `.
The id is in every audit report (e.g. A7-2026Q3-1a2b3c4d5e6f); it is
stable across reruns. The response shows from the next audit run of that
quarter, and next to the finding when it repeats the quarter after.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runAuditRespond(cmd.Context(), action, o) },
	}
	cmd.Flags().StringVar(&o.finding, "finding", "", "the finding's id, from the audit report")
	cmd.Flags().StringVar(&o.by, "by", "", "who responds")
	cmd.Flags().StringVar(&o.note, "note", "", noteHelp)
	_ = cmd.MarkFlagRequired("finding")
	_ = cmd.MarkFlagRequired("by")
	return cmd
}

func (a *app) runAuditRespond(ctx context.Context, action string, o auditRespondOptions) error {
	o.finding, o.by, o.note = strings.TrimSpace(o.finding), strings.TrimSpace(o.by), strings.TrimSpace(o.note)
	if o.finding == "" || o.by == "" {
		return usageErr("--finding and --by must not be empty")
	}
	// A waiver takes a finding out of the score, so it must say why.
	if action == "waive" && o.note == "" {
		return usageErr("--note must say why the finding is waived")
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	resp := warehouse.AuditResponse{FindingID: o.finding, Action: action, By: o.by, Note: o.note}
	out, err := a.newRunner(cfg, 0).RespondAudit(ctx, resp)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %s recorded by %s (run %d); the %s audit shows it from its next run\n",
		o.finding, action, o.by, out.RunID, out.Period)
	return nil
}
