package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/salesops/salesops/jobs"
)

type scheduleOptions struct {
	dryRun bool
}

func (a *app) scheduleCmd() *cobra.Command {
	var o scheduleOptions
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: "Stay running and start jobs on their cron schedules",
		Long: `Stay running and start refresh, monthly-bonus and quarterly-audit on the cron
expressions of the configuration (schedule.jobs), in its time zone. Runs that
were missed while the machine was off are caught up once at start. One job
runs at a time; a failed job is retried with backoff. SIGTERM or SIGINT stops
starting jobs, lets the running one finish within schedule.grace, then exits.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runSchedule(cmd.Context(), o) },
	}
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print the next fire times and exit")
	return cmd
}

func (a *app) runSchedule(ctx context.Context, o scheduleOptions) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	loc, err := cfg.ScheduleLocation()
	if err != nil {
		return usageErr("schedule.timezone: %v", err)
	}
	runner := a.newRunner(cfg, 10*time.Minute)
	s, err := jobs.NewScheduler(jobs.SchedulerConfig{
		Jobs:     jobs.SchedulerJobs(cfg),
		Location: loc,
		Run: func(ctx context.Context, req jobs.Request) error {
			out, err := runner.Run(ctx, req)
			if err == nil {
				a.printOutcome(out)
			}
			return err
		},
		History: jobs.WarehouseHistory{Path: cfg.WarehousePath(), Log: a.log, Build: a.build},
		PeriodFor: func(job string, firedAt time.Time) string {
			p, _ := jobs.DefaultPeriod(job, firedAt, cfg.Location)
			return p
		},
		Retries:     cfg.Schedule.Retries,
		Backoff:     cfg.Schedule.Backoff.D(),
		Grace:       cfg.Schedule.Grace.D(),
		Logger:      a.log,
		SkipCatchUp: cfg.Schedule.CatchUp != nil && !*cfg.Schedule.CatchUp,
	})
	if err != nil {
		return err // already a usage error naming the job and its cron
	}
	if o.dryRun {
		next := s.NextRuns(3)
		for _, spec := range jobs.SchedulerJobs(cfg) {
			for _, t := range next[spec.Name] {
				fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", spec.Name, spec.Cron, t.Format(time.RFC3339))
			}
		}
		return nil
	}
	return s.Run(ctx)
}
