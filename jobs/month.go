package jobs

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/reports"
)

// monthState is a month as all its files show it: its bonus, the inputs
// of its other reports and what they say about the figures. For a closed
// month every part comes from what the close froze; for an open one from
// the models. The writers take it either way: one path renders both.
type monthState struct {
	b        bonus.Month
	hasBonus bool // false for a refresh of an open month
	in       *reports.MonthInputs
	status   reports.MonthStatus
}

func (j *job) dashOptions(st reports.MonthStatus) reports.DashboardOptions {
	opt := reports.DashboardOptions{Period: j.req.Period, Language: j.Config.Language, OutDir: j.Config.OutputDir(),
		AsOf: j.asOf, BaseCurrency: j.Config.BaseCurrency, SurveyScale: j.Config.Metrics.SurveyScale, Log: j.log, Build: j.Build,
		Status: st, Programme: j.programmeOptions()}
	opt.Targets.EfficiencyLift = j.Config.Targets.EfficiencyLift.Rat()
	opt.Targets.WinRateLift = j.Config.Targets.WinRateLift.Rat()
	return opt
}

// readMonth is monthState as the report phase's first step: -v logs its
// time, and each file written after it its own (addOutput).
func (j *job) readMonth(ctx context.Context, withBonus bool) (monthState, error) {
	j.lap = time.Now()
	st, err := j.monthState(ctx, withBonus)
	if err == nil {
		j.lapDone("the month's report data read")
	}
	return st, err
}

// monthState reads the run's month: a closed one from its record and the
// inputs frozen with it, an open one from the models (its bonus, with the
// adjustments due to earlier closed months, when withBonus).
func (j *job) monthState(ctx context.Context, withBonus bool) (monthState, error) {
	p := j.req.Period
	store := bonus.NewStore(j.w)
	b, closed, err := bonus.Frozen(ctx, store, p)
	if err != nil {
		return monthState{}, err
	}
	var st monthState
	if closed {
		b = b.In(j.Config.Location) // a close kept before its time's offset was recorded says UTC
		st = monthState{b: b, hasBonus: true, status: reports.StatusOf(b)}
		// Every file of the month says what the workbook says: a close
		// whose payroll files wait for the second signature is not "paid".
		why, err := j.payrollWithheld(ctx, b)
		if err != nil {
			return st, err
		}
		st.status.AwaitingApproval = why != ""
		views, err := bonus.Views(ctx, store, p)
		if err != nil {
			return st, err
		}
		in, ok, err := reports.DecodeMonthInputs(j.w.DB, p, views)
		if err != nil {
			return st, err
		}
		if !ok {
			// Closed before its reports were frozen: only the bonus is the
			// record's; say so rather than pass live figures off as closed.
			if in, err = reports.LoadMonthInputs(ctx, j.w.DB, j.dashOptions(st.status)); err != nil {
				return st, err
			}
			j.note(fmt.Sprintf("%s was closed before salesops froze its dashboard, KPIs and scorecards: they show the data as it is now, the bonus as it was closed", p))
		}
		st.in = in
		st.in.UseBonus(b)
		j.out.Closed = true
		j.note(fmt.Sprintf("%s is closed (since %s): every file of the month shows the figures it was closed with; later data shows as adjustments in the next open month", p, b.ClosedAt))
		return st, nil
	}
	at, reason, reopened, err := bonus.Reopened(ctx, store, p)
	if err != nil {
		return st, err
	}
	st.status = reports.MonthStatus{Reopened: reopened, ReopenedAt: at.In(j.Config.Location), ReopenReason: reason}
	if st.in, err = reports.LoadMonthInputs(ctx, j.w.DB, j.dashOptions(st.status)); err != nil {
		return st, err
	}
	if withBonus {
		if st.b, err = j.currentBonus(ctx); err != nil {
			return st, err
		}
		if st.b.Adjustments, err = bonus.Adjustments(ctx, store, p); err != nil {
			return st, err
		}
		st.hasBonus = true
		st.in.UseBonus(st.b)
	}
	return st, nil
}

// writeMonth writes every file of the month from st.
func (j *job) writeMonth(ctx context.Context, st monthState) error {
	j.month = &st
	if st.hasBonus {
		if err := j.writeBonus(ctx, st.b, true); err != nil {
			return err
		}
	}
	dir, err := j.periodDir(j.req.Period)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "kpis-"+j.req.Period+".csv")
	if err := reports.WriteKPIsCSV(ctx, path, st.in.KPIs()); err != nil {
		return err
	}
	j.addOutput(path)
	opt := j.dashOptions(st.status)
	for _, write := range []func(context.Context, *reports.MonthInputs, reports.DashboardOptions) (string, error){
		reports.WriteDashboardOf, reports.WriteScorecardsOf} {
		path, err := write(ctx, st.in, opt)
		if err != nil {
			return err
		}
		j.addOutput(path)
		if err := j.printPDFs(ctx, path); err != nil {
			return err
		}
	}
	return nil
}

func (j *job) note(s string) {
	j.out.Notes = append(j.out.Notes, s)
	j.log.Info(s)
}

// closing is b as a close freezes it: with the adjustments it pays (those
// the month's files listed as due) and the inputs of its other reports.
func (j *job) closing(ctx context.Context, b bonus.Month) (bonus.Month, error) {
	var err error
	if b.Adjustments, err = bonus.Adjustments(ctx, bonus.NewStore(j.w), b.Period); err != nil {
		return b, err
	}
	in, err := reports.LoadMonthInputs(ctx, j.w.DB, j.dashOptions(reports.MonthStatus{}))
	if err != nil {
		return b, err
	}
	b.Views, b.ViewLines, err = reports.EncodeMonthInputs(ctx, in)
	return b, err
}

// workbookInputs are the detail sheets' source for b: the month's, once
// read; else what its close froze; else the models.
func (j *job) workbookInputs(ctx context.Context, b bonus.Month) (*reports.MonthInputs, reports.MonthStatus, error) {
	if j.month != nil && j.month.in.Period == b.Period {
		return j.month.in, j.month.status, nil
	}
	if b.Closed {
		views, err := bonus.Views(ctx, bonus.NewStore(j.w), b.Period)
		if err != nil {
			return nil, reports.MonthStatus{}, err
		}
		in, ok, err := reports.DecodeMonthInputs(j.w.DB, b.Period, views)
		if err != nil || ok {
			return in, reports.StatusOf(b), err
		}
	}
	opt := j.dashOptions(reports.MonthStatus{})
	opt.Period = b.Period
	in, err := reports.LoadMonthInputs(ctx, j.w.DB, opt)
	return in, reports.StatusOf(b), err
}
