package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// queue holds the requests waiting for the single worker. Jobs run one at a
// time because they all write the same DuckDB warehouse; a request is
// skipped when the same job for the same period is already queued or
// running (a slow refresh overtaken by its next trigger), while a different
// job, or the same job for another period, waits its turn in FIFO order.
type queue struct {
	log    *slog.Logger
	mu     sync.Mutex
	items  []Request
	active map[string]Request // queued or running, by job and period
	// taken is the latest cron slot accepted per job: a slot runs once,
	// even when the timer library delivers its trigger twice.
	taken    map[string]time.Time
	wake     chan struct{}
	closed   bool
	closedCh chan struct{}
}

func newQueue(log *slog.Logger) *queue {
	return &queue{log: log, active: map[string]Request{}, taken: map[string]time.Time{}, wake: make(chan struct{}, 1), closedCh: make(chan struct{})}
}

func requestKey(r Request) string { return r.Job + "\x00" + r.Period }

// submit queues req unless an equal job is already pending or the queue is
// shutting down, and reports whether it was queued.
func (q *queue) submit(req Request) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		q.log.Warn("trigger ignored: shutting down", "job", req.Job, "period", req.Period, "trigger", req.Trigger)
		return false
	}
	if prev, busy := q.active[requestKey(req)]; busy {
		q.log.Warn("trigger skipped: the same job and period is already queued or running",
			"job", req.Job, "period", req.Period, "trigger", req.Trigger, "scheduled_at", req.ScheduledAt,
			"pending_trigger", prev.Trigger, "pending_scheduled_at", prev.ScheduledAt)
		return false
	}
	if !req.ScheduledAt.IsZero() {
		if last, ok := q.taken[req.Job]; ok && !req.ScheduledAt.After(last) {
			q.log.Warn("trigger skipped: this slot of the job was already taken",
				"job", req.Job, "period", req.Period, "trigger", req.Trigger, "scheduled_at", req.ScheduledAt, "last_slot", last)
			return false
		}
		q.taken[req.Job] = req.ScheduledAt
	}
	q.active[requestKey(req)] = req
	q.items = append(q.items, req)
	q.log.Info("job queued", "job", req.Job, "period", req.Period, "trigger", req.Trigger, "scheduled_at", req.ScheduledAt, "ahead", len(q.items)-1)
	select {
	case q.wake <- struct{}{}:
	default:
	}
	return true
}

// take blocks until a request is available or the queue closes; on close
// the requests still waiting are dropped (a scheduled one is caught up at
// the next start, because no run of it was recorded).
func (q *queue) take() (Request, bool) {
	for {
		q.mu.Lock()
		if q.closed {
			for _, r := range q.items {
				q.log.Warn("queued job not started: shutting down", "job", r.Job, "period", r.Period, "trigger", r.Trigger)
				delete(q.active, requestKey(r))
			}
			q.items = nil
			q.mu.Unlock()
			return Request{}, false
		}
		if len(q.items) > 0 {
			r := q.items[0]
			q.items = q.items[1:]
			q.mu.Unlock()
			return r, true
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-q.closedCh:
		}
	}
}

func (q *queue) finish(r Request) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.active, requestKey(r))
}

// idle reports whether no request is queued or running.
func (q *queue) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.active) == 0
}

func (q *queue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		close(q.closedCh)
	}
}

// work is the single worker: it runs queued requests until the queue closes.
func (s *Scheduler) work(ctx context.Context) {
	for {
		req, ok := s.q.take()
		if !ok {
			return
		}
		s.execute(ctx, req)
		s.q.finish(req)
	}
}

// execute runs req with the retry budget: an error is retried after
// Backoff, 2×Backoff, 4×Backoff... on the scheduler's clock; a panic is
// recorded and not retried (the same input would panic again); a run
// cancelled by shutdown is not retried, and neither is one whose backoff
// is interrupted by shutdown.
func (s *Scheduler) execute(ctx context.Context, req Request) {
	log := s.log.With("job", req.Job, "period", req.Period, "trigger", req.Trigger, "scheduled_at", req.ScheduledAt)
	first := s.clock.Now()
	delay := s.cfg.Backoff
	for attempt := 1; ; attempt++ {
		log.Info("job started", "attempt", attempt)
		panicked, err := s.attempt(ctx, req, log)
		switch {
		case err == nil:
			log.Info("job finished", "attempt", attempt, "took", s.clock.Since(first))
			return
		case panicked:
			return
		case ctx.Err() != nil:
			log.Warn("job cancelled by shutdown", "attempt", attempt, "err", err)
			return
		case attempt > s.cfg.Retries:
			log.Error("job failed; giving up", "attempts", attempt, "err", err)
			s.recordFailure(ctx, req, first, fmt.Errorf("gave up after %d attempt(s): %w", attempt, err), log)
			return
		}
		t := s.clock.NewTimer(delay)
		log.Warn("job failed; will retry", "attempt", attempt, "retry_in", delay, "err", err)
		select {
		case <-t.Chan():
		case <-s.q.closedCh:
			t.Stop()
			log.Warn("not retrying: shutting down", "attempt", attempt)
			return
		}
		delay *= 2
	}
}

// attempt calls Run once, turning a panic into a recorded failure so one
// broken job cannot take the scheduler down with it.
func (s *Scheduler) attempt(ctx context.Context, req Request, log *slog.Logger) (panicked bool, err error) {
	started := s.clock.Now()
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		panicked = true
		err = fmt.Errorf("job %s %s panicked: %v", req.Job, req.Period, r)
		log.Error("job panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		s.recordFailure(ctx, req, started, err, log)
	}()
	return false, s.cfg.Run(ctx, req)
}

// recordFailure writes the failure even when ctx is already cancelled: the
// record is what tells the operator the job did not complete.
func (s *Scheduler) recordFailure(ctx context.Context, req Request, started time.Time, failure error, log *slog.Logger) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := s.cfg.History.RecordFailure(rctx, req, started, s.clock.Now(), failure); err != nil {
		log.Error("recording the failed run", "err", err, "failure", failure)
	}
}
