package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/reports"
)

// Statements writes month p's private statements, one per rep, from what
// the warehouse holds: the frozen record of a closed month, else the month
// as the last run computed it, with the adjustments owed to each rep. It
// neither ingests nor transforms, so the statements agree with the bonus
// files finance already has; pdf also prints them with Chromium.
func (r *Runner) Statements(ctx context.Context, p string, pdf bool) (Outcome, error) {
	return r.withJob(ctx, Request{Job: "statements", Period: p}, func(ctx context.Context, j *job) error {
		store := bonus.NewStore(j.w)
		b, closed, err := bonus.Frozen(ctx, store, p)
		if err != nil {
			return err
		}
		if !closed {
			plan, err := bonus.PlanFrom(j.Config.Bonus)
			if err != nil {
				return err
			}
			b, err = bonus.Load(ctx, j.w.DB, p, plan)
			if errors.Is(err, bonus.ErrNoMonth) {
				return fmt.Errorf("%w: no bonus has been computed for %s: run 'salesops run monthly-bonus --period %s' first", faults.ErrUsage, p, p)
			}
			if err != nil {
				return err
			}
			if b.Adjustments, err = bonus.Adjustments(ctx, store, p); err != nil {
				return err
			}
		}
		j.out.Closed = closed
		if why, err := j.statementsWithheld(ctx, b); err != nil || why != "" {
			if err == nil {
				err = fmt.Errorf("%w: %s", faults.ErrUsage, why)
			}
			return err
		}
		return j.writeStatements(ctx, b.In(j.Config.Location), pdf)
	})
}

// writeStatements writes the statements of b into its period folder.
func (j *job) writeStatements(ctx context.Context, b bonus.Month, pdf bool) error {
	dir, err := j.periodDir(b.Period)
	if err != nil {
		return err
	}
	// A closed month's statements list the deals it was closed with, not
	// late ones: the same detail lines as its workbook.
	in, status, err := j.workbookInputs(ctx, b)
	if err != nil {
		return err
	}
	opt := reports.StatementOptions{PDF: pdf, Inputs: in,
		WorkbookOptions: reports.WorkbookOptions{Language: j.Config.Language, BaseCurrency: j.Config.BaseCurrency, Build: j.Build, Status: status}}
	paths, notes, err := reports.WriteStatements(ctx, j.w.DB, b, opt, dir)
	if len(paths) > 0 { // written in one pass over the reps
		j.addOutput(paths[0], paths[1:]...)
	}
	for _, n := range notes {
		j.out.Notes = append(j.out.Notes, n)
		j.log.Warn(n)
	}
	return err
}

// monthlyStatements writes the statements as part of the monthly job when
// the configuration asks for them (bonus.statements), printed to PDF too
// under pdf: true.
func (j *job) monthlyStatements(ctx context.Context, b bonus.Month) error {
	if !j.Config.Bonus.Statements {
		return nil
	}
	why, err := j.statementsWithheld(ctx, b)
	if err != nil || why == "" {
		if err != nil {
			return err
		}
		return j.writeStatements(ctx, b, j.Config.PDF)
	}
	j.out.Notes = append(j.out.Notes, why)
	dir, err := j.periodDir(b.Period)
	if err != nil {
		return err
	}
	return reports.RemoveStatements(reports.StatementsDir(dir), b.Period)
}

// statementsWithheld says why a month's statements are not handed out
// ("" when they may be): under bonus.require_approval a rep learns their
// pay from the same approved figures payroll pays, not before.
func (j *job) statementsWithheld(ctx context.Context, b bonus.Month) (string, error) {
	why, err := j.payrollWithheld(ctx, b)
	if why != "" {
		why = fmt.Sprintf("no statements for %s until it is closed and approved (bonus.require_approval)", b.Period)
	}
	return why, err
}
