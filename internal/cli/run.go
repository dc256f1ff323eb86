package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/jobs"
	"github.com/salesops/salesops/period"
)

type runOptions struct {
	rewrite bool
	job     string
	period  string
	wait    time.Duration
	pdf     bool
}

func (a *app) runCmd() *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:   "run JOB",
		Short: "Run one job end to end: ingest, transform, reports (refresh, monthly-bonus, quarterly-audit)",
		Long: `Run one job end to end: pull every configured source, run the SQL models and
their data tests, and write the job's reports.

  refresh          the dashboard and KPIs of the current month to date
  monthly-bonus    the bonus files, KPIs, dashboard and scorecards of a month
  quarterly-audit  the audit and KPIs of a quarter

The period defaults to the last complete month or quarter (the current month
for refresh) in the configured timezone: a month is complete once its last
day has ended there, and the run says which period it took. A closed month
reproduces its frozen bonus. A run that would find no roster or no sales
anywhere (the drop folders hold none and the warehouse has none) stops
before the transform with exit 3, naming the folders to fill.

--pdf (or pdf: true in the configuration) also prints the job's HTML
reports (dashboard, audit, and statements when configured) to PDF beside
them with headless Chromium, on A4; without Chromium the run warns and
writes the HTML only.`,
		Example:   "  salesops run monthly-bonus --period 2026-10\n  salesops run quarterly-audit --pdf",
		Args:      oneJob,
		ValidArgs: []string{jobs.JobRefresh, jobs.JobMonthlyBonus, jobs.JobQuarterlyAudit},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.job = args[0]
			return a.runRun(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVar(&o.period, "period", "", "YYYY-MM or YYYY-Qn (default: the last complete one)")
	cmd.Flags().DurationVar(&o.wait, "wait", 0, "wait this long for another run to release the warehouse (default: exit 4 at once)")
	cmd.Flags().BoolVar(&o.rewrite, "rewrite", false, "write the files even when nothing they are made from changed since the last run")
	cmd.Flags().BoolVar(&o.pdf, "pdf", false, "also print the HTML reports to PDF with headless Chromium (pdf: true in the configuration)")
	return cmd
}

// oneJob names the jobs when the operator gave none (or several), rather
// than cobra's "accepts 1 arg(s), received 0".
func oneJob(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("run takes one job: %s (got %d arguments)", strings.Join(cmd.ValidArgs, ", "), len(args))
	}
	return nil
}

func (a *app) runRun(ctx context.Context, o runOptions) error {
	switch o.job {
	case jobs.JobRefresh, jobs.JobMonthlyBonus, jobs.JobQuarterlyAudit:
	default:
		return usageErr("unknown job %q; the jobs are refresh, monthly-bonus, quarterly-audit", o.job)
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	cfg.PDF = cfg.PDF || o.pdf
	if o.period == "" {
		if o.period, err = a.defaultPeriod(o.job, cfg); err != nil {
			return err
		}
	}
	out, err := a.newRunner(cfg, o.wait).Run(ctx, jobs.Request{Job: o.job, Period: o.period, Trigger: jobs.TriggerManual, Rewrite: o.rewrite})
	if err != nil {
		return err
	}
	a.printOutcome(out)
	return nil
}

// defaultPeriod picks the period of a run without --period and says which
// and why: whether a month is complete is decided in the configured time
// zone, so on the evening of the 30th in UTC a Shanghai warehouse already
// runs the month just ended, which would otherwise look like a mistake.
func (a *app) defaultPeriod(job string, cfg config.Config) (string, error) {
	now := a.now()
	p, err := jobs.DefaultPeriod(job, now, cfg.Location)
	if err != nil {
		return "", err
	}
	why := "the last complete month"
	switch job {
	case jobs.JobQuarterlyAudit:
		why = "the last complete quarter"
	case jobs.JobRefresh:
		why = "the current month to date"
	}
	a.log.Info("no --period: "+why+" in the configured timezone", "period", p,
		"timezone", cfg.Location.String(), "today", period.Civil(now, cfg.Location).Format(time.DateOnly))
	return p, nil
}
