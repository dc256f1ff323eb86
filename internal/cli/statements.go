package cli

import (
	"context"

	"github.com/spf13/cobra"
)

type statementsOptions struct {
	period string
	pdf    bool
}

func (a *app) statementsCmd() *cobra.Command {
	var o statementsOptions
	cmd := &cobra.Command{
		Use:   "statements --period YYYY-MM [--pdf]",
		Short: "Write one private bonus statement per rep (HTML and XLSX; PDF with Chromium)",
		Long: `Write one statement per rep of the roster under <output>/YYYY-MM/statements/,
to hand to that rep privately: their figures, the plan, each step from net
sales to their amount, the deals, new customers and survey responses behind
it, and adjustments to them. Nothing in a rep's file names another rep's pay.
Each is a print-ready one-page A4 HTML file and a one-sheet XLSX, named
statement-YYYY-MM-<rep id> (the id reduced to letters, digits, '.', '_' and
'-'; two reps whose ids collide that way exit 3).

A closed month renders from its frozen record; an open one from what the last
run computed (run monthly-bonus first), so the statements agree with the
bonus files. --pdf (or pdf: true in the configuration) also prints each page
with headless Chromium when it is installed, and says so when it is not. Set
bonus.statements: true to have the monthly job write them too. Under
bonus.require_approval they wait, like the payroll files, until the month is
closed and approved (exit 2 before).`,
		Example: "  salesops statements --period 2026-10 --pdf",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return a.runStatements(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.period, "period", "", "the month (YYYY-MM)")
	cmd.Flags().BoolVar(&o.pdf, "pdf", false, "also print each statement to PDF with headless Chromium")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

func (a *app) runStatements(ctx context.Context, o statementsOptions) error {
	if err := checkMonth(o.period); err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	out, err := a.newRunner(cfg, 0).Statements(ctx, o.period, o.pdf || cfg.PDF)
	if err != nil {
		return err
	}
	a.printOutcome(out)
	return nil
}
