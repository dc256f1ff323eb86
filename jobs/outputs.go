package jobs

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/reports"
)

var reportsPeriodDir = reports.PeriodDir

// currentBonus is the month's bonus as the data gives it now.
func (j *job) currentBonus(ctx context.Context) (bonus.Month, error) {
	plan, err := bonus.PlanFrom(j.Config.Bonus)
	if err != nil {
		return bonus.Month{}, err
	}
	b, err := bonus.Load(ctx, j.w.DB, j.req.Period, plan)
	if errors.Is(err, bonus.ErrNoMonth) {
		return b, fmt.Errorf("no data reaches %s: nothing to compute (is the period right, and were the exports loaded?)", j.req.Period)
	}
	if err != nil {
		return b, err
	}
	b.Fingerprint, err = j.w.Fingerprint(ctx)
	return b, err
}

func (j *job) writeBonus(ctx context.Context, b bonus.Month, withAdjustments bool) error {
	dir, err := j.periodDir(b.Period)
	if err != nil {
		return err
	}
	base := filepath.Join(dir, "bonus-"+b.Period)
	b = b.In(j.Config.Location)
	if why, err := j.payrollWithheld(ctx, b); err != nil {
		return err
	} else if why != "" {
		b.AwaitingApproval = b.Closed
		if err := j.withholdPayroll(base, why); err != nil {
			return err
		}
	} else {
		if err := reports.WriteBonusCSV(ctx, base+".csv", b); err != nil {
			return err
		}
		j.addOutput(base + ".csv")
		if err := reports.WriteBonusJSON(ctx, base+".json", b, j.Build); err != nil {
			return err
		}
		j.addOutput(base + ".json")
	}
	if err := j.writeWorkbook(ctx, b, base+".xlsx"); err != nil {
		return err
	}
	if withAdjustments {
		p := filepath.Join(dir, "adjustments-"+b.Period+".csv")
		if err := reports.WriteAdjustmentsCSV(ctx, p, b.Adjustments); err != nil {
			return err
		}
		j.addOutput(p)
		switch {
		case len(b.Adjustments) > 0 && b.Closed:
			j.out.Notes = append(j.out.Notes, fmt.Sprintf("%s pays %d adjustment(s) to earlier closed months; no later month lists them as due: %s", b.Period, len(b.Adjustments), p))
		case len(b.Adjustments) > 0:
			j.out.Notes = append(j.out.Notes, fmt.Sprintf("%d adjustment(s) to closed months await finance's approval: %s", len(b.Adjustments), p))
		}
	}
	return nil
}

// Close freezes month p's bonus after a fresh ingest and transform whose
// data tests all pass, signed by s (signoff.go).
func (r *Runner) Close(ctx context.Context, p string, s SignOff) (Outcome, error) {
	if err := r.mayClose(p, s); err != nil {
		return Outcome{Job: "close", Period: p}, err
	}
	return r.withJob(ctx, Request{Job: "close", Period: p}, func(ctx context.Context, j *job) error {
		if err := j.load(ctx); err != nil {
			return err
		}
		b, err := j.currentBonus(ctx)
		if err == nil {
			b, err = j.closing(ctx, b)
		}
		if err != nil {
			return err
		}
		at := j.signedNow()
		b, err = bonus.Close(ctx, bonus.NewStore(j.w), b, j.closeInfo(s, at), j.runID, at)
		if err != nil {
			return err
		}
		st, err := j.readMonth(ctx, true)
		if err != nil {
			return err
		}
		if err := j.writeMonth(ctx, st); err != nil {
			return err
		}
		return j.index(ctx)
	})
}

// Reopen lifts the freeze of month p, keeping who and why in the history;
// it voids the close's approval.
func (r *Runner) Reopen(ctx context.Context, p string, s SignOff) (Outcome, error) {
	return r.withJob(ctx, Request{Job: "reopen", Period: p}, func(ctx context.Context, j *job) error {
		j.detail["reason"] = s.Reason
		approval, approved, err := j.reopenSignOff(ctx, p, s)
		if err != nil {
			return err
		}
		if err := bonus.Reopen(ctx, bonus.NewStore(j.w), p, s.Reason, j.runID, j.signedNow()); err != nil || !approved {
			return err
		}
		return j.clearApproval(ctx, p, approval, s)
	})
}
