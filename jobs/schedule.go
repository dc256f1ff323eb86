package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"github.com/salesops/salesops/faults"
)

// Triggers say why a run started; they are recorded with the run so
// `salesops runs` can tell a scheduled run from a catch-up or a manual one.
const (
	TriggerSchedule = "schedule"
	TriggerCatchUp  = "catch-up"
	TriggerManual   = "manual"
)

// Request is one job to run for one period.
type Request struct {
	Job, Period, Trigger string
	// ScheduledAt is the cron fire time the run stands for (zero for a
	// manual run). For a catch-up it is the missed fire time, not the
	// moment the catch-up started, so history shows which slot was filled.
	ScheduledAt time.Time
	// Rewrite writes the files even when nothing they are made from
	// changed since the last run wrote them (outputs_fresh.go).
	Rewrite bool
}

// RunFunc runs one job end to end and records it in the run history itself.
type RunFunc func(ctx context.Context, req Request) error

// History is what the scheduler needs from the run history (the warehouse
// implements it elsewhere).
type History interface {
	// LastScheduled: the latest ScheduledAt among recorded runs of job whose
	// trigger was schedule or catch-up and that did their slot (ended ok or
	// failed), and whether any such run was attempted at all (a zero time
	// with true: only abandoned, cancelled or refused attempts).
	LastScheduled(ctx context.Context, job string) (time.Time, bool, error)
	// RecordFailure records a run that failed outside RunFunc's own
	// bookkeeping (a panic, an exhausted retry budget...).
	RecordFailure(ctx context.Context, req Request, started, ended time.Time, err error) error
}

// JobSpec names a job and its standard 5-field cron expression.
type JobSpec struct{ Name, Cron string }

// SchedulerConfig is everything a Scheduler needs; see NewScheduler.
type SchedulerConfig struct {
	Jobs      []JobSpec
	Location  *time.Location
	Clock     clockwork.Clock // nil → real clock
	Run       RunFunc
	History   History
	PeriodFor func(job string, firedAt time.Time) string // supplied by the caller
	Retries   int                                        // extra attempts after a failure
	Backoff   time.Duration                              // first retry delay, doubling
	Grace     time.Duration                              // how long a running job may finish after shutdown starts
	Logger    *slog.Logger
	// CatchUpWithoutHistory also catches up a job that has never run on a
	// schedule. Off by default: a brand-new warehouse should not start
	// paying last month's bonus the moment the scheduler is first started;
	// the operator runs `salesops run` by hand once if that is wanted.
	CatchUpWithoutHistory bool
	// SkipCatchUp turns catch-up off altogether (configuration
	// `schedule.catch_up: false`): missed slots are then only logged.
	SkipCatchUp bool
}

// Scheduler starts jobs on their cron schedules, one at a time.
type Scheduler struct {
	cfg   SchedulerConfig
	clock clockwork.Clock
	log   *slog.Logger
	names []string
	cron  map[string]*cronSchedule

	ran sync.Once
	q   *queue
}

// NewScheduler checks the configuration, naming the job whose cron
// expression is bad; its errors wrap faults.ErrUsage (exit code 2).
func NewScheduler(cfg SchedulerConfig) (*Scheduler, error) {
	var errs []error
	if len(cfg.Jobs) == 0 {
		errs = append(errs, errors.New("no job schedules configured"))
	}
	if cfg.Location == nil {
		errs = append(errs, errors.New("no time zone given for the schedules"))
	}
	if cfg.Run == nil || cfg.History == nil || cfg.PeriodFor == nil {
		errs = append(errs, errors.New("Run, History and PeriodFor are required"))
	}
	if cfg.Retries < 0 || cfg.Backoff < 0 || cfg.Grace < 0 {
		errs = append(errs, fmt.Errorf("retries %d, backoff %s and grace %s must not be negative", cfg.Retries, cfg.Backoff, cfg.Grace))
	}
	if cfg.Retries > 0 && cfg.Backoff == 0 {
		errs = append(errs, fmt.Errorf("%d retries need a backoff above zero", cfg.Retries))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", faults.ErrUsage, errors.Join(errs...))
	}
	s := &Scheduler{cfg: cfg, clock: cfg.Clock, log: cfg.Logger, cron: map[string]*cronSchedule{}}
	if s.clock == nil {
		s.clock = clockwork.NewRealClock()
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for _, j := range cfg.Jobs {
		if j.Name == "" {
			errs = append(errs, fmt.Errorf("a schedule with cron %q has no job name", j.Cron))
			continue
		}
		if _, dup := s.cron[j.Name]; dup {
			errs = append(errs, fmt.Errorf("job %q is scheduled twice", j.Name))
			continue
		}
		c, err := parseCron(j.Cron, cfg.Location)
		if err != nil {
			errs = append(errs, fmt.Errorf("schedule of job %q: %w", j.Name, err))
			continue
		}
		s.cron[j.Name] = c
		s.names = append(s.names, j.Name)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", faults.ErrUsage, errors.Join(errs...))
	}
	return s, nil
}

// NextRuns lists the next n fire times per job (for `salesops schedule
// --dry-run` and logs), in the configured time zone.
func (s *Scheduler) NextRuns(n int) map[string][]time.Time {
	now := s.clock.Now()
	out := make(map[string][]time.Time, len(s.names))
	for _, name := range s.names {
		c := s.cron[name]
		var fires []time.Time
		for f := c.Next(now); !f.IsZero() && len(fires) < n; f = c.Next(f) {
			fires = append(fires, f)
		}
		out[name] = fires
	}
	return out
}

// Run starts the schedule, catches up missed runs once, and blocks until
// ctx is cancelled; then it stops starting jobs, waits up to Grace for a
// running job, cancels it if needed, waits for it to return, and returns
// nil. A Scheduler runs once.
func (s *Scheduler) Run(ctx context.Context) error {
	first := false
	s.ran.Do(func() { first = true })
	if !first {
		return errors.New("scheduler: Run called twice")
	}
	// Jobs get a context that survives ctx's cancellation, so a running job
	// can finish inside the grace period; cancelJobs ends it after that.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	s.q = newQueue(s.log)
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		s.work(jobCtx)
	}()

	g, err := s.startGocron()
	if err != nil {
		s.q.close()
		<-workerDone
		return err
	}
	// Catch-ups are queued before the timers start, so they run first; the
	// timers only ever fire strictly after this instant, so a fire time is
	// either caught up here or fired by gocron, never both.
	s.catchUp(ctx)
	g.Start()
	for name, fires := range s.NextRuns(1) {
		if len(fires) > 0 {
			s.log.Info("job scheduled", "job", name, "cron", s.cron[name].spec, "next", fires[0])
		}
	}

	<-ctx.Done()
	s.log.Info("shutting down: no new jobs will start")
	if err := g.Shutdown(); err != nil {
		s.log.Warn("stopping the cron timers", "err", err)
	}
	s.q.close()
	s.awaitWorker(workerDone, cancelJobs)
	s.log.Info("scheduler stopped")
	return nil
}

// awaitWorker gives the running job Grace to finish, then cancels it and
// waits for it to return: a job is never abandoned mid-write.
func (s *Scheduler) awaitWorker(done <-chan struct{}, cancel context.CancelFunc) {
	select {
	case <-done:
		return
	default:
	}
	if s.q.idle() {
		<-done // no job is running: the worker is only returning
		return
	}
	grace := s.clock.NewTimer(s.cfg.Grace)
	defer grace.Stop()
	// Logged after the timer exists, so a test that sees this line can
	// advance the fake clock past it.
	s.log.Info("waiting for the running job to finish", "grace", s.cfg.Grace)
	select {
	case <-done:
	case <-grace.Chan():
		s.log.Warn("grace period over: cancelling the running job", "grace", s.cfg.Grace)
		cancel()
		<-done
	}
}

func (s *Scheduler) startGocron() (gocron.Scheduler, error) {
	g, err := gocron.NewScheduler(
		gocron.WithLocation(s.cfg.Location),
		gocron.WithClock(s.clock),
		gocron.WithLogger(s.log.With("component", "gocron")),
	)
	if err != nil {
		return nil, fmt.Errorf("creating the cron scheduler: %w", err)
	}
	for _, name := range s.names {
		c := s.cron[name]
		// The task only queues a request and returns, so gocron never sees
		// two runs overlap; the queue decides what runs and when.
		_, err := g.NewJob(
			gocron.CronJob(c.spec, false),
			gocron.NewTask(s.fire, name),
			gocron.WithName(name),
			gocron.WithCronImplementation(c),
		)
		if err != nil {
			_ = g.Shutdown()
			return nil, fmt.Errorf("scheduling job %q (cron %q): %w", name, c.spec, err)
		}
	}
	return g, nil
}

// fire runs on gocron's timer. The fire time is recomputed from the clock
// as the latest fire time not after now: gocron does not hand it to the
// task, and a timer never fires early, so this is the slot that fired.
func (s *Scheduler) fire(job string) {
	now := s.clock.Now()
	at, ok := s.cron[job].Prev(now)
	if !ok {
		s.log.Error("cron fired but no fire time found", "job", job, "now", now)
		return
	}
	s.q.submit(Request{Job: job, Period: s.cfg.PeriodFor(job, at), Trigger: TriggerSchedule, ScheduledAt: at})
}
