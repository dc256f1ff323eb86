package jobs

import (
	"fmt"
	"time"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/period"
)

// The jobs of cli.md.
const (
	JobRefresh        = "refresh"
	JobMonthlyBonus   = "monthly-bonus"
	JobQuarterlyAudit = "quarterly-audit"
)

// monthReads are the models and steps a month's files read (bonus,
// workbook and statements, KPI CSV, dashboard, scorecards): refresh shows
// the pool on its dashboard too, and close writes the same files.
// kpi_lifts is read by no report but by people, through query and export;
// it costs little once kpi_period is built.
var monthReads = []string{"bonus_allocations", "bonus_inputs", "kpi_period", "kpi_lifts", "funnel_period",
	"coverage_rep", "coverage_customers", "customer_first_win", "customer_deals", "deal_events", "followup_facts", "survey_facts",
	"periods", "rep_dim"}

// jobReads are the models and steps each job's reports read: its transform
// builds them and what they depend on, nothing else (the monthly bonus does
// not build the audit). A table outside that is what an earlier run left,
// so no report of the job may read it (targets_test.go checks).
var jobReads = map[string][]string{
	JobRefresh:      monthReads,
	JobMonthlyBonus: monthReads,
	JobQuarterlyAudit: {"kpi_period", "rep_dim", "audit_quarters", "audit_checks", "audit_customers",
		"audit_opportunities", "audit_findings", "audit_check_summary", "audit_rep_scores", "audit_rep_summary"},
}

// Targets are the models and steps job's transform builds (with what they
// depend on); close writes the monthly job's files.
func Targets(job string) []string { return jobReads[jobKind(job)] }

// DefaultPeriod is the period a job computes when none is given, at instant
// now in loc: the last complete month (monthly-bonus) or quarter
// (quarterly-audit); the current month to date for the daily refresh,
// which is what leadership checks each morning.
func DefaultPeriod(job string, now time.Time, loc *time.Location) (string, error) {
	switch job {
	case JobMonthlyBonus:
		return period.LastComplete(period.Month, now, loc).String(), nil
	case JobQuarterlyAudit:
		return period.LastComplete(period.Quarter, now, loc).String(), nil
	case JobRefresh:
		return period.MonthOf(period.Civil(now, loc)).String(), nil
	default:
		return "", fmt.Errorf("%w: unknown job %q; the jobs are refresh, monthly-bonus, quarterly-audit", faults.ErrUsage, job)
	}
}

// resolvePeriod checks that p suits the job and returns it with its as_of
// date: the period's last day, or today when the period is still running.
func resolvePeriod(job, p string, now time.Time, loc *time.Location) (period.Period, time.Time, error) {
	per, err := period.Parse(p)
	if err != nil {
		return per, time.Time{}, fmt.Errorf("%w: %v", faults.ErrUsage, err)
	}
	want := period.Month
	if job == JobQuarterlyAudit {
		want = period.Quarter
	}
	if per.Kind != want {
		return per, time.Time{}, fmt.Errorf("%w: %s takes a %s period, not %q", faults.ErrUsage, job, want, p)
	}
	today := period.Civil(now, loc)
	if per.Start().After(today) {
		return per, time.Time{}, fmt.Errorf("%w: period %s has not started yet (today is %s)", faults.ErrUsage, p, today.Format(time.DateOnly))
	}
	asOf := per.End()
	if asOf.After(today) {
		asOf = today
	}
	return per, asOf, nil
}

// SchedulerJobs turns the configured schedule into job specs.
func SchedulerJobs(cfg config.Config) []JobSpec {
	var out []JobSpec
	for _, name := range config.Jobs {
		if c := cfg.Schedule.Jobs[name]; c != "" && c != "off" {
			out = append(out, JobSpec{Name: name, Cron: c})
		}
	}
	return out
}
