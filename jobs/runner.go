package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"time"

	"github.com/salesops/salesops/bonus"
	"github.com/salesops/salesops/buildinfo"
	"github.com/salesops/salesops/config"
	"github.com/salesops/salesops/faults"
	"github.com/salesops/salesops/ingest"
	"github.com/salesops/salesops/internal/proc"
	"github.com/salesops/salesops/period"
	"github.com/salesops/salesops/transform"
	"github.com/salesops/salesops/warehouse"
)

// IngestFunc pulls the configured sources into the open warehouse and
// returns its report (recorded as the run's detail) and the rows it read.
type IngestFunc func(ctx context.Context, w *warehouse.Warehouse) (report any, rows int64, err error)

// Runner runs jobs for one configuration.
type Runner struct {
	Config config.Config
	Log    *slog.Logger
	// Now is the business clock: it picks the default period and bounds
	// as_of (the demo pins it to its sample's date). What the history
	// records (start, end, close times) is always the real time.
	Now      func() time.Time
	Ingest   IngestFunc     // nil: no ingest step (the warehouse is loaded otherwise)
	LockWait time.Duration  // 0: refuse at once when another run holds the warehouse
	Build    buildinfo.Info // this salesops: recorded with each run and in every output
}

// Outcome is what a run produced.
type Outcome struct {
	RunID   int64
	Job     string
	Period  string
	Outputs []string
	Closed  bool // the month is closed: the bonus files reproduce the frozen numbers
	Notes   []string
}

// job is one run's state while it executes.
type job struct {
	*Runner
	log    *slog.Logger // the runner's logger with this run's job and period
	w      *warehouse.Warehouse
	req    Request
	per    period.Period
	asOf   time.Time
	runID  int64
	out    Outcome
	detail map[string]any
	rows   int64
	month  *monthState // the month's files' source once read (month.go)
	// stamps name the canonical tables' content after the ingest: the
	// transform and the output key (outputs_fresh.go) both read them.
	stamps map[string]string
	// lap is when the last step of the report phase ended: -v logs each
	// report's time from it, as the transform logs each model's.
	lap time.Time
}

// Run runs req end to end: lock, run history, ingest, transform, reports.
func (r *Runner) Run(ctx context.Context, req Request) (Outcome, error) {
	return r.withJob(ctx, req, func(ctx context.Context, j *job) error { return j.execute(ctx) })
}

// IngestOnly pulls the configured sources without transforming or reporting,
// with the lock and the run history of any job (`salesops ingest`).
func (r *Runner) IngestOnly(ctx context.Context) (Outcome, error) {
	return r.withJob(ctx, Request{Job: "ingest"}, func(ctx context.Context, j *job) error {
		if j.Ingest == nil {
			return fmt.Errorf("%w: the configuration lists no sources", faults.ErrUsage)
		}
		rep, rows, err := j.Ingest(ctx, j.w)
		j.detail["ingest"], j.rows = rep, rows
		return err
	})
}

// withJob does the bookkeeping every run shares and calls body in between.
func (r *Runner) withJob(ctx context.Context, req Request, body func(context.Context, *job) error) (out Outcome, err error) {
	now := r.Now
	if now == nil {
		now = time.Now
	}
	log := r.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if req.Trigger == "" {
		req.Trigger = TriggerManual
	}
	loc := r.Config.Location
	periodic := req.Job == JobRefresh || req.Job == JobMonthlyBonus || req.Job == JobQuarterlyAudit || req.Job == "close"
	if req.Period == "" && periodic {
		if req.Period, err = DefaultPeriod(req.Job, now(), loc); err != nil {
			return out, err
		}
	}
	j := &job{Runner: r, req: req, detail: map[string]any{}}
	j.log = log.With("job", req.Job, "period", req.Period)
	if periodic {
		if j.per, j.asOf, err = resolvePeriod(jobKind(req.Job), req.Period, now(), loc); err != nil {
			return out, err
		}
	}
	w, done, err := OpenLocked(ctx, r.Config.WarehousePath(), warehouse.Options{MemoryLimit: r.Config.MemoryLimit},
		Holder{Job: req.Job, Period: req.Period, Trigger: req.Trigger}, r.LockWait, j.log)
	if err != nil {
		return out, err
	}
	defer done()
	j.w = w
	started := time.Now()
	run := warehouse.Run{Job: req.Job, Period: req.Period, Trigger: req.Trigger, ScheduledAt: req.ScheduledAt, StartedAt: started,
		Status: warehouse.StatusRunning, PID: os.Getpid(), Host: proc.Hostname(), Version: runVersion(r.Build)}
	if j.runID, err = w.StartRun(ctx, run); err != nil {
		return out, err
	}
	run.ID = j.runID
	journalRun(j.log, w.Path, run)
	j.out = Outcome{RunID: j.runID, Job: req.Job, Period: req.Period}
	j.log.Info("run started", "run", j.runID, "trigger", req.Trigger)
	defer func() {
		if p := recover(); p != nil {
			j.log.Error("run panicked", "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("%s %s panicked: %v", req.Job, req.Period, p)
		}
		status := "ok"
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			status = "cancelled"
		default:
			status = "failed"
		}
		fp, _ := w.Fingerprint(context.WithoutCancel(ctx))
		detail, _ := json.Marshal(j.detail)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		run.FinishedAt, run.Status, run.Error, run.Fingerprint, run.Rows, run.Outputs, run.Detail =
			time.Now(), status, errText, fp, j.rows, j.out.Outputs, string(detail)
		ferr := w.FinishRun(context.WithoutCancel(ctx), run)
		journalRun(j.log, w.Path, run)
		if ferr != nil && err == nil {
			err = ferr
		}
		j.log.Info("run finished", "run", j.runID, "status", status, "outputs", len(j.out.Outputs), "took", time.Since(started).Round(time.Millisecond))
		out = j.out
		if err == nil {
			j.compactIfSparse(ctx)
		}
	}()
	return j.out, body(ctx, j)
}

// runVersion is the build as the run history records it ("" when unknown).
func runVersion(b buildinfo.Info) string {
	if b.IsZero() {
		return ""
	}
	return b.Label()
}

func jobKind(job string) string {
	if job == "close" {
		return JobMonthlyBonus
	}
	return job
}

// execute runs the job's steps.
func (j *job) execute(ctx context.Context) error {
	if err := j.load(ctx); err != nil {
		return err
	}
	key, err := j.outputsKey(ctx)
	if err != nil {
		return err
	}
	if kept, since, err := j.keptOutputs(ctx, key); err != nil {
		return err
	} else if kept != nil && !j.req.Rewrite {
		if err := j.keep(ctx, kept, since); err != nil {
			return err
		}
		return j.recordAuditScores(ctx)
	}
	j.lap = time.Now()
	switch j.req.Job {
	case JobMonthlyBonus, JobRefresh:
		st, err := j.readMonth(ctx, j.req.Job == JobMonthlyBonus)
		if err != nil {
			return err
		}
		if err := j.writeMonth(ctx, st); err != nil {
			return err
		}
	case JobQuarterlyAudit:
		if err := j.quarterReports(ctx); err != nil {
			return err
		}
		if err := j.recordAuditScores(ctx); err != nil {
			return err
		}
	}
	if err := j.recordWritten(key, ""); err != nil {
		return err
	}
	return j.index(ctx)
}

// load ingests the configured sources and runs the transform.
func (j *job) load(ctx context.Context) error {
	if j.Ingest != nil {
		rep, rows, err := j.Ingest(ctx, j.w)
		j.detail["ingest"] = rep
		j.rows = rows
		if err != nil {
			return err
		}
	}
	opt, err := bonus.Transform(j.Config, j.asOf, j.log)
	if err != nil {
		return err
	}
	opt.Targets = Targets(j.req.Job)
	if j.req.Job == JobQuarterlyAudit {
		opt.Vars["audit_period"] = j.per.String()
	}
	if j.stamps, err = ingest.TableStamps(ctx, j.w.DB); err != nil {
		return err
	}
	opt.Stamps = j.stamps
	res, err := transform.Run(ctx, j.w, opt)
	j.detail["transform"] = map[string]any{"models": len(res.Models), "up_to_date": len(res.Fresh), "tests": res.Tests,
		"as_of": j.asOf.Format(time.DateOnly)}
	return err
}

// addOutput records a written file and the files written with it.
func (j *job) addOutput(path string, with ...string) {
	j.out.Outputs = append(append(j.out.Outputs, path), with...)
	args := []any{"path", path}
	switch {
	case len(with) > 8: // a statement per rep
		args = append(args, "with_files", len(with))
	case len(with) > 0:
		args = append(args, "with", with)
	}
	j.lapDone("report written", args...)
}

// lapDone logs (at debug) a step of the report phase with its time since
// the last one.
func (j *job) lapDone(msg string, args ...any) {
	if !j.lap.IsZero() {
		j.log.Debug(msg, append(args, "took", time.Since(j.lap).Round(time.Millisecond))...)
	}
	j.lap = time.Now()
}

// periodDir is the report folder of the run's period.
func (j *job) periodDir(p string) (string, error) {
	dir := j.Config.OutputDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("creating the output folder: %w", err)
	}
	return reportsPeriodDir(dir, p)
}
